function classify:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mv a2,a1
  br_table a2,[MachLabel(4),MachLabel(3),MachLabel(2),MachLabel(1)]##tmp1=a1,tmp2=a0
block1:
  li a0,102
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block2:
  li a0,101
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block3:
  li a0,100
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block4:
  li a0,-1
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
