function may_throw:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  addi sp,sp,-16
  sd s2,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p18i }
  sd s3,0(sp)
  unwind SaveReg { clobber_offset: 0, reg: p19i }
block0:
  mv a2,sp
  ld a3,0(a0)
  trap_if stk_ovf##(a2 ult a3)
  sw a1,48(a0)
  mv s2,a0
  sext.w a2,a1
  mv s3,a1
  bne a2,zero,taken(label3),not_taken(label1)
block1:
  j label2
block2:
  li a0,1
  ld s2,8(sp)
  ld s3,0(sp)
  addi sp,sp,16
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block3:
  li a1,0
  load_ext_name_got a5,userextname0
  mv a0,s2
  callind a5
  mv a1,s3
  addiw a5,a1,1
  sw a5,16(a0)
  mv a1,a0
  mv a0,s2
  call userextname1
  udf##trap_code=user13

function never:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sw a1,48(a0)
  addiw a0,a1,1
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
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 192 }
  addi sp,sp,-208
  sd fp,200(sp)
  unwind SaveReg { clobber_offset: 184, reg: p8i }
  sd s1,192(sp)
  unwind SaveReg { clobber_offset: 176, reg: p9i }
  sd s2,184(sp)
  unwind SaveReg { clobber_offset: 168, reg: p18i }
  sd s3,176(sp)
  unwind SaveReg { clobber_offset: 160, reg: p19i }
  sd s4,168(sp)
  unwind SaveReg { clobber_offset: 152, reg: p20i }
  sd s5,160(sp)
  unwind SaveReg { clobber_offset: 144, reg: p21i }
  sd s6,152(sp)
  unwind SaveReg { clobber_offset: 136, reg: p22i }
  sd s7,144(sp)
  unwind SaveReg { clobber_offset: 128, reg: p23i }
  sd s8,136(sp)
  unwind SaveReg { clobber_offset: 120, reg: p24i }
  sd s9,128(sp)
  unwind SaveReg { clobber_offset: 112, reg: p25i }
  sd s10,120(sp)
  unwind SaveReg { clobber_offset: 104, reg: p26i }
  sd s11,112(sp)
  unwind SaveReg { clobber_offset: 96, reg: p27i }
  fsd fs0,104(sp)
  unwind SaveReg { clobber_offset: 88, reg: p8f }
  fsd fs2,96(sp)
  unwind SaveReg { clobber_offset: 80, reg: p18f }
  fsd fs3,88(sp)
  unwind SaveReg { clobber_offset: 72, reg: p19f }
  fsd fs4,80(sp)
  unwind SaveReg { clobber_offset: 64, reg: p20f }
  fsd fs5,72(sp)
  unwind SaveReg { clobber_offset: 56, reg: p21f }
  fsd fs6,64(sp)
  unwind SaveReg { clobber_offset: 48, reg: p22f }
  fsd fs7,56(sp)
  unwind SaveReg { clobber_offset: 40, reg: p23f }
  fsd fs8,48(sp)
  unwind SaveReg { clobber_offset: 32, reg: p24f }
  fsd fs9,40(sp)
  unwind SaveReg { clobber_offset: 24, reg: p25f }
  fsd fs10,32(sp)
  unwind SaveReg { clobber_offset: 16, reg: p26f }
  fsd fs11,24(sp)
  unwind SaveReg { clobber_offset: 8, reg: p27f }
block0:
  mv s2,a1
  mv a2,sp
  ld a3,0(a0)
  sd a0,0(slot)
  trap_if stk_ovf##(a2 ult a3)
  call userextname0
  sd a0,8(slot)
  mv a1,s2
  ld a0,0(slot)
  call userextname1; j MachLabel(1); catch [context stack0, tag0: MachLabel(3)]
block1:
  j label2
block2:
  ld a1,8(slot)
  addw a0,a1,a0
  j label4
block4:
  ld fp,200(sp)
  ld s1,192(sp)
  ld s2,184(sp)
  ld s3,176(sp)
  ld s4,168(sp)
  ld s5,160(sp)
  ld s6,152(sp)
  ld s7,144(sp)
  ld s8,136(sp)
  ld s9,128(sp)
  ld s10,120(sp)
  ld s11,112(sp)
  fld fs0,104(sp)
  fld fs2,96(sp)
  fld fs3,88(sp)
  fld fs4,80(sp)
  fld fs5,72(sp)
  fld fs6,64(sp)
  fld fs7,56(sp)
  fld fs8,48(sp)
  fld fs9,40(sp)
  fld fs10,32(sp)
  fld fs11,24(sp)
  addi sp,sp,208
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block3:
  lw a0,16(a0)
  j label4
