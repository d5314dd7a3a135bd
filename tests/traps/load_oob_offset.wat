;; A load whose static offset pushes the address past 4 GiB: must trap, not wrap.
;; trap: out of bounds memory access
;; function: far_load
;; op: I64Load
(module
  (memory 1)
  (global $addr (mut i32) (i32.const 0xffffff00))
  (func $far_load (result i64) (i64.load offset=0xffff0000 (global.get $addr)))
  (func (export "_start") (drop (call $far_load))))
