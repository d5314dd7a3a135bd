function leaf:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  leal (%rsi, %rdx), %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function fact:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  subq $0x10, %rsp
  movq %r12, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p12i }
block0:
  movq    %rsp, %r8
  cmpq (%rdi), %r8
  jb #trap=stk_ovf
  testq %rsi, %rsi
  movq %rsi, %r12
  jz      label2; j label1
block1:
  movq %r12, %rax
  movq %rax, %rsi
  subq $0x1, %rsi
  call    User(userextname0)
  movq %r12, %rsi
  imulq %rax, %rsi
  movq %rsi, %rax
  jmp     label3
block2:
  movl $0x1, %eax
  jmp     label3
block3:
  movq (%rsp), %r12
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
