;; Loads and stores of several widths, with static offsets.
(module
  (memory 1)
  (func $swap_and_widen (export "swap_and_widen") (param $p i32) (result i64)
    (local $t i32)
    (local.set $t (i32.load offset=4 (local.get $p)))
    (i32.store offset=4 (local.get $p) (i32.load8_u (local.get $p)))
    (i32.store8 (local.get $p) (local.get $t))
    (i64.add (i64.load16_s offset=8 (local.get $p)) (i64.extend_i32_s (local.get $t)))))
