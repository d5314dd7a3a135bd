;; memory.copy whose source range ends past the end of memory.
;; trap: out of bounds memory access
;; function: copy
;; op: MemoryCopy
(module
  (memory 1)
  (global $src (mut i32) (i32.const 65000))
  (func $copy (memory.copy (i32.const 0) (global.get $src) (i32.const 1000)))
  (func (export "_start") (call $copy)))
