function wasm-function[0]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  cbnz w3, label2 ; b label1
block1:
  movz w2, #2
  b label3
block3:
  ldp fp, lr, [sp], #16
  ret
block2:
  movz w8, #1
  str w8, [x2, #48]
  movz w2, #100
  b label3

function wasm-function[1]:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  cbnz w3, label2 ; b label1
block2:
  movz w2, #3
  b label3
block3:
  ldp fp, lr, [sp], #16
  ret
block1:
  movz w7, #1
  str w7, [x2, #48]
  movz w2, #200
  b label3
