;; An atomic read-modify-write at an address that is not a multiple of
;; its width (threads proposal).
;; trap: unaligned atomic
;; function: bump
;; op: I32AtomicRmwAdd
(module
  (memory 1 1 shared)
  (func $bump (param $p i32) (result i32) (i32.atomic.rmw.add offset=4 (local.get $p) (i32.const 1)))
  (func (export "_start") (drop (call $bump (i32.const 2)))))
