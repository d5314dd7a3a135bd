function grow:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  str x19, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
block0:
  mov x12, sp
  ldr x13, [x2]
  mov x19, x2
  subs xzr, x12, x13
  b.lo #trap=stk_ovf
  movz w1, #0
  mov w2, w3
  load_ext_name_got x14, User(userextname0)
  mov x0, x19
  blr x14
  mov x2, x19
  ldr x14, [x2, #48]
  ldr x14, [x14, #8]
  lsr x14, x14, #16
  add w2, w0, w14
  ldr x19, [sp], #16
  ldp fp, lr, [sp], #16
  ret
