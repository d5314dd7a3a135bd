;; compile: --memory-base fixed
;; Memory 0 at the target's fixed address (`--memory-base fixed`, the
;; default of `kiln build` on x86_64 Linux): the base is a constant, folded
;; with the static offset into each access's 32-bit displacement
;; (0x60000000 + offset), so no register holds it and no function loads it.
;; An offset too large for the displacement goes through a register; the
;; access stays inside the reservation, so the guard pages still catch it.
;; Other targets refuse the option (tests/cross.rs checks that).
(module
  (memory 1)
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (i32.load offset=8 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func (export "far") (param $p i32) (result i64)
    (i64.load offset=0xfffffff0 (local.get $p)))
  (func (export "copy") (param $d i32) (param $s i32)
    (memory.copy (local.get $d) (local.get $s) (i32.const 16))
    (i32.store8 (local.get $d) (i32.const 1))))
