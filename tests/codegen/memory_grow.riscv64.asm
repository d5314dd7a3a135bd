function grow:
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
  sd s2,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p18i }
block0:
  mv a5,a0
  li a3,0
  slli a0,a1,32
  srli a2,a0,32
  load_ext_name_got a4,userextname0
  mv a1,a3
  mv s2,a5
  mv a0,s2
  callind a4
  ld a1,32(s2)
  ld a1,8(a1)
  srli a1,a1,16
  addw a0,a0,a1
  ld s2,8(sp)
  addi sp,sp,16
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
