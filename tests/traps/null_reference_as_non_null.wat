;; ref.as_non_null on a null reference.
;; trap: null reference
;; function: assert_non_null
;; op: RefAsNonNull
(module
  (global $r (mut externref) (ref.null extern))
  (func $assert_non_null (result (ref extern)) (ref.as_non_null (global.get $r)))
  (func (export "_start") (drop (call $assert_non_null))))
