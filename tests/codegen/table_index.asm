function slice:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %rax
  movq (%rax), %rcx
  movq %rsi, %rax
  shrl $0x6, %eax
  andl $0x3fc, %eax
  movl 0x16b0(%rcx, %rax), %eax
  movzbq %sil, %rdx
  shlq $0x2, %rdx
  leaq 0x1ab0(%rdx), %rdx
  shrl $0x18, %esi
  shlq $0x2, %rsi
  leaq 0xeb0(%rsi), %rsi
  xorl (%rcx, %rdx), %eax
  xorl (%rcx, %rsi), %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function byte_index:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %r8
  movq (%r8), %r8
  movl %esi, %r9d
  movzbq (%r8, %r9), %r9
  movl %r9d, %r9d
  movzbq 0x404(%r8, %r9), %rax
  movq %rbp, %rsp
  popq %rbp
  retq

function may_wrap:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %rdi
  movq (%rdi), %rdi
  leal 0x400(%rsi), %esi
  movl (%rdi, %rsi), %eax
  movq %rbp, %rsp
  popq %rbp
  retq
