function slice:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a0,48(a0)
  ld a0,0(a0)
  srliw a2,a1,6
  andi a2,a2,1020
  slli a2,a2,32
  srli a2,a2,32
  lui a3,1
  addi a3,a3,1712
  add a2,a2,a3
  add a2,a0,a2
  lw a2,0(a2)
  andi a3,a1,255
  slli a3,a3,2
  lui a4,2
  addi a4,a4,-1360
  add a3,a3,a4
  add a3,a0,a3
  lw a3,0(a3)
  srliw a1,a1,24
  slli a1,a1,32
  srli a1,a1,32
  slli a1,a1,2
  lui a4,1
  addi a4,a4,-336
  add a1,a1,a4
  add a0,a0,a1
  lw a0,0(a0)
  xor a1,a2,a3
  xor a0,a1,a0
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function byte_index:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a3,48(a0)
  ld a3,0(a3)
  slli a2,a1,32
  srli a4,a2,32
  add a4,a3,a4
  lbu a4,0(a4)
  slli a2,a4,32
  srli a4,a2,32
  addi a4,a4,1024
  add a3,a3,a4
  lbu a0,4(a3)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function may_wrap:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a0,48(a0)
  ld a0,0(a0)
  addiw a1,a1,1024
  slli a1,a1,32
  srli a1,a1,32
  add a0,a0,a1
  lw a0,0(a0)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
