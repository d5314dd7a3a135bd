;; The legacy encoding (try/catch/catch_all/rethrow/delegate), written in the
;; folded form `kiln wast` flattens: clauses of a try nested in a catch of
;; another sit between the other's clauses; delegate to an enclosing try and
;; to the caller; rethrow of an outer catch's exception from a nested one.
(module
  (tag $a (param i32))
  (tag $b (param i32))
  (tag $x)
  (func $throw_a (param i32) (throw $a (local.get 0)))
  (func $throw_b (param i32) (throw $b (local.get 0)))
  (func $throw_x (throw $x))

  (func (export "second_catch") (param i32) (result i32)
    (try (result i32)
      (do (if (local.get 0) (then (call $throw_b (i32.const 20))) (else (call $throw_a (i32.const 10))))
          (i32.const 0))
      (catch $a
        (drop)
        (try (result i32)
          (do (call $throw_x) (i32.const 1))
          (catch $x (i32.const 11))))
      (catch $b (i32.add (i32.const 100)))))

  (func (export "delegate_outer") (result i32)
    (try $outer (result i32)
      (do
        (try (result i32)
          (do (try (result i32) (do (call $throw_a (i32.const 5)) (i32.const 0)) (delegate $outer)))
          (catch $a (drop) (i32.const -1))))
      (catch $a)))

  (func $delegate_caller (export "delegate_caller")
    (try (do (call $throw_b (i32.const 6))) (delegate 0)))
  (func (export "caught_after_delegate") (result i32)
    (try (result i32) (do (call $delegate_caller) (i32.const 0)) (catch $b)))

  (func (export "rethrow_outer") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw_a (i32.const 7)) (i32.const 0))
          (catch_all
            (try (result i32)
              (do (call $throw_x) (i32.const 0))
              (catch $x (rethrow 1))))))
      (catch $a (i32.mul (i32.const 3)))))
)
(assert_return (invoke "second_catch" (i32.const 0)) (i32.const 11))
(assert_return (invoke "second_catch" (i32.const 1)) (i32.const 120))
(assert_return (invoke "delegate_outer") (i32.const 5))
(assert_exception (invoke "delegate_caller"))
(assert_return (invoke "caught_after_delegate") (i32.const 6))
(assert_return (invoke "rethrow_outer") (i32.const 21))
