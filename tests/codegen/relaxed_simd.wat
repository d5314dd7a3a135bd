;; Relaxed SIMD: on x86_64 (default baseline x86-64-v2) each operator is
;; the one SSE instruction whose result kiln documents (`pshufb`,
;; `cvttpd2dq`, `blendvps`, `pmaddubsw` + `pmaddwd`), and `relaxed_madd`
;; is a multiply and an add (no FMA in the baseline); aarch64 and riscv64
;; give the deterministic results, with a fused multiply-add.
;; riscv64 features: +v
(module
  (func $swizzle (export "swizzle") (param v128 v128) (result v128)
    (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
  (func $trunc (export "trunc") (param v128) (result v128)
    (i32x4.relaxed_trunc_f64x2_s_zero (local.get 0)))
  (func $madd (export "madd") (param v128 v128 v128) (result v128)
    (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func $laneselect (export "laneselect") (param v128 v128 v128) (result v128)
    (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func $dot_add (export "dot_add") (param v128 v128 v128) (result v128)
    (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2))))
