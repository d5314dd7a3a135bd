function inc:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  leal 1(%rsi), %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function dbl:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq %rsi, %rax
  shll $1, %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function neg:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq %rsi, %rax
  negl %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[3]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  subq $0x20, %rsp
  movq %rbx, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p3i }
  movq %r12, 8(%rsp)
  unwind SaveReg { clobber_offset: 8, reg: p12i }
  movq %r13, 0x10(%rsp)
  unwind SaveReg { clobber_offset: 16, reg: p13i }
block0:
  movq %rsi, %rcx
  movq    %rsp, %rax
  cmpq (%rdi), %rax
  jb #trap=stk_ovf
  uninit  %rsi
  xorl %esi, %esi
  movq 0x30(%rdi), %rax
  movq (%rax), %r13
  movq 0x10(%rdi), %rax
  movl (%rax), %ebx
  movq %rcx, %r12
  jmp     label1
block1:
  movq %r12, %rax
  andl $0x3, %eax
  cmpq $0x4, %rax
  jnb #trap=user4
  movq (%r13, %rax, 8), %rcx
  movl 8(%rcx), %eax
  cmpl %ebx, %eax
  jnz #trap=user6
  movq (%rcx), %rax
  movq 0x10(%rcx), %rdi
  call    *%rax
  subl $0x1, %r12d
  testl %r12d, %r12d
  jnz     label2; j label3
block2:
  movq %rax, %rsi
  jmp     label1
block3:
  movq (%rsp), %rbx
  movq 8(%rsp), %r12
  movq 0x10(%rsp), %r13
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
