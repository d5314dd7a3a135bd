function classify:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  emit_island 44
  subs wzr, w3, #3
  b.hs label4 ; csel x9, xzr, x3, hs ; csdb ; adr x8, pc+16 ; ldrsw x9, [x8, x9, uxtw #2] ; add x8, x8, x9 ; br x8 ; jt_entries [MachLabel(3), MachLabel(2), MachLabel(1)]
block1:
  movz w2, #102
  ldp fp, lr, [sp], #16
  ret
block2:
  movz w2, #101
  ldp fp, lr, [sp], #16
  ret
block3:
  movz w2, #100
  ldp fp, lr, [sp], #16
  ret
block4:
  movn w2, #0
  ldp fp, lr, [sp], #16
  ret
