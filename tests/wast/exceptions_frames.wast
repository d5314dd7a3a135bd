;; Exceptions unwinding many frames, through indirect calls and with a
;; cleanup (catch_all_ref + throw_ref) in every frame, as C++ does.
(module
  (tag $e (param i32 i64))
  (type $rec (func (param i32) (result i32)))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $down $down_ref)
  (global $cleanups (mut i32) (i32.const 0))

  ;; Recurses `n` frames (alternating direct calls, call_indirect and
  ;; call_ref), then throws `n` with a 64-bit payload.
  (func $down (param $n i32) (result i32)
    (if (i32.eqz (local.get $n))
      (then (throw $e (i32.const -7) (i64.const 0x1122334455667788))))
    (if (result i32) (i32.and (local.get $n) (i32.const 1))
      (then (call_indirect $t (type $rec) (i32.sub (local.get $n) (i32.const 1)) (i32.const 1)))
      (else (call $down (i32.sub (local.get $n) (i32.const 1))))))
  (elem declare func $down)
  (func $down_ref (param $n i32) (result i32)
    (call_ref $rec (local.get $n) (ref.func $down)))

  ;; Like $down, but every frame runs a cleanup and rethrows.
  (func $cleanup (param $n i32) (result i32)
    (block $h (result exnref)
      (return
        (try_table (result i32) (catch_all_ref $h)
          (if (i32.eqz (local.get $n))
            (then (throw $e (i32.const 9) (i64.const -1))))
          (call $cleanup (i32.sub (local.get $n) (i32.const 1))))))
    (global.set $cleanups (i32.add (global.get $cleanups) (i32.const 1)))
    (throw_ref))

  (func (export "deep") (param $n i32) (result i32 i64)
    (block $h (result i32 i64)
      (try_table (catch $e $h) (drop (call $down (local.get $n))))
      (return (i32.const 0) (i64.const 0)))
    (return))
  (func (export "cleanups") (param $n i32) (result i32 i32)
    (block $h (result i32 i64)
      (try_table (catch $e $h) (drop (call $cleanup (local.get $n))))
      (return (i32.const -1) (i32.const -1)))
    (drop)
    (global.get $cleanups))
  ;; A throw in a frame whose try_table catches another tag passes through.
  (tag $other)
  (func (export "mismatch") (result i32)
    (block $h (result i32 i64)
      (try_table (catch $e $h)
        (block $o
          (try_table (catch $other $o) (drop (call $down (i32.const 3))))))
      (return (i32.const 0)))
    (drop))
)
(assert_return (invoke "deep" (i32.const 0)) (i32.const -7) (i64.const 0x1122334455667788))
(assert_return (invoke "deep" (i32.const 1000)) (i32.const -7) (i64.const 0x1122334455667788))
(assert_return (invoke "cleanups" (i32.const 1000)) (i32.const 9) (i32.const 1001))
(assert_return (invoke "mismatch") (i32.const -7))
