function divs:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  cbz w4, #trap=int_divz
  adds wzr, w4, #1
  ccmp w3, #1, #nzcv, eq
  b.vs #trap=int_ovf
  sdiv w10, w3, w4
  cbz w4, #trap=int_divz
  udiv w11, w3, w4
  msub w12, w11, w4, w3
  add w2, w10, w12
  ldp fp, lr, [sp], #16
  ret
