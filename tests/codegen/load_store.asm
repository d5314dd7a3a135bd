function swap_and_widen:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x20(%rdi), %r9
  movl %esi, %r10d
  movl 4(%r9, %r10), %r11d
  movzbq (%r9, %r10), %rax
  movl %eax, 4(%r9, %r10)
  movb %r11b, (%r9, %r10)
  movswq 8(%r9, %r10), %rax
  movslq %r11d, %r11
  leaq (%rax, %r11), %rax
  movq %rbp, %rsp
  popq %rbp
  retq
