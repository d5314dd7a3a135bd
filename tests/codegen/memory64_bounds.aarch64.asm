function sum:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movz w5, #0
  mov x6, x5
  ldr x0, [x2, #48]
  ldr x1, [x0]
  b label1
block1:
  cbz x4, label3 ; b label2
block2:
  ldr x2, [x0, #8]
  sub x2, x2, #12
  subs xzr, x3, x2
  b.hi #trap=heap_oob
  add x2, x1, x3
  ldr w5, [x2, #8]
  sub x4, x4, #1
  mov x2, x6
  add w2, w2, w5
  add x3, x3, #4
  mov x6, x2
  b label1
block3:
  mov x2, x6
  ldp fp, lr, [sp], #16
  ret

function far:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x11, [x2, #48]
  ldr x12, [x11, #8]
  movz x13, #8
  movk x13, x13, #1, LSL #32
  adds x13, x3, x13
  b.hs #trap=heap_oob
  subs xzr, x13, x12
  b.hi #trap=heap_oob
  ldr x14, [x11]
  add x14, x14, x3
  movz x15, #1, LSL #32
  ldr x2, [x14, x15]
  ldp fp, lr, [sp], #16
  ret

function after_call:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  str x21, [sp, #-16]!
  unwind SaveReg { clobber_offset: 16, reg: p21i }
  stp x19, x20, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
  unwind SaveReg { clobber_offset: 8, reg: p20i }
block0:
  mov x0, sp
  ldr x1, [x2]
  subs xzr, x0, x1
  b.lo #trap=stk_ovf
  ldr x19, [x2, #48]
  ldr x0, [x19, #8]
  sub x1, x0, #4
  subs xzr, x3, x1
  b.hi #trap=heap_oob
  movz w4, #1
  ldr x21, [x19]
  add x1, x21, x3
  str w4, [x21, x3]
  sub x0, x0, #8
  subs xzr, x3, x0
  mov x20, x3
  b.hi #trap=heap_oob
  movz w0, #2
  str w0, [x1, #4]
  movz x4, #1
  bl 0
  ldr x0, [x19, #8]
  sub x0, x0, #4
  subs xzr, x20, x0
  b.hi #trap=heap_oob
  ldr w2, [x21, x20]
  ldp x19, x20, [sp], #16
  ldr x21, [sp], #16
  ldp fp, lr, [sp], #16
  ret

function tiny:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ldr x8, [x2, #56]
  ldr x9, [x8, #8]
  mov w10, w3
  sub x9, x9, #2
  subs xzr, x10, x9
  b.hi #trap=heap_oob
  ldr x10, [x8]
  ldrh w2, [x10, w3, UXTW]
  ldp fp, lr, [sp], #16
  ret
