;; Interpreter loops whose `br_table` dispatch kiln copies into every case
;; (tail duplication): one with a join block after the cases, one whose
;; cases go straight back to the loop header with the accumulator as a
;; loop parameter. Opcodes, two bytes each (opcode, immediate):
;; 0 halt, 1 add imm, 2 acc *= x, 3 xor imm, 4 rotl imm, 5 x += 1,
;; 6 nop, 7 i -= 1, 8 jump to imm if i != 0; others are bad.
(module
  (memory (export "memory") 1)
  ;; The program: a loop run n times, then halt.
  (data (i32.const 0) "\01\07\02\00\03\5a\04\05\05\00\06\00\07\00\08\00\00\00")
  ;; Bad opcode 9 at 32.
  (data (i32.const 32) "\01\01\09\00")

  (func $join (export "join") (param $start i32) (param $n i32) (result i32)
    (local $pc i32) (local $cur i32) (local $acc i32) (local $x i32) (local $i i32) (local $steps i32)
    (local.set $pc (local.get $start))
    (local.set $i (local.get $n))
    (local.set $x (i32.const 3))
    (local.set $acc (i32.const 1))
    (block $done
      (loop $next
        (block $join
          (block $bad
            (block $jnz
              (block $dec
                (block $nop
                  (block $incx
                    (block $rotl
                      (block $xor
                        (block $mul
                          (block $add
                            (block $halt
                              (local.set $cur (local.get $pc))
                              (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
                              (br_table $halt $add $mul $xor $rotl $incx $nop $dec $jnz $bad
                                (i32.load8_u (local.get $cur))))
                            (br $done))
                          (local.set $acc (i32.add (local.get $acc) (i32.load8_s offset=1 (local.get $cur))))
                          (br $join))
                        (local.set $acc (i32.mul (local.get $acc) (local.get $x)))
                        (br $join))
                      (local.set $acc (i32.xor (local.get $acc) (i32.load8_u offset=1 (local.get $cur))))
                      (br $join))
                    (local.set $acc (i32.rotl (local.get $acc) (i32.load8_u offset=1 (local.get $cur))))
                    (br $join))
                  (local.set $x (i32.add (local.get $x) (i32.const 1)))
                  (br $join))
                (br $join))
              (local.set $i (i32.sub (local.get $i) (i32.const 1)))
              (br $join))
            (if (local.get $i)
              (then (local.set $pc (i32.load8_u offset=1 (local.get $cur)))))
            (br $join))
          ;; A bad opcode: its value and where it was.
          (return (i32.sub (i32.const 0) (i32.or (i32.shl (local.get $cur) (i32.const 8))
                                                 (i32.load8_u (local.get $cur))))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (br $next)))
    (i32.xor (local.get $acc) (i32.shl (local.get $steps) (i32.const 20))))

  (func $params (export "params") (param $start i32) (param $n i32) (result i32)
    (local $pc i32) (local $cur i32) (local $x i32) (local $i i32)
    (local.set $pc (local.get $start))
    (local.set $i (local.get $n))
    (local.set $x (i32.const 3))
    (i32.const 1)
    (loop $next (param i32) (result i32)
      (block $bad (param i32) (result i32)
        (block $jnz (param i32) (result i32)
          (block $dec (param i32) (result i32)
            (block $incx (param i32) (result i32)
              (block $rotl (param i32) (result i32)
                (block $xor (param i32) (result i32)
                  (block $mul (param i32) (result i32)
                    (block $add (param i32) (result i32)
                      (block $halt (param i32) (result i32)
                        (local.set $cur (local.get $pc))
                        (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
                        ;; nop (6) goes straight back to the loop header.
                        (br_table $halt $add $mul $xor $rotl $incx $next $dec $jnz $bad
                          (i32.load8_u (local.get $cur))))
                      (return))
                    (i32.add (i32.load8_s offset=1 (local.get $cur)))
                    (br $next))
                  (i32.mul (local.get $x))
                  (br $next))
                (i32.xor (i32.load8_u offset=1 (local.get $cur)))
                (br $next))
              (i32.rotl (i32.load8_u offset=1 (local.get $cur)))
              (br $next))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $next))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (br $next))
        (if (local.get $i)
          (then (local.set $pc (i32.load8_u offset=1 (local.get $cur)))))
        (br $next))
      (drop)
      (i32.sub (i32.const 0) (i32.load8_u (local.get $cur))))))
