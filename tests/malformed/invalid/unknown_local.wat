;; local.get of a local that does not exist.
;; kind: invalid
;; error: unknown local
(module
  (func $f (param i32)
    (drop (local.get 5)))
  (func (export "_start") (call $f (i32.const 0))))
