;; Output written before a trap reaches stdout; the trap comes from a
;; function nested three calls deep.
;; trap: unreachable
;; function: innermost
;; op: Unreachable
;; stdout: before the trap
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "before the trap\n")
  (func $innermost (unreachable))
  (func $middle (call $innermost))
  (func $outer (call $middle))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 16))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $outer)))
