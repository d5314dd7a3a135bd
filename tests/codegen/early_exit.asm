function fib:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  subq $0x20, %rsp
  movq %rbx, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p3i }
  movq %r12, 8(%rsp)
  unwind SaveReg { clobber_offset: 8, reg: p12i }
  movq %r14, 0x10(%rsp)
  unwind SaveReg { clobber_offset: 16, reg: p14i }
block0:
  movq    %rsp, %rax
  cmpq (%rdi), %rax
  movq %rdi, %rbx
  jb #trap=stk_ovf
  cmpl $0x2, %esi
  jb      label12; j label1
block1:
  jmp     label2
block2:
  movq %rsi, %rax
  subl $0x1, %eax
  movq %rsi, %r14
  cmpl $0x2, %eax
  jb      label4; j label3
block3:
  movq %r14, %rax
  movq %rax, %rsi
  subl $0x1, %esi
  movq %rbx, %rdi
  call    User(userextname0)
  movq %r14, %rsi
  movq %rax, %r12
  jmp     label6
block4:
  jmp     label5
block5:
  movq %r14, %rsi
  movq %rsi, %rax
  subl $0x1, %eax
  movq %rax, %r12
  jmp     label6
block6:
  jmp     label7
block7:
  subl $0x2, %esi
  cmpl $0x2, %esi
  jb      label9; j label8
block8:
  movq %rbx, %rdi
  call    User(userextname0)
  movq %r12, %rcx
  jmp     label11
block9:
  jmp     label10
block10:
  movq %rsi, %rax
  movq %r12, %rcx
  jmp     label11
block11:
  leal (%rcx, %rax), %eax
  jmp     label13
block12:
  movq %rsi, %rax
  jmp     label13
block13:
  movq (%rsp), %rbx
  movq 8(%rsp), %r12
  movq 0x10(%rsp), %r14
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq

function sum_to:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  uninit  %rax
  xorl %eax, %eax
  jmp     label1
block1:
  testl %esi, %esi
  jz      label3; j label2
block2:
  movq %rsi, %r10
  subl $0x1, %r10d
  leal (%rax, %rsi), %eax
  movq %r10, %rsi
  jmp     label1
block3:
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[2]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  subq $0x20, %rsp
  movq %r12, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p12i }
  movq %r13, 8(%rsp)
  unwind SaveReg { clobber_offset: 8, reg: p13i }
  movq %r14, 0x10(%rsp)
  unwind SaveReg { clobber_offset: 16, reg: p14i }
block0:
  movq    %rsp, %r8
  cmpq (%rdi), %r8
  movq %rdi, %r13
  jb #trap=stk_ovf
  jmp     label1
block1:
  cmpl $0x2, %esi
  movq %rsi, %r12
  jb      label3; j label2
block2:
  movq %r12, %rsi
  movq %r13, %rdi
  call    User(userextname0)
  movq %rax, %r14
  movq %r12, %rsi
  movq %r13, %rdi
  jmp     label5
block3:
  jmp     label4
block4:
  movq %r12, %rsi
  movq %r13, %rdi
  movq %r12, %r14
  jmp     label5
block5:
  call    User(userextname1)
  movq %r14, %rcx
  leal (%rcx, %rax), %eax
  movq (%rsp), %r12
  movq 8(%rsp), %r13
  movq 0x10(%rsp), %r14
  addq $0x20, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
