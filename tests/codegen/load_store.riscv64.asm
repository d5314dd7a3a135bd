function swap_and_widen:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a2,32(a0)
  slli a0,a1,32
  srli a3,a0,32
  add a1,a2,a3
  lw a2,4(a1)
  lbu a3,0(a1)
  sw a3,4(a1)
  sb a2,0(a1)
  lh a3,8(a1)
  sext.w a4,a2
  add a0,a3,a4
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
