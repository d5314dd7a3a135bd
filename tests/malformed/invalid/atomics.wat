;; An atomic read-modify-write (threads proposal) on an unshared memory,
;; which the proposal allows; the rest of the module is supported.
;; kind: unsupported
;; error: threads: i32.atomic
(module
  (memory 1)
  (func (export "_start")
    (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))))
