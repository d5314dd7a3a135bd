;; expect: exit 1
;; `run` returning an error exits with status 1, as `wasmtime run` does.
(component
  (core module $m (func (export "run") (result i32) (i32.const 1)))
  (core instance $m (instantiate $m))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $m "run")))
  (instance $i (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $i)))
