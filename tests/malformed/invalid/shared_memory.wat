;; A shared memory (threads proposal).
;; kind: unsupported
;; error: threads
(module
  (memory 1 1 shared)
  (func (export "_start")))
