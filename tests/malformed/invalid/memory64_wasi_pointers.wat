;; A WASI function taking pointers (32-bit in preview1) in a module whose
;; memory 0 is 64-bit; the functions that take no pointers are allowed.
;; kind: unsupported
;; error: memory64: wasi_snapshot_preview1.fd_write takes 32-bit pointers into memory 0, which is 64-bit
;; offset: 0x40
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (memory i64 1)
  (func (export "_start")))
