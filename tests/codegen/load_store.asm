function swap_and_widen:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %r10
  movq (%r10), %r10
  movl %esi, %r11d
  movl 4(%r10, %r11), %eax
  movzbq (%r10, %r11), %rcx
  movl %ecx, 4(%r10, %r11)
  movb %al, (%r10, %r11)
  movswq 8(%r10, %r11), %rcx
  movslq %eax, %rax
  leaq (%rcx, %rax), %rax
  movq %rbp, %rsp
  popq %rbp
  retq
