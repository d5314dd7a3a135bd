;; i32.trunc_f32_s of a value too large for i32.
;; trap: integer overflow
;; function: convert
;; op: I32TruncF32S
(module
  (global $big (mut f32) (f32.const 3e9))
  (func $convert (result i32) (i32.trunc_f32_s (global.get $big)))
  (func (export "_start") (drop (call $convert))))
