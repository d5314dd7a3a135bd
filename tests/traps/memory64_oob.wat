;; A 64-bit load one byte past the end of a memory grown past 4 GiB: the
;; bounds check traps at the load, after the store next to it succeeded.
;; trap: out of bounds memory access
;; function: probe
;; op: I64Load
(module
  (memory i64 1)
  (global $addr (mut i64) (i64.const 0x1_0000_fff9))
  (func $probe (result i64)
    (i64.store (i64.const 0x1_0000_fff0) (i64.const 1))
    (i64.load (global.get $addr)))
  (func (export "_start")
    ;; 4 GiB and one page: the last 8-byte access starts at 0x1_0000_fff8.
    (drop (memory.grow (i64.const 0x1_0000)))
    (drop (call $probe))))
