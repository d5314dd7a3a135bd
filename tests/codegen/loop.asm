function sum_to:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  uninit  %rdx
  xorl %edx, %edx
  uninit  %rax
  xorq %rax, %rax
  jmp     label1
block1:
  cmpl %esi, %edx
  jnb     label3; j label2
block2:
  leal 1(%rdx), %edx
  leaq (%rax, %rdx), %rax
  jmp     label1
block3:
  movq %rbp, %rsp
  popq %rbp
  retq
