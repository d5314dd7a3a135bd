;; A lane index out of range for the shape (i32x4 has lanes 0-3).
;; kind: invalid
;; error: lane
(module
  (func (export "_start") (param v128) (result i32)
    (i32x4.extract_lane 4 (local.get 0))))
