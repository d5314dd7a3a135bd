function wasm-function[0]:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sext.w a1,a1
  bne a1,zero,taken(label2),not_taken(label1)
block1:
  li a0,2
  j label3
block3:
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block2:
  li a1,1
  sw a1,48(a0)
  li a0,100
  j label3

function wasm-function[1]:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  sext.w a1,a1
  bne a1,zero,taken(label2),not_taken(label1)
block2:
  li a0,3
  j label3
block3:
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block1:
  li a1,1
  sw a1,48(a0)
  li a0,200
  j label3
