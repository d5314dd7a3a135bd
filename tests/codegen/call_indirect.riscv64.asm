function add:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  addw a0,a1,a2
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function sub:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  subw a0,a1,a2
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function apply:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mv a4,sp
  ld a5,0(a0)
  trap_if stk_ovf##(a4 ult a5)
  ld a4,48(a0)
  ld a5,8(a4)
  slli a1,a1,32
  srli a1,a1,32
  trap_if user4##(a1 uge a5)
  ld a4,0(a4)
  slli a1,a1,3
  add a1,a4,a1
  ld a1,0(a1)
  lw a4,8(a1)
  ld a0,16(a0)
  lw a0,0(a0)
  sext.w a4,a4
  sext.w a0,a0
  trap_if user6##(a4 ne a0)
  ld a4,0(a1)
  ld a0,16(a1)
  mv a1,a2
  mv a2,a3
  callind a4
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
