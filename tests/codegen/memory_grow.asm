function grow:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  subq $0x10, %rsp
  movq %rbx, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p3i }
block0:
  movq %rsi, %rcx
  movq    %rsp, %rax
  cmpq (%rdi), %rax
  movq %rdi, %rbx
  jb #trap=stk_ovf
  uninit  %rsi
  xorl %esi, %esi
  movq %rcx, %rax
  movl %eax, %edx
  load_ext_name userextname0+0, %rax
  call    *%rax
  movq 0x30(%rbx), %rcx
  movq 8(%rcx), %rcx
  shrq $0x10, %rcx
  leal (%rax, %rcx), %eax
  movq (%rsp), %rbx
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
