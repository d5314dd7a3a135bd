function leaf:
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

function fact:
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
  beq a1,zero,taken(label7),not_taken(label1)
block1:
  j label2
block2:
  li a5,1
  beq a1,a5,taken(label4),not_taken(label3)
block3:
  mv a2,a1
  addi a1,a2,-1
  mv s2,a2
  call userextname0
  mv a1,s2
  j label6
block4:
  mv s2,a1
  j label5
block5:
  li a0,1
  mv a1,s2
  j label6
block6:
  mul a0,a1,a0
  j label8
block7:
  li a0,1
  j label8
block8:
  ld s2,8(sp)
  addi sp,sp,16
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
