;; i64.div_s of INT64_MIN by -1 overflows.
;; trap: integer overflow
;; function: divide
;; op: I64DivS
(module
  (global $minus_one (mut i64) (i64.const -1))
  (func $divide (param i64) (result i64) (i64.div_s (local.get 0) (global.get $minus_one)))
  (func (export "_start") (drop (call $divide (i64.const 0x8000000000000000)))))
