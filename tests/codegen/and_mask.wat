;; `and` with a mask of the low 8, 16 or (i64) 32 bits is translated as a
;; zero extension of the narrow value (x86: one `movzx`/`mov`); other masks
;; stay `band`.
(module
  (func $low8 (export "low8") (param i32) (result i32)
    (i32.and (local.get 0) (i32.const 0xff)))
  (func $low16 (export "low16") (param i32) (result i32)
    (i32.and (i32.const 0xffff) (local.get 0)))
  (func $low32 (export "low32") (param i64) (result i64)
    (i64.and (local.get 0) (i64.const 0xffffffff)))
  (func $other (export "other") (param i32) (result i32)
    (i32.and (local.get 0) (i32.const 0xfe))))
