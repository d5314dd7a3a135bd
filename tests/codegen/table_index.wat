;; A lookup in a table at a constant address, `table[(crc >> 8) & 0xff]`,
;; reaches wasm as `(((crc >> 6) & 0x3fc) + 0x16b0)`: an i32 sum whose
;; zero extension kept the constant (and the `<< 2` of a byte index) away
;; from the address. The mask bounds the sum below 2^32, so kiln extends
;; the masked value and adds the constant outside, where x86 folds it into
;; the load's displacement (`mov 0x16b0(%base,%idx)`, no `add`). A sum
;; that may wrap keeps its 32-bit add ($may_wrap). aarch64 keeps the 32-bit
;; form, which its `uxtw` addressing extends for free.
(module
  (memory 1)
  (func $slice (export "slice") (param $crc i32) (result i32)
    (i32.xor
      (i32.xor
        (i32.load (i32.add (i32.and (i32.shr_u (local.get $crc) (i32.const 6)) (i32.const 0x3fc))
                           (i32.const 0x16b0)))
        (i32.load (i32.add (i32.shl (i32.and (local.get $crc) (i32.const 0xff)) (i32.const 2))
                           (i32.const 0x1ab0))))
      (i32.load (i32.add (i32.shl (i32.shr_u (local.get $crc) (i32.const 24)) (i32.const 2))
                         (i32.const 0xeb0)))))
  (func $byte_index (export "byte_index") (param $p i32) (result i32)
    (i32.load8_u offset=4 (i32.add (i32.load8_u (local.get $p)) (i32.const 0x400))))
  (func $may_wrap (export "may_wrap") (param $p i32) (result i32)
    (i32.load (i32.add (local.get $p) (i32.const 0x400)))))
