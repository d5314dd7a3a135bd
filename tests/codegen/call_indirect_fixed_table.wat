;; call_indirect in a loop through a table whose size cannot change
;; (min == max, as C toolchains emit): the bounds check compares with an
;; immediate, the table base and the expected type id are loaded once before
;; the loop, and the null check is the type-id load itself (it faults on the
;; null page) -- no test/jz. The table is exported, so its contents may
;; change (see call_indirect_static.wat for one that cannot).
(module
  (type $unop (func (param i32) (result i32)))
  (table (export "table") 4 4 funcref)
  (elem (i32.const 0) $inc $dbl $neg $inc)
  (func $inc (type $unop) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $unop) (i32.shl (local.get 0) (i32.const 1)))
  (func $neg (type $unop) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "run") (param $n i32) (result i32)
    (local $acc i32)
    (loop $next
      (local.set $acc
        (call_indirect (type $unop) (local.get $acc) (i32.and (local.get $n) (i32.const 3))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc)))
