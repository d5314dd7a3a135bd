;; Unbounded recursion through call_indirect, with a large frame. One function
;; recurses so the trapping function does not depend on where the stack ends.
;; trap: call stack exhausted
;; function: ping
(module
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $ping)
  (func $ping (param i32) (result i32)
    (local f64 f64 f64 f64 f64 f64 f64 f64)
    (i32.add (call_indirect (type $t) (local.get 0) (i32.const 0)) (i32.const 1)))
  (func (export "_start") (drop (call $ping (i32.const 0)))))
