;; expect: exit 134
;; Dropping a handle twice traps (the component model's rule), with the
;; host function named; so does Wasmtime.
(component
  (type $r (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (core func $drop (canon resource.drop $r))
  (core module $m
    (import "r" "new" (func $new (param i32) (result i32)))
    (import "r" "drop" (func $drop (param i32)))
    (func (export "run") (result i32)
      (local $a i32)
      (local.set $a (call $new (i32.const 1)))
      (call $drop (local.get $a))
      (call $drop (local.get $a))
      (i32.const 0)))
  (core instance $m (instantiate $m
    (with "r" (instance (export "new" (func $new)) (export "drop" (func $drop))))))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $m "run")))
  (instance $i (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $i)))
