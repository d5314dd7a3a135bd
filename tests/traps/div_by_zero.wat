;; i32.div_u by zero.
;; trap: integer divide by zero
;; function: divide
;; op: I32DivU
(module
  (global $zero (mut i32) (i32.const 0))
  (func $divide (param i32) (result i32) (i32.div_u (local.get 0) (global.get $zero)))
  (func (export "_start") (drop (call $divide (i32.const 10)))))
