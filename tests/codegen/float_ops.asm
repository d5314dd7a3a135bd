function mix:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movdqa %xmm0, %xmm2
  uninit  %xmm0
  xorpd %xmm0, %xmm0
  sqrtsd %xmm2, %xmm0
  roundss $0x0, %xmm1, %xmm1
  uninit  %xmm2
  xorpd %xmm2, %xmm2
  cvtss2sd %xmm1, %xmm2
  addsd %xmm2, %xmm0
  movabsq $0x41cdcd6500000000, %rax
  movq %rax, %xmm1
  xmm min seq f64 %xmm0, %xmm1, %xmm1
  cvt_float64_to_sint32_seq %xmm1, %ecx, %rax, %xmm0
  movq %rcx, %rax
  movq %rbp, %rsp
  popq %rbp
  retq
