function wasm-function[0]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %rcx
  movq 8(%rcx), %rdi
  movl %esi, %eax
  leaq -0x60(%rdi), %rsi
  cmpq %rsi, %rax
  jnbe #trap=heap_oob
  movl %edx, %edx
  cmpq %rsi, %rdx
  jnbe #trap=heap_oob
  movq (%rcx), %rcx
  movdqu (%rcx, %rdx), %xmm0
  movdqu 0x10(%rcx, %rdx), %xmm1
  movdqu 0x20(%rcx, %rdx), %xmm2
  movdqu 0x30(%rcx, %rdx), %xmm3
  movdqu 0x40(%rcx, %rdx), %xmm4
  movdqu 0x50(%rcx, %rdx), %xmm5
  movdqu %xmm0, (%rcx, %rax)
  movdqu %xmm1, 0x10(%rcx, %rax)
  movdqu %xmm2, 0x20(%rcx, %rax)
  movdqu %xmm3, 0x30(%rcx, %rax)
  movdqu %xmm4, 0x40(%rcx, %rax)
  movdqu %xmm5, 0x50(%rcx, %rax)
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[1]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %rax
  movq 8(%rax), %rcx
  movl %esi, %r11d
  leaq -7(%rcx), %rsi
  cmpq %rsi, %r11
  jnbe #trap=heap_oob
  movl %edx, %ecx
  cmpq %rsi, %rcx
  jnbe #trap=heap_oob
  movq (%rax), %rax
  movl (%rax, %rcx), %edx
  movl 3(%rax, %rcx), %ecx
  movl %edx, (%rax, %r11)
  movl %ecx, 3(%rax, %r11)
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
  movl %esi, %r9d
  movq $0xffffffffffffffd8, %r8
  addq 8(%r10), %r8
  cmpq %r8, %r9
  jnbe #trap=heap_oob
  uninit  %xmm0
  pxor %xmm0, %xmm0
  movq (%r10), %r11
  movdqu %xmm0, (%r11, %r9)
  movdqu %xmm0, 0x10(%r11, %r9)
  movdqu %xmm0, 0x18(%r11, %r9)
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[3]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x30(%rdi), %r11
  movl %esi, %r10d
  movq $0xfffffffffffffff4, %r9
  addq 8(%r11), %r9
  cmpq %r9, %r10
  jnbe #trap=heap_oob
  movzbq %dl, %rax
  imulq (%rip), %rax
  movq (%r11), %rcx
  movq %rax, (%rcx, %r10)
  movq %rax, 4(%rcx, %r10)
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[4]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq %rdx, %r8
  movq %rcx, %r9
  movq    %rsp, %rax
  cmpq (%rdi), %rax
  jb #trap=stk_ovf
  uninit  %rdx
  xorl %edx, %edx
  movl %esi, %ecx
  movq %r8, %rax
  movl %eax, %r8d
  movq %r9, %rax
  movl %eax, %r9d
  load_ext_name userextname0+0, %rax
  movq %rdx, %rsi
  call    *%rax
  testl %eax, %eax
  jnz #trap=heap_oob
  movq %rbp, %rsp
  popq %rbp
  retq
