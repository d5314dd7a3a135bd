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
  ld t6,0(a0)
  addi t6,t6,32
  trap_if stk_ovf##(sp ult t6)
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  addi sp,sp,-16
  sd s4,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p20i }
block0:
  ld s4,32(a0)
  ld a4,8(s4)
  slli a1,a1,32
  srli a5,a1,32
  trap_if user4##(a5 uge a4)
  ld a1,0(s4)
  slli a4,a5,3
  add a1,a1,a4
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
  ld s4,8(sp)
  addi sp,sp,16
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
