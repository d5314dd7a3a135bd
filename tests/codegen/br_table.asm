function classify:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movl $0x3, %r8d
  movl %esi, %r9d
  cmpl %r8d, %r9d
  cmovbl %r9d, %r8d
  br_table %r8, %rcx, %rax
block1:
  movl $0x66, %eax
  movq %rbp, %rsp
  popq %rbp
  retq
block2:
  movl $0x65, %eax
  movq %rbp, %rsp
  popq %rbp
  retq
block3:
  movl $0x64, %eax
  movq %rbp, %rsp
  popq %rbp
  retq
block4:
  movl $0xffffffff, %eax
  movq %rbp, %rsp
  popq %rbp
  retq
