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
  sd s10,16(sp)
  unwind SaveReg { clobber_offset: 16, reg: p26i }
  sd s11,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p27i }
block0:
  mv a3,a1
  mv a1,sp
  ld a2,0(a0)
  trap_if stk_ovf##(a1 ult a2)
  li a1,0
  ld a2,48(a0)
  ld s11,0(a2)
  ld a0,16(a0)
  lw s10,0(a0)
  mv s1,a3
  j label1
block1:
  andi a0,s1,3
  slli a0,a0,32
  srli a0,a0,32
  li a2,4
  trap_if user4##(a0 uge a2)
  slli a0,a0,3
  add a0,s11,a0
  ld a0,0(a0)
  lw a2,8(a0)
  sext.w a2,a2
  sext.w a3,s10
  trap_if user6##(a2 ne a3)
  ld a2,0(a0)
  ld a0,16(a0)
  callind a2
  addiw s1,s1,-1
  bne s1,zero,taken(label2),not_taken(label3)
block2:
  mv a1,a0
  j label1
block3:
  ld s1,24(sp)
  ld s10,16(sp)
  ld s11,8(sp)
  addi sp,sp,32
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
