function sum:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  li a3,0
  mv a7,a3
  ld a3,48(a0)
  ld a4,0(a3)
  j label1
block1:
  beq a2,zero,taken(label3),not_taken(label2)
block2:
  ld a0,8(a3)
  addi a0,a0,-12
  trap_if heap_oob##(a1 ugt a0)
  add a0,a4,a1
  lw a5,8(a0)
  addi a2,a2,-1
  mv a0,a7
  addw a0,a0,a5
  addi a1,a1,4
  mv a7,a0
  j label1
block3:
  mv a0,a7
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function far:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a4,48(a0)
  ld a5,8(a4)
  lui a2,131072
  addi a0,a2,1
  slli a0,a0,3
  add a0,a1,a0
  trap_if heap_oob##(a0 ult a1)
  trap_if heap_oob##(a0 ugt a5)
  ld a0,0(a4)
  add a0,a0,a1
  lui a5,1
  slli a1,a5,20
  add a0,a0,a1
  ld a0,0(a0)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function after_call:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  addi sp,sp,-32
  sd s1,24(sp)
  unwind SaveReg { clobber_offset: 24, reg: p9i }
  sd s2,16(sp)
  unwind SaveReg { clobber_offset: 16, reg: p18i }
  sd s3,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p19i }
block0:
  mv a2,sp
  ld a3,0(a0)
  trap_if stk_ovf##(a2 ult a3)
  ld s2,48(a0)
  ld a2,8(s2)
  addi a3,a2,-4
  trap_if heap_oob##(a1 ugt a3)
  li a3,1
  ld a4,0(s2)
  add s3,a4,a1
  sw a3,0(s3)
  addi a2,a2,-8
  trap_if heap_oob##(a1 ugt a2)
  mv s1,a1
  li a1,2
  sw a1,4(s3)
  li a2,1
  mv a1,s1
  call userextname0
  ld a0,8(s2)
  addi a0,a0,-4
  trap_if heap_oob##(s1 ugt a0)
  lw a0,0(s3)
  ld s1,24(sp)
  ld s2,16(sp)
  ld s3,8(sp)
  addi sp,sp,32
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function tiny:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a0,56(a0)
  ld a2,8(a0)
  slli a1,a1,32
  srli a1,a1,32
  addi a2,a2,-2
  trap_if heap_oob##(a1 ugt a2)
  ld a2,0(a0)
  add a1,a2,a1
  lhu a0,0(a1)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
