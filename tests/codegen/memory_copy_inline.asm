function wasm-function[0]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x20(%rdi), %rcx
  movq 8(%rcx), %rdi
  movl %esi, %eax
  leaq 0x60(%rax), %rsi
  cmpq %rdi, %rsi
  jnbe #trap=heap_oob
  movl %edx, %edx
  leaq 0x60(%rdx), %rsi
  cmpq %rdi, %rsi
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
  movq %rdx, %r8
  movq 0x20(%rdi), %rcx
  movq 8(%rcx), %rdx
  movl %esi, %eax
  leaq 7(%rax), %rsi
  cmpq %rdx, %rsi
  jnbe #trap=heap_oob
  movq %r8, %rsi
  movl %esi, %esi
  leaq 7(%rsi), %rdi
  cmpq %rdx, %rdi
  jnbe #trap=heap_oob
  movq (%rcx), %rcx
  movl (%rcx, %rsi), %edx
  movl 3(%rcx, %rsi), %esi
  movl %edx, (%rcx, %rax)
  movl %esi, 3(%rcx, %rax)
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[2]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x20(%rdi), %r9
  movl %esi, %r8d
  leaq 0x28(%r8), %r10
  cmpq 8(%r9), %r10
  jnbe #trap=heap_oob
  uninit  %xmm0
  pxor %xmm0, %xmm0
  movq (%r9), %r10
  movdqu %xmm0, (%r10, %r8)
  movdqu %xmm0, 0x10(%r10, %r8)
  movdqu %xmm0, 0x18(%r10, %r8)
  movq %rbp, %rsp
  popq %rbp
  retq

function wasm-function[3]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq 0x20(%rdi), %r10
  movl %esi, %r9d
  leaq 0xc(%r9), %r11
  cmpq 8(%r10), %r11
  jnbe #trap=heap_oob
  movzbq %dl, %r11
  imulq (%rip), %r11
  movq (%r10), %rax
  movq %r11, (%rax, %r9)
  movq %r11, 4(%rax, %r9)
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
