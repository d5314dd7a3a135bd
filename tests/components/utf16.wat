;; error: unsupported feature at offset
;; error: string encodings other than UTF-8
(component
  (import "my:app/host" (instance $host (export "log" (func (param "msg" string)))))
  (core module $mem (memory (export "mem") 1) (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
  (core instance $mem (instantiate $mem))
  (alias export $host "log" (func $log))
  (core func $log (canon lower (func $log) (memory (core memory $mem "mem")) string-encoding=utf16))
  (core module $m (import "host" "log" (func (param i32 i32))) (func (export "run") (result i32) (i32.const 0)))
  (core instance $m (instantiate $m (with "host" (instance (export "log" (func $log))))))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $m "run")))
  (instance $i (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $i)))
