function bump:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  lw a1,48(a0)
  mv a2,a0
  addiw a0,a1,1
  mv a1,a2
  sw a0,48(a1)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function run:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  addi sp,sp,-16
  sd s2,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p18i }
block0:
  mv a2,sp
  ld a3,0(a0)
  trap_if stk_ovf##(a2 ult a3)
  mv s2,a0
  call userextname0
  li a3,3
  slli a0,a0,32
  srli a2,a0,32
  slli a4,a3,32
  srli a0,a4,32
  bgtu a2,a0,taken(label2),not_taken(label1)
block1:
  j label3
block2:
  ld a5,64(s2)
  ld a0,72(s2)
  li a1,0
  callind a5
  j label3
block3:
  ld s2,8(sp)
  addi sp,sp,16
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
