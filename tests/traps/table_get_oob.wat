;; table.get past the end of the table.
;; trap: out of bounds table access
;; function: get
;; op: TableGet
(module
  (table 3 funcref)
  (global $i (mut i32) (i32.const 3))
  (func $get (result funcref) (table.get 0 (global.get $i)))
  (func (export "_start") (drop (call $get))))
