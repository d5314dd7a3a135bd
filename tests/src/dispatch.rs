//! Random interpreter loops for the tail duplication of `br_table`
//! dispatches (`kiln_compiler::taildup`): each generated module has the same
//! bytecode interpreter twice, once as a `br_table` dispatch loop (whose
//! dispatch kiln copies into every case) and once as a chain of `if`s
//! (which it leaves alone), and an export `same` that says whether both
//! compute the same for a random program run `n` times.
//!
//! The shapes vary: a join block after the cases or cases that go straight
//! back to the loop; cases that leave early, branch, loop, and read the
//! values the dispatch computed (the instruction's address, the next one's,
//! the opcode and the immediate). Data flow: [`modules`] → the tests compile
//! each one and run [`script`] with `kiln wast`, on the host
//! (`cli/tests/dispatch.rs`) and under qemu (`cli/tests/cross.rs`).

use std::fmt::Write as _;

/// The `n`s each module's programs run with.
pub const RUNS: [u32; 3] = [1, 7, 100];

/// What an opcode does, given `$acc`, `$x`, `$imm` and the dispatch's `$cur`,
/// `$pc` and `$op`. `$join` is the end of the instruction.
const EFFECTS: &[&str] = &[
    "(local.set $acc (i32.add (local.get $acc) (local.get $imm)))",
    "(local.set $acc (i32.mul (local.get $acc) (local.get $x)))",
    "(local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $imm) (i32.const 7))))",
    "(local.set $acc (i32.rotl (local.get $acc) (local.get $imm)))",
    "(local.set $x (i32.add (local.get $x) (i32.const 1)))",
    "(local.set $x (i32.xor (local.get $x) (local.get $acc)))",
    "(br_if $join (i32.and (local.get $acc) (i32.const 1))) \
     (local.set $acc (i32.sub (local.get $acc) (local.get $imm)))",
    "(if (i32.lt_u (local.get $acc) (local.get $x)) \
       (then (local.set $acc (i32.add (local.get $acc) (local.get $x)))) \
       (else (local.set $x (i32.sub (local.get $x) (local.get $imm)))))",
    "(local.set $acc (i32.add (local.get $acc) (local.get $cur)))",
    "(local.set $acc (i32.xor (local.get $acc) (local.get $pc)))",
    "(local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $op) (i32.const 1000))))",
    "(block $b (loop $l (br_if $b (i32.eqz (local.get $imm))) \
       (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 3)) (local.get $imm))) \
       (local.set $imm (i32.shr_u (local.get $imm) (i32.const 1))) (br $l)))",
    "nop",
];

/// Opcodes every interpreter has; the rest are random effects.
const HALT: usize = 0;
const DEC: usize = 1;
const JNZ: usize = 2;
/// An opcode the `br_table` sends straight to the end of the instruction.
const SKIP: usize = 3;
const FIXED: usize = 4;

const LOCALS: &str = "(local $pc i32) (local $cur i32) (local $op i32) (local $imm i32) \
    (local $acc i32) (local $x i32) (local $i i32) (local $steps i32)";
const INIT: &str = "(local.set $i (local.get $n)) (local.set $acc (i32.const 1)) (local.set $x (i32.const 3))";
const DECODE: &str = "(local.set $cur (local.get $pc)) (local.set $pc (i32.add (local.get $pc) (i32.const 2))) \
    (local.set $op (i32.load8_u (local.get $cur))) (local.set $imm (i32.load8_u offset=1 (local.get $cur)))";
const STEP: &str = "(local.set $steps (i32.add (local.get $steps) (i32.const 1)))";
const RESULT: &str = "(i32.xor (i32.xor (local.get $acc) (i32.mul (local.get $x) (i32.const 31))) \
    (i32.shl (local.get $steps) (i32.const 20)))";

/// xorshift64*: the same modules on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// The body of opcode `op` (`effects` maps opcodes from `FIXED` on).
fn body(op: usize, effects: &[usize]) -> String {
    match op {
        DEC => "(local.set $i (i32.sub (local.get $i) (i32.const 1)))".into(),
        JNZ => "(if (local.get $i) (then (local.set $pc (local.get $imm))))".into(),
        _ => EFFECTS[effects[op - FIXED]].into(),
    }
}

/// The `br_table` interpreter: with a join block that counts steps, or
/// counting in the dispatch with cases that go straight back.
fn table_interpreter(effects: &[usize], join: bool) -> String {
    let ops = FIXED + effects.len();
    let end = if join { "$join" } else { "$next" };
    let mut f = format!("(func $table (param $n i32) (result i32) {LOCALS} {INIT}\n  (block $done (loop $next\n");
    if join {
        f.push_str("  (block $join\n");
    }
    f.push_str("  (block $bad\n");
    let cases: Vec<usize> = (0..ops).filter(|&op| op != SKIP).collect();
    for &op in cases.iter().rev() {
        writeln!(f, "  (block $case{op}").unwrap();
    }
    if !join {
        f.push_str(STEP);
    }
    f.push_str(DECODE);
    f.push_str("\n  (br_table");
    for op in 0..ops {
        if op == SKIP {
            write!(f, " {end}").unwrap();
        } else {
            write!(f, " $case{op}").unwrap();
        }
    }
    f.push_str(" $bad (local.get $op)))\n");
    for &op in &cases {
        if op == HALT {
            if join {
                f.push_str(STEP);
            }
            f.push_str(" (br $done))\n");
        } else {
            writeln!(f, "  {} (br {end}))", body(op, effects).replace("$join", end)).unwrap();
        }
    }
    // After `$bad`'s end: a bad opcode.
    f.push_str("  (return (i32.const -1))\n");
    if join {
        // After `$join`'s end: every instruction but `halt` comes here.
        writeln!(f, "  ) {STEP}").unwrap();
    }
    writeln!(f, "  (br $next)))\n  {RESULT})").unwrap();
    f
}

/// The same interpreter as a chain of `if`s.
fn chain_interpreter(effects: &[usize]) -> String {
    let mut f = format!("(func $chain (param $n i32) (result i32) {LOCALS} {INIT}\n  (block $done (loop $next\n");
    writeln!(f, "  {STEP} (block $join {DECODE}").unwrap();
    writeln!(f, "  (if (i32.eq (local.get $op) (i32.const {HALT})) (then (br $done)))").unwrap();
    writeln!(f, "  (if (i32.eq (local.get $op) (i32.const {SKIP})) (then (br $join)))").unwrap();
    for op in (0..FIXED + effects.len()).filter(|&op| op != HALT && op != SKIP) {
        writeln!(f, "  (if (i32.eq (local.get $op) (i32.const {op})) (then {} (br $join)))", body(op, effects))
            .unwrap();
    }
    writeln!(f, "  (return (i32.const -1)))\n  (br $next)))\n  {RESULT})").unwrap();
    f
}

/// A module with both interpreters and a random program for them: random
/// instructions, then `dec`, `jnz 0`, `halt`.
fn module(rng: &mut Rng) -> String {
    let effects: Vec<usize> = (0..5 + rng.below(5)).map(|_| rng.below(EFFECTS.len())).collect();
    let join = rng.below(2) == 0;
    let mut program = Vec::new();
    for _ in 0..2 + rng.below(30) {
        program.push(SKIP + rng.below(effects.len() + 1));
        program.push(rng.below(256));
    }
    program.extend([DEC, 0, JNZ, 0, HALT, 0]);
    let data: String = program.iter().map(|b| format!("\\{b:02x}")).collect();
    format!(
        "(module\n(memory 1)\n(data (i32.const 0) \"{data}\")\n{}\n{}\n\
         (func (export \"same\") (param i32) (result i32) \
           (i32.eq (call $table (local.get 0)) (call $chain (local.get 0)))))\n",
        table_interpreter(&effects, join),
        chain_interpreter(&effects)
    )
}

/// `count` random modules, the same ones on every call.
pub fn modules(count: usize) -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..count).map(|_| module(&mut rng)).collect()
}

/// A `.wast` script: every module, each followed by its assertions that
/// `same` holds for every [`RUNS`] entry. `kiln wast` reports
/// `modules.len() * (RUNS.len() + 1)` passes.
pub fn script(modules: &[String]) -> String {
    let mut out = String::new();
    for m in modules {
        out.push_str(m);
        for n in RUNS {
            writeln!(out, "(assert_return (invoke \"same\" (i32.const {n})) (i32.const 1))").unwrap();
        }
    }
    out
}
