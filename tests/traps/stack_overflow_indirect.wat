;; Unbounded mutual recursion through call_indirect, with large frames.
;; trap: call stack exhausted
;; function: ping
(module
  (type $t (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $ping $pong)
  (func $ping (param i32) (result i32)
    (local f64 f64 f64 f64 f64 f64 f64 f64)
    (i32.add (call_indirect (type $t) (local.get 0) (i32.const 1)) (i32.const 1)))
  (func $pong (param i32) (result i32)
    (i32.add (call_indirect (type $t) (local.get 0) (i32.const 0)) (i32.const 2)))
  (func (export "_start") (drop (call $ping (i32.const 0)))))
