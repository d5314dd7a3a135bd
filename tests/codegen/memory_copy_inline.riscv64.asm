function wasm-function[0]:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  addi sp,sp,-16
  sd s1,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p9i }
  sd s11,0(sp)
  unwind SaveReg { clobber_offset: 0, reg: p27i }
block0:
  ld a4,48(a0)
  ld a3,8(a4)
  slli a0,a1,32
  srli a0,a0,32
  addi a3,a3,-96
  trap_if heap_oob##(a0 ugt a3)
  slli a1,a2,32
  srli a2,a1,32
  trap_if heap_oob##(a2 ugt a3)
  ld a1,0(a4)
  add a6,a1,a2
  ld a2,0(a6)
  ld a3,8(a6)
  ld a4,16(a6)
  ld a5,24(a6)
  ld s11,32(a6)
  ld t3,40(a6)
  ld t4,48(a6)
  ld t0,56(a6)
  ld t1,64(a6)
  ld t2,72(a6)
  ld s1,80(a6)
  ld a6,88(a6)
  add a0,a1,a0
  sd a2,0(a0)
  sd a3,8(a0)
  sd a4,16(a0)
  sd a5,24(a0)
  sd s11,32(a0)
  sd t3,40(a0)
  sd t4,48(a0)
  sd t0,56(a0)
  sd t1,64(a0)
  sd t2,72(a0)
  sd s1,80(a0)
  sd a6,88(a0)
  ld s1,8(sp)
  ld s11,0(sp)
  addi sp,sp,16
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function wasm-function[1]:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mv a3,a1
  ld a5,48(a0)
  ld a1,8(a5)
  mv a0,a3
  slli a4,a0,32
  srli a0,a4,32
  addi a1,a1,-7
  trap_if heap_oob##(a0 ugt a1)
  slli a2,a2,32
  srli a2,a2,32
  trap_if heap_oob##(a2 ugt a1)
  ld a1,0(a5)
  add a3,a1,a2
  lw a2,0(a3)
  lw a3,3(a3)
  add a0,a1,a0
  sw a2,0(a0)
  sw a3,3(a0)
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
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a0,48(a0)
  ld a2,8(a0)
  slli a1,a1,32
  srli a1,a1,32
  addi a2,a2,-40
  trap_if heap_oob##(a1 ugt a2)
  ld a0,0(a0)
  add a0,a0,a1
  sd zero,0(a0)
  sd zero,8(a0)
  sd zero,16(a0)
  sd zero,24(a0)
  sd zero,32(a0)
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
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a3,48(a0)
  ld a5,8(a3)
  slli a4,a1,32
  srli a4,a4,32
  addi a5,a5,-12
  trap_if heap_oob##(a4 ugt a5)
  andi a5,a2,255
  ld a0,[const(0)]
  mul a5,a5,a0
  ld a0,0(a3)
  add a4,a0,a4
  sd a5,0(a4)
  sd a5,4(a4)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function wasm-function[4]:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mv a4,a2
  mv a5,a3
  mv a2,sp
  ld a3,0(a0)
  trap_if stk_ovf##(a2 ult a3)
  li a2,0
  slli a1,a1,32
  srli a3,a1,32
  mv a1,a4
  slli a1,a1,32
  srli a4,a1,32
  mv a1,a5
  slli a1,a1,32
  srli a5,a1,32
  load_ext_name_got a7,userextname0
  mv a1,a2
  callind a7
  sext.w a0,a0
  trap_if heap_oob##(a0 ne zero)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
