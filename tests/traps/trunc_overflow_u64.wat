;; i64.trunc_f64_u of a negative value.
;; trap: integer overflow
;; function: convert
;; op: I64TruncF64U
(module
  (global $neg (mut f64) (f64.const -1.5))
  (func $convert (result i64) (i64.trunc_f64_u (global.get $neg)))
  (func (export "_start") (drop (call $convert))))
