;; The stack check: `$leaf` calls nothing, so its frame is bounded and it
;; skips the check; `$fact` recurses, and as its frame is small it compares
;; SP with the limit after the prologue (`get_stack_pointer`, `trapnz`)
;; instead of the prologue's `stack_limit` check, which adds the frame size.
(module
  (func $leaf (export "leaf") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $fact (export "fact") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fact (i64.sub (local.get 0) (i64.const 1))))))))
