;; error: components that do not export `wasi:cli/run@0.2.x` (kiln builds command components; this one exports my:app/api)
(component
  (core module $m (func (export "f") (result i32) (i32.const 1)))
  (core instance $m (instantiate $m))
  (func $f (result u32) (canon lift (core func $m "f")))
  (instance $i (export "f" (func $f)))
  (export "my:app/api" (instance $i)))
