function set:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x11, [x2, #48]
  ldr x11, [x11]
  lsr w12, w4, #5
  add w12, w3, w12, LSL 2
  ldr w13, [x11, w12, UXTW]
  movz w14, #1
  lsl w14, w14, w4
  orr w13, w13, w14
  str w13, [x11, w12, UXTW]
  ldp fp, lr, [sp], #16
  ret

function index64:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  lsr x3, x3, #7
  lsl x2, x3, #3
  ldp fp, lr, [sp], #16
  ret

function other:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  lsr w3, w3, #3
  and w2, w3, #1073741820
  ldp fp, lr, [sp], #16
  ret
