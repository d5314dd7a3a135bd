;; error: 2 unsatisfied imports
;; error: wasi:nonexistent/api@0.2.x#f: kiln does not provide this WASI 0.2 function
;; error: my:app/host.greet: not provided
(component
  (import "wasi:nonexistent/api@0.2.1" (instance $w (export "f" (func))))
  (import "my:app/host" (instance $h (export "greet" (func))))
  (alias export $w "f" (func $wf))
  (alias export $h "greet" (func $hf))
  (core func $wf (canon lower (func $wf)))
  (core func $hf (canon lower (func $hf)))
  (core module $m
    (import "w" "f" (func))
    (import "h" "greet" (func))
    (func (export "run") (result i32) (call 0) (call 1) (i32.const 0)))
  (core instance $m (instantiate $m
    (with "w" (instance (export "f" (func $wf))))
    (with "h" (instance (export "greet" (func $hf))))))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $m "run")))
  (instance $i (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $i)))
