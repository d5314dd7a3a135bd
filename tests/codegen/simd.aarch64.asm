function madd:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr q6, [x2, #48]
  mul v7.4s, v0.4s, v1.4s
  add v0.4s, v7.4s, v6.4s
  ldp fp, lr, [sp], #16
  ret

function reverse:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr q2, [const(0)]
  mov v31.16b, v0.16b
  mov v30.16b, v31.16b
  tbl v0.16b, { v30.16b, v31.16b }, v2.16b
  ldp fp, lr, [sp], #16
  ret

function sum_lanes:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x9, [x2, #64]
  ldr x9, [x9]
  add x9, x9, x3, UXTW
  ldr q16, [x9, #16]
  mov w9, v16.s[0]
  mov w10, v16.s[3]
  add w2, w9, w10
  ldp fp, lr, [sp], #16
  ret

function scale:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x8, [x2, #64]
  ldr x8, [x8]
  ldr q16, [x8, w3, UXTW]
  dup v17.4s, v0.s[0]
  fmul v16.4s, v16.4s, v17.4s
  str q16, [x8, w3, UXTW]
  ldp fp, lr, [sp], #16
  ret
