;; `unreachable` executed in a function called from _start.
;; trap: unreachable
;; function: boom
;; op: Unreachable
(module
  (func $boom (unreachable))
  (func (export "_start") (call $boom)))
