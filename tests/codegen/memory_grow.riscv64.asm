function grow:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  addi sp,sp,-16
  sd s5,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p21i }
block0:
  mv a2,a1
  mv a3,sp
  ld a4,0(a0)
  mv s5,a0
  trap_if stk_ovf##(a3 ult a4)
  li a1,0
  mv a0,a2
  slli a3,a0,32
  srli a2,a3,32
  load_ext_name_got a4,userextname0
  mv a0,s5
  callind a4
  ld a4,48(s5)
  ld a4,8(a4)
  srli a4,a4,16
  addw a0,a0,a4
  ld s5,8(sp)
  addi sp,sp,16
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
