function add:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  add w0, w1, w2
  ldp fp, lr, [sp], #16
  ret

function sub:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sub w0, w1, w2
  ldp fp, lr, [sp], #16
  ret

function apply:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mov x4, sp
  ldr x5, [x0]
  subs xzr, x4, x5
  b.lo #trap=stk_ovf
  ldr x4, [x0, #32]
  ldr x5, [x4, #8]
  mov w6, w1
  subs xzr, x6, x5
  b.hs #trap=user4
  ldr x4, [x4]
  ldr x1, [x4, w1, UXTW #3]
  ldr w4, [x1, #8]
  ldr x0, [x0, #16]
  ldr w0, [x0]
  subs wzr, w4, w0
  b.ne #trap=user6
  ldr x4, [x1]
  ldr x0, [x1, #16]
  mov x1, x2
  mov x2, x3
  blr x4
  ldp fp, lr, [sp], #16
  ret
