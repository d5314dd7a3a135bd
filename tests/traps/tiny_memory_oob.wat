;; A memory of 5 one-byte pages: a 4-byte load ending at its last byte is in
;; bounds, a byte load one past its end traps (guard pages could not tell:
;; the host page around it is mapped).
;; trap: out of bounds memory access
;; function: past_end
;; op: I32Load8U
(module
  (memory 5 (pagesize 1))
  (global $addr (mut i32) (i32.const 5))
  (func $past_end (result i32)
    (i32.add
      (i32.load (i32.const 1))
      (i32.load8_u (global.get $addr))))
  (func (export "_start") (drop (call $past_end))))
