function inc:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  add w2, w3, #1
  ldp fp, lr, [sp], #16
  ret

function dbl:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  lsl w2, w3, #1
  ldp fp, lr, [sp], #16
  ret

function neg:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sub w2, wzr, w3
  ldp fp, lr, [sp], #16
  ret

function wasm-function[3]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  str x22, [sp, #-16]!
  unwind SaveReg { clobber_offset: 16, reg: p22i }
  stp x19, x21, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
  unwind SaveReg { clobber_offset: 8, reg: p21i }
block0:
  mov x4, x3
  mov x0, sp
  ldr x1, [x2]
  subs xzr, x0, x1
  b.lo #trap=stk_ovf
  movz w3, #0
  ldr x0, [x2, #48]
  ldr x22, [x0]
  ldr x0, [x2, #16]
  ldr w21, [x0]
  mov x19, x4
  b label1
block1:
  and w0, w19, #3
  mov w1, w0
  subs xzr, x1, #4
  b.hs #trap=user4
  ldr x0, [x22, w0, UXTW #3]
  ldr w1, [x0, #8]
  subs wzr, w1, w21
  b.ne #trap=user6
  ldr x1, [x0]
  ldr x2, [x0, #16]
  blr x1
  sub w19, w19, #1
  cbnz w19, label2 ; b label3
block2:
  mov x3, x2
  b label1
block3:
  ldp x19, x21, [sp], #16
  ldr x22, [sp], #16
  ldp fp, lr, [sp], #16
  ret
