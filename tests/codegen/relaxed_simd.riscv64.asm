function swizzle:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  vle8.v v8,-32(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v10,-16(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vrgather.vv v9,v8,v10 #avl=16, #vtype=(e8, m1, ta, ma)
  vse8.v v9,0(a0) #avl=16, #vtype=(e8, m1, ta, ma)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  addi sp,sp,32
  ret

function trunc:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  vle8.v v8,-16(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vmfne.vv v0,v8,v8 #avl=2, #vtype=(e64, m1, ta, ma)
  vfcvt.rtz.x.f.v v10,v8 #avl=2, #vtype=(e64, m1, ta, ma)
  vmerge.vim v12,v10,0,v0.t #avl=2, #vtype=(e64, m1, ta, ma)
  vle64.v v11,[const(0)] #avl=2, #vtype=(e64, m1, ta, ma)
  vnclip.wi v10,v12,0 #avl=2, #vtype=(e32, mf2, ta, ma)
  vnclip.wi v11,v11,0 #avl=2, #vtype=(e32, mf2, ta, ma)
  vslideup.vi v10,v11,2 #avl=4, #vtype=(e32, m1, ta, ma)
  vse8.v v10,0(a0) #avl=16, #vtype=(e8, m1, ta, ma)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  addi sp,sp,16
  ret

function madd:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  vle8.v v8,-48(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v9,-32(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v10,-16(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vfmacc.vv v10,v9,v8 #avl=4, #vtype=(e32, m1, ta, ma)
  vse8.v v10,0(a0) #avl=16, #vtype=(e8, m1, ta, ma)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  addi sp,sp,48
  ret

function laneselect:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  vle8.v v9,-48(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v8,-32(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v10,-16(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vand.vv v9,v10,v9 #avl=4, #vtype=(e32, m1, ta, ma)
  vnot.v v10,v10 #avl=4, #vtype=(e32, m1, ta, ma)
  vand.vv v12,v10,v8 #avl=4, #vtype=(e32, m1, ta, ma)
  vor.vv v14,v9,v12 #avl=4, #vtype=(e32, m1, ta, ma)
  vse8.v v14,0(a0) #avl=16, #vtype=(e8, m1, ta, ma)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  addi sp,sp,48
  ret

function dot_add:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  vle8.v v11,-48(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v10,-32(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vle8.v v8,-16(incoming_arg) #avl=16, #vtype=(e8, m1, ta, ma)
  vsext.vf2 v9,v11 #avl=8, #vtype=(e16, m1, ta, ma)
  vsext.vf2 v12,v10 #avl=8, #vtype=(e16, m1, ta, ma)
  vmul.vv v9,v9,v12 #avl=8, #vtype=(e16, m1, ta, ma)
  vslidedown.vi v12,v11,8 #avl=16, #vtype=(e8, m1, ta, ma)
  vsext.vf2 v11,v12 #avl=8, #vtype=(e16, m1, ta, ma)
  vslidedown.vi v12,v10,8 #avl=16, #vtype=(e8, m1, ta, ma)
  vsext.vf2 v10,v12 #avl=8, #vtype=(e16, m1, ta, ma)
  vmul.vv v10,v11,v10 #avl=8, #vtype=(e16, m1, ta, ma)
  ld a1,[const(0)]
  vmv.s.x v13,a1 #avl=2, #vtype=(e64, m1, ta, ma)
  vcompress.vm v11,v9,v13 #avl=8, #vtype=(e16, m1, ta, ma)
  vcompress.vm v12,v10,v13 #avl=8, #vtype=(e16, m1, ta, ma)
  vslideup.vi v11,v12,4 #avl=8, #vtype=(e16, m1, ta, ma)
  ld a1,[const(1)]
  vmv.s.x v13,a1 #avl=2, #vtype=(e64, m1, ta, ma)
  vcompress.vm v12,v9,v13 #avl=8, #vtype=(e16, m1, ta, ma)
  vcompress.vm v9,v10,v13 #avl=8, #vtype=(e16, m1, ta, ma)
  vslideup.vi v12,v9,4 #avl=8, #vtype=(e16, m1, ta, ma)
  vadd.vv v10,v11,v12 #avl=8, #vtype=(e16, m1, ta, ma)
  vsext.vf2 v9,v10 #avl=4, #vtype=(e32, m1, ta, ma)
  vslidedown.vi v11,v10,4 #avl=8, #vtype=(e16, m1, ta, ma)
  vsext.vf2 v10,v11 #avl=4, #vtype=(e32, m1, ta, ma)
  ld a1,[const(0)]
  vmv.s.x v13,a1 #avl=2, #vtype=(e64, m1, ta, ma)
  vcompress.vm v11,v9,v13 #avl=4, #vtype=(e32, m1, ta, ma)
  vcompress.vm v12,v10,v13 #avl=4, #vtype=(e32, m1, ta, ma)
  vslideup.vi v11,v12,2 #avl=4, #vtype=(e32, m1, ta, ma)
  ld a1,[const(1)]
  vmv.s.x v13,a1 #avl=2, #vtype=(e64, m1, ta, ma)
  vcompress.vm v12,v9,v13 #avl=4, #vtype=(e32, m1, ta, ma)
  vcompress.vm v9,v10,v13 #avl=4, #vtype=(e32, m1, ta, ma)
  vslideup.vi v12,v9,2 #avl=4, #vtype=(e32, m1, ta, ma)
  vadd.vv v9,v11,v12 #avl=4, #vtype=(e32, m1, ta, ma)
  vadd.vv v8,v9,v8 #avl=4, #vtype=(e32, m1, ta, ma)
  vse8.v v8,0(a0) #avl=16, #vtype=(e8, m1, ta, ma)
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  addi sp,sp,48
  ret
