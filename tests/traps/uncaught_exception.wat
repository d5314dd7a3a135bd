;; An exception that no wasm frame catches: it unwinds through a
;; try_table whose clause is for another tag and leaves _start.
;; trap: uncaught exception of tag `oops`
;; function: thrower
;; op: Throw
(module
  (tag $other)
  (tag $oops (param i32))
  (func $thrower (param i32) (throw $oops (local.get 0)))
  (func (export "_start")
    (block $h
      (try_table (catch $other $h) (call $thrower (i32.const 7))))))
