function swap_and_widen:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x9, [x2, #48]
  ldr x9, [x9]
  add x10, x9, x3, UXTW
  ldr w11, [x10, #4]
  ldrb w12, [x9, w3, UXTW]
  str w12, [x10, #4]
  strb w11, [x9, w3, UXTW]
  ldrsh x12, [x10, #8]
  add x2, x12, x11, SXTW
  ldp fp, lr, [sp], #16
  ret
