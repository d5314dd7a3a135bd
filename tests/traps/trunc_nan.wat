;; i32.trunc_f64_s of NaN.
;; trap: invalid conversion to integer
;; function: convert
;; op: I32TruncF64S
(module
  (global $nan (mut f64) (f64.const nan))
  (func $convert (result i32) (i32.trunc_f64_s (global.get $nan)))
  (func (export "_start") (drop (call $convert))))
