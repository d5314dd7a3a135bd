function join:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  b label1
block1:
  ldr x12, [x2, #48]
  ldr x12, [x12]
  ldrb w13, [x12, w3, UXTW]
  movz w6, #0
  movz w9, #1
  movz w11, #3
  emit_island 68
  subs wzr, w13, #9
  b.hs label2 ; csel x14, xzr, x13, hs ; csdb ; adr x15, pc+16 ; ldrsw x14, [x15, x14, uxtw #2] ; add x15, x15, x14 ; br x15 ; jt_entries [MachLabel(3), MachLabel(4), MachLabel(5), MachLabel(6), MachLabel(7), MachLabel(8), MachLabel(9), MachLabel(10), MachLabel(11)]
block2:
  b label113
block3:
  b label111
block4:
  b label12
block5:
  b label24
block6:
  b label36
block7:
  b label48
block8:
  b label60
block9:
  b label72
block10:
  b label84
block11:
  b label96
block12:
  add x0, x12, x3, UXTW
  ldrsb x0, [x0, #1]
  b label13
block13:
  add w3, w3, #2
  ldrb w1, [x12, w3, UXTW]
  add w6, w6, #1
  add w9, w9, w0
  emit_island 68
  subs wzr, w1, #9
  b.hs label14 ; csel x0, xzr, x1, hs ; csdb ; adr x2, pc+16 ; ldrsw x0, [x2, x0, uxtw #2] ; add x2, x2, x0 ; br x2 ; jt_entries [MachLabel(15), MachLabel(16), MachLabel(17), MachLabel(18), MachLabel(19), MachLabel(20), MachLabel(21), MachLabel(22), MachLabel(23)]
block14:
  b label113
block15:
  b label111
block16:
  b label12
block17:
  b label24
block18:
  b label36
block19:
  b label48
block20:
  b label60
block21:
  b label72
block22:
  b label84
block23:
  b label96
block24:
  b label25
block25:
  mov x5, x11
  add w3, w3, #2
  ldrb w0, [x12, w3, UXTW]
  add w6, w6, #1
  madd w9, w9, w11, wzr
  emit_island 68
  subs wzr, w0, #9
  b.hs label26 ; csel x1, xzr, x0, hs ; csdb ; adr x2, pc+16 ; ldrsw x1, [x2, x1, uxtw #2] ; add x2, x2, x1 ; br x2 ; jt_entries [MachLabel(27), MachLabel(28), MachLabel(29), MachLabel(30), MachLabel(31), MachLabel(32), MachLabel(33), MachLabel(34), MachLabel(35)]
block26:
  b label113
block27:
  b label111
block28:
  mov x11, x5
  b label12
block29:
  mov x11, x5
  b label24
block30:
  mov x11, x5
  b label36
block31:
  mov x11, x5
  b label48
block32:
  mov x11, x5
  b label60
block33:
  mov x11, x5
  b label72
block34:
  mov x11, x5
  b label84
block35:
  mov x11, x5
  b label96
block36:
  add x0, x12, x3, UXTW
  ldrb w0, [x0, #1]
  b label37
block37:
  add w3, w3, #2
  ldrb w1, [x12, w3, UXTW]
  add w6, w6, #1
  eor w9, w9, w0
  emit_island 68
  subs wzr, w1, #9
  b.hs label38 ; csel x0, xzr, x1, hs ; csdb ; adr x2, pc+16 ; ldrsw x0, [x2, x0, uxtw #2] ; add x2, x2, x0 ; br x2 ; jt_entries [MachLabel(39), MachLabel(40), MachLabel(41), MachLabel(42), MachLabel(43), MachLabel(44), MachLabel(45), MachLabel(46), MachLabel(47)]
block38:
  b label113
block39:
  b label111
block40:
  b label12
block41:
  b label24
block42:
  b label36
block43:
  b label48
block44:
  b label60
block45:
  b label72
block46:
  b label84
block47:
  b label96
block48:
  add x0, x12, x3, UXTW
  ldrb w1, [x0, #1]
  b label49
block49:
  add w3, w3, #2
  ldrb w0, [x12, w3, UXTW]
  add w6, w6, #1
  sub w1, wzr, w1
  extr w9, w9, w1
  emit_island 68
  subs wzr, w0, #9
  b.hs label50 ; csel x1, xzr, x0, hs ; csdb ; adr x2, pc+16 ; ldrsw x1, [x2, x1, uxtw #2] ; add x2, x2, x1 ; br x2 ; jt_entries [MachLabel(51), MachLabel(52), MachLabel(53), MachLabel(54), MachLabel(55), MachLabel(56), MachLabel(57), MachLabel(58), MachLabel(59)]
block50:
  b label113
block51:
  b label111
block52:
  b label12
block53:
  b label24
block54:
  b label36
block55:
  b label48
block56:
  b label60
block57:
  b label72
block58:
  b label84
block59:
  b label96
block60:
  b label61
block61:
  add w3, w3, #2
  ldrb w10, [x12, w3, UXTW]
  add w6, w6, #1
  add w11, w11, #1
  emit_island 68
  subs wzr, w10, #9
  b.hs label62 ; csel x13, xzr, x10, hs ; csdb ; adr x14, pc+16 ; ldrsw x13, [x14, x13, uxtw #2] ; add x14, x14, x13 ; br x14 ; jt_entries [MachLabel(63), MachLabel(64), MachLabel(65), MachLabel(66), MachLabel(67), MachLabel(68), MachLabel(69), MachLabel(70), MachLabel(71)]
block62:
  b label113
block63:
  b label111
block64:
  b label12
block65:
  b label24
block66:
  b label36
block67:
  b label48
block68:
  b label60
block69:
  b label72
block70:
  b label84
block71:
  b label96
block72:
  b label73
block73:
  add w3, w3, #2
  ldrb w0, [x12, w3, UXTW]
  add w6, w6, #1
  emit_island 68
  subs wzr, w0, #9
  b.hs label74 ; csel x1, xzr, x0, hs ; csdb ; adr x2, pc+16 ; ldrsw x1, [x2, x1, uxtw #2] ; add x2, x2, x1 ; br x2 ; jt_entries [MachLabel(75), MachLabel(76), MachLabel(77), MachLabel(78), MachLabel(79), MachLabel(80), MachLabel(81), MachLabel(82), MachLabel(83)]
block74:
  b label113
block75:
  b label111
block76:
  b label12
block77:
  b label24
block78:
  b label36
block79:
  b label48
block80:
  b label60
block81:
  b label72
block82:
  b label84
block83:
  b label96
block84:
  b label85
block85:
  add w3, w3, #2
  ldrb w0, [x12, w3, UXTW]
  add w6, w6, #1
  sub w4, w4, #1
  emit_island 68
  subs wzr, w0, #9
  b.hs label86 ; csel x1, xzr, x0, hs ; csdb ; adr x2, pc+16 ; ldrsw x1, [x2, x1, uxtw #2] ; add x2, x2, x1 ; br x2 ; jt_entries [MachLabel(87), MachLabel(88), MachLabel(89), MachLabel(90), MachLabel(91), MachLabel(92), MachLabel(93), MachLabel(94), MachLabel(95)]
block86:
  b label113
block87:
  b label111
block88:
  b label12
block89:
  b label24
block90:
  b label36
block91:
  b label48
block92:
  b label60
block93:
  b label72
block94:
  b label84
block95:
  b label96
block96:
  cbnz w4, label98 ; b label97
block97:
  add w3, w3, #2
  b label99
block98:
  add x0, x12, x3, UXTW
  ldrb w3, [x0, #1]
  b label99
block99:
  b label100
block100:
  ldrb w0, [x12, w3, UXTW]
  add w6, w6, #1
  emit_island 68
  subs wzr, w0, #9
  b.hs label101 ; csel x1, xzr, x0, hs ; csdb ; adr x2, pc+16 ; ldrsw x1, [x2, x1, uxtw #2] ; add x2, x2, x1 ; br x2 ; jt_entries [MachLabel(102), MachLabel(103), MachLabel(104), MachLabel(105), MachLabel(106), MachLabel(107), MachLabel(108), MachLabel(109), MachLabel(110)]
block101:
  b label113
block102:
  b label111
block103:
  b label12
block104:
  b label24
block105:
  b label36
block106:
  b label48
block107:
  b label60
block108:
  b label72
block109:
  b label84
block110:
  b label96
block111:
  b label112
block112:
  eor w2, w9, w6, LSL 20
  ldp fp, lr, [sp], #16
  ret
block113:
  ldrb w0, [x12, w3, UXTW]
  orr w0, w0, w3, LSL 8
  sub w2, wzr, w0
  ldp fp, lr, [sp], #16
  ret

function params:
  stp fp, lr, [sp, #-16]!
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mov fp, sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  mov x5, x2
  movz w2, #1
  movz w1, #3
  ldr x0, [x5, #48]
  ldr x0, [x0]
  b label1
block1:
  ldrb w6, [x0, w3, UXTW]
  add w5, w3, #2
  emit_island 68
  subs wzr, w6, #9
  b.hs label2 ; csel x7, xzr, x6, hs ; csdb ; adr x8, pc+16 ; ldrsw x7, [x8, x7, uxtw #2] ; add x8, x8, x7 ; br x8 ; jt_entries [MachLabel(3), MachLabel(4), MachLabel(5), MachLabel(6), MachLabel(7), MachLabel(8), MachLabel(9), MachLabel(10), MachLabel(11)]
block2:
  b label111
block3:
  b label110
block4:
  b label12
block5:
  b label24
block6:
  b label36
block7:
  b label48
block8:
  b label60
block9:
  mov x3, x5
  b label72
block10:
  b label83
block11:
  b label95
block12:
  add x11, x0, x3, UXTW
  ldrsb x11, [x11, #1]
  b label13
block13:
  add w12, w3, #2
  ldrb w13, [x0, w12, UXTW]
  add w2, w2, w11
  add w3, w3, #4
  emit_island 68
  subs wzr, w13, #9
  b.hs label14 ; csel x14, xzr, x13, hs ; csdb ; adr x15, pc+16 ; ldrsw x14, [x15, x14, uxtw #2] ; add x15, x15, x14 ; br x15 ; jt_entries [MachLabel(15), MachLabel(16), MachLabel(17), MachLabel(18), MachLabel(19), MachLabel(20), MachLabel(21), MachLabel(22), MachLabel(23)]
block14:
  mov x3, x12
  b label111
block15:
  b label110
block16:
  mov x3, x12
  b label12
block17:
  mov x3, x12
  b label24
block18:
  mov x3, x12
  b label36
block19:
  mov x3, x12
  b label48
block20:
  mov x3, x12
  b label60
block21:
  b label72
block22:
  mov x3, x12
  b label83
block23:
  mov x3, x12
  b label95
block24:
  b label25
block25:
  mov x8, x1
  add w5, w3, #2
  ldrb w6, [x0, w5, UXTW]
  madd w2, w2, w1, wzr
  add w3, w3, #4
  emit_island 68
  subs wzr, w6, #9
  b.hs label26 ; csel x1, xzr, x6, hs ; csdb ; adr x7, pc+16 ; ldrsw x1, [x7, x1, uxtw #2] ; add x7, x7, x1 ; br x7 ; jt_entries [MachLabel(27), MachLabel(28), MachLabel(29), MachLabel(30), MachLabel(31), MachLabel(32), MachLabel(33), MachLabel(34), MachLabel(35)]
block26:
  mov x3, x5
  b label111
block27:
  b label110
block28:
  mov x1, x8
  mov x3, x5
  b label12
block29:
  mov x1, x8
  mov x3, x5
  b label24
block30:
  mov x1, x8
  mov x3, x5
  b label36
block31:
  mov x1, x8
  mov x3, x5
  b label48
block32:
  mov x1, x8
  mov x3, x5
  b label60
block33:
  mov x1, x8
  b label72
block34:
  mov x1, x8
  mov x3, x5
  b label83
block35:
  mov x1, x8
  mov x3, x5
  b label95
block36:
  add x5, x0, x3, UXTW
  ldrb w7, [x5, #1]
  b label37
block37:
  add w5, w3, #2
  ldrb w6, [x0, w5, UXTW]
  eor w2, w2, w7
  add w3, w3, #4
  emit_island 68
  subs wzr, w6, #9
  b.hs label38 ; csel x7, xzr, x6, hs ; csdb ; adr x8, pc+16 ; ldrsw x7, [x8, x7, uxtw #2] ; add x8, x8, x7 ; br x8 ; jt_entries [MachLabel(39), MachLabel(40), MachLabel(41), MachLabel(42), MachLabel(43), MachLabel(44), MachLabel(45), MachLabel(46), MachLabel(47)]
block38:
  mov x3, x5
  b label111
block39:
  b label110
block40:
  mov x3, x5
  b label12
block41:
  mov x3, x5
  b label24
block42:
  mov x3, x5
  b label36
block43:
  mov x3, x5
  b label48
block44:
  mov x3, x5
  b label60
block45:
  b label72
block46:
  mov x3, x5
  b label83
block47:
  mov x3, x5
  b label95
block48:
  add x5, x0, x3, UXTW
  ldrb w7, [x5, #1]
  b label49
block49:
  add w5, w3, #2
  ldrb w6, [x0, w5, UXTW]
  sub w7, wzr, w7
  extr w2, w2, w7
  add w3, w3, #4
  emit_island 68
  subs wzr, w6, #9
  b.hs label50 ; csel x7, xzr, x6, hs ; csdb ; adr x8, pc+16 ; ldrsw x7, [x8, x7, uxtw #2] ; add x8, x8, x7 ; br x8 ; jt_entries [MachLabel(51), MachLabel(52), MachLabel(53), MachLabel(54), MachLabel(55), MachLabel(56), MachLabel(57), MachLabel(58), MachLabel(59)]
block50:
  mov x3, x5
  b label111
block51:
  b label110
block52:
  mov x3, x5
  b label12
block53:
  mov x3, x5
  b label24
block54:
  mov x3, x5
  b label36
block55:
  mov x3, x5
  b label48
block56:
  mov x3, x5
  b label60
block57:
  b label72
block58:
  mov x3, x5
  b label83
block59:
  mov x3, x5
  b label95
block60:
  b label61
block61:
  add w5, w3, #2
  ldrb w6, [x0, w5, UXTW]
  add w1, w1, #1
  add w3, w3, #4
  emit_island 68
  subs wzr, w6, #9
  b.hs label62 ; csel x7, xzr, x6, hs ; csdb ; adr x8, pc+16 ; ldrsw x7, [x8, x7, uxtw #2] ; add x8, x8, x7 ; br x8 ; jt_entries [MachLabel(63), MachLabel(64), MachLabel(65), MachLabel(66), MachLabel(67), MachLabel(68), MachLabel(69), MachLabel(70), MachLabel(71)]
block62:
  mov x3, x5
  b label111
block63:
  b label110
block64:
  mov x3, x5
  b label12
block65:
  mov x3, x5
  b label24
block66:
  mov x3, x5
  b label36
block67:
  mov x3, x5
  b label48
block68:
  mov x3, x5
  b label60
block69:
  b label72
block70:
  mov x3, x5
  b label83
block71:
  mov x3, x5
  b label95
block72:
  ldrb w9, [x0, w3, UXTW]
  add w8, w3, #2
  emit_island 68
  subs wzr, w9, #9
  b.hs label73 ; csel x10, xzr, x9, hs ; csdb ; adr x11, pc+16 ; ldrsw x10, [x11, x10, uxtw #2] ; add x11, x11, x10 ; br x11 ; jt_entries [MachLabel(74), MachLabel(75), MachLabel(76), MachLabel(77), MachLabel(78), MachLabel(79), MachLabel(80), MachLabel(81), MachLabel(82)]
block73:
  b label111
block74:
  b label110
block75:
  b label12
block76:
  b label24
block77:
  b label36
block78:
  b label48
block79:
  b label60
block80:
  mov x3, x8
  b label1
block81:
  b label83
block82:
  b label95
block83:
  b label84
block84:
  add w5, w3, #2
  ldrb w6, [x0, w5, UXTW]
  sub w4, w4, #1
  add w3, w3, #4
  emit_island 68
  subs wzr, w6, #9
  b.hs label85 ; csel x7, xzr, x6, hs ; csdb ; adr x8, pc+16 ; ldrsw x7, [x8, x7, uxtw #2] ; add x8, x8, x7 ; br x8 ; jt_entries [MachLabel(86), MachLabel(87), MachLabel(88), MachLabel(89), MachLabel(90), MachLabel(91), MachLabel(92), MachLabel(93), MachLabel(94)]
block85:
  mov x3, x5
  b label111
block86:
  b label110
block87:
  mov x3, x5
  b label12
block88:
  mov x3, x5
  b label24
block89:
  mov x3, x5
  b label36
block90:
  mov x3, x5
  b label48
block91:
  mov x3, x5
  b label60
block92:
  b label72
block93:
  mov x3, x5
  b label83
block94:
  mov x3, x5
  b label95
block95:
  cbnz w4, label97 ; b label96
block96:
  add w3, w3, #2
  b label98
block97:
  add x3, x0, x3, UXTW
  ldrb w3, [x3, #1]
  b label98
block98:
  b label99
block99:
  ldrb w6, [x0, w3, UXTW]
  add w5, w3, #2
  emit_island 68
  subs wzr, w6, #9
  b.hs label100 ; csel x7, xzr, x6, hs ; csdb ; adr x8, pc+16 ; ldrsw x7, [x8, x7, uxtw #2] ; add x8, x8, x7 ; br x8 ; jt_entries [MachLabel(101), MachLabel(102), MachLabel(103), MachLabel(104), MachLabel(105), MachLabel(106), MachLabel(107), MachLabel(108), MachLabel(109)]
block100:
  b label111
block101:
  b label110
block102:
  b label12
block103:
  b label24
block104:
  b label36
block105:
  b label48
block106:
  b label60
block107:
  mov x3, x5
  b label72
block108:
  b label83
block109:
  b label95
block110:
  ldp fp, lr, [sp], #16
  ret
block111:
  ldrb w0, [x0, w3, UXTW]
  sub w2, wzr, w0
  ldp fp, lr, [sp], #16
  ret
