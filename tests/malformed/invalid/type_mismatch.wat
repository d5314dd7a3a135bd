;; i32.add applied to an f32 operand.
;; kind: invalid
;; error: type mismatch
(module
  (func $f (result i32)
    (i32.add (i32.const 1) (f32.const 2)))
  (func (export "_start") (drop (call $f))))
