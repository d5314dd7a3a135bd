function fib:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  addi sp,sp,-16
  sd s1,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p9i }
  sd s2,0(sp)
  unwind SaveReg { clobber_offset: 0, reg: p18i }
block0:
  mv a2,sp
  ld a3,0(a0)
  mv s1,a0
  trap_if stk_ovf##(a2 ult a3)
  li a0,2
  slli a2,a1,32
  srli a2,a2,32
  slli a0,a0,32
  srli a0,a0,32
  bltu a2,a0,taken(label12),not_taken(label1)
block1:
  j label2
block2:
  addiw a2,a1,-1
  mv s2,a1
  li a0,2
  slli a2,a2,32
  srli a2,a2,32
  slli a0,a0,32
  srli a0,a0,32
  bltu a2,a0,taken(label4),not_taken(label3)
block3:
  mv a0,s2
  addiw a1,a0,-1
  mv a0,s1
  call userextname0
  mv a1,s2
  mv s2,a0
  j label6
block4:
  j label5
block5:
  mv a1,s2
  addiw a0,a1,-1
  mv s2,a0
  j label6
block6:
  j label7
block7:
  li a2,2
  addiw a1,a1,-2
  slli a0,a1,32
  srli a3,a0,32
  slli a0,a2,32
  srli a0,a0,32
  bltu a3,a0,taken(label9),not_taken(label8)
block8:
  mv a0,s1
  call userextname0
  mv a1,s2
  j label11
block9:
  j label10
block10:
  mv a0,a1
  mv a1,s2
  j label11
block11:
  addw a0,a1,a0
  j label13
block12:
  mv a0,a1
  j label13
block13:
  ld s1,8(sp)
  ld s2,0(sp)
  addi sp,sp,16
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function sum_to:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  li a0,0
  j label1
block1:
  sext.w a2,a1
  beq a2,zero,taken(label3),not_taken(label2)
block2:
  addiw a2,a1,-1
  addw a0,a0,a1
  mv a1,a2
  j label1
block3:
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function wasm-function[2]:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  addi sp,sp,-32
  sd s2,24(sp)
  unwind SaveReg { clobber_offset: 24, reg: p18i }
  sd s3,16(sp)
  unwind SaveReg { clobber_offset: 16, reg: p19i }
  sd s4,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p20i }
block0:
  mv a3,sp
  ld a4,0(a0)
  mv s3,a0
  trap_if stk_ovf##(a3 ult a4)
  j label1
block1:
  li a5,2
  slli a2,a1,32
  mv s2,a1
  srli a4,a2,32
  slli a0,a5,32
  srli a0,a0,32
  bltu a4,a0,taken(label3),not_taken(label2)
block2:
  mv a0,s3
  mv a1,s2
  call userextname0
  mv s4,a0
  mv a0,s3
  mv a1,s2
  j label5
block3:
  j label4
block4:
  mv a0,s3
  mv a1,s2
  mv s4,s2
  j label5
block5:
  call userextname1
  mv a1,s4
  addw a0,a1,a0
  ld s2,24(sp)
  ld s3,16(sp)
  ld s4,8(sp)
  addi sp,sp,32
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
