function fib:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  stp x19, x20, [sp, #-16]!
  unwind SaveReg { clobber_offset: 0, reg: p19i }
  unwind SaveReg { clobber_offset: 8, reg: p20i }
block0:
  mov x14, sp
  ldr x15, [x2]
  mov x19, x2
  subs xzr, x14, x15
  b.lo #trap=stk_ovf
  subs wzr, w3, #2
  b.lo label12 ; b label1
block1:
  b label2
block2:
  sub w0, w3, #1
  mov x20, x3
  subs wzr, w0, #2
  b.lo label4 ; b label3
block3:
  mov x0, x20
  sub w3, w0, #1
  mov x2, x19
  bl 0
  mov x3, x20
  mov x20, x2
  b label6
block4:
  b label5
block5:
  mov x3, x20
  sub w2, w3, #1
  mov x20, x2
  b label6
block6:
  b label7
block7:
  sub w3, w3, #2
  subs wzr, w3, #2
  b.lo label9 ; b label8
block8:
  mov x2, x19
  bl 0
  mov x0, x20
  b label11
block9:
  b label10
block10:
  mov x0, x20
  mov x2, x3
  b label11
block11:
  add w2, w0, w2
  b label13
block12:
  mov x2, x3
  b label13
block13:
  ldp x19, x20, [sp], #16
  ldp fp, lr, [sp], #16
  ret

function sum_to:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movz w2, #0
  b label1
block1:
  cbz w3, label3 ; b label2
block2:
  sub w8, w3, #1
  add w2, w2, w3
  mov x3, x8
  b label1
block3:
  ldp fp, lr, [sp], #16
  ret

function wasm-function[2]:
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
  mov x8, sp
  ldr x9, [x2]
  mov x20, x2
  subs xzr, x8, x9
  b.lo #trap=stk_ovf
  b label1
block1:
  subs wzr, w3, #2
  mov x19, x3
  b.lo label3 ; b label2
block2:
  mov x2, x20
  mov x3, x19
  bl 0
  mov x21, x2
  mov x2, x20
  mov x3, x19
  b label5
block3:
  b label4
block4:
  mov x2, x20
  mov x3, x19
  mov x21, x19
  b label5
block5:
  bl 0
  mov x0, x21
  add w2, w0, w2
  ldp x19, x20, [sp], #16
  ldr x21, [sp], #16
  ldp fp, lr, [sp], #16
  ret
