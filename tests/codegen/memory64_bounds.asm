function sum:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  uninit  %rax
  xorl %eax, %eax
  movq 0x30(%rdi), %rcx
  movq (%rcx), %rdi
  jmp     label1
block1:
  testq %rdx, %rdx
  jz      label3; j label2
block2:
  movq $0xfffffffffffffff4, %r8
  addq 8(%rcx), %r8
  cmpq %r8, %rsi
  jnbe #trap=heap_oob
  subq $0x1, %rdx
  addl 8(%rdi, %rsi), %eax
  leaq 4(%rsi), %rsi
  jmp     label1
block3:
  movq %rbp, %rsp
  popq %rbp
  retq

function far:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %r8
  movq 8(%r8), %r9
  movq %rsi, %r10
  addq (%rip), %r10
  jb #trap=heap_oob
  cmpq %r9, %r10
  jnbe #trap=heap_oob
  addq (%r8), %rsi
  movabsq $0x100000000, %r11
  movq (%rsi, %r11), %rax
  movq %rbp, %rsp
  popq %rbp
  retq

function after_call:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  subq $0x20, %rsp
  movq %rbx, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p3i }
  movq %r12, 8(%rsp)
  unwind SaveReg { clobber_offset: 8, reg: p12i }
  movq %r13, 0x10(%rsp)
  unwind SaveReg { clobber_offset: 16, reg: p13i }
  movq %r15, 0x18(%rsp)
  unwind SaveReg { clobber_offset: 24, reg: p15i }
block0:
  movq    %rsp, %rax
  cmpq (%rdi), %rax
  jb #trap=stk_ovf
  movq 0x30(%rdi), %r15
  movq 8(%r15), %rcx
  movq $0xfffffffffffffffc, %r12
  leaq -4(%rcx), %rdx
  cmpq %rdx, %rsi
  jnbe #trap=heap_oob
  movq (%r15), %rbx
  movl $0x1, (%rbx, %rsi)
  leaq -8(%rcx), %rcx
  cmpq %rcx, %rsi
  jnbe #trap=heap_oob
  movl $0x2, 4(%rbx, %rsi)
  movq %rsi, %r13
  movl $0x1, %edx
  call    User(userextname0)
  addq 8(%r15), %r12
  cmpq %r12, %r13
  jnbe #trap=heap_oob
  movl (%rbx, %r13), %eax
  movq (%rsp), %rbx
  movq 8(%rsp), %r12
  movq 0x10(%rsp), %r13
  movq 0x18(%rsp), %r15
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq

function tiny:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x38(%rdi), %r8
  movl %esi, %r9d
  movq $0xfffffffffffffffe, %rdi
  addq 8(%r8), %rdi
  cmpq %rdi, %r9
  jnbe #trap=heap_oob
  movq (%r8), %r10
  movzwq (%r10, %r9), %rax
  movq %rbp, %rsp
  popq %rbp
  retq
