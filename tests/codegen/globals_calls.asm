function bump:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movl 0x30(%rdi), %esi
  leal 1(%rsi), %eax
  movl %eax, 0x30(%rdi)
  movq %rbp, %rsp
  popq %rbp
  retq

function run:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  subq $0x10, %rsp
  movq %r12, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p12i }
block0:
  movq    %rsp, %r8
  cmpq (%rdi), %r8
  movq %rdi, %r12
  jb #trap=stk_ovf
  call    User(userextname0)
  cmpl $0x3, %eax
  jnbe    label2; j label1
block1:
  jmp     label3
block2:
  movq 0x40(%r12), %rcx
  movq 0x48(%r12), %rdi
  uninit  %rsi
  xorl %esi, %esi
  call    *%rcx
  jmp     label3
block3:
  movq (%rsp), %r12
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
