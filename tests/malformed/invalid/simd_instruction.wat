;; A SIMD instruction inside a function body.
;; kind: unsupported
;; error: SIMD
(module
  (memory 1)
  (func (export "_start")
    (v128.store (i32.const 0) (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8)))))
