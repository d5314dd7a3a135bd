;; call_indirect to a table slot that was never initialized.
;; trap: uninitialized element
;; function: dispatch
;; op: CallIndirect
(module
  (type $t (func (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $one)
  (func $one (result i32) (i32.const 1))
  (func $dispatch (param $i i32) (result i32) (call_indirect (type $t) (local.get $i)))
  (func (export "_start")
    (drop (call $dispatch (i32.const 0)))
    (drop (call $dispatch (i32.const 3)))))
