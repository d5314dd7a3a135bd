;; A struct type declared as a subtype of another (GC proposal).
;; kind: unsupported
;; error: gc: type subtyping
;; offset: 0xb
(module
  (type $base (sub (struct)))
  (type $derived (sub $base (struct (field i32))))
  (func (export "_start")))
