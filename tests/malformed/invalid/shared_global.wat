;; A shared global (the shared-everything-threads proposal, which kiln
;; does not compile; the threads proposal's shared memories it does).
;; kind: unsupported
;; error: shared-everything-threads
(module
  (global $g (shared mut i32) (i32.const 0))
  (func (export "_start")))
