;; Fixed-width SIMD: v128 parameters and results, lane arithmetic, a
;; shuffle, a lane extraction, v128 loads and stores, and a v128 global.
;; riscv64 features: +v
(module
  (memory 1)
  (global $bias (mut v128) (v128.const i32x4 1 2 3 4))
  (func $madd (export "madd") (param v128 v128) (result v128)
    (i32x4.add (i32x4.mul (local.get 0) (local.get 1)) (global.get $bias)))
  (func $reverse (export "reverse") (param v128) (result v128)
    (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get 0) (local.get 0)))
  (func $sum_lanes (export "sum_lanes") (param i32) (result i32)
    (local $v v128)
    (local.set $v (v128.load offset=16 (local.get 0)))
    (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 3 (local.get $v))))
  (func $scale (export "scale") (param i32 f32)
    (v128.store (local.get 0)
      (f32x4.mul (v128.load (local.get 0)) (f32x4.splat (local.get 1))))))
