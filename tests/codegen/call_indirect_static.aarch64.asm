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
  str x25, [sp, #-16]!
  unwind SaveReg { clobber_offset: 16, reg: p25i }
  stp x19, x20, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
  unwind SaveReg { clobber_offset: 8, reg: p20i }
block0:
  mov x4, x3
  mov x0, sp
  ldr x1, [x2]
  mov x20, x2
  subs xzr, x0, x1
  b.lo #trap=stk_ovf
  movz w3, #0
  load_ext_name_got x19, User(userextname0)
  mov x25, x4
  b label1
block1:
  and w0, w25, #3
  mov w0, w0
  subs xzr, x0, #5
  b.hs #trap=user4
  lsl x1, x0, #4
  add x0, x19, x0, LSL 4
  ldr w0, [x0, #8]
  cbnz w0, label5 ; b label2
block2:
  ldr x0, [x19, x1]
  mov x2, x20
  blr x0
  sub w25, w25, #1
  cbnz w25, label3 ; b label4
block3:
  mov x3, x2
  b label1
block4:
  ldp x19, x20, [sp], #16
  ldr x25, [sp], #16
  ldp fp, lr, [sp], #16
  ret
block5:
  movn w1, #0
  subs wzr, w0, w1
  b.eq #trap=user5
  udf #0xc11f
