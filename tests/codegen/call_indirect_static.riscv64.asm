function inc:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  addiw a0,a1,1
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function dbl:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  slliw a0,a1,1
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function neg:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sub a0,zero,a1
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function wasm-function[3]:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  addi sp,sp,-32
  sd s1,24(sp)
  unwind SaveReg { clobber_offset: 24, reg: p9i }
  sd s7,16(sp)
  unwind SaveReg { clobber_offset: 16, reg: p23i }
  sd s9,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p25i }
block0:
  mv a3,a1
  mv a1,sp
  ld a2,0(a0)
  mv s9,a0
  trap_if stk_ovf##(a1 ult a2)
  li a1,0
  load_ext_name_got s7,userextname0
  mv s1,a3
  j label1
block1:
  andi a0,s1,3
  slli a0,a0,32
  srli a0,a0,32
  li a2,5
  trap_if user4##(a0 uge a2)
  slli a0,a0,4
  add a0,s7,a0
  lw a2,8(a0)
  sext.w a3,a2
  bne a3,zero,taken(label5),not_taken(label2)
block2:
  ld a2,0(a0)
  mv a0,s9
  callind a2
  addiw s1,s1,-1
  bne s1,zero,taken(label3),not_taken(label4)
block3:
  mv a1,a0
  j label1
block4:
  ld s1,24(sp)
  ld s7,16(sp)
  ld s9,8(sp)
  addi sp,sp,32
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block5:
  li a0,-1
  sext.w a1,a2
  sext.w a0,a0
  trap_if user5##(a1 eq a0)
  udf##trap_code=user6
