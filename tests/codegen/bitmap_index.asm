function set:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %r9
  movq (%r9), %r9
  movq %rdx, %r10
  shrl $0x5, %r10d
  leal (%rsi, %r10, 4), %r10d
  movl $0x1, %r8d
  movq %rdx, %rcx
  shll %cl, %r8d
  orl %r8d, (%r9, %r10)
  movq %rbp, %rsp
  popq %rbp
  retq

function index64:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  shrq $0x7, %rsi
  movq %rsi, %rax
  shlq $0x3, %rax
  movq %rbp, %rsp
  popq %rbp
  retq

function other:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  shrl $0x3, %esi
  movq %rsi, %rax
  andl $0x3ffffffc, %eax
  movq %rbp, %rsp
  popq %rbp
  retq
