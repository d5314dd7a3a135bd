;; return_call (tail-call proposal).
;; kind: unsupported
;; error: tail call
(module
  (func $f)
  (func (export "_start") (return_call $f)))
