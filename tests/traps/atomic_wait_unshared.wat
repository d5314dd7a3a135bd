;; memory.atomic.wait32 on a memory that is not shared: nothing could
;; ever notify it.
;; trap: expected shared memory
;; function: wait
;; op: MemoryAtomicWait32
(module
  (memory 1)
  (func $wait (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
  (func (export "_start") (drop (call $wait))))
