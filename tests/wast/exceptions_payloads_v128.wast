;; A v128 value in an exception (needs vector registers: riscv64 with +v).
(module
  (tag $v (param v128 i32))
  (func $throw (throw $v (v128.const i32x4 1 -2 3 -4) (i32.const 5)))
  (func (export "v128") (result v128 i32)
    (block $h (result v128 i32) (try_table (catch $v $h) (call $throw)) (unreachable)))
)
(assert_return (invoke "v128") (v128.const i32x4 1 -2 3 -4) (i32.const 5))
