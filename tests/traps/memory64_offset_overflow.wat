;; A 64-bit index plus a static offset that overflows 64 bits must trap, not
;; wrap around to a small address (which is in bounds). The offset is larger
;; than the memory's minimum size, so the check adds it to the index and
;; traps on the carry.
;; trap: out of bounds memory access
;; function: wrap
;; op: I32Load
(module
  (memory i64 1)
  (global $addr (mut i64) (i64.const -0x8000))
  (func $wrap (result i32)
    (i32.store8 (i64.const 8) (i32.const 1))
    (i32.load offset=0x10000 (global.get $addr)))
  (func (export "_start") (drop (call $wrap))))
