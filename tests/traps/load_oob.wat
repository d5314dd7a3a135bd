;; A load that straddles the end of a one-page memory.
;; trap: out of bounds memory access
;; function: read_past_end
;; op: I32Load
(module
  (memory 1)
  (global $addr (mut i32) (i32.const 65534))
  (func $read_past_end (result i32) (i32.load (global.get $addr)))
  (func (export "_start") (drop (call $read_past_end))))
