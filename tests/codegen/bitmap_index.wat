;; A bitmap's word offset, `(bit >> 5) * 4`, reaches wasm as clang writes it:
;; `(bit >> 3) & ~3`. kiln translates a mask that only clears the low 1 to
;; 3 bits of a right shift as shifting further and back, so x86 folds the
;; shift back into the address's scaled index (`lea (%base,%idx,4)`) where
;; `and` was an instruction of its own. Other masks stay `and`.
(module
  (memory 1)
  (func $set (export "set") (param $bits i32) (param $bit i32)
    (local $at i32)
    (local.set $at
      (i32.add (local.get $bits)
               (i32.and (i32.shr_u (local.get $bit) (i32.const 3)) (i32.const 0x1ffffffc))))
    (i32.store (local.get $at)
      (i32.or (i32.load (local.get $at))
              (i32.shl (i32.const 1) (local.get $bit)))))
  (func $index64 (export "index64") (param i64) (result i64)
    (i64.and (i64.shr_u (local.get 0) (i64.const 4)) (i64.const 0x0ffffffffffffff8)))
  (func $other (export "other") (param i32) (result i32)
    (i32.and (i32.shr_u (local.get 0) (i32.const 3)) (i32.const 0x3ffffffc))))
