;; memory.atomic.notify on an unshared memory (threads proposal).
;; kind: unsupported
;; error: threads: memory.atomic_notify
;; offset: 0x2c
(module
  (memory 1)
  (func (export "_start")
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))))
