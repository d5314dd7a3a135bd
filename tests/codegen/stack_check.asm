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
  movq    %rsp, %r10
  cmpq (%rdi), %r10
  jb #trap=stk_ovf
  testq %rsi, %rsi
  jz      label7; j label1
block1:
  jmp     label2
block2:
  cmpq $0x1, %rsi
  movq %rsi, %r12
  jz      label4; j label3
block3:
  movq %r12, %rax
  movq %rax, %rsi
  subq $0x1, %rsi
  call    User(userextname0)
  movq %r12, %rsi
  jmp     label6
block4:
  jmp     label5
block5:
  movl $0x1, %eax
  movq %r12, %rsi
  jmp     label6
block6:
  imulq %rax, %rsi
  movq %rsi, %rax
  jmp     label8
block7:
  movl $0x1, %eax
  jmp     label8
block8:
  movq (%rsp), %r12
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
