function mix:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  fsqrt d16, d0
  frintn s17, s1
  fcvt d17, s17
  fadd d16, d16, d17
  movz x13, #52581, LSL #32
  movk x13, x13, #16845, LSL #48
  fmov d17, x13
  fmin d16, d16, d17
  fcmp d16, d16
  b.vs #trap=bad_toint
  ldr d17, [const(0)]
  fcmp d16, d17
  b.le #trap=int_ovf
  movz x0, #16864, LSL #48
  fmov d19, x0
  fcmp d16, d19
  b.ge #trap=int_ovf
  fcvtzs w2, d16
  ldp fp, lr, [sp], #16
  ret
