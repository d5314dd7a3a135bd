function divs:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq %rsi, %rax
  movq %rdx, %rcx
  cltd  ;; implicit: %edx, %eax
  testl %ecx, %ecx
  jz #trap=int_divz
  idivl %ecx ;; implicit: %eax, %edx, trap=252
  movq %rax, %rdi
  uninit  %rdx
  xorq %rdx, %rdx
  movq %rsi, %rax
  divl %ecx ;; implicit: %eax, %edx, trap=254
  movq %rdi, %rax
  leal (%rax, %rdx), %eax
  movq %rbp, %rsp
  popq %rbp
  retq
