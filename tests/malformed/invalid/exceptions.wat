;; A tag and a throw (exception-handling proposal).
;; kind: unsupported
;; error: exceptions
;; offset: 0x2e
(module
  (tag $e (param i32))
  (func (export "_start") (throw $e (i32.const 1))))
