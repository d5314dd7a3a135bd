//! Unit tests of the dispatch tail duplication: the codegen fixture's two
//! interpreter loops get a dispatch per case and still verify, loops that
//! are not dispatches are left alone, and a function past the repair's
//! recursion limit or the block limit is kept exactly as it was.

use super::duplicate_dispatch;
use crate::module;
use crate::target::Target;
use crate::translate::FuncTranslator;
use crate::{compile, CompileOptions, OptLevel};
use cranelift_codegen::ir::{Function, Opcode};

const FIXTURE: &str = include_str!("../../tests/codegen/dispatch_loop.wat");

/// Every defined function of `wat`, translated.
fn translated(wat: &str) -> Vec<Function> {
    let wasm = wat::parse_str(wat).expect("valid wat");
    let env = module::parse(&wasm).expect("valid module");
    let isa = Target::host().isa(OptLevel::Speed).expect("host ISA");
    let mut tr = FuncTranslator::new();
    (0..env.bodies.len())
        .map(|i| {
            tr.translate(&env, isa.as_ref(), env.num_imported_funcs + i as u32, &env.bodies[i]).expect("translates")
        })
        .collect()
}

fn count(func: &Function, opcode: Opcode) -> usize {
    func.layout
        .blocks()
        .flat_map(|b| func.layout.block_insts(b))
        .filter(|&i| func.dfg.insts[i].opcode() == opcode)
        .count()
}

fn verify(func: &Function) {
    let isa = Target::host().isa(OptLevel::Speed).expect("host ISA");
    if let Err(e) = cranelift_codegen::verify_function(func, isa.flags()) {
        panic!("{}", cranelift_codegen::print_errors::pretty_verifier_error(func, None, e));
    }
}

#[test]
fn each_case_of_a_dispatch_loop_gets_its_own_dispatch() {
    let funcs = translated(FIXTURE);
    assert_eq!(funcs.len(), 2);
    for (name, mut func) in ["join", "params"].into_iter().zip(funcs) {
        assert_eq!(count(&func, Opcode::BrTable), 1, "{name} before");
        assert!(duplicate_dispatch(&mut func), "{name}: no dispatch found");
        verify(&func);
        // Eight edges come back to the dispatch: seven cases and `jnz`
        // (`join`), or six cases, `jnz` and the table's own `nop` entry
        // (`params`). Each gets a copy; the original stays for the entry.
        assert_eq!(count(&func, Opcode::BrTable), 9, "{name} after:\n{}", func.display());
    }
}

#[test]
fn the_join_block_is_copied_and_then_gone() {
    let mut func = translated(FIXTURE).remove(0);
    let blocks = func.layout.blocks().count();
    // `$steps + 1` is in the join, once; afterwards once per copy.
    let adds = count(&func, Opcode::Iadd);
    assert!(duplicate_dispatch(&mut func));
    assert_eq!(func.layout.blocks().count(), blocks + 8 - 1, "eight copies, the join removed");
    assert!(count(&func, Opcode::Iadd) >= adds + 8, "{}", func.display());
}

#[test]
fn the_whole_pipeline_compiles_the_copies_with_the_verifier_on() {
    let options = CompileOptions { verify: true, capture_clif: true, ..CompileOptions::default() };
    let module = compile(FIXTURE.as_bytes(), &options).expect("compiles");
    let clif = module.clif.expect("captured CLIF");
    assert_eq!(clif.matches("br_table").count(), 18, "{clif}");
}

#[test]
fn small_switches_and_switches_outside_loops_are_left_alone() {
    // A three-way switch in a loop: predictable enough, not a dispatch.
    let small = r#"(module (func (param i32) (result i32) (local i32)
        (loop $l
          (block $c (block $b (block $a
            (br_table $a $b $c (local.get 0)))
            (local.set 1 (i32.add (local.get 1) (i32.const 1))) (br $l))
            (local.set 1 (i32.add (local.get 1) (i32.const 2))) (br $l)))
        (local.get 1)))"#;
    // A ten-way switch that nothing loops back to.
    let once = r#"(module (func (param i32) (result i32)
        (block $j (block $i (block $h (block $g (block $f (block $e (block $d (block $c (block $b (block $a
          (br_table $a $b $c $d $e $f $g $h $i $j (local.get 0)))
          (return (i32.const 1))) (return (i32.const 2))) (return (i32.const 3))) (return (i32.const 4)))
          (return (i32.const 5))) (return (i32.const 6))) (return (i32.const 7))) (return (i32.const 8)))
          (return (i32.const 9)))
        (i32.const 0)))"#;
    for wat in [small, once] {
        let mut func = translated(wat).remove(0);
        let before = func.display().to_string();
        assert!(!duplicate_dispatch(&mut func), "{wat}");
        assert_eq!(func.display().to_string(), before);
    }
}

/// An interpreter loop (nine opcodes, eight of which loop back), then
/// `pad` if/else diamonds, then a result that reads the last opcode (a
/// value the dispatch defines, which every copy then defines again) when
/// `use_opcode`, else only the accumulator.
fn padded_interpreter(pad: usize, use_opcode: bool) -> String {
    let mut wat = String::from(
        "(module (memory 1) (func (param $pc i32) (result i32) (local $op i32) (local $acc i32)\n(block $done (loop $next\n",
    );
    wat += &(0..9).rev().map(|c| format!("(block $c{c} ")).collect::<String>();
    wat += "(local.set $op (i32.load8_u (local.get $pc)))\n";
    wat += "(local.set $pc (i32.add (local.get $pc) (i32.const 1)))\n";
    wat += "(br_table $c0 $c1 $c2 $c3 $c4 $c5 $c6 $c7 $c8 (local.get $op)))\n(br $done))\n";
    for c in 1..9 {
        wat += &format!("(local.set $acc (i32.add (local.get $acc) (i32.const {c}))) (br $next))\n");
    }
    // The last case's `)` closed the loop; this closes `$done`.
    wat += ")\n";
    for k in 0..pad {
        wat += &format!(
            "(if (i32.and (local.get $acc) (i32.const {})) (then (local.set $acc (i32.add (local.get $acc) (i32.const 1)))) \
             (else (local.set $acc (i32.sub (local.get $acc) (i32.const 3)))))\n",
            1 << (k % 31)
        );
    }
    wat += if use_opcode { "(i32.add (local.get $acc) (local.get $op))))" } else { "(local.get $acc)))" };
    wat
}

/// Runs the pass on the one function of `wat`: whether it duplicated, and
/// whether the function is unchanged.
fn run_on(wat: &str) -> (bool, bool) {
    let mut func = translated(wat).remove(0);
    let before = func.display().to_string();
    let changed = duplicate_dispatch(&mut func);
    if changed {
        verify(&func);
    }
    (changed, func.display().to_string() == before)
}

#[test]
fn a_dispatch_value_used_too_far_away_leaves_the_function_as_it_was() {
    // Reaching the use from the loop's exit crosses one merge per diamond:
    // 100 is within the repair's recursion limit, 300 is not, and then the
    // pass must keep the function exactly as it was, not half rewritten.
    assert_eq!(run_on(&padded_interpreter(100, true)), (true, false));
    assert_eq!(run_on(&padded_interpreter(300, true)), (false, true));
    // Without the far use, 300 diamonds are no obstacle.
    assert_eq!(run_on(&padded_interpreter(300, false)), (true, false));
}

#[test]
fn functions_of_more_than_4096_blocks_are_left_alone() {
    // Three blocks per diamond: about 3,000 blocks, then about 4,200.
    assert_eq!(run_on(&padded_interpreter(1000, false)), (true, false));
    assert_eq!(run_on(&padded_interpreter(1400, false)), (false, true));
}
