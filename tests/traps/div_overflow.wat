;; i32.div_s of INT32_MIN by -1 overflows.
;; trap: integer overflow
;; function: divide
;; op: I32DivS
(module
  (global $minus_one (mut i32) (i32.const -1))
  (func $divide (param i32) (result i32) (i32.div_s (local.get 0) (global.get $minus_one)))
  (func (export "_start") (drop (call $divide (i32.const 0x80000000)))))
