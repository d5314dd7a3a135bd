function add:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  leal (%rsi, %rdx), %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function sub:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq %rsi, %rax
  subl %edx, %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function apply:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq    %rsp, %rax
  cmpq (%rdi), %rax
  jb #trap=stk_ovf
  movq 0x30(%rdi), %rax
  movl %esi, %esi
  cmpq 8(%rax), %rsi
  jnb #trap=user4
  movq (%rax), %rax
  movq (%rax, %rsi, 8), %rax
  movl 8(%rax), %esi
  movq 0x10(%rdi), %rdi
  cmpl (%rdi), %esi
  jnz #trap=user6
  movq (%rax), %r8
  movq 0x10(%rax), %rdi
  movq %rdx, %rsi
  movq %rcx, %rdx
  call    *%r8
  movq %rbp, %rsp
  popq %rbp
  retq
