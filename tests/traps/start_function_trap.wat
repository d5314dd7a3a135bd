;; A trap in the module's start function, which runs at instantiation.
;; trap: integer divide by zero
;; function: init
;; op: I32RemU
(module
  (global $zero (mut i32) (i32.const 0))
  (global $g (mut i32) (i32.const 0))
  (func $init (global.set $g (i32.rem_u (i32.const 1) (global.get $zero))))
  (start $init)
  (func (export "_start")))
