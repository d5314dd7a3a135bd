function wasm-function[0]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x0, [x2, #48]
  ldr x1, [x0, #8]
  mov w2, w3
  sub x1, x1, #96
  subs xzr, x2, x1
  b.hi #trap=heap_oob
  mov w2, w4
  subs xzr, x2, x1
  b.hi #trap=heap_oob
  ldr x0, [x0]
  add x1, x0, x4, UXTW
  ldr q21, [x0, w4, UXTW]
  ldr q22, [x1, #16]
  ldr q23, [x1, #32]
  ldr q24, [x1, #48]
  ldr q25, [x1, #64]
  ldr q26, [x1, #80]
  add x1, x0, x3, UXTW
  str q21, [x0, w3, UXTW]
  str q22, [x1, #16]
  str q23, [x1, #32]
  str q24, [x1, #48]
  str q25, [x1, #64]
  str q26, [x1, #80]
  ldp fp, lr, [sp], #16
  ret

function wasm-function[1]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x13, [x2, #48]
  ldr x14, [x13, #8]
  mov w15, w3
  sub x14, x14, #7
  subs xzr, x15, x14
  b.hi #trap=heap_oob
  mov w15, w4
  subs xzr, x15, x14
  b.hi #trap=heap_oob
  ldr x0, [x13]
  ldr w1, [x0, w4, UXTW]
  add x2, x0, #3
  ldr w2, [x2, w4, UXTW]
  str w1, [x0, w3, UXTW]
  add x0, x0, #3
  str w2, [x0, w3, UXTW]
  ldp fp, lr, [sp], #16
  ret

function wasm-function[2]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x10, [x2, #48]
  ldr x11, [x10, #8]
  mov w12, w3
  sub x11, x11, #40
  subs xzr, x12, x11
  b.hi #trap=heap_oob
  movi v16.16b, #0
  ldr x12, [x10]
  add x13, x12, x3, UXTW
  str q16, [x12, w3, UXTW]
  str q16, [x13, #16]
  add x14, x12, #24
  str q16, [x14, w3, UXTW]
  ldp fp, lr, [sp], #16
  ret

function wasm-function[3]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x12, [x2, #48]
  ldr x13, [x12, #8]
  mov w14, w3
  sub x13, x13, #12
  subs xzr, x14, x13
  b.hi #trap=heap_oob
  uxtb w14, w4
  orr x15, xzr, #72340172838076673
  madd x14, x14, x15, xzr
  ldr x15, [x12]
  str x14, [x15, w3, UXTW]
  add x15, x15, #4
  str x14, [x15, w3, UXTW]
  ldp fp, lr, [sp], #16
  ret

function wasm-function[4]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mov x12, sp
  ldr x13, [x2]
  mov x0, x2
  subs xzr, x12, x13
  b.lo #trap=stk_ovf
  movz w2, #0
  mov w3, w3
  mov w4, w4
  mov w5, w5
  load_ext_name_got x14, User(userextname0)
  mov x1, x2
  blr x14
  cbnz w0, #trap=heap_oob
  ldp fp, lr, [sp], #16
  ret
