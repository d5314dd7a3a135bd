;; A branch to a label deeper than the enclosing blocks.
;; kind: invalid
;; error: unknown label
(module
  (func (export "_start")
    (block (br 3))))
