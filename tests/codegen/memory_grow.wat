;; memory.size and memory.grow (a runtime libcall).
(module
  (memory 1 10)
  (func $grow (export "grow") (param $pages i32) (result i32)
    (i32.add (memory.grow (local.get $pages)) (memory.size))))
