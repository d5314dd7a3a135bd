;; Memories of 1-byte pages (custom-page-sizes): a memory of a few bytes
;; traps exactly one byte past its end, for every access width, through a
;; static offset, in bulk operations and data segments; memory.size and
;; memory.grow count bytes; 32- and 64-bit indexes alike.

(module $tiny
  (memory (export "mem") 3 (pagesize 1))
  (data (i32.const 0) "abc")
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load8_off2") (param i32) (result i32) (i32.load8_u offset=2 (local.get 0)))
  (func (export "load16") (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "store16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1)))
  (func (export "fill2") (param i32 i32) (memory.fill (local.get 0) (local.get 1) (i32.const 2)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy2") (param i32 i32) (memory.copy (local.get 0) (local.get 1) (i32.const 2))))

(assert_return (invoke "size") (i32.const 3))
(assert_return (invoke "load8" (i32.const 2)) (i32.const 0x63))
(assert_trap (invoke "load8" (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "load8_off2" (i32.const 0)) (i32.const 0x63))
(assert_trap (invoke "load8_off2" (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "load8_off2" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "load16" (i32.const 1)) (i32.const 0x6362))
(assert_trap (invoke "load16" (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "load32" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "load64" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "store8" (i32.const 3) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "store16" (i32.const 2) (i32.const 1)) "out of bounds memory access")
(invoke "store16" (i32.const 1) (i32.const 0x5958))
(assert_return (invoke "load16" (i32.const 1)) (i32.const 0x5958))
(invoke "fill2" (i32.const 1) (i32.const 0x2a))
(assert_return (invoke "load8" (i32.const 2)) (i32.const 0x2a))
(assert_trap (invoke "fill2" (i32.const 2) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "fill" (i32.const 2) (i32.const 0) (i32.const 2)) "out of bounds memory access")
(invoke "fill" (i32.const 3) (i32.const 0) (i32.const 0))
(assert_trap (invoke "fill" (i32.const 4) (i32.const 0) (i32.const 0)) "out of bounds memory access")
(invoke "copy2" (i32.const 0) (i32.const 1))
(assert_return (invoke "load16" (i32.const 0)) (i32.const 0x2a2a))
(assert_trap (invoke "copy2" (i32.const 0) (i32.const 2)) "out of bounds memory access")
;; Growing by one byte makes exactly one more byte accessible (the host
;; page it lies in was accessible before, but not to wasm).
(assert_return (invoke "grow" (i32.const 1)) (i32.const 3))
(assert_return (invoke "size") (i32.const 4))
(assert_return (invoke "load8" (i32.const 3)) (i32.const 0))
(assert_return (invoke "load32" (i32.const 0)) (i32.const 0x002a2a2a))
(assert_trap (invoke "load8" (i32.const 4)) "out of bounds memory access")
(assert_trap (invoke "load64" (i32.const 0)) "out of bounds memory access")
;; Past a host page: 65536 bytes more, the last one the first out of
;; bounds.
(assert_return (invoke "grow" (i32.const 65536)) (i32.const 4))
(invoke "store8" (i32.const 65539) (i32.const 7))
(assert_return (invoke "load8" (i32.const 65539)) (i32.const 7))
(assert_trap (invoke "load8" (i32.const 65540)) "out of bounds memory access")

;; An importer sees the same bytes and the same size.
(register "tiny" $tiny)
(module
  (import "tiny" "mem" (memory 3 (pagesize 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "last") (result i32) (i32.load8_u (i32.const 65539))))
(assert_return (invoke "size") (i32.const 65540))
(assert_return (invoke "last") (i32.const 7))
(assert_unlinkable
  (module (import "tiny" "mem" (memory 1)))
  "incompatible import type")

;; A memory of 1-byte pages with a maximum: growing past it fails.
(module
  (memory 0 5 (pagesize 1))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "store8") (param i32) (i32.store8 (local.get 0) (i32.const 1))))
(assert_trap (invoke "store8" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "grow" (i32.const 5)) (i32.const 0))
(invoke "store8" (i32.const 4))
(assert_trap (invoke "store8" (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "grow" (i32.const 1)) (i32.const -1))

;; 64-bit indexes with 1-byte pages.
(module
  (memory i64 5 (pagesize 1))
  (func (export "size") (result i64) (memory.size))
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "load32") (param i64) (result i32) (i32.load (local.get 0)))
  (func (export "load8_far") (param i64) (result i32) (i32.load8_u offset=0xffff_ffff_ffff_fffb (local.get 0))))
(assert_return (invoke "size") (i64.const 5))
(assert_return (invoke "load32" (i64.const 1)) (i32.const 0))
(assert_trap (invoke "load32" (i64.const 2)) "out of bounds memory access")
(assert_trap (invoke "load32" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load8_far" (i64.const 0)) "out of bounds memory access")
(assert_return (invoke "grow" (i64.const 3)) (i64.const 5))
(assert_return (invoke "load32" (i64.const 4)) (i32.const 0))
(assert_trap (invoke "load32" (i64.const 5)) "out of bounds memory access")

;; A data segment must fit exactly.
(module (memory 3 (pagesize 1)) (data (i32.const 1) "ab"))
(assert_trap
  (module (memory 3 (pagesize 1)) (data (i32.const 2) "ab"))
  "out of bounds memory access")
