;; A relaxed-simd instruction; fixed-width SIMD around it is supported.
;; kind: unsupported
;; error: relaxed-simd: i8x16.relaxed_swizzle
(module
  (memory 1)
  (func (export "_start")
    (v128.store (i32.const 0)
      (i8x16.relaxed_swizzle (v128.const i32x4 1 2 3 4) (v128.load (i32.const 16))))))
