;; call_indirect through a type that does not match the callee's.
;; trap: indirect call type mismatch
;; function: dispatch
;; op: CallIndirect
(module
  (type $unary (func (param i32) (result i32)))
  (type $nullary (func (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $one $inc)
  (func $one (result i32) (i32.const 1))
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $dispatch (param $i i32) (result i32) (call_indirect (type $nullary) (local.get $i)))
  (func (export "_start")
    (drop (call $dispatch (i32.const 0)))
    (drop (call $dispatch (i32.const 1)))))
