;; call_ref on a null function reference.
;; trap: null function reference
;; function: call_null
;; op: CallRef
(module
  (type $t (func (result i32)))
  (global $f (mut (ref null $t)) (ref.null $t))
  (func $call_null (result i32) (call_ref $t (global.get $f)))
  (func (export "_start") (drop (call $call_null))))
