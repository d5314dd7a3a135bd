;; Wide arithmetic (i64.add128, i64.sub128, i64.mul_wide_s, i64.mul_wide_u):
;; carries and borrows between the halves, wrap-around at 2^128, the
;; products of the extremes, and 128-bit values carried through loops in
;; locals (Fibonacci past 2^64, a sum of products) and fed from one wide
;; operator straight into another (a 2x2 determinant).
(module
  (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
    (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
    (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "mul_wide_s") (param i64 i64) (result i64 i64)
    (i64.mul_wide_s (local.get 0) (local.get 1)))
  (func (export "mul_wide_u") (param i64 i64) (result i64 i64)
    (i64.mul_wide_u (local.get 0) (local.get 1)))

  ;; fib(n) in 128 bits: (low, high).
  (func (export "fib") (param $n i32) (result i64 i64)
    (local $a_lo i64) (local $a_hi i64) (local $b_lo i64) (local $b_hi i64)
    (local $t_lo i64) (local $t_hi i64)
    (local.set $b_lo (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i64.add128 (local.get $a_lo) (local.get $a_hi) (local.get $b_lo) (local.get $b_hi))
        (local.set $t_hi)
        (local.set $t_lo)
        (local.set $a_lo (local.get $b_lo))
        (local.set $a_hi (local.get $b_hi))
        (local.set $b_lo (local.get $t_lo))
        (local.set $b_hi (local.get $t_hi))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a_lo)
    (local.get $a_hi))

  ;; The sum of (x + k) * (y - k) for k < n, products unsigned, in 128 bits.
  (func (export "dot_u") (param $x i64) (param $y i64) (param $n i32) (result i64 i64)
    (local $lo i64) (local $hi i64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i64.add128 (local.get $lo) (local.get $hi) (i64.mul_wide_u (local.get $x) (local.get $y)))
        (local.set $hi)
        (local.set $lo)
        (local.set $x (i64.add (local.get $x) (i64.const 1)))
        (local.set $y (i64.sub (local.get $y) (i64.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $lo)
    (local.get $hi))

  ;; a * b - c * d, signed, in 128 bits.
  (func (export "det_s") (param $a i64) (param $b i64) (param $c i64) (param $d i64) (result i64 i64)
    (i64.sub128
      (i64.mul_wide_s (local.get $a) (local.get $b))
      (i64.mul_wide_s (local.get $c) (local.get $d)))))

;; add128: the carry out of the low half, wrap-around of the whole value.
(assert_return (invoke "add128" (i64.const -1) (i64.const 0) (i64.const 1) (i64.const 0)) (i64.const 0) (i64.const 1))
(assert_return (invoke "add128" (i64.const -1) (i64.const -1) (i64.const 1) (i64.const 0)) (i64.const 0) (i64.const 0))
(assert_return (invoke "add128" (i64.const 0) (i64.const 9223372036854775807) (i64.const 0) (i64.const 1)) (i64.const 0) (i64.const -9223372036854775808))
(assert_return (invoke "add128" (i64.const -1) (i64.const 5) (i64.const -1) (i64.const 7)) (i64.const -2) (i64.const 13))
(assert_return (invoke "add128" (i64.const -9223372036854775808) (i64.const 0) (i64.const -9223372036854775808) (i64.const 0)) (i64.const 0) (i64.const 1))
(assert_return (invoke "add128" (i64.const -1) (i64.const -1) (i64.const -1) (i64.const -1)) (i64.const -2) (i64.const -1))
(assert_return (invoke "add128" (i64.const 0) (i64.const -9223372036854775808) (i64.const 0) (i64.const -9223372036854775808)) (i64.const 0) (i64.const 0))
(assert_return (invoke "add128" (i64.const 81985529216486895) (i64.const 9141386507638288912) (i64.const -81985529216486895) (i64.const 1)) (i64.const 0) (i64.const 9141386507638288914))
(assert_return (invoke "add128" (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)) (i64.const 0) (i64.const 0))
;; sub128: the borrow into the high half, wrap-around below zero.
(assert_return (invoke "sub128" (i64.const 0) (i64.const 1) (i64.const 1) (i64.const 0)) (i64.const -1) (i64.const 0))
(assert_return (invoke "sub128" (i64.const 0) (i64.const 0) (i64.const 1) (i64.const 0)) (i64.const -1) (i64.const -1))
(assert_return (invoke "sub128" (i64.const 0) (i64.const -9223372036854775808) (i64.const 0) (i64.const 1)) (i64.const 0) (i64.const 9223372036854775807))
(assert_return (invoke "sub128" (i64.const 5) (i64.const 9) (i64.const 6) (i64.const 3)) (i64.const -1) (i64.const 5))
(assert_return (invoke "sub128" (i64.const -1) (i64.const -1) (i64.const -1) (i64.const -1)) (i64.const 0) (i64.const 0))
(assert_return (invoke "sub128" (i64.const 0) (i64.const 0) (i64.const -1) (i64.const -1)) (i64.const 1) (i64.const 0))
(assert_return (invoke "sub128" (i64.const -9223372036854775808) (i64.const -9223372036854775808) (i64.const 9223372036854775807) (i64.const 9223372036854775807)) (i64.const 1) (i64.const 1))
(assert_return (invoke "sub128" (i64.const 1) (i64.const 0) (i64.const 2) (i64.const 0)) (i64.const -1) (i64.const -1))
;; mul_wide_s: the full signed product of the extremes.
(assert_return (invoke "mul_wide_s" (i64.const -9223372036854775808) (i64.const -9223372036854775808)) (i64.const 0) (i64.const 4611686018427387904))
(assert_return (invoke "mul_wide_s" (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i64.const -9223372036854775808) (i64.const -4611686018427387904))
(assert_return (invoke "mul_wide_s" (i64.const 9223372036854775807) (i64.const 9223372036854775807)) (i64.const 1) (i64.const 4611686018427387903))
(assert_return (invoke "mul_wide_s" (i64.const -1) (i64.const -1)) (i64.const 1) (i64.const 0))
(assert_return (invoke "mul_wide_s" (i64.const -1) (i64.const 1)) (i64.const -1) (i64.const -1))
(assert_return (invoke "mul_wide_s" (i64.const -9223372036854775808) (i64.const -1)) (i64.const -9223372036854775808) (i64.const 0))
(assert_return (invoke "mul_wide_s" (i64.const -9223372036854775808) (i64.const 1)) (i64.const -9223372036854775808) (i64.const -1))
(assert_return (invoke "mul_wide_s" (i64.const 0) (i64.const -9223372036854775808)) (i64.const 0) (i64.const 0))
(assert_return (invoke "mul_wide_s" (i64.const 4294967296) (i64.const 4294967296)) (i64.const 0) (i64.const 1))
(assert_return (invoke "mul_wide_s" (i64.const -4294967296) (i64.const 4294967296)) (i64.const 0) (i64.const -1))
(assert_return (invoke "mul_wide_s" (i64.const 12345678912345) (i64.const -98765432198765)) (i64.const 1719382577369642267) (i64.const -66099812))
;; mul_wide_u: the same bits as unsigned operands.
(assert_return (invoke "mul_wide_u" (i64.const -1) (i64.const -1)) (i64.const 1) (i64.const -2))
(assert_return (invoke "mul_wide_u" (i64.const -9223372036854775808) (i64.const -9223372036854775808)) (i64.const 0) (i64.const 4611686018427387904))
(assert_return (invoke "mul_wide_u" (i64.const -9223372036854775808) (i64.const 2)) (i64.const 0) (i64.const 1))
(assert_return (invoke "mul_wide_u" (i64.const -1) (i64.const 2)) (i64.const -2) (i64.const 1))
(assert_return (invoke "mul_wide_u" (i64.const 4294967296) (i64.const 4294967296)) (i64.const 0) (i64.const 1))
(assert_return (invoke "mul_wide_u" (i64.const 9223372036854775807) (i64.const -1)) (i64.const -9223372036854775807) (i64.const 9223372036854775806))
(assert_return (invoke "mul_wide_u" (i64.const 0) (i64.const -1)) (i64.const 0) (i64.const 0))
(assert_return (invoke "mul_wide_u" (i64.const 12345678912345) (i64.const -98765432198765)) (i64.const 1719382577369642267) (i64.const 12345612812533))
;; fib(150) = 9969216677189303386214405760200 through a loop of 128-bit additions.
(assert_return (invoke "fib" (i32.const 150)) (i64.const 6792540214324356296) (i64.const 540432318969))
(assert_return (invoke "fib" (i32.const 185)) (i64.const 3465294890923511181) (i64.const -7295874873090317172))
;; A 128-bit sum of 64x64-bit products: sum of (x + k) * (y - k) for k < n.
(assert_return (invoke "dot_u" (i64.const -1) (i64.const -1) (i32.const 10)) (i64.const -275) (i64.const 33))
(assert_return (invoke "dot_u" (i64.const -9223372036854775808) (i64.const 9223372036854775807) (i32.const 1000)) (i64.const -333333000) (i64.const -501))
(assert_return (invoke "dot_u" (i64.const 3) (i64.const 7) (i32.const 5)) (i64.const 115) (i64.const 0))
;; a * b - c * d in 128 bits (a 2x2 determinant without overflow).
(assert_return (invoke "det_s" (i64.const -9223372036854775808) (i64.const -9223372036854775808) (i64.const 9223372036854775807) (i64.const 9223372036854775807)) (i64.const -1) (i64.const 0))
(assert_return (invoke "det_s" (i64.const 9223372036854775807) (i64.const -9223372036854775808) (i64.const -9223372036854775808) (i64.const 9223372036854775807)) (i64.const 0) (i64.const 0))
(assert_return (invoke "det_s" (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6)) (i64.const -18) (i64.const -1))
(assert_return (invoke "det_s" (i64.const -1) (i64.const -9223372036854775808) (i64.const -9223372036854775808) (i64.const -1)) (i64.const 0) (i64.const 0))
