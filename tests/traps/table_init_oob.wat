;; table.init reading past the end of its passive element segment.
;; trap: out of bounds table access
;; function: init
;; op: TableInit
(module
  (table 8 funcref)
  (elem $e func $init $init)
  (func $init (table.init $e (i32.const 0) (i32.const 1) (i32.const 2)))
  (func (export "_start") (call $init)))
