function sum_to:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movz w2, #0
  movz x0, #0
  b label1
block1:
  subs wzr, w2, w1
  b.hs label3 ; b label2
block2:
  add w2, w2, #1
  add x0, x0, x2, UXTW
  b label1
block3:
  ldp fp, lr, [sp], #16
  ret
