function grow:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  movq (%rdi), %r10
  addq $0x20, %r10
  cmpq %rsp, %r10
  jnbe #trap=stk_ovf
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  subq $0x10, %rsp
  movq %rbx, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p3i }
block0:
  movq %rsi, %rax
  uninit  %rsi
  xorl %esi, %esi
  movl %eax, %edx
  load_ext_name userextname0+0, %r11
  movq %rdi, %rbx
  call    *%r11
  movq 0x20(%rbx), %r11
  movq 8(%r11), %r10
  shrq $0x10, %r10
  leal (%rax, %r10), %eax
  movq (%rsp), %rbx
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
