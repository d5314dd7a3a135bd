;; A 64-bit memory (memory64 proposal).
;; kind: unsupported
;; error: memory64
;; offset: 0x15
(module
  (memory i64 1)
  (func (export "_start")))
