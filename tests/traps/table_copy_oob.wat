;; table.copy whose destination range ends past the end of the table.
;; trap: out of bounds table access
;; function: copy
;; op: TableCopy
(module
  (table 4 funcref)
  (func $copy (table.copy (i32.const 3) (i32.const 0) (i32.const 2)))
  (func (export "_start") (call $copy)))
