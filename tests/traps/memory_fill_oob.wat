;; memory.fill whose range ends past the end of memory.
;; trap: out of bounds memory access
;; function: fill
;; op: MemoryFill
(module
  (memory 1)
  (global $len (mut i32) (i32.const 17))
  (func $fill (memory.fill (i32.const 65520) (i32.const 0xaa) (global.get $len)))
  (func (export "_start") (call $fill)))
