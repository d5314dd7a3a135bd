function swap_and_widen:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a2,48(a0)
  ld a2,0(a2)
  slli a1,a1,32
  srli a3,a1,32
  add a2,a2,a3
  lw a3,4(a2)
  lbu a4,0(a2)
  sw a4,4(a2)
  sb a3,0(a2)
  lh a4,8(a2)
  sext.w a5,a3
  add a0,a4,a5
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
