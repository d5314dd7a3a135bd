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
  ldr x16, [x0]
  add x16, x16, #48
  subs xzr, sp, x16, UXTX
  b.lo #trap=stk_ovf
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  str x24, [sp, #-16]!
  unwind SaveReg { clobber_offset: 16, reg: p24i }
  stp x19, x20, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
  unwind SaveReg { clobber_offset: 8, reg: p20i }
block0:
  mov x3, x1
  movz w1, #0
  ldr x2, [x0, #32]
  ldr x20, [x2]
  ldr x0, [x0, #16]
  ldr w19, [x0]
  mov x24, x3
  b label1
block1:
  and w2, w24, #3
  mov w0, w2
  subs xzr, x0, #4
  b.hs #trap=user4
  ldr x2, [x20, w2, UXTW #3]
  ldr w0, [x2, #8]
  subs wzr, w0, w19
  b.ne #trap=user6
  ldr x3, [x2]
  ldr x0, [x2, #16]
  blr x3
  sub w24, w24, #1
  cbnz w24, label2 ; b label3
block2:
  mov x1, x0
  b label1
block3:
  ldp x19, x20, [sp], #16
  ldr x24, [sp], #16
  ldp fp, lr, [sp], #16
  ret
