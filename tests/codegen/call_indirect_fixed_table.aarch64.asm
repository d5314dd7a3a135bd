function inc:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  add w0, w1, #1
  ldp fp, lr, [sp], #16
  ret

function dbl:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  lsl w0, w1, #1
  ldp fp, lr, [sp], #16
  ret

function neg:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sub w0, wzr, w1
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
  mov x3, x1
  mov x1, sp
  ldr x2, [x0]
  subs xzr, x1, x2
  b.lo #trap=stk_ovf
  movz w1, #0
  ldr x2, [x0, #32]
  ldr x22, [x2]
  ldr x0, [x0, #16]
  ldr w21, [x0]
  mov x19, x3
  b label1
block1:
  and w0, w19, #3
  mov w2, w0
  subs xzr, x2, #4
  b.hs #trap=user4
  ldr x0, [x22, w0, UXTW #3]
  ldr w2, [x0, #8]
  subs wzr, w2, w21
  b.ne #trap=user6
  ldr x2, [x0]
  ldr x0, [x0, #16]
  blr x2
  sub w19, w19, #1
  cbnz w19, label2 ; b label3
block2:
  mov x1, x0
  b label1
block3:
  ldp x19, x21, [sp], #16
  ldr x22, [sp], #16
  ldp fp, lr, [sp], #16
  ret
