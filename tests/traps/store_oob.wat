;; A store one byte past the end of memory.
;; trap: out of bounds memory access
;; function: write_past_end
;; op: I32Store8
(module
  (memory 2)
  (global $addr (mut i32) (i32.const 131072))
  (func $write_past_end (i32.store8 (global.get $addr) (i32.const 1)))
  (func (export "_start") (call $write_past_end)))
