;; memory.init reading past the end of its passive data segment.
;; trap: out of bounds memory access
;; function: init
;; op: MemoryInit
(module
  (memory 1)
  (data $d "kiln")
  (func $init (memory.init $d (i32.const 0) (i32.const 2) (i32.const 3)))
  (func (export "_start") (call $init)))
