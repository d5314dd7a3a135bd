;; Atomics beyond the threads proposal's own tests: waits that time out,
;; waits and notifies on unshared memories, atomics on a 64-bit shared
;; memory (explicit bounds checks), on a second memory, and on an imported
;; shared memory; the order of the alignment and bounds traps.

(module
  (memory 1 1 shared)
  (func (export "wait32") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait64") (param i32 i64 i64) (result i32)
    (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32)
    (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "store") (param i32 i64) (i64.atomic.store (local.get 0) (local.get 1)))
)
;; The value matches and nobody notifies: the wait times out (1 ms).
(assert_return (invoke "wait32" (i32.const 0) (i32.const 0) (i64.const 1000000)) (i32.const 2))
(assert_return (invoke "wait64" (i32.const 8) (i64.const 0) (i64.const 1000000)) (i32.const 2))
(assert_return (invoke "wait32" (i32.const 0) (i32.const 0) (i64.const 0)) (i32.const 2))
(invoke "store" (i32.const 8) (i64.const 0x100000000))
;; wait64 compares all 64 bits.
(assert_return (invoke "wait64" (i32.const 8) (i64.const 0) (i64.const -1)) (i32.const 1))
(assert_return (invoke "wait32" (i32.const 12) (i32.const 0) (i64.const -1)) (i32.const 1))
(assert_return (invoke "notify" (i32.const 0) (i32.const 10)) (i32.const 0))
(assert_trap (invoke "wait32" (i32.const 2) (i32.const 0) (i64.const 0)) "unaligned atomic")
(assert_trap (invoke "wait64" (i32.const 4) (i64.const 0) (i64.const 0)) "unaligned atomic")
(assert_trap (invoke "notify" (i32.const 1) (i32.const 1)) "unaligned atomic")
(assert_trap (invoke "wait32" (i32.const 65536) (i32.const 0) (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "notify" (i32.const 65536) (i32.const 1)) "out of bounds memory access")
;; Misaligned and out of bounds: the alignment trap comes first.
(assert_trap (invoke "wait32" (i32.const 65537) (i32.const 0) (i64.const 0)) "unaligned atomic")

(module
  (memory 1 1)
  (func (export "wait32") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32)
    (memory.atomic.notify (local.get 0) (local.get 1)))
)
;; Nothing could notify a wait on an unshared memory.
(assert_trap (invoke "wait32" (i32.const 0) (i32.const 0) (i64.const 0)) "expected shared memory")
(assert_trap (invoke "wait32" (i32.const 0) (i32.const 1) (i64.const 0)) "expected shared memory")
(assert_return (invoke "notify" (i32.const 0) (i32.const 1)) (i32.const 0))
(assert_trap (invoke "notify" (i32.const 65536) (i32.const 1)) "out of bounds memory access")

(module
  (memory $small 1 1)
  (memory $wide i64 1 2 shared)
  (func (export "add64") (param i64 i64) (result i64)
    (i64.atomic.rmw.add $wide (local.get 0) (local.get 1)))
  (func (export "load64") (param i64) (result i64)
    (i64.atomic.load $wide (local.get 0)))
  (func (export "cmpxchg16") (param i64 i32 i32) (result i32)
    (i32.atomic.rmw16.cmpxchg_u $wide offset=2 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "xchg8") (param i32 i32) (result i32)
    (i32.atomic.rmw8.xchg_u $small (local.get 0) (local.get 1)))
  (func (export "grow") (param i64) (result i64) (memory.grow $wide (local.get 0)))
  (func (export "wait64") (param i64 i64 i64) (result i32)
    (memory.atomic.wait64 $wide (local.get 0) (local.get 1) (local.get 2)))
)
(assert_return (invoke "add64" (i64.const 65528) (i64.const 5)) (i64.const 0))
(assert_return (invoke "add64" (i64.const 65528) (i64.const -7)) (i64.const 5))
(assert_return (invoke "load64" (i64.const 65528)) (i64.const -2))
(assert_trap (invoke "load64" (i64.const 65536)) "out of bounds memory access")
(assert_trap (invoke "load64" (i64.const 0x1000000000000)) "out of bounds memory access")
(assert_trap (invoke "load64" (i64.const 65532)) "unaligned atomic")
;; offset=2 makes address 0 misaligned for nothing and address 1 misaligned.
(assert_return (invoke "cmpxchg16" (i64.const 0) (i32.const 0) (i32.const 0xbeef)) (i32.const 0))
(assert_return (invoke "cmpxchg16" (i64.const 0) (i32.const 0xbeef) (i32.const 0x1234)) (i32.const 0xbeef))
(assert_return (invoke "cmpxchg16" (i64.const 0) (i32.const 0xbeef) (i32.const 0x5678)) (i32.const 0x1234))
(assert_trap (invoke "cmpxchg16" (i64.const 1) (i32.const 0) (i32.const 0)) "unaligned atomic")
(assert_return (invoke "xchg8" (i32.const 65535) (i32.const 0x1ff)) (i32.const 0))
(assert_return (invoke "xchg8" (i32.const 65535) (i32.const 7)) (i32.const 0xff))
;; A shared memory grows in place, up to its maximum.
(assert_return (invoke "grow" (i64.const 1)) (i64.const 1))
(assert_return (invoke "add64" (i64.const 65536) (i64.const 9)) (i64.const 0))
(assert_return (invoke "load64" (i64.const 65536)) (i64.const 9))
(assert_return (invoke "grow" (i64.const 1)) (i64.const -1))
(assert_return (invoke "wait64" (i64.const 65536) (i64.const 9) (i64.const 1000)) (i32.const 2))

(module
  (import "spectest" "shared_memory" (memory 1 2 shared))
  (func (export "inc") (result i32) (i32.atomic.rmw.add (i32.const 64) (i32.const 1)))
)
(assert_return (invoke "inc") (i32.const 0))
(assert_return (invoke "inc") (i32.const 1))
(assert_unlinkable (module (import "spectest" "shared_memory" (memory 1 2))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (memory 1 2 shared))) "incompatible import type")
