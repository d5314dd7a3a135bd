function may_throw:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  subq $0x10, %rsp
  movq %r12, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p12i }
  movq %r13, 8(%rsp)
  unwind SaveReg { clobber_offset: 8, reg: p13i }
block0:
  movq    %rsp, %r9
  cmpq (%rdi), %r9
  jb #trap=stk_ovf
  movl %esi, 0x30(%rdi)
  movq %rdi, %r12
  testl %esi, %esi
  movq %rsi, %r13
  jnz     label3; j label1
block1:
  jmp     label2
block2:
  movl $0x1, %eax
  movq (%rsp), %r12
  movq 8(%rsp), %r13
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block3:
  uninit  %rsi
  xorl %esi, %esi
  load_ext_name userextname0+0, %rax
  movq %r12, %rdi
  call    *%rax
  movq %r13, %rsi
  leal 1(%rsi), %ecx
  movl %ecx, 0x10(%rax)
  movq %rax, %rsi
  movq %r12, %rdi
  call    User(userextname1)
  ud2

function never:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movl %esi, 0x30(%rdi)
  leal 1(%rsi), %eax
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[2]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 48 }
  subq $0x40, %rsp
  movq %rbx, 0x10(%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p3i }
  movq %r12, 0x18(%rsp)
  unwind SaveReg { clobber_offset: 8, reg: p12i }
  movq %r13, 0x20(%rsp)
  unwind SaveReg { clobber_offset: 16, reg: p13i }
  movq %r14, 0x28(%rsp)
  unwind SaveReg { clobber_offset: 24, reg: p14i }
  movq %r15, 0x30(%rsp)
  unwind SaveReg { clobber_offset: 32, reg: p15i }
block0:
  movq %rsi, %r14
  movq    %rsp, %r11
  cmpq (%rdi), %r11
  movq %rdi, <offset:1>+(%rsp)
  jb #trap=stk_ovf
  call    User(userextname0)
  movq %r14, %rsi
  movq <offset:1>+(%rsp), %rdi
  movq %rax, <offset:1>+8(%rsp)
  call    User(userextname1); jmp MachLabel(1); catch [context stack0, tag0: MachLabel(3)]
block1:
  jmp     label2
block2:
  movq <offset:1>+8(%rsp), %rcx
  leal (%rcx, %rax), %eax
  jmp     label4
block4:
  movq 0x10(%rsp), %rbx
  movq 0x18(%rsp), %r12
  movq 0x20(%rsp), %r13
  movq 0x28(%rsp), %r14
  movq 0x30(%rsp), %r15
  addq $0x40, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block3:
  movl 0x10(%rax), %eax
  jmp     label4
