function madd:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movdqu 0x30(%rdi), %xmm6
  pmulld %xmm1, %xmm0
  paddd %xmm6, %xmm0
  movq %rbp, %rsp
  popq %rbp
  retq

function reverse:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  pshufb (%rip), %xmm0
  movq %rbp, %rsp
  popq %rbp
  retq

function sum_lanes:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x40(%rdi), %r9
  movq (%r9), %r9
  movl %esi, %r10d
  movdqu 0x10(%r9, %r10), %xmm0
  pextrd $0x0, %xmm0, %r9d
  pextrd $0x3, %xmm0, %r10d
  leal (%r9, %r10), %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function scale:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x40(%rdi), %r9
  movq (%r9), %r9
  movl %esi, %r10d
  movdqu (%r9, %r10), %xmm7
  shufps $0x0, %xmm0, %xmm0
  mulps %xmm0, %xmm7
  movdqu %xmm7, (%r9, %r10)
  movq %rbp, %rsp
  popq %rbp
  retq
