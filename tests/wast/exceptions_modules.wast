;; Exceptions cross module boundaries: a tag defined in one module,
;; thrown by a second, caught by reference and rethrown by a third, and
;; caught by tag in a fourth.
(module $a
  (tag $e (export "e") (param i32))
  (func (export "throw") (param i32) (throw $e (local.get 0))))
(register "a")
(module $b
  (tag $e (import "a" "e") (param i32))
  (func $throw (import "a" "throw") (param i32))
  (global $seen (mut i32) (i32.const 0))
  (func (export "relay") (param i32)
    (block $h (result i32 exnref)
      (try_table (catch_ref $e $h) (call $throw (local.get 0)))
      (return))
    (global.set $seen (i32.add (global.get $seen) (i32.const 1)))
    (throw_ref)
    (drop))
  (func (export "seen") (result i32) (global.get $seen)))
(register "b")
(module $c
  (tag $e (import "a" "e") (param i32))
  (tag $mine (param i32))
  (func $relay (import "b" "relay") (param i32))
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $mine 0) (catch $e $h) (call $relay (local.get 0)))
      (i32.const -1)))
  (func (export "escape") (param i32) (call $relay (local.get 0))))
(assert_return (invoke $c "catch" (i32.const 31)) (i32.const 31))
(assert_exception (invoke $c "escape" (i32.const 1)))
(assert_return (invoke $b "seen") (i32.const 2))
