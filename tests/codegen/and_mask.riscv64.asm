function low8:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  andi a0,a1,255
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function low16:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  slli a0,a1,48
  srli a0,a0,48
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function low32:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  slli a0,a1,32
  srli a0,a0,32
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
  andi a0,a1,254
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
