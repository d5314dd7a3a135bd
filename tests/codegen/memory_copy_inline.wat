;; Constant-length memory.copy/memory.fill up to 128 bytes are inline: a
;; bounds check per range (trap before any write), then all loads, then all
;; stores (16-byte vectors, the last chunk overlapping). A variable length
;; still calls the runtime.
(module
  (memory 1)
  (func (export "copy_struct") (param $dst i32) (param $src i32)
    (memory.copy (local.get $dst) (local.get $src) (i32.const 96)))
  (func (export "copy7") (param $dst i32) (param $src i32)
    (memory.copy (local.get $dst) (local.get $src) (i32.const 7)))
  (func (export "zero40") (param $dst i32)
    (memory.fill (local.get $dst) (i32.const 0) (i32.const 40)))
  (func (export "fill12") (param $dst i32) (param $v i32)
    (memory.fill (local.get $dst) (local.get $v) (i32.const 12)))
  (func (export "copy_var") (param $dst i32) (param $src i32) (param $n i32)
    (memory.copy (local.get $dst) (local.get $src) (local.get $n))))
