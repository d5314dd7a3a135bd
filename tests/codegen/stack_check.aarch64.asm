function leaf:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  add w2, w3, w4
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
  ldr x12, [x2]
  subs xzr, x11, x12
  b.lo #trap=stk_ovf
  cbz x3, label7 ; b label1
block1:
  b label2
block2:
  subs xzr, x3, #1
  mov x19, x3
  b.eq label4 ; b label3
block3:
  mov x0, x19
  sub x3, x0, #1
  bl 0
  mov x3, x19
  b label6
block4:
  b label5
block5:
  movz x2, #1
  mov x3, x19
  b label6
block6:
  madd x2, x3, x2, xzr
  b label8
block7:
  movz x2, #1
  b label8
block8:
  ldr x19, [sp], #16
  ldp fp, lr, [sp], #16
  ret
