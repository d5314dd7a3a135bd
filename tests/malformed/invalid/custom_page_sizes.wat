;; A memory of 1-byte pages (custom-page-sizes proposal).
;; kind: unsupported
;; error: custom page sizes
;; offset: 0x15
(module
  (memory 1 (pagesize 1))
  (func (export "_start")))
