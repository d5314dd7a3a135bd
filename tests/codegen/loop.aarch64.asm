function sum_to:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movz w4, #0
  movz x2, #0
  b label1
block1:
  subs wzr, w4, w3
  b.hs label3 ; b label2
block2:
  add w4, w4, #1
  add x2, x2, x4, UXTW
  b label1
block3:
  ldp fp, lr, [sp], #16
  ret
