function bump:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr w3, [x2, #48]
  mov x6, x2
  add w2, w3, #1
  str w2, [x6, #48]
  ldp fp, lr, [sp], #16
  ret

function run:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  str x19, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
block0:
  mov x7, sp
  ldr x8, [x2]
  subs xzr, x7, x8
  b.lo #trap=stk_ovf
  mov x19, x2
  bl 0
  subs wzr, w2, #3
  b.hi label2 ; b label1
block1:
  b label3
block2:
  ldr x12, [x19, #64]
  ldr x2, [x19, #72]
  movz w3, #0
  blr x12
  b label3
block3:
  ldr x19, [sp], #16
  ldp fp, lr, [sp], #16
  ret
