function grow:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  str x20, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p20i }
block0:
  mov x15, x1
  mov x12, sp
  ldr x13, [x0]
  mov x20, x0
  subs xzr, x12, x13
  b.lo #trap=stk_ovf
  movz w1, #0
  mov x0, x15
  mov w2, w0
  load_ext_name_got x14, User(userextname0)
  mov x0, x20
  blr x14
  ldr x14, [x20, #32]
  ldr x14, [x14, #8]
  lsr x14, x14, #16
  add w0, w0, w14
  ldr x20, [sp], #16
  ldp fp, lr, [sp], #16
  ret
