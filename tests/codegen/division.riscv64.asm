function divs:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sext.w a0,a1
  sext.w a3,a2
  trap_if int_divz##(a3 eq zero)
  lui a4,-524288
  xor a4,a0,a4
  not a5,a3
  or a4,a4,a5
  trap_if int_ovf##(a4 eq zero)
  divw a0,a0,a3
  slli a3,a2,32
  srli a5,a3,32
  trap_if int_divz##(a5 eq zero)
  remuw a1,a1,a5
  addw a0,a0,a1
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
