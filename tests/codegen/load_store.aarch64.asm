function swap_and_widen:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x8, [x0, #32]
  add x9, x8, x1, UXTW
  ldr w10, [x9, #4]
  ldrb w11, [x8, w1, UXTW]
  str w11, [x9, #4]
  strb w10, [x8, w1, UXTW]
  ldrsh x11, [x9, #8]
  add x0, x11, x10, SXTW
  ldp fp, lr, [sp], #16
  ret
