;; Tail calls run in constant stack: a million mutual tail calls, directly,
;; through call_indirect and call_ref, and across an import boundary between
;; linked modules, where plain calls would exhaust the stack.
(module $other
  (func (export "bounce") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 77))
      (else (return_call $bounce_back (i64.sub (local.get 0) (i64.const 1))))))
  (func $bounce_back (param i64) (result i64) (return_call 0 (local.get 0))))
(register "other")
(module
  (import "other" "bounce" (func $bounce (param i64) (result i64)))
  (type $t (func (param i64) (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $odd_indirect $even_indirect)
  (elem declare func $odd_ref)

  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))

  (func $even_indirect (type $t)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (return_call_indirect (type $t) (i64.sub (local.get 0) (i64.const 1)) (i32.const 0)))))
  (func $odd_indirect (type $t)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 0))
      (else (return_call_indirect (type $t) (i64.sub (local.get 0) (i64.const 1)) (i32.const 1)))))
  (func (export "even_indirect") (param i64) (result i64)
    (return_call_indirect (type $t) (local.get 0) (i32.const 1)))

  (func $count_ref (export "count_ref") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 5))
      (else (return_call_ref $t (i64.sub (local.get 0) (i64.const 1)) (ref.func $odd_ref)))))
  (func $odd_ref (type $t) (return_call $count_ref (local.get 0)))

  ;; Across the import boundary: $relay tail-calls the other module, which
  ;; tail-calls itself back and forth.
  (func (export "relay") (param i64) (result i64) (return_call $bounce (local.get 0)))

  ;; The same recursion with plain calls overflows.
  (func $deep (export "deep") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 0))
      (else (i64.add (i64.const 1) (call $deep (i64.sub (local.get 0) (i64.const 1))))))))

(assert_return (invoke "even" (i64.const 1000000)) (i32.const 1))
(assert_return (invoke "even" (i64.const 1000001)) (i32.const 0))
(assert_return (invoke "even_indirect" (i64.const 1000000)) (i64.const 1))
(assert_return (invoke "count_ref" (i64.const 1000000)) (i64.const 5))
(assert_return (invoke "relay" (i64.const 1000000)) (i64.const 77))
(assert_trap (invoke "deep" (i64.const 1000000)) "call stack exhausted")
