;; A call to a function index that does not exist.
;; kind: invalid
;; error: unknown function
(module
  (func (export "_start") (call 7)))
