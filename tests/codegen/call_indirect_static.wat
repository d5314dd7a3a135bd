;; call_indirect through a table nothing can change (defined, not exported,
;; no table.set/fill/copy/init/grow, filled by constant segments): the call
;; indexes the object's read-only copy `kiln_table.0` of {code, type class}
;; pairs, loaded by address (`symbol_value`) before the loop. Each call is
;; a bounds check against an immediate, one compare of the slot's class
;; with an immediate (a null slot's class never matches; a cold block tells
;; "uninitialized element" from "type mismatch"), and a call through the
;; slot's code pointer with the caller's own vmctx -- no funcref to load.
;; $same has its own type index but the same signature as $unop, so it
;; shares $unop's class. Slot 4 is null.
(module
  (type $unop (func (param i32) (result i32)))
  (type $same (func (param i32) (result i32)))
  (table 5 5 funcref)
  (elem (i32.const 0) $inc $dbl $neg $inc)
  (func $inc (type $unop) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $same) (i32.shl (local.get 0) (i32.const 1)))
  (func $neg (type $unop) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "run") (param $n i32) (result i32)
    (local $acc i32)
    (loop $next
      (local.set $acc
        (call_indirect (type $unop) (local.get $acc) (i32.and (local.get $n) (i32.const 3))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc)))
