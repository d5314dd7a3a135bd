;; A function type declared as a subtype of another (GC proposal).
;; kind: unsupported
;; error: gc: type subtyping
;; offset: 0xb
(module
  (type $base (sub (func)))
  (type $derived (sub $base (func)))
  (func (export "_start") (type $derived)))
