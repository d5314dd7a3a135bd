function swizzle:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  pshufb %xmm1, %xmm0
  movq %rbp, %rsp
  popq %rbp
  retq

function trunc:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  cvttpd2dq %xmm0, %xmm0
  movq %rbp, %rsp
  popq %rbp
  retq

function madd:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mulps %xmm1, %xmm0
  addps %xmm2, %xmm0
  movq %rbp, %rsp
  popq %rbp
  retq

function laneselect:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movdqa %xmm0, %xmm6
  movdqa %xmm2, %xmm0
  movdqa %xmm1, %xmm4
  blendvps %xmm0, %xmm6, %xmm4
  movdqa %xmm4, %xmm0
  movq %rbp, %rsp
  popq %rbp
  retq

function dot_add:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  pmaddubsw %xmm0, %xmm1
  pmaddwd (%rip), %xmm1
  movdqa %xmm1, %xmm0
  paddd %xmm2, %xmm0
  movq %rbp, %rsp
  popq %rbp
  retq
