function slice:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x0, [x2, #48]
  ldr x0, [x0]
  lsr w1, w3, #6
  and w1, w1, #1020
  movz w2, #5808
  add w1, w1, w2
  ldr w1, [x0, w1, UXTW]
  uxtb w2, w3
  movz w4, #6832
  add w2, w4, w2, LSL 2
  ldr w2, [x0, w2, UXTW]
  lsr w3, w3, #24
  movz w4, #3760
  add w3, w4, w3, LSL 2
  ldr w0, [x0, w3, UXTW]
  eor w1, w1, w2
  eor w2, w1, w0
  ldp fp, lr, [sp], #16
  ret

function byte_index:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x8, [x2, #48]
  ldr x8, [x8]
  ldrb w9, [x8, w3, UXTW]
  add w9, w9, #1024
  add x8, x8, x9, UXTW
  ldrb w2, [x8, #4]
  ldp fp, lr, [sp], #16
  ret

function may_wrap:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x6, [x2, #48]
  ldr x6, [x6]
  add w7, w3, #1024
  ldr w2, [x6, w7, UXTW]
  ldp fp, lr, [sp], #16
  ret
