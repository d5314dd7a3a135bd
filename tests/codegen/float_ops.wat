;; Float arithmetic, rounding, min and a checked float-to-int conversion.
(module
  (func $mix (export "mix") (param $x f64) (param $y f32) (result i32)
    (i32.trunc_f64_s
      (f64.min
        (f64.add (f64.sqrt (local.get $x)) (f64.promote_f32 (f32.nearest (local.get $y))))
        (f64.const 1e9)))))
