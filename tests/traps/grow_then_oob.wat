;; After memory.grow, the new page is accessible and the one after it is not.
;; trap: out of bounds memory access
;; function: probe
;; op: I32Store
(module
  (memory 1 4)
  (func $probe (param $addr i32) (i32.store (local.get $addr) (i32.const 7)))
  (func (export "_start")
    (drop (memory.grow (i32.const 1)))
    (call $probe (i32.const 131068))
    (call $probe (i32.const 131070))))
