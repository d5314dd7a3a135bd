;; The core module of the app component (app.wit): calls every host
;; function and checks the results; `run` returns 0 (ok) when all hold,
;; else the number of the first failed check.
(module
  (import "kiln:test/host" "greet" (func $greet (param i32 i32 i32)))
  (import "kiln:test/host" "sum" (func $sum (param i32 i32) (result i32)))
  (import "kiln:test/host" "[constructor]counter" (func $new (param i32) (result i32)))
  (import "kiln:test/host" "[method]counter.bump" (func $bump (param i32) (result i32)))
  (import "kiln:test/host" "[resource-drop]counter" (func $drop (param i32)))
  (import "kiln:test/host" "dropped" (func $dropped (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 16) "world")
  (data (i32.const 32) "hello, world")
  (data (i32.const 64) "\01\00\00\00\02\00\00\00\03\00\00\00\e8\03\00\00")
  ;; A bump allocator: realloc(0, 0, align, size).
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func $bytes_eq (param $a i32) (param $b i32) (param $n i32) (result i32)
    (block $no
      (loop $l
        (br_if 1 (i32.eqz (local.get $n)))
        (br_if $no (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (return (i32.const 0))
    (i32.const 1))
  (func (export "wasi:cli/run@0.2.0#run") (result i32)
    (local $c i32) (local $d i32)
    ;; greet("world") == "hello, world"; the result (ptr, len) lands at 1024.
    (call $greet (i32.const 16) (i32.const 5) (i32.const 1024))
    (if (i32.ne (i32.load (i32.const 1028)) (i32.const 12)) (then (return (i32.const 1))))
    (if (i32.lt_u (i32.load (i32.const 1024)) (i32.const 4096)) (then (return (i32.const 2))))
    (if (i32.eqz (call $bytes_eq (i32.load (i32.const 1024)) (i32.const 32) (i32.const 12)))
      (then (return (i32.const 3))))
    ;; sum([1, 2, 3, 1000]) == 1006
    (if (i32.ne (call $sum (i32.const 64) (i32.const 4)) (i32.const 1006)) (then (return (i32.const 4))))
    ;; counters: independent handles, methods, drops
    (local.set $c (call $new (i32.const 10)))
    (local.set $d (call $new (i32.const 100)))
    (if (i32.ne (call $bump (local.get $c)) (i32.const 11)) (then (return (i32.const 5))))
    (if (i32.ne (call $bump (local.get $c)) (i32.const 12)) (then (return (i32.const 6))))
    (if (i32.ne (call $bump (local.get $d)) (i32.const 101)) (then (return (i32.const 7))))
    (call $drop (local.get $c))
    (call $drop (local.get $d))
    (if (i32.ne (call $dropped) (i32.const 2)) (then (return (i32.const 8))))
    (i32.const 0)))
