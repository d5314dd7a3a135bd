function swizzle:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  tbl v0.16b, { v0.16b }, v1.16b
  ldp fp, lr, [sp], #16
  ret

function trunc:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  fcvtzs v3.2d, v0.2d
  sqxtn v0.2s, v3.2d
  ldp fp, lr, [sp], #16
  ret

function madd:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mov v5.16b, v0.16b
  mov v0.16b, v2.16b
  fmla v0.4s, v0.4s, v5.4s, v1.4s
  ldp fp, lr, [sp], #16
  ret

function laneselect:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mov v5.16b, v0.16b
  mov v0.16b, v2.16b
  bsl v0.16b, v0.16b, v5.16b, v1.16b
  ldp fp, lr, [sp], #16
  ret

function dot_add:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  smull v16.8h, v0.8b, v1.8b
  smull2 v17.8h, v0.16b, v1.16b
  addp v16.8h, v16.8h, v17.8h
  saddlp v16.4s, v16.8h
  add v0.4s, v16.4s, v2.4s
  ldp fp, lr, [sp], #16
  ret
