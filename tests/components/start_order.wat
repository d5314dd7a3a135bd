;; expect: exit 0
;; Instantiation order: $b's data segment is written after $a's start
;; function ran, and $b's start runs after both, as when the two core
;; instances are created one after the other. `run` is lifted through a
;; nested component that re-exports it.
(component
  (core module $a
    (memory (export "mem") 1)
    (func $start (i32.store8 (i32.const 0) (i32.const 1)) (i32.store8 (i32.const 1) (i32.const 7)))
    (start $start))
  (core instance $a (instantiate $a))
  (core module $b
    (import "a" "mem" (memory 1))
    (data (i32.const 0) "\02")
    (func $start
      ;; byte 0: 1 from $a's start, then 2 from the data segment
      (i32.store8 (i32.const 2) (i32.add (i32.load8_u (i32.const 0)) (i32.load8_u (i32.const 1)))))
    (start $start)
    (func (export "run") (result i32)
      (if (result i32) (i32.eq (i32.load8_u (i32.const 2)) (i32.const 9))
        (then (i32.const 0)) (else (i32.const 1)))))
  (core instance $b (instantiate $b (with "a" (instance $a))))
  (type $result (result))
  (type $run-type (func (result $result)))
  (func $run (type $run-type) (canon lift (core func $b "run")))
  (component $shim
    (type $r (result))
    (import "f" (func $f (result $r)))
    (export "run" (func $f)))
  (instance $shim (instantiate $shim (with "f" (func $run))))
  (export "wasi:cli/run@0.2.3" (instance $shim)))
