;; table.fill whose range ends past the end of the table.
;; trap: out of bounds table access
;; function: fill
;; op: TableFill
(module
  (table 4 funcref)
  (func $fill (table.fill 0 (i32.const 2) (ref.null func) (i32.const 3)))
  (func (export "_start") (call $fill)))
