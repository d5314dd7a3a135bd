;; 64-bit memories (memory64): addresses above 4 GiB in a memory grown past
;; 5 GiB (reserved, never committed: only the pages touched take memory),
;; exact bounds for every access width, offsets and indexes whose sum
;; overflows 64 bits, bulk operations with 64-bit operands, data segments
;; at 64-bit offsets, a 32-bit and a 64-bit memory in one module, and
;; 64-bit memories shared between modules.

(module $big
  (memory (export "mem") i64 1)
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "size") (result i64) (memory.size))
  (func (export "load64") (param i64) (result i64) (i64.load (local.get 0)))
  (func (export "store64") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "load8") (param i64) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store8") (param i64 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "load32_at_4g") (param i64) (result i32) (i32.load offset=0x1_0000_0000 (local.get 0)))
  (func (export "load16_end") (param i64) (result i32) (i32.load16_u offset=0xfffe (local.get 0)))
  (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i64 i64 i64) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  ;; Constant lengths: compiled inline, with their own bounds check.
  (func (export "copy16") (param i64 i64) (memory.copy (local.get 0) (local.get 1) (i64.const 16)))
  (func (export "fill8") (param i64 i32) (memory.fill (local.get 0) (local.get 1) (i64.const 8))))

(assert_return (invoke "size") (i64.const 1))
;; 5 GiB and one page: 81921 pages more.
(assert_return (invoke "grow" (i64.const 81921)) (i64.const 1))
(assert_return (invoke "size") (i64.const 81922))
(assert_return (invoke "load64" (i64.const 0x1_4000_0000)) (i64.const 0))
(invoke "store64" (i64.const 0x1_4000_0000) (i64.const 0x0123_4567_89ab_cdef))
(assert_return (invoke "load64" (i64.const 0x1_4000_0000)) (i64.const 0x0123_4567_89ab_cdef))
;; Not truncated to 32 bits: address 0x4000_0000 is another byte.
(assert_return (invoke "load64" (i64.const 0x4000_0000)) (i64.const 0))
(invoke "store8" (i64.const 0x1_0000_0003) (i32.const 0x5a))
(assert_return (invoke "load8" (i64.const 3)) (i32.const 0))
(assert_return (invoke "load32_at_4g" (i64.const 0)) (i32.const 0x5a00_0000))
;; The end: 5 GiB + 128 KiB.
(invoke "store64" (i64.const 0x1_4001_fff8) (i64.const -2))
(assert_return (invoke "load64" (i64.const 0x1_4001_fff8)) (i64.const -2))
(assert_return (invoke "load8" (i64.const 0x1_4001_ffff)) (i32.const 0xff))
(assert_trap (invoke "load64" (i64.const 0x1_4001_fff9)) "out of bounds memory access")
(assert_trap (invoke "load8" (i64.const 0x1_4002_0000)) "out of bounds memory access")
(assert_trap (invoke "store8" (i64.const 0x1_4002_0000) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "load16_end" (i64.const 0x1_4001_0000)) (i32.const 0xffff))
(assert_trap (invoke "load16_end" (i64.const 0x1_4001_0001)) "out of bounds memory access")
;; index + offset + size overflowing 64 bits.
(assert_trap (invoke "load64" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load64" (i64.const -8)) "out of bounds memory access")
(assert_trap (invoke "load32_at_4g" (i64.const 0xffff_ffff_0000_0000)) "out of bounds memory access")
;; Bulk operations across the 4 GiB line.
(invoke "fill" (i64.const 0xffff_fffc) (i32.const 0x11) (i64.const 8))
(assert_return (invoke "load64" (i64.const 0xffff_fffc)) (i64.const 0x1111_1111_1111_1111))
(invoke "copy" (i64.const 0x1_4000_0100) (i64.const 0xffff_fffc) (i64.const 8))
(assert_return (invoke "load64" (i64.const 0x1_4000_0100)) (i64.const 0x1111_1111_1111_1111))
(invoke "copy16" (i64.const 0x1_2000_0000) (i64.const 0x1_4000_0000))
(assert_return (invoke "load64" (i64.const 0x1_2000_0000)) (i64.const 0x0123_4567_89ab_cdef))
(invoke "fill8" (i64.const 0x1_4001_fff8) (i32.const 0x22))
(assert_return (invoke "load64" (i64.const 0x1_4001_fff8)) (i64.const 0x2222_2222_2222_2222))
(assert_trap (invoke "fill8" (i64.const 0x1_4001_fff9) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "fill8" (i64.const -4) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "copy16" (i64.const 0) (i64.const 0x1_4001_fff1)) "out of bounds memory access")
(assert_trap (invoke "copy16" (i64.const -16) (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "fill" (i64.const 0x1_4001_fff9) (i32.const 0) (i64.const 8)) "out of bounds memory access")
(assert_trap (invoke "copy" (i64.const 0) (i64.const -1) (i64.const 2)) "out of bounds memory access")
;; Growing fails (-1) past what a 64-bit memory can reserve, and past 2^64.
(assert_return (invoke "grow" (i64.const 0x1_0000_0000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const -1)) (i64.const -1))
(assert_return (invoke "size") (i64.const 81922))

;; Another module sees the same memory, above 4 GiB too.
(register "big" $big)
(module
  (import "big" "mem" (memory i64 1))
  (func (export "peek") (param i64) (result i64) (i64.load (local.get 0)))
  (func (export "size") (result i64) (memory.size)))
(assert_return (invoke "peek" (i64.const 0x1_4000_0000)) (i64.const 0x0123_4567_89ab_cdef))
(assert_return (invoke "size") (i64.const 81922))
(assert_unlinkable
  (module (import "big" "mem" (memory 1)))
  "incompatible import type")
(assert_unlinkable
  (module (import "big" "mem" (memory i64 1 (pagesize 1))))
  "incompatible import type")

;; A 32-bit and a 64-bit memory in one module, data segments at 64-bit
;; offsets, memory.init and copies between the two.
(module
  (memory $m32 1)
  (memory $m64 i64 2 2)
  (data (memory $m64) (i64.const 0x1_fffc) "wxyz")
  (data $passive "0123456789")
  (func (export "load32") (param i32) (result i32) (i32.load8_u $m32 (local.get 0)))
  (func (export "load64") (param i64) (result i32) (i32.load8_u $m64 (local.get 0)))
  (func (export "size32") (result i32) (memory.size $m32))
  (func (export "size64") (result i64) (memory.size $m64))
  (func (export "grow64") (param i64) (result i64) (memory.grow $m64 (local.get 0)))
  (func (export "to32") (param i32 i64 i32) (memory.copy $m32 $m64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "to64") (param i64 i32 i32) (memory.copy $m64 $m32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init64") (param i64 i32 i32) (memory.init $m64 $passive (local.get 0) (local.get 1) (local.get 2))))

(assert_return (invoke "size32") (i32.const 1))
(assert_return (invoke "size64") (i64.const 2))
(assert_return (invoke "grow64" (i64.const 1)) (i64.const -1))
(assert_return (invoke "load64" (i64.const 0x1_ffff)) (i32.const 0x7a))
(assert_trap (invoke "load64" (i64.const 0x2_0000)) "out of bounds memory access")
(invoke "to32" (i32.const 100) (i64.const 0x1_fffc) (i32.const 4))
(assert_return (invoke "load32" (i32.const 103)) (i32.const 0x7a))
(invoke "to64" (i64.const 7) (i32.const 101) (i32.const 2))
(assert_return (invoke "load64" (i64.const 8)) (i32.const 0x79))
(assert_trap (invoke "to64" (i64.const 0x1_ffff) (i32.const 0) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "to32" (i32.const 0) (i64.const -1) (i32.const 1)) "out of bounds memory access")
(invoke "init64" (i64.const 0x1_fff6) (i32.const 0) (i32.const 10))
(assert_return (invoke "load64" (i64.const 0x1_ffff)) (i32.const 0x39))
(assert_trap (invoke "init64" (i64.const 0x1_fff7) (i32.const 0) (i32.const 10)) "out of bounds memory access")

;; A data segment past the end of a 64-bit memory fails instantiation.
(assert_trap
  (module (memory i64 1) (data (i64.const 0xffff) "ab"))
  "out of bounds memory access")

;; A bounds check after a call (or a memory.grow) sees the memory's new
;; length: each iteration grows the memory, then writes its last 8 bytes.
(module
  (memory i64 0)
  (func $grow (drop (memory.grow (i64.const 1))))
  (func (export "grow-by-call") (param $n i64) (result i64)
    (local $i i64)
    (loop $l
      (call $grow)
      (i64.store (i64.sub (i64.shl (memory.size) (i64.const 16)) (i64.const 8)) (local.get $i))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $l (i64.lt_u (local.get $i) (local.get $n))))
    (i64.load (i64.const 0xfff8)))
  (func (export "grow-inline") (param $n i64) (result i64)
    (local $i i64)
    (loop $l
      (drop (memory.grow (i64.const 1)))
      (i64.store (i64.sub (i64.shl (memory.size) (i64.const 16)) (i64.const 8)) (local.get $i))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $l (i64.lt_u (local.get $i) (local.get $n))))
    (memory.size)))
(assert_return (invoke "grow-by-call" (i64.const 3)) (i64.const 0))
(assert_return (invoke "grow-inline" (i64.const 3)) (i64.const 6))
