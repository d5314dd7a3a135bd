function sum_to:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  li a2,0
  li a0,0
  mv a6,a0
  j label1
block1:
  slli a3,a2,32
  srli a3,a3,32
  slli a5,a1,32
  srli a0,a5,32
  bgeu a3,a0,taken(label3),not_taken(label2)
block2:
  addiw a2,a2,1
  slli a4,a2,32
  srli a3,a4,32
  mv a0,a6
  add a0,a0,a3
  mv a6,a0
  j label1
block3:
  mv a0,a6
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
