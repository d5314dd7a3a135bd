function wasm-function[0]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  uninit  %rax
  xorl %eax, %eax
  jmp     label1
block1:
  testl %edx, %edx
  jz      label3; j label2
block2:
  movl %esi, %ecx
  subl $0x1, %edx
  addl 0x60000008(%rcx), %eax
  leal 4(%rsi), %esi
  jmp     label1
block3:
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[1]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movl %esi, %esi
  movabsq $0x15ffffff0, %rdi
  movq (%rsi, %rdi), %rax
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[2]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %r10
  movq 8(%r10), %r11
  movl %esi, %r10d
  leaq -0x10(%r11), %r11
  cmpq %r11, %r10
  jnbe #trap=heap_oob
  movl %edx, %eax
  cmpq %r11, %rax
  jnbe #trap=heap_oob
  movdqu 0x60000000(%rax), %xmm0
  movdqu %xmm0, 0x60000000(%r10)
  movl $0x1, %eax
  movb %al, 0x60000000(%r10)
  movq %rbp, %rsp
  popq %rbp
  retq
