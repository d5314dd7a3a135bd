;; Partial inlining of early exits: `$fib` tests its parameter first and
;; returns it at once below 2, so every direct call of `$fib` (in `$fib`
;; itself and in `$twice`) inlines that test and calls `$fib` only above
;; it; `$fib` keeps its whole body for those calls. `$sum_to` has no such
;; entry (its test leads into a loop on both sides), so calls to it stay
;; plain calls.
(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else
        (i32.add
          (call $fib (i32.sub (local.get 0) (i32.const 1)))
          (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $sum_to (param i32) (result i32) (local i32)
    (block
      (loop
        (br_if 1 (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br 0)))
    (local.get 1))
  (func (export "twice") (param i32) (result i32)
    (i32.add (call $fib (local.get 0)) (call $sum_to (local.get 0)))))
