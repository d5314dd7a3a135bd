function join:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 16 }
  subq $0x10, %rsp
  movq %rbx, (%rsp)
  unwind SaveReg { clobber_offset: 0, reg: p3i }
block0:
  jmp     label1
block1:
  movq 0x30(%rdi), %rax
  movq (%rax), %r8
  movl %esi, %eax
  movzbq (%r8, %rax), %rax
  uninit  %rdi
  xorl %edi, %edi
  movl $0x1, %r11d
  movq %r11, %rbx
  movl $0x3, %r10d
  movl $0x9, %ecx
  movl %eax, %eax
  cmpl %ecx, %eax
  cmovbl %eax, %ecx
  br_table %rcx, %r9, %rax
block2:
  movq %rsi, %rax
  jmp     label113
block3:
  jmp     label111
block4:
  jmp     label12
block5:
  jmp     label24
block6:
  jmp     label36
block7:
  jmp     label48
block8:
  jmp     label60
block9:
  jmp     label72
block10:
  jmp     label84
block11:
  jmp     label96
block12:
  movl %esi, %eax
  movsbq 1(%r8, %rax), %rcx
  jmp     label13
block13:
  leal 2(%rsi), %eax
  movzbq (%r8, %rax), %rsi
  leal 1(%rdi), %edi
  movq %rbx, %r11
  leal (%r11, %rcx), %r11d
  movq %r11, %rbx
  movl $0x9, %ecx
  movl %esi, %esi
  cmpl %ecx, %esi
  cmovbl %esi, %ecx
  br_table %rcx, %rsi, %rcx
block14:
  jmp     label113
block15:
  jmp     label111
block16:
  movq %rax, %rsi
  jmp     label12
block17:
  movq %rax, %rsi
  jmp     label24
block18:
  movq %rax, %rsi
  jmp     label36
block19:
  movq %rax, %rsi
  jmp     label48
block20:
  movq %rax, %rsi
  jmp     label60
block21:
  movq %rax, %rsi
  jmp     label72
block22:
  movq %rax, %rsi
  jmp     label84
block23:
  movq %rax, %rsi
  jmp     label96
block24:
  jmp     label25
block25:
  movq %r10, %r11
  leal 2(%rsi), %eax
  movzbq (%r8, %rax), %rsi
  leal 1(%rdi), %edi
  movq %rbx, %rcx
  imull %r10d, %ecx
  movq %rcx, %rbx
  movl $0x9, %ecx
  movl %esi, %esi
  cmpl %ecx, %esi
  cmovbl %esi, %ecx
  br_table %rcx, %rsi, %r9
block26:
  jmp     label113
block27:
  jmp     label111
block28:
  movq %rax, %rsi
  movq %r11, %r10
  jmp     label12
block29:
  movq %rax, %rsi
  movq %r11, %r10
  jmp     label24
block30:
  movq %rax, %rsi
  movq %r11, %r10
  jmp     label36
block31:
  movq %rax, %rsi
  movq %r11, %r10
  jmp     label48
block32:
  movq %rax, %rsi
  movq %r11, %r10
  jmp     label60
block33:
  movq %rax, %rsi
  movq %r11, %r10
  jmp     label72
block34:
  movq %rax, %rsi
  movq %r11, %r10
  jmp     label84
block35:
  movq %rax, %rsi
  movq %r11, %r10
  jmp     label96
block36:
  movl %esi, %eax
  movzbq 1(%r8, %rax), %r9
  jmp     label37
block37:
  leal 2(%rsi), %eax
  movzbq (%r8, %rax), %rcx
  leal 1(%rdi), %edi
  movq %rbx, %rsi
  xorl %r9d, %esi
  movq %rsi, %rbx
  movl $0x9, %esi
  movl %ecx, %ecx
  cmpl %esi, %ecx
  cmovbl %ecx, %esi
  br_table %rsi, %r9, %rcx
block38:
  jmp     label113
block39:
  jmp     label111
block40:
  movq %rax, %rsi
  jmp     label12
block41:
  movq %rax, %rsi
  jmp     label24
block42:
  movq %rax, %rsi
  jmp     label36
block43:
  movq %rax, %rsi
  jmp     label48
block44:
  movq %rax, %rsi
  jmp     label60
block45:
  movq %rax, %rsi
  jmp     label72
block46:
  movq %rax, %rsi
  jmp     label84
block47:
  movq %rax, %rsi
  jmp     label96
block48:
  movl %esi, %eax
  movzbq 1(%r8, %rax), %rcx
  jmp     label49
block49:
  leal 2(%rsi), %eax
  movzbq (%r8, %rax), %rsi
  leal 1(%rdi), %edi
  movq %rbx, %r9
  roll %cl, %r9d
  movq %r9, %rbx
  movl $0x9, %ecx
  movl %esi, %esi
  cmpl %ecx, %esi
  cmovbl %esi, %ecx
  br_table %rcx, %rsi, %rcx
block50:
  jmp     label113
block51:
  jmp     label111
block52:
  movq %rax, %rsi
  jmp     label12
block53:
  movq %rax, %rsi
  jmp     label24
block54:
  movq %rax, %rsi
  jmp     label36
block55:
  movq %rax, %rsi
  jmp     label48
block56:
  movq %rax, %rsi
  jmp     label60
block57:
  movq %rax, %rsi
  jmp     label72
block58:
  movq %rax, %rsi
  jmp     label84
block59:
  movq %rax, %rsi
  jmp     label96
block60:
  jmp     label61
block61:
  leal 2(%rsi), %eax
  movzbq (%r8, %rax), %rcx
  leal 1(%rdi), %edi
  leal 1(%r10), %r10d
  movl $0x9, %esi
  movl %ecx, %ecx
  cmpl %esi, %ecx
  cmovbl %ecx, %esi
  br_table %rsi, %r9, %rcx
block62:
  jmp     label113
block63:
  jmp     label111
block64:
  movq %rax, %rsi
  jmp     label12
block65:
  movq %rax, %rsi
  jmp     label24
block66:
  movq %rax, %rsi
  jmp     label36
block67:
  movq %rax, %rsi
  jmp     label48
block68:
  movq %rax, %rsi
  jmp     label60
block69:
  movq %rax, %rsi
  jmp     label72
block70:
  movq %rax, %rsi
  jmp     label84
block71:
  movq %rax, %rsi
  jmp     label96
block72:
  jmp     label73
block73:
  leal 2(%rsi), %eax
  movzbq (%r8, %rax), %rsi
  leal 1(%rdi), %edi
  movl $0x9, %ecx
  movl %esi, %esi
  cmpl %ecx, %esi
  cmovbl %esi, %ecx
  br_table %rcx, %rsi, %rcx
block74:
  jmp     label113
block75:
  jmp     label111
block76:
  movq %rax, %rsi
  jmp     label12
block77:
  movq %rax, %rsi
  jmp     label24
block78:
  movq %rax, %rsi
  jmp     label36
block79:
  movq %rax, %rsi
  jmp     label48
block80:
  movq %rax, %rsi
  jmp     label60
block81:
  movq %rax, %rsi
  jmp     label72
block82:
  movq %rax, %rsi
  jmp     label84
block83:
  movq %rax, %rsi
  jmp     label96
block84:
  jmp     label85
block85:
  leal 2(%rsi), %eax
  movzbq (%r8, %rax), %rcx
  leal 1(%rdi), %edi
  subl $0x1, %edx
  movl $0x9, %esi
  movl %ecx, %ecx
  cmpl %esi, %ecx
  cmovbl %ecx, %esi
  br_table %rsi, %r9, %rcx
block86:
  jmp     label113
block87:
  jmp     label111
block88:
  movq %rax, %rsi
  jmp     label12
block89:
  movq %rax, %rsi
  jmp     label24
block90:
  movq %rax, %rsi
  jmp     label36
block91:
  movq %rax, %rsi
  jmp     label48
block92:
  movq %rax, %rsi
  jmp     label60
block93:
  movq %rax, %rsi
  jmp     label72
block94:
  movq %rax, %rsi
  jmp     label84
block95:
  movq %rax, %rsi
  jmp     label96
block96:
  testl %edx, %edx
  jnz     label98; j label97
block97:
  leal 2(%rsi), %eax
  jmp     label99
block98:
  movl %esi, %r9d
  movzbq 1(%r8, %r9), %rax
  jmp     label99
block99:
  jmp     label100
block100:
  movl %eax, %r11d
  movzbq (%r8, %r11), %r11
  leal 1(%rdi), %edi
  movl $0x9, %r9d
  movl %r11d, %r11d
  cmpl %r9d, %r11d
  cmovbl %r11d, %r9d
  br_table %r9, %rsi, %rcx
block101:
  jmp     label113
block102:
  jmp     label111
block103:
  movq %rax, %rsi
  jmp     label12
block104:
  movq %rax, %rsi
  jmp     label24
block105:
  movq %rax, %rsi
  jmp     label36
block106:
  movq %rax, %rsi
  jmp     label48
block107:
  movq %rax, %rsi
  jmp     label60
block108:
  movq %rax, %rsi
  jmp     label72
block109:
  movq %rax, %rsi
  jmp     label84
block110:
  movq %rax, %rsi
  jmp     label96
block111:
  jmp     label112
block112:
  shll $0x14, %edi
  movq %rbx, %rax
  xorl %edi, %eax
  movq %rax, %rbx
  movq (%rsp), %rbx
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq
block113:
  movl %eax, %ecx
  movzbq (%r8, %rcx), %rcx
  shll $0x8, %eax
  orl %ecx, %eax
  negl %eax
  movq (%rsp), %rbx
  addq $0x10, %rsp
  movq %rbp, %rsp
  popq %rbp
  retq

function params:
  pushq %rbp
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  movq %rsp, %rbp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  movq %rdi, %rcx
  movl $0x1, %eax
  movl $0x3, %edi
  movq 0x30(%rcx), %rcx
  movq (%rcx), %r10
  jmp     label1
block1:
  movl %esi, %ecx
  movzbq (%r10, %rcx), %r9
  leal 2(%rsi), %r8d
  movl $0x9, %ecx
  movl %r9d, %r9d
  cmpl %ecx, %r9d
  cmovbl %r9d, %ecx
  br_table %rcx, %r9, %rcx
block2:
  jmp     label111
block3:
  jmp     label110
block4:
  jmp     label12
block5:
  jmp     label24
block6:
  jmp     label36
block7:
  jmp     label48
block8:
  jmp     label60
block9:
  movq %r8, %rsi
  jmp     label72
block10:
  jmp     label83
block11:
  jmp     label95
block12:
  movl %esi, %ecx
  movsbq 1(%r10, %rcx), %rcx
  jmp     label13
block13:
  leal 2(%rsi), %r8d
  movzbq (%r10, %r8), %r9
  leal (%rax, %rcx), %eax
  leal 4(%rsi), %esi
  movl $0x9, %ecx
  movl %r9d, %r9d
  cmpl %ecx, %r9d
  cmovbl %r9d, %ecx
  br_table %rcx, %r9, %rcx
block14:
  movq %r8, %rsi
  jmp     label111
block15:
  jmp     label110
block16:
  movq %r8, %rsi
  jmp     label12
block17:
  movq %r8, %rsi
  jmp     label24
block18:
  movq %r8, %rsi
  jmp     label36
block19:
  movq %r8, %rsi
  jmp     label48
block20:
  movq %r8, %rsi
  jmp     label60
block21:
  jmp     label72
block22:
  movq %r8, %rsi
  jmp     label83
block23:
  movq %r8, %rsi
  jmp     label95
block24:
  jmp     label25
block25:
  movq %rdi, %r11
  leal 2(%rsi), %r8d
  movzbq (%r10, %r8), %rcx
  imull %edi, %eax
  leal 4(%rsi), %esi
  movl $0x9, %edi
  movl %ecx, %ecx
  cmpl %edi, %ecx
  cmovbl %ecx, %edi
  br_table %rdi, %r9, %rcx
block26:
  movq %r8, %rsi
  jmp     label111
block27:
  jmp     label110
block28:
  movq %r8, %rsi
  movq %r11, %rdi
  jmp     label12
block29:
  movq %r8, %rsi
  movq %r11, %rdi
  jmp     label24
block30:
  movq %r8, %rsi
  movq %r11, %rdi
  jmp     label36
block31:
  movq %r8, %rsi
  movq %r11, %rdi
  jmp     label48
block32:
  movq %r8, %rsi
  movq %r11, %rdi
  jmp     label60
block33:
  movq %r11, %rdi
  jmp     label72
block34:
  movq %r8, %rsi
  movq %r11, %rdi
  jmp     label83
block35:
  movq %r8, %rsi
  movq %r11, %rdi
  jmp     label95
block36:
  movl %esi, %ecx
  movzbq 1(%r10, %rcx), %r9
  jmp     label37
block37:
  leal 2(%rsi), %r8d
  movzbq (%r10, %r8), %rcx
  xorl %r9d, %eax
  leal 4(%rsi), %esi
  movl $0x9, %r9d
  movl %ecx, %ecx
  cmpl %r9d, %ecx
  cmovbl %ecx, %r9d
  br_table %r9, %r11, %r9
block38:
  movq %r8, %rsi
  jmp     label111
block39:
  jmp     label110
block40:
  movq %r8, %rsi
  jmp     label12
block41:
  movq %r8, %rsi
  jmp     label24
block42:
  movq %r8, %rsi
  jmp     label36
block43:
  movq %r8, %rsi
  jmp     label48
block44:
  movq %r8, %rsi
  jmp     label60
block45:
  jmp     label72
block46:
  movq %r8, %rsi
  jmp     label83
block47:
  movq %r8, %rsi
  jmp     label95
block48:
  movl %esi, %r11d
  movzbq 1(%r10, %r11), %rcx
  jmp     label49
block49:
  leal 2(%rsi), %r11d
  movzbq (%r10, %r11), %r8
  roll %cl, %eax
  leal 4(%rsi), %esi
  movl $0x9, %r9d
  movl %r8d, %ecx
  cmpl %r9d, %ecx
  cmovbl %ecx, %r9d
  br_table %r9, %r8, %rcx
block50:
  movq %r11, %rsi
  jmp     label111
block51:
  jmp     label110
block52:
  movq %r11, %rsi
  jmp     label12
block53:
  movq %r11, %rsi
  jmp     label24
block54:
  movq %r11, %rsi
  jmp     label36
block55:
  movq %r11, %rsi
  jmp     label48
block56:
  movq %r11, %rsi
  jmp     label60
block57:
  jmp     label72
block58:
  movq %r11, %rsi
  jmp     label83
block59:
  movq %r11, %rsi
  jmp     label95
block60:
  jmp     label61
block61:
  leal 2(%rsi), %r8d
  movzbq (%r10, %r8), %rcx
  leal 1(%rdi), %edi
  leal 4(%rsi), %esi
  movl $0x9, %r9d
  movl %ecx, %ecx
  cmpl %r9d, %ecx
  cmovbl %ecx, %r9d
  br_table %r9, %r11, %rcx
block62:
  movq %r8, %rsi
  jmp     label111
block63:
  jmp     label110
block64:
  movq %r8, %rsi
  jmp     label12
block65:
  movq %r8, %rsi
  jmp     label24
block66:
  movq %r8, %rsi
  jmp     label36
block67:
  movq %r8, %rsi
  jmp     label48
block68:
  movq %r8, %rsi
  jmp     label60
block69:
  jmp     label72
block70:
  movq %r8, %rsi
  jmp     label83
block71:
  movq %r8, %rsi
  jmp     label95
block72:
  movl %esi, %ecx
  movzbq (%r10, %rcx), %r9
  leal 2(%rsi), %r8d
  movl $0x9, %ecx
  movl %r9d, %r9d
  cmpl %ecx, %r9d
  cmovbl %r9d, %ecx
  br_table %rcx, %r9, %rcx
block73:
  jmp     label111
block74:
  jmp     label110
block75:
  jmp     label12
block76:
  jmp     label24
block77:
  jmp     label36
block78:
  jmp     label48
block79:
  jmp     label60
block80:
  movq %r8, %rsi
  jmp     label1
block81:
  jmp     label83
block82:
  jmp     label95
block83:
  jmp     label84
block84:
  leal 2(%rsi), %r8d
  movzbq (%r10, %r8), %rcx
  subl $0x1, %edx
  leal 4(%rsi), %esi
  movl $0x9, %r9d
  movl %ecx, %ecx
  cmpl %r9d, %ecx
  cmovbl %ecx, %r9d
  br_table %r9, %r11, %rcx
block85:
  movq %r8, %rsi
  jmp     label111
block86:
  jmp     label110
block87:
  movq %r8, %rsi
  jmp     label12
block88:
  movq %r8, %rsi
  jmp     label24
block89:
  movq %r8, %rsi
  jmp     label36
block90:
  movq %r8, %rsi
  jmp     label48
block91:
  movq %r8, %rsi
  jmp     label60
block92:
  jmp     label72
block93:
  movq %r8, %rsi
  jmp     label83
block94:
  movq %r8, %rsi
  jmp     label95
block95:
  testl %edx, %edx
  jnz     label97; j label96
block96:
  leal 2(%rsi), %esi
  jmp     label98
block97:
  movl %esi, %ecx
  movzbq 1(%r10, %rcx), %rsi
  jmp     label98
block98:
  jmp     label99
block99:
  movl %esi, %ecx
  movzbq (%r10, %rcx), %r9
  leal 2(%rsi), %r8d
  movl $0x9, %ecx
  movl %r9d, %r9d
  cmpl %ecx, %r9d
  cmovbl %r9d, %ecx
  br_table %rcx, %r9, %rcx
block100:
  jmp     label111
block101:
  jmp     label110
block102:
  jmp     label12
block103:
  jmp     label24
block104:
  jmp     label36
block105:
  jmp     label48
block106:
  jmp     label60
block107:
  movq %r8, %rsi
  jmp     label72
block108:
  jmp     label83
block109:
  jmp     label95
block110:
  movq %rbp, %rsp
  popq %rbp
  retq
block111:
  movl %esi, %esi
  movzbq (%r10, %rsi), %rax
  negl %eax
  movq %rbp, %rsp
  popq %rbp
  retq
