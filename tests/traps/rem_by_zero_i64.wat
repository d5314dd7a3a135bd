;; i64.rem_s by zero.
;; trap: integer divide by zero
;; function: remainder
;; op: I64RemS
(module
  (global $zero (mut i64) (i64.const 0))
  (func $remainder (param i64) (result i64) (i64.rem_s (local.get 0) (global.get $zero)))
  (func (export "_start") (drop (call $remainder (i64.const -7)))))
