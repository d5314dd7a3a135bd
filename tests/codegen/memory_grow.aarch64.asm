function grow:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  ldr x16, [x0]
  add x16, x16, #32
  subs xzr, sp, x16, UXTX
  b.lo #trap=stk_ovf
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  str x19, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
block0:
  movz w10, #0
  mov w2, w1
  load_ext_name_got x11, User(userextname0)
  mov x1, x10
  mov x19, x0
  blr x11
  ldr x10, [x19, #32]
  ldr x10, [x10, #8]
  lsr x10, x10, #16
  add w0, w0, w10
  ldr x19, [sp], #16
  ldp fp, lr, [sp], #16
  ret
