;; Mutable globals, a direct call and a call to an imported function.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (global $counter (mut i32) (i32.const 0))
  (func $bump (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func $run (export "run")
    (if (i32.gt_u (call $bump) (i32.const 3)) (then (call $exit (i32.const 0))))))
