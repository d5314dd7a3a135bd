;; A function type with a v128 parameter.
;; kind: unsupported
;; error: SIMD
(module
  (func $f (param v128))
  (func (export "_start")))
