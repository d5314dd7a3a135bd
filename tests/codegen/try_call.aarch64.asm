function may_throw:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  stp x19, x20, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
  unwind SaveReg { clobber_offset: 8, reg: p20i }
block0:
  mov x9, sp
  ldr x10, [x2]
  subs xzr, x9, x10
  b.lo #trap=stk_ovf
  str w3, [x2, #48]
  mov x19, x2
  cbnz w3, label3 ; b label1
block1:
  b label2
block2:
  movz w2, #1
  ldp x19, x20, [sp], #16
  ldp fp, lr, [sp], #16
  ret
block3:
  mov x20, x3
  movz w1, #0
  load_ext_name_got x15, User(userextname0)
  mov x0, x19
  blr x15
  mov x3, x20
  add w15, w3, #1
  str w15, [x0, #16]
  mov x2, x19
  mov x3, x0
  bl 0
  udf #0xc11f

function never:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  str w3, [x2, #48]
  add w2, w3, #1
  ldp fp, lr, [sp], #16
  ret

function wasm-function[2]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 144 }
  stp x27, x28, [sp, #-16]!
  unwind SaveReg { clobber_offset: 128, reg: p27i }
  unwind SaveReg { clobber_offset: 136, reg: p28i }
  stp x25, x26, [sp, #-16]!
  unwind SaveReg { clobber_offset: 112, reg: p25i }
  unwind SaveReg { clobber_offset: 120, reg: p26i }
  stp x23, x24, [sp, #-16]!
  unwind SaveReg { clobber_offset: 96, reg: p23i }
  unwind SaveReg { clobber_offset: 104, reg: p24i }
  stp x21, x22, [sp, #-16]!
  unwind SaveReg { clobber_offset: 80, reg: p21i }
  unwind SaveReg { clobber_offset: 88, reg: p22i }
  stp x19, x20, [sp, #-16]!
  unwind SaveReg { clobber_offset: 64, reg: p19i }
  unwind SaveReg { clobber_offset: 72, reg: p20i }
  stp d14, d15, [sp, #-16]!
  unwind SaveReg { clobber_offset: 48, reg: p14f }
  unwind SaveReg { clobber_offset: 56, reg: p15f }
  stp d12, d13, [sp, #-16]!
  unwind SaveReg { clobber_offset: 32, reg: p12f }
  unwind SaveReg { clobber_offset: 40, reg: p13f }
  stp d10, d11, [sp, #-16]!
  unwind SaveReg { clobber_offset: 16, reg: p10f }
  unwind SaveReg { clobber_offset: 24, reg: p11f }
  stp d8, d9, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p8f }
  unwind SaveReg { clobber_offset: 8, reg: p9f }
  sub sp, sp, #16
  unwind StackAlloc { size: 16 }
block0:
  mov x19, x3
  mov x13, sp
  ldr x14, [x2]
  str x2, [sp]
  subs xzr, x13, x14
  b.lo #trap=stk_ovf
  bl 0
  str x2, [sp, #8]
  mov x3, x19
  ldr x2, [sp]
  bl 0; b MachLabel(1); catch [context stack0, tag0: MachLabel(3)]
block1:
  b label2
block2:
  ldr x0, [sp, #8]
  add w2, w0, w2
  b label4
block4:
  add sp, sp, #16
  ldp d8, d9, [sp], #16
  ldp d10, d11, [sp], #16
  ldp d12, d13, [sp], #16
  ldp d14, d15, [sp], #16
  ldp x19, x20, [sp], #16
  ldp x21, x22, [sp], #16
  ldp x23, x24, [sp], #16
  ldp x25, x26, [sp], #16
  ldp x27, x28, [sp], #16
  ldp fp, lr, [sp], #16
  ret
block3:
  ldr w2, [x0, #16]
  b label4
