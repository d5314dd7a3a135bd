function mix:
  addi sp,sp,-16
  sd ra,8(sp)
  sd fp,0(sp)
  unwind PushFrameRegs { offset_upward_to_caller_sp: 16 }
  mv fp,sp
  unwind DefineNewFrame { offset_upward_to_caller_sp: 16, offset_downward_to_clobbers: 0 }
block0:
  fsqrt.d fa0,fa0,rne
  lui a0,307200
  fmv.w.x fa2,a0
  fabs.s fa3,fa1
  flt.s a0,fa3,fa2
  fcvt.w.s a1,fa1,rne
  fcvt.s.w fa2,a1,rne
  fsgnj.s fa2,fa2,fa1
  fmv.w.x fa3,zero
  fadd.s fa1,fa1,fa3,rne
  select fa1,fa1,fa2##condition=(a0 eq zero)
  fcvt.d.s fa1,fa1,rne
  fadd.d fa0,fa0,fa1,rne
  lui a0,269533
  addi a0,a0,-667
  slli a0,a0,32
  fmv.d.x fa1,a0
  feq.d a0,fa0,fa0
  feq.d a1,fa1,fa1
  and a0,a0,a1
  fadd.d fa2,fa0,fa1,rne
  fmin.d fa0,fa0,fa1
  select fa0,fa0,fa2##condition=(a0 ne zero)
  feq.d a0,fa0,fa0
  trap_if bad_toint##(a0 eq zero)
  ld a0,[const(0)]
  fmv.d.x fa1,a0
  fle.d a0,fa0,fa1
  trap_if int_ovf##(a0 ne zero)
  lui a0,527
  slli a0,a0,41
  fmv.d.x fa1,a0
  fle.d a0,fa1,fa0
  trap_if int_ovf##(a0 ne zero)
  fcvt.w.d a0,fa0,rtz
  ld ra,8(sp)
  ld fp,0(sp)
  addi sp,sp,16
  ret
