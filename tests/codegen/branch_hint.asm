function wasm-function[0]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  testl %esi, %esi
  jnz     label2; j label1
block1:
  movl $0x2, %eax
  jmp     label3
block3:
  movq %rbp, %rsp
  popq %rbp
  retq
block2:
  movl $0x1, 0x30(%rdi)
  movl $0x64, %eax
  jmp     label3

function wasm-function[1]:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  testl %esi, %esi
  jnz     label2; j label1
block2:
  movl $0x3, %eax
  jmp     label3
block3:
  movq %rbp, %rsp
  popq %rbp
  retq
block1:
  movl $0x1, 0x30(%rdi)
  movl $0xc8, %eax
  jmp     label3
