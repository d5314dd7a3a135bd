;; Calls inside a try_table: the callee that may throw is called with a
;; try_call whose exception table lists the clause (its landing block loads
;; the exception's value from the object); the callee that never throws is a
;; plain call. A throw allocates the object, stores the value and calls the
;; throw thunk, and traps if that returns (nothing caught it).
(module
  (tag $e (param i32))
  (global $g (mut i32) (i32.const 0))
  (func $may_throw (param i32) (result i32)
    (global.set $g (local.get 0))
    (if (local.get 0) (then (throw $e (i32.add (local.get 0) (i32.const 1)))))
    (i32.const 1))
  (func $never (param i32) (result i32)
    (global.set $g (local.get 0))
    (i32.add (local.get 0) (i32.const 1)))
  (func (export "f") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h)
        (i32.add (call $never (local.get 0)) (call $may_throw (local.get 0)))))))
