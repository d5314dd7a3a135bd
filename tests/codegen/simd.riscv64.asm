function madd:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  vle8.v v8,-32(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v10,-16(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v9,48(a1) #avl=16, #vtype=(e8, m1, ta, ma)
  vmul.vv v10,v8,v10 #avl=4, #vtype=(e32, m1, ta, ma)
  vadd.vv v9,v10,v9 #avl=4, #vtype=(e32, m1, ta, ma)
  vse8.v v9,0(a0) #avl=16, #vtype=(e8, m1, ta, ma)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  addi sp,sp,32
  ret

function reverse:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  vle8.v v8,-16(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v10,[const(0)] #avl=16, #vtype=(e8, m1, ta, ma)
  vrgather.vv v9,v8,v10 #avl=16, #vtype=(e8, m1, ta, ma)
  vadd.vi v11,v10,-16 #avl=16, #vtype=(e8, m1, ta, ma)
  vrgather.vv v10,v8,v11 #avl=16, #vtype=(e8, m1, ta, ma)
  vor.vv v12,v9,v10 #avl=16, #vtype=(e8, m1, ta, ma)
  vse8.v v12,0(a0) #avl=16, #vtype=(e8, m1, ta, ma)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  addi sp,sp,16
  ret

function sum_lanes:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  ld a2,64(a0)
  ld a2,0(a2)
  slli a1,a1,32
  srli a3,a1,32
  add a2,a2,a3
  vle8.v v12,16(a2) #avl=16, #vtype=(e8, m1, ta, ma)
  vmv.x.s a2,v12 #avl=4, #vtype=(e32, m1, ta, ma)
  vslidedown.vi v11,v12,3 #avl=4, #vtype=(e32, m1, ta, ma)
  vmv.x.s a3,v11 #avl=4, #vtype=(e32, m1, ta, ma)
  addw a0,a2,a3
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function scale:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mv a4,a1
  ld a1,64(a0)
  ld a1,0(a1)
  slli a0,a4,32
  srli a2,a0,32
  add a1,a1,a2
  vle8.v v11,0(a1) #avl=16, #vtype=(e8, m1, ta, ma)
  vfmv.v.f v12,fa0 #avl=4, #vtype=(e32, m1, ta, ma)
  vfmul.vv v11,v11,v12 #avl=4, #vtype=(e32, m1, ta, ma)
  vse8.v v11,0(a1) #avl=16, #vtype=(e8, m1, ta, ma)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
