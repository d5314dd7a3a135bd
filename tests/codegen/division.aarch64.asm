function divs:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  cbz w2, #trap=int_divz
  adds wzr, w2, #1
  ccmp w1, #1, #nzcv, eq
  b.vs #trap=int_ovf
  sdiv w10, w1, w2
  cbz w2, #trap=int_divz
  udiv w11, w1, w2
  msub w12, w11, w2, w1
  add w0, w10, w12
  ldp fp, lr, [sp], #16
  ret
