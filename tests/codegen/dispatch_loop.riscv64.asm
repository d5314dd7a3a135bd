function join:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 32 }
  addi sp,sp,-32
  sd s1,24(sp)
  unwind SaveReg { clobber_offset: 24, reg: p9i }
  sd s2,16(sp)
  unwind SaveReg { clobber_offset: 16, reg: p18i }
  sd s10,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p26i }
  sd s11,0(sp)
  unwind SaveReg { clobber_offset: 0, reg: p27i }
block0:
  mv a7,a2
  j label1
block1:
  ld a0,48(a0)
  ld a0,0(a0)
  slli a2,a1,32
  srli a2,a2,32
  add a2,a0,a2
  lbu a5,0(a2)
  li a2,0
  li a3,1
  li a4,3
  br_table a5,[MachLabel(2),MachLabel(3),MachLabel(4),MachLabel(5),MachLabel(6),MachLabel(7),MachLabel(8),MachLabel(9),MachLabel(10),MachLabel(11)]##tmp1=t1,tmp2=t0
block2:
  j label113
block3:
  j label111
block4:
  j label12
block5:
  j label24
block6:
  j label36
block7:
  j label48
block8:
  j label60
block9:
  j label72
block10:
  j label84
block11:
  mv a5,a7
  j label96
block12:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a0,a5
  lb a5,1(a5)
  j label13
block13:
  addiw a1,a1,2
  slli t1,a1,32
  srli s1,t1,32
  add t2,a0,s1
  lbu t2,0(t2)
  addiw a2,a2,1
  addw a3,a3,a5
  br_table t2,[MachLabel(14),MachLabel(15),MachLabel(16),MachLabel(17),MachLabel(18),MachLabel(19),MachLabel(20),MachLabel(21),MachLabel(22),MachLabel(23)]##tmp1=t1,tmp2=a5
block14:
  j label113
block15:
  j label111
block16:
  j label12
block17:
  j label24
block18:
  j label36
block19:
  j label48
block20:
  j label60
block21:
  j label72
block22:
  j label84
block23:
  mv a5,a7
  j label96
block24:
  j label25
block25:
  mv s2,a4
  addiw a1,a1,2
  slli a5,a1,32
  srli a5,a5,32
  add a5,a0,a5
  lbu a5,0(a5)
  addiw a2,a2,1
  mulw a3,a3,a4
  br_table a5,[MachLabel(26),MachLabel(27),MachLabel(28),MachLabel(29),MachLabel(30),MachLabel(31),MachLabel(32),MachLabel(33),MachLabel(34),MachLabel(35)]##tmp1=a6,tmp2=a4
block26:
  j label113
block27:
  j label111
block28:
  mv a4,s2
  j label12
block29:
  mv a4,s2
  j label24
block30:
  mv a4,s2
  j label36
block31:
  mv a4,s2
  j label48
block32:
  mv a4,s2
  j label60
block33:
  mv a4,s2
  j label72
block34:
  mv a4,s2
  j label84
block35:
  mv a4,s2
  mv a5,a7
  j label96
block36:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a0,a5
  lbu a5,1(a5)
  j label37
block37:
  addiw a1,a1,2
  slli s10,a1,32
  srli t3,s10,32
  add s11,a0,t3
  lbu s11,0(s11)
  addiw a2,a2,1
  xor a3,a3,a5
  br_table s11,[MachLabel(38),MachLabel(39),MachLabel(40),MachLabel(41),MachLabel(42),MachLabel(43),MachLabel(44),MachLabel(45),MachLabel(46),MachLabel(47)]##tmp1=s10,tmp2=a5
block38:
  j label113
block39:
  j label111
block40:
  j label12
block41:
  j label24
block42:
  j label36
block43:
  j label48
block44:
  j label60
block45:
  j label72
block46:
  j label84
block47:
  mv a5,a7
  j label96
block48:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a0,a5
  lbu t0,1(a5)
  j label49
block49:
  addiw a1,a1,2
  slli a5,a1,32
  srli a5,a5,32
  add a5,a0,a5
  lbu a5,0(a5)
  addiw a2,a2,1
  slli a3,a3,32
  srli t1,a3,32
  andi a3,t0,31
  li t0,32
  sub t2,t0,a3
  sll t0,t1,a3
  srl t1,t1,t2
  select t1,zero,t1##condition=(a3 eq zero)
  or a3,t0,t1
  br_table a5,[MachLabel(50),MachLabel(51),MachLabel(52),MachLabel(53),MachLabel(54),MachLabel(55),MachLabel(56),MachLabel(57),MachLabel(58),MachLabel(59)]##tmp1=t1,tmp2=t0
block50:
  j label113
block51:
  j label111
block52:
  j label12
block53:
  j label24
block54:
  j label36
block55:
  j label48
block56:
  j label60
block57:
  j label72
block58:
  j label84
block59:
  mv a5,a7
  j label96
block60:
  j label61
block61:
  addiw a1,a1,2
  slli a5,a1,32
  srli a5,a5,32
  add a5,a0,a5
  lbu a5,0(a5)
  addiw a2,a2,1
  addiw a4,a4,1
  br_table a5,[MachLabel(62),MachLabel(63),MachLabel(64),MachLabel(65),MachLabel(66),MachLabel(67),MachLabel(68),MachLabel(69),MachLabel(70),MachLabel(71)]##tmp1=t1,tmp2=t0
block62:
  j label113
block63:
  j label111
block64:
  j label12
block65:
  j label24
block66:
  j label36
block67:
  j label48
block68:
  j label60
block69:
  j label72
block70:
  j label84
block71:
  mv a5,a7
  j label96
block72:
  j label73
block73:
  addiw a1,a1,2
  slli a5,a1,32
  srli a5,a5,32
  add a5,a0,a5
  lbu a5,0(a5)
  addiw a2,a2,1
  br_table a5,[MachLabel(74),MachLabel(75),MachLabel(76),MachLabel(77),MachLabel(78),MachLabel(79),MachLabel(80),MachLabel(81),MachLabel(82),MachLabel(83)]##tmp1=t1,tmp2=t0
block74:
  j label113
block75:
  j label111
block76:
  j label12
block77:
  j label24
block78:
  j label36
block79:
  j label48
block80:
  j label60
block81:
  j label72
block82:
  j label84
block83:
  mv a5,a7
  j label96
block84:
  j label85
block85:
  addiw a1,a1,2
  slli a5,a1,32
  srli a5,a5,32
  add a5,a0,a5
  lbu t0,0(a5)
  addiw a2,a2,1
  mv a5,a7
  addiw a5,a5,-1
  br_table t0,[MachLabel(86),MachLabel(87),MachLabel(88),MachLabel(89),MachLabel(90),MachLabel(91),MachLabel(92),MachLabel(93),MachLabel(94),MachLabel(95)]##tmp1=t2,tmp2=t1
block86:
  j label113
block87:
  j label111
block88:
  mv a7,a5
  j label12
block89:
  mv a7,a5
  j label24
block90:
  mv a7,a5
  j label36
block91:
  mv a7,a5
  j label48
block92:
  mv a7,a5
  j label60
block93:
  mv a7,a5
  j label72
block94:
  mv a7,a5
  j label84
block95:
  j label96
block96:
  sext.w a6,a5
  bne a6,zero,taken(label98),not_taken(label97)
block97:
  addiw a1,a1,2
  j label99
block98:
  slli a1,a1,32
  srli a1,a1,32
  add a1,a0,a1
  lbu a1,1(a1)
  j label99
block99:
  j label100
block100:
  slli a6,a1,32
  srli s2,a6,32
  add a7,a0,s2
  lbu a7,0(a7)
  addiw a2,a2,1
  br_table a7,[MachLabel(101),MachLabel(102),MachLabel(103),MachLabel(104),MachLabel(105),MachLabel(106),MachLabel(107),MachLabel(108),MachLabel(109),MachLabel(110)]##tmp1=a6,tmp2=s2
block101:
  j label113
block102:
  j label111
block103:
  mv a7,a5
  j label12
block104:
  mv a7,a5
  j label24
block105:
  mv a7,a5
  j label36
block106:
  mv a7,a5
  j label48
block107:
  mv a7,a5
  j label60
block108:
  mv a7,a5
  j label72
block109:
  mv a7,a5
  j label84
block110:
  j label96
block111:
  j label112
block112:
  slliw a0,a2,20
  xor a0,a3,a0
  ld s1,24(sp)
  ld s2,16(sp)
  ld s10,8(sp)
  ld s11,0(sp)
  addi sp,sp,32
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block113:
  slli a2,a1,32
  srli a2,a2,32
  add a0,a0,a2
  lbu a0,0(a0)
  slliw a1,a1,8
  or a0,a1,a0
  sub a0,zero,a0
  ld s1,24(sp)
  ld s2,16(sp)
  ld s10,8(sp)
  ld s11,0(sp)
  addi sp,sp,32
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret

function params:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 64 }
  addi sp,sp,-64
  sd s2,56(sp)
  unwind SaveReg { clobber_offset: 56, reg: p18i }
  sd s5,48(sp)
  unwind SaveReg { clobber_offset: 48, reg: p21i }
  sd s6,40(sp)
  unwind SaveReg { clobber_offset: 40, reg: p22i }
  sd s7,32(sp)
  unwind SaveReg { clobber_offset: 32, reg: p23i }
  sd s8,24(sp)
  unwind SaveReg { clobber_offset: 24, reg: p24i }
  sd s9,16(sp)
  unwind SaveReg { clobber_offset: 16, reg: p25i }
  sd s11,8(sp)
  unwind SaveReg { clobber_offset: 8, reg: p27i }
block0:
  mv a4,a0
  li a0,1
  li a3,3
  ld a4,48(a4)
  ld a4,0(a4)
  j label1
block1:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a4,a5
  lbu t0,0(a5)
  addiw a5,a1,2
  br_table t0,[MachLabel(2),MachLabel(3),MachLabel(4),MachLabel(5),MachLabel(6),MachLabel(7),MachLabel(8),MachLabel(9),MachLabel(10),MachLabel(11)]##tmp1=t2,tmp2=t1
block2:
  j label111
block3:
  j label110
block4:
  j label12
block5:
  j label24
block6:
  j label36
block7:
  j label48
block8:
  j label60
block9:
  mv a1,a5
  j label72
block10:
  j label83
block11:
  j label95
block12:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a4,a5
  lb t0,1(a5)
  j label13
block13:
  addiw a5,a1,2
  slli t1,a5,32
  srli t1,t1,32
  add t1,a4,t1
  lbu t1,0(t1)
  addw a0,a0,t0
  addiw a1,a1,4
  br_table t1,[MachLabel(14),MachLabel(15),MachLabel(16),MachLabel(17),MachLabel(18),MachLabel(19),MachLabel(20),MachLabel(21),MachLabel(22),MachLabel(23)]##tmp1=t2,tmp2=t0
block14:
  mv a1,a5
  j label111
block15:
  j label110
block16:
  mv a1,a5
  j label12
block17:
  mv a1,a5
  j label24
block18:
  mv a1,a5
  j label36
block19:
  mv a1,a5
  j label48
block20:
  mv a1,a5
  j label60
block21:
  j label72
block22:
  mv a1,a5
  j label83
block23:
  mv a1,a5
  j label95
block24:
  j label25
block25:
  mv s6,a3
  addiw a5,a1,2
  slli t0,a5,32
  srli t0,t0,32
  add t0,a4,t0
  lbu t0,0(t0)
  mulw a0,a0,a3
  addiw a1,a1,4
  br_table t0,[MachLabel(26),MachLabel(27),MachLabel(28),MachLabel(29),MachLabel(30),MachLabel(31),MachLabel(32),MachLabel(33),MachLabel(34),MachLabel(35)]##tmp1=t1,tmp2=a3
block26:
  mv a1,a5
  j label111
block27:
  j label110
block28:
  mv a1,a5
  mv a3,s6
  j label12
block29:
  mv a1,a5
  mv a3,s6
  j label24
block30:
  mv a1,a5
  mv a3,s6
  j label36
block31:
  mv a1,a5
  mv a3,s6
  j label48
block32:
  mv a1,a5
  mv a3,s6
  j label60
block33:
  mv a3,s6
  j label72
block34:
  mv a1,a5
  mv a3,s6
  j label83
block35:
  mv a1,a5
  mv a3,s6
  j label95
block36:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a4,a5
  lbu a6,1(a5)
  j label37
block37:
  addiw a5,a1,2
  slli a7,a5,32
  srli a7,a7,32
  add a7,a4,a7
  lbu a7,0(a7)
  xor a0,a0,a6
  addiw a1,a1,4
  br_table a7,[MachLabel(38),MachLabel(39),MachLabel(40),MachLabel(41),MachLabel(42),MachLabel(43),MachLabel(44),MachLabel(45),MachLabel(46),MachLabel(47)]##tmp1=s2,tmp2=a6
block38:
  mv a1,a5
  j label111
block39:
  j label110
block40:
  mv a1,a5
  j label12
block41:
  mv a1,a5
  j label24
block42:
  mv a1,a5
  j label36
block43:
  mv a1,a5
  j label48
block44:
  mv a1,a5
  j label60
block45:
  j label72
block46:
  mv a1,a5
  j label83
block47:
  mv a1,a5
  j label95
block48:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a4,a5
  lbu s6,1(a5)
  j label49
block49:
  addiw a5,a1,2
  slli s7,a5,32
  srli s8,s7,32
  add s7,a4,s8
  lbu s7,0(s7)
  slli a0,a0,32
  srli a7,a0,32
  andi a0,s6,31
  li s5,32
  sub s8,s5,a0
  sll s9,a7,a0
  srl s11,a7,s8
  select t4,zero,s11##condition=(a0 eq zero)
  or a0,s9,t4
  addiw a1,a1,4
  br_table s7,[MachLabel(50),MachLabel(51),MachLabel(52),MachLabel(53),MachLabel(54),MachLabel(55),MachLabel(56),MachLabel(57),MachLabel(58),MachLabel(59)]##tmp1=s6,tmp2=s8
block50:
  mv a1,a5
  j label111
block51:
  j label110
block52:
  mv a1,a5
  j label12
block53:
  mv a1,a5
  j label24
block54:
  mv a1,a5
  j label36
block55:
  mv a1,a5
  j label48
block56:
  mv a1,a5
  j label60
block57:
  j label72
block58:
  mv a1,a5
  j label83
block59:
  mv a1,a5
  j label95
block60:
  j label61
block61:
  addiw a5,a1,2
  slli t0,a5,32
  srli t0,t0,32
  add t0,a4,t0
  lbu t0,0(t0)
  addiw a3,a3,1
  addiw a1,a1,4
  br_table t0,[MachLabel(62),MachLabel(63),MachLabel(64),MachLabel(65),MachLabel(66),MachLabel(67),MachLabel(68),MachLabel(69),MachLabel(70),MachLabel(71)]##tmp1=t2,tmp2=t1
block62:
  mv a1,a5
  j label111
block63:
  j label110
block64:
  mv a1,a5
  j label12
block65:
  mv a1,a5
  j label24
block66:
  mv a1,a5
  j label36
block67:
  mv a1,a5
  j label48
block68:
  mv a1,a5
  j label60
block69:
  j label72
block70:
  mv a1,a5
  j label83
block71:
  mv a1,a5
  j label95
block72:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a4,a5
  lbu t0,0(a5)
  addiw a5,a1,2
  br_table t0,[MachLabel(73),MachLabel(74),MachLabel(75),MachLabel(76),MachLabel(77),MachLabel(78),MachLabel(79),MachLabel(80),MachLabel(81),MachLabel(82)]##tmp1=t2,tmp2=t1
block73:
  j label111
block74:
  j label110
block75:
  j label12
block76:
  j label24
block77:
  j label36
block78:
  j label48
block79:
  j label60
block80:
  mv a1,a5
  j label1
block81:
  j label83
block82:
  j label95
block83:
  j label84
block84:
  addiw a5,a1,2
  slli t0,a5,32
  srli t0,t0,32
  add t0,a4,t0
  lbu t0,0(t0)
  addiw a2,a2,-1
  addiw a1,a1,4
  br_table t0,[MachLabel(85),MachLabel(86),MachLabel(87),MachLabel(88),MachLabel(89),MachLabel(90),MachLabel(91),MachLabel(92),MachLabel(93),MachLabel(94)]##tmp1=t2,tmp2=t1
block85:
  mv a1,a5
  j label111
block86:
  j label110
block87:
  mv a1,a5
  j label12
block88:
  mv a1,a5
  j label24
block89:
  mv a1,a5
  j label36
block90:
  mv a1,a5
  j label48
block91:
  mv a1,a5
  j label60
block92:
  j label72
block93:
  mv a1,a5
  j label83
block94:
  mv a1,a5
  j label95
block95:
  sext.w a5,a2
  bne a5,zero,taken(label97),not_taken(label96)
block96:
  addiw a1,a1,2
  j label98
block97:
  slli a1,a1,32
  srli a1,a1,32
  add a1,a4,a1
  lbu a1,1(a1)
  j label98
block98:
  j label99
block99:
  slli a5,a1,32
  srli a5,a5,32
  add a5,a4,a5
  lbu t0,0(a5)
  addiw a5,a1,2
  br_table t0,[MachLabel(100),MachLabel(101),MachLabel(102),MachLabel(103),MachLabel(104),MachLabel(105),MachLabel(106),MachLabel(107),MachLabel(108),MachLabel(109)]##tmp1=t2,tmp2=t1
block100:
  j label111
block101:
  j label110
block102:
  j label12
block103:
  j label24
block104:
  j label36
block105:
  j label48
block106:
  j label60
block107:
  mv a1,a5
  j label72
block108:
  j label83
block109:
  j label95
block110:
  ld s2,56(sp)
  ld s5,48(sp)
  ld s6,40(sp)
  ld s7,32(sp)
  ld s8,24(sp)
  ld s9,16(sp)
  ld s11,8(sp)
  addi sp,sp,64
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
block111:
  slli a1,a1,32
  srli a3,a1,32
  add a2,a4,a3
  lbu a2,0(a2)
  sub a0,zero,a2
  ld s2,56(sp)
  ld s5,48(sp)
  ld s6,40(sp)
  ld s7,32(sp)
  ld s8,24(sp)
  ld s9,16(sp)
  ld s11,8(sp)
  addi sp,sp,64
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
