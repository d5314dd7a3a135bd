function set:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a5,48(a0)
  ld a5,0(a5)
  srliw a0,a2,5
  slliw a0,a0,2
  addw a0,a1,a0
  slli a4,a0,32
  srli a0,a4,32
  add a5,a5,a0
  lw a0,0(a5)
  li a1,1
  sllw a1,a1,a2
  or a0,a0,a1
  sw a0,0(a5)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function index64:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  srli a0,a1,7
  slli a0,a0,3
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function other:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  srliw a0,a1,3
  lui a1,262144
  addi a1,a1,-4
  and a0,a0,a1
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
