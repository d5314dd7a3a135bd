;; i64.add128 (wide-arithmetic proposal).
;; kind: unsupported
;; error: wide arithmetic: i64.add128
(module
  (func (export "_start")
    (drop (drop (i64.add128 (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4))))))
