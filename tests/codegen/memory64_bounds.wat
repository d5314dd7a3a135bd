;; Explicit bounds checks of a 64-bit memory (memory64 has no guard region
;; that could cover a 64-bit index). Each access traps when its index is
;; above `length - (offset + size)`, which cannot wrap since the offset and
;; size fit in the memory's minimum size; the length is loaded from the
;; memory's record in the VM context. `far`'s offset does not fit: it adds
;; offset and size to the index, trapping on the carry, and compares the end
;; with the length. `after_call` reuses one length load for its first two
;; checks and reloads it after its call, which may have grown the memory.
;; `tiny` is a memory of 1-byte pages, checked the same way.
(module
  (memory i64 1)
  (memory $tiny 3 (pagesize 1))
  (func $sum (export "sum") (param $p i64) (param $n i64) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (i32.load offset=8 (local.get $p))))
        (local.set $p (i64.add (local.get $p) (i64.const 4)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $acc))
  (func $far (export "far") (param $p i64) (result i64)
    (i64.load offset=0x1_0000_0000 (local.get $p)))
  (func $after_call (export "after_call") (param $p i64) (result i32)
    (i32.store (local.get $p) (i32.const 1))
    (i32.store offset=4 (local.get $p) (i32.const 2))
    (drop (call $sum (local.get $p) (i64.const 1)))
    (i32.load (local.get $p)))
  (func $tiny (export "tiny") (param $p i32) (result i32)
    (i32.load16_u $tiny (local.get $p))))
