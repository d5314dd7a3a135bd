function leaf:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  add w0, w1, w2
  ldp fp, lr, [sp], #16
  ret

function fact:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  str x19, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
block0:
  mov x9, sp
  ldr x10, [x0]
  subs xzr, x9, x10
  b.lo #trap=stk_ovf
  cbz x1, label2 ; b label1
block1:
  mov x2, x1
  sub x1, x2, #1
  mov x19, x2
  bl 0
  mov x1, x19
  madd x0, x1, x0, xzr
  b label3
block2:
  movz x0, #1
  b label3
block3:
  ldr x19, [sp], #16
  ldp fp, lr, [sp], #16
  ret
