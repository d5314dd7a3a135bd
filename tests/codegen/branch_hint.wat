;; Branch hints (the metadata.code.branch_hint section): the arm of an `if`
;; hinted not to run is laid out last (cold), out of the straight-line path.
(module
  (global $g (mut i32) (i32.const 0))
  (func (export "rare") (param i32) (result i32)
    (local.get 0)
    (@metadata.code.branch_hint "\00")
    (if (result i32)
      (then (global.set $g (i32.const 1)) (i32.const 100))
      (else (i32.const 2))))
  (func (export "likely") (param i32) (result i32)
    (local.get 0)
    (@metadata.code.branch_hint "\01")
    (if (result i32)
      (then (i32.const 3))
      (else (global.set $g (i32.const 1)) (i32.const 200)))))
