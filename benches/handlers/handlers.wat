;; What exception handlers cost when nothing throws: the same hot loop of
;; calls, run by three entry points (kiln build --entry NAME), each printing
;; the same checksum:
;;   plain  -- no handler;
;;   outer  -- one try_table (catch_all) around the whole loop;
;;   inner  -- a try_table (catch_all_ref, then throw_ref) around each call,
;;             which is what clang emits for a C++ destructor in the loop;
;;   calm   -- as outer, but the callee has no throw in it (nor anything it
;;             calls), which kiln sees: its calls are plain calls; compared
;;             with plain_calm, the plain loop around that callee.
;; The other calls inside a try_table are try_calls; `step` could throw but
;; never does.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $n i32 (i32.const 300000000))
  (global $cleanups (mut i32) (i32.const 0))
  (tag $e)

  (global $calls (mut i32) (i32.const 0))

  ;; A real call every time: it has an effect before anything else, so
  ;; kiln's partial inlining (of early exits) leaves it alone.
  (func $step (param $x i32) (param $i i32) (result i32)
    (local $r i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (local.set $r (i32.add (i32.mul (local.get $x) (i32.const 0x9e3779b1)) (local.get $i)))
    (if (i32.eq (local.get $r) (i32.const 0xdeadbeef)) (then (throw $e)))
    (local.get $r))

  ;; $step without the throw.
  (func $step_calm (param $x i32) (param $i i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.add (i32.mul (local.get $x) (i32.const 0x9e3779b1)) (local.get $i)))

  (func $plain (result i64)
    (local $i i32) (local $x i32) (local $sum i64)
    (local.set $x (i32.const 1))
    (loop $l
      (local.set $x (call $step (local.get $x) (local.get $i)))
      (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.shr_u (local.get $x) (i32.const 3)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n))))
    (local.get $sum))

  (func $outer (result i64)
    (local $i i32) (local $x i32) (local $sum i64)
    (local.set $x (i32.const 1))
    (block $caught
      (try_table (catch_all $caught)
        (loop $l
          (local.set $x (call $step (local.get $x) (local.get $i)))
          (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.shr_u (local.get $x) (i32.const 3)))))
          (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n)))))
      (return (local.get $sum)))
    (i64.const -1))

  (func $calm (result i64)
    (local $i i32) (local $x i32) (local $sum i64)
    (local.set $x (i32.const 1))
    (block $caught
      (try_table (catch_all $caught)
        (loop $l
          (local.set $x (call $step_calm (local.get $x) (local.get $i)))
          (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.shr_u (local.get $x) (i32.const 3)))))
          (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n)))))
      (return (local.get $sum)))
    (i64.const -1))

  (func $plain_calm (result i64)
    (local $i i32) (local $x i32) (local $sum i64)
    (local.set $x (i32.const 1))
    (loop $l
      (local.set $x (call $step_calm (local.get $x) (local.get $i)))
      (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.shr_u (local.get $x) (i32.const 3)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n))))
    (local.get $sum))

  (func $inner (result i64)
    (local $i i32) (local $x i32) (local $sum i64)
    (local.set $x (i32.const 1))
    (loop $l
      (block $cleanup (result exnref)
        (local.set $x
          (try_table (result i32) (catch_all_ref $cleanup) (call $step (local.get $x) (local.get $i))))
        (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.shr_u (local.get $x) (i32.const 3)))))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n)))
        (return (local.get $sum)))
      (global.set $cleanups (i32.add (global.get $cleanups) (i32.const 1)))
      (throw_ref))
    (unreachable))

  ;; Prints `sum` in decimal and a newline.
  (func $print (param $sum i64)
    (local $p i32)
    (local.set $p (i32.const 64))
    (i32.store8 (local.get $p) (i32.const 10))
    (loop $digits
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $sum) (i64.const 10)))))
      (br_if $digits (i64.ne (local.tee $sum (i64.div_u (local.get $sum) (i64.const 10))) (i64.const 0))))
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (i32.sub (i32.const 65) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func (export "plain") (call $print (call $plain)))
  (func (export "outer") (call $print (call $outer)))
  (func (export "inner") (call $print (call $inner)))
  (func (export "calm") (call $print (call $calm)))
  (func (export "plain_calm") (call $print (call $plain_calm))))
