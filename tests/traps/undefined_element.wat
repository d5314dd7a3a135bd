;; call_indirect with an index outside the table.
;; trap: undefined element
;; function: dispatch
;; op: CallIndirect
(module
  (type $t (func (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $one $one)
  (func $one (result i32) (i32.const 1))
  (func $dispatch (param $i i32) (result i32) (call_indirect (type $t) (local.get $i)))
  (func (export "_start") (drop (call $dispatch (i32.const 2)))))
