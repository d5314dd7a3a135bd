;; expect: exit 0
;; A resource the component defines: `resource.new` gives handles, `rep`
;; reads them back, `drop` runs the destructor with the representation.
(component
  (core module $state
    (global (export "dropped") (mut i32) (i32.const 0))
    (func (export "dtor") (param i32)
      (global.set 0 (i32.add (global.get 0) (local.get 0)))))
  (core instance $state (instantiate $state))
  (type $r (resource (rep i32) (dtor (core func $state "dtor"))))
  (core func $new (canon resource.new $r))
  (core func $rep (canon resource.rep $r))
  (core func $drop (canon resource.drop $r))
  (core module $m
    (import "r" "new" (func $new (param i32) (result i32)))
    (import "r" "rep" (func $rep (param i32) (result i32)))
    (import "r" "drop" (func $drop (param i32)))
    (import "state" "dropped" (global $dropped (mut i32)))
    (func (export "run") (result i32)
      (local $a i32) (local $b i32)
      (local.set $a (call $new (i32.const 40)))
      (local.set $b (call $new (i32.const 2)))
      (if (i32.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
      (if (i32.ne (call $rep (local.get $a)) (i32.const 40)) (then (return (i32.const 1))))
      (if (i32.ne (call $rep (local.get $b)) (i32.const 2)) (then (return (i32.const 1))))
      (call $drop (local.get $a))
      (call $drop (local.get $b))
      (if (result i32) (i32.eq (global.get $dropped) (i32.const 42))
        (then (i32.const 0)) (else (i32.const 1)))))
  (core instance $m (instantiate $m
    (with "r" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))
    (with "state" (instance $state))))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $m "run")))
  (instance $i (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $i)))
