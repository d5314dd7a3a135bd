;; table.set past the end of an externref table.
;; trap: out of bounds table access
;; function: set
;; op: TableSet
(module
  (table 2 externref)
  (global $i (mut i32) (i32.const 5))
  (func $set (table.set 0 (global.get $i) (ref.null extern)))
  (func (export "_start") (call $set)))
