//! Unit tests of the dispatch tail duplication: the codegen fixture's two
//! interpreter loops get a dispatch per case and still verify, and loops
//! that are not dispatches are left alone.

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
