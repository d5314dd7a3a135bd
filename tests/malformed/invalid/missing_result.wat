;; A function that declares a result but leaves the stack empty.
;; kind: invalid
;; error: type mismatch
(module
  (func $f (result i32) (nop))
  (func (export "_start") (drop (call $f))))
