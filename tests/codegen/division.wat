;; Signed and unsigned division and remainder, which trap.
(module
  (func $divs (export "divs") (param i32 i32) (result i32)
    (i32.add (i32.div_s (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1)))))
