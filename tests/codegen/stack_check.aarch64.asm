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
  mov x11, sp
  ldr x12, [x0]
  subs xzr, x11, x12
  b.lo #trap=stk_ovf
  cbz x1, label7 ; b label1
block1:
  b label2
block2:
  subs xzr, x1, #1
  mov x19, x1
  b.eq label4 ; b label3
block3:
  mov x2, x19
  sub x1, x2, #1
  bl 0
  mov x1, x19
  b label6
block4:
  b label5
block5:
  movz x0, #1
  mov x1, x19
  b label6
block6:
  madd x0, x1, x0, xzr
  b label8
block7:
  movz x0, #1
  b label8
block8:
  ldr x19, [sp], #16
  ldp fp, lr, [sp], #16
  ret
