function slice:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x0, [x0, #32]
  ldr x0, [x0]
  lsr w2, w1, #6
  and w2, w2, #1020
  movz w3, #5808
  add w2, w2, w3
  ldr w2, [x0, w2, UXTW]
  uxtb w3, w1
  movz w4, #6832
  add w3, w4, w3, LSL 2
  ldr w3, [x0, w3, UXTW]
  lsr w1, w1, #24
  movz w4, #3760
  add w1, w4, w1, LSL 2
  ldr w0, [x0, w1, UXTW]
  eor w1, w2, w3
  eor w0, w1, w0
  ldp fp, lr, [sp], #16
  ret

function byte_index:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x8, [x0, #32]
  ldr x8, [x8]
  ldrb w9, [x8, w1, UXTW]
  add w9, w9, #1024
  add x8, x8, x9, UXTW
  ldrb w0, [x8, #4]
  ldp fp, lr, [sp], #16
  ret

function may_wrap:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x6, [x0, #32]
  ldr x6, [x6]
  add w7, w1, #1024
  ldr w0, [x6, w7, UXTW]
  ldp fp, lr, [sp], #16
  ret
