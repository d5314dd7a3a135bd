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
  movq %rdi, %r13
  jb #trap=stk_ovf
  uninit  %rsi
  xorl %esi, %esi
  load_ext_name userextname0+0, %r12
  movq %rcx, %rbx
  jmp     label1
block1:
  movq %rbx, %rcx
  andl $0x3, %ecx
  cmpq $0x5, %rcx
  jnb #trap=user4
  shlq $0x4, %rcx
  movl 8(%r12, %rcx), %eax
  testl %eax, %eax
  jnz     label5; j label2
block2:
  movq (%r12, %rcx), %rax
  movq %r13, %rdi
  call    *%rax
  subl $0x1, %ebx
  testl %ebx, %ebx
  jnz     label3; j label4
block3:
  movq %rax, %rsi
  jmp     label1
block4:
  movq (%rsp), %rbx
  movq 8(%rsp), %r12
  movq 0x10(%rsp), %r13
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block5:
  cmpl $0xffffffff, %eax
  jz #trap=user5
  ud2
