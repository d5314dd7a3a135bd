function add:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  add w2, w3, w4
  ldp fp, lr, [sp], #16
  ret

function sub:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sub w2, w3, w4
  ldp fp, lr, [sp], #16
  ret

function apply:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mov x0, sp
  ldr x1, [x2]
  subs xzr, x0, x1
  b.lo #trap=stk_ovf
  ldr x0, [x2, #48]
  ldr x1, [x0, #8]
  mov w6, w3
  subs xzr, x6, x1
  b.hs #trap=user4
  ldr x0, [x0]
  ldr x0, [x0, w3, UXTW #3]
  ldr w1, [x0, #8]
  ldr x2, [x2, #16]
  ldr w2, [x2]
  subs wzr, w1, w2
  b.ne #trap=user6
  ldr x1, [x0]
  ldr x2, [x0, #16]
  mov x3, x4
  mov x4, x5
  blr x1
  ldp fp, lr, [sp], #16
  ret
