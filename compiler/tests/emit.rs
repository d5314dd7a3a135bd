//! Object emission: the symbols, sections and module tables of emitted objects.

use kiln_compiler::target::Target;
use kiln_compiler::{compile, CompileError, CompileOptions};
use object::{Object, ObjectSection, ObjectSymbol};

const WAT: &str = r#"
(module $demo
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "hello")
  (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func $div (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func $pair (export "pair") (result i32 i64) i32.const 1 i64.const 2)
  (func $main (export "_start") (drop (call $fd_write (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
)
"#;

fn options() -> CompileOptions {
    CompileOptions { verify: true, ..CompileOptions::default() }
}

#[test]
fn symbols_follow_the_name_section_and_exports_get_c_aliases() {
    let m = compile(WAT.as_bytes(), &options()).expect("compiles");
    let obj = object::File::parse(&*m.object).expect("valid object");
    let sym = |name: &str| obj.symbols().find(|s| s.name() == Ok(name));
    for f in ["add", "div", "pair", "main"] {
        let s = sym(f).unwrap_or_else(|| panic!("no symbol {f}"));
        assert!(s.is_local(), "{f} must be local so it cannot clash at link time");
    }
    let info = sym("kiln_module_info").expect("module info");
    assert!(info.is_global());
    // The C alias is a trampoline from the C calling convention into the
    // wasm one, not the function itself.
    let alias = sym("kiln_export_add").expect("C alias of add");
    assert!(alias.is_global() && alias.is_definition());
    assert_ne!(alias.address(), sym("add").unwrap().address());
    let adapter = sym("kiln_import_adapter.0").expect("adapter of the fd_write import");
    assert!(adapter.is_local() && adapter.is_definition());
    assert!(sym("kiln_export_pair").is_none(), "multi-value exports have no C alias");
    let import = sym("kiln_import_wasi_5fsnapshot_5fpreview1__fd_5fwrite").expect("import symbol");
    assert!(import.is_undefined());
    assert!(m.header.contains("int32_t kiln_export_add(void *vmctx, int32_t p0, int32_t p1);"), "{}", m.header);
    assert!(m.header.contains("`pair` returns 2 values"));
    assert_eq!(m.imports.len(), 1);
}

#[test]
fn trapping_instructions_are_recorded() {
    let m = compile(WAT.as_bytes(), &options()).expect("compiles");
    let obj = object::File::parse(&*m.object).expect("valid object");
    // The module tables live in a read-only data section with relocations.
    let data = obj
        .sections()
        .find(|s| s.name().is_ok_and(|n| n.starts_with(".data.rel.ro") || n.starts_with(".rodata")))
        .expect("tables section");
    assert!(data.relocations().count() > 5, "table pointers are relocations");
}

#[test]
fn listings_are_captured_on_request() {
    let opts = CompileOptions { capture_clif: true, capture_asm: true, ..options() };
    let m = compile(WAT.as_bytes(), &opts).expect("compiles");
    let clif = m.clif.expect("clif");
    assert!(clif.contains("; add") && clif.contains("iadd"), "{clif}");
    assert!(m.asm.expect("asm").contains("function div:"));
}

#[test]
fn bad_input_is_a_typed_error_with_an_offset() {
    match compile(b"\0asm\x01\0\0\0\x01\x05", &options()) {
        Err(CompileError::Invalid { offset, .. }) => assert!(offset >= 8),
        other => panic!("expected Invalid, got {:?}", other.err()),
    }
    let shared = "(module (global (shared mut i32) (i32.const 0)))";
    match compile(shared.as_bytes(), &options()) {
        Err(CompileError::Unsupported { feature, offset }) => {
            assert!(feature.contains("shared-everything-threads"), "{feature}");
            assert!(offset > 0);
        }
        other => panic!("expected Unsupported, got {:?}", other.err()),
    }
    assert!(matches!(compile(b"(module (func", &options()), Err(CompileError::Wat(_))));
}

#[test]
fn simd_compiles_for_vector_targets_and_is_refused_without_them() {
    let simd = "(module (func (export \"f\") (param v128) (result v128) (i8x16.swizzle (local.get 0) (v128.const i32x4 0 0 0 0))))";
    compile(simd.as_bytes(), &options()).expect("simd compiles for the host");
    for target in ["aarch64-linux", "x86_64-linux"] {
        let target = Target::parse(target).expect("known target");
        compile(simd.as_bytes(), &CompileOptions { target, ..options() }).expect("simd compiles");
    }
    // x86_64 without SSSE3 still compiles shuffles (through a libcall).
    let target = Target::parse("x86_64-linux").and_then(|t| t.with_cpu(Some("x86-64"), &[])).expect("baseline");
    compile(simd.as_bytes(), &CompileOptions { target, ..options() }).expect("simd compiles for SSE2");
    let riscv = Target::parse("riscv64-linux").expect("known target");
    match compile(simd.as_bytes(), &CompileOptions { target: riscv.clone(), ..options() }) {
        Err(CompileError::Unsupported { feature, offset }) => {
            assert!(feature.starts_with("simd: ") && feature.contains("--features +v"), "{feature}");
            assert!(offset > 0);
        }
        other => panic!("expected Unsupported, got {:?}", other.err()),
    }
    // A module whose types mention v128 but that runs no SIMD compiles.
    let types_only = "(module (type (func (param v128))) (func (export \"g\") (result i32) i32.const 1))";
    compile(types_only.as_bytes(), &CompileOptions { target: riscv.clone(), ..options() }).expect("no v128 code");
    let global = "(module (global $g (mut v128) (v128.const i64x2 1 2)) (func (global.set $g (global.get $g))))";
    match compile(global.as_bytes(), &CompileOptions { target: riscv, ..options() }) {
        Err(CompileError::Unsupported { feature, .. }) => {
            assert!(feature.starts_with("simd: v128 global"), "{feature}")
        }
        other => panic!("expected Unsupported, got {:?}", other.err()),
    }
}

#[test]
fn exceptions_compile_and_only_throwing_modules_get_the_throw_thunk() {
    let thunk = |wat: &str| {
        let m = compile(wat.as_bytes(), &options()).expect("compiles");
        let obj = object::File::parse(&*m.object).expect("valid object");
        let found = obj.symbols().any(|s| s.name() == Ok("kiln_throw"));
        found
    };
    let escaping = r#"(module (tag $e) (func (export "f") (throw $e)))"#;
    assert!(thunk(escaping), "a throw calls the thunk");
    let catch_ref = r#"(module (tag $e) (func $g)
        (func (result exnref) (block $h (result exnref) (try_table (catch_all_ref $h) (call $g)) (unreachable))))"#;
    assert!(!thunk(catch_ref), "a module that never throws needs no thunk");
    let legacy = r#"(module (tag $e (param i32)) (func $g (throw $e (i32.const 1)))
        (func (export "f") (result i32) try (result i32) call $g i32.const 0 catch $e end))"#;
    assert!(thunk(legacy));
    let subtyping = "(module (type $a (sub (func))) (type (sub $a (func))))";
    match compile(subtyping.as_bytes(), &options()) {
        Err(CompileError::Unsupported { feature, .. }) => assert!(feature.contains("subtyping"), "{feature}"),
        other => panic!("expected Unsupported, got {:?}", other.err()),
    }
}

#[test]
fn one_name_imported_at_two_types_is_one_symbol() {
    let wat = r#"(module
        (import "env" "f" (func (param i32)))
        (import "env" "f" (func (param i64) (result i64))))"#;
    let m = compile(wat.as_bytes(), &options()).expect("compiles");
    let obj = object::File::parse(&*m.object).expect("valid object");
    let n = obj.symbols().filter(|s| s.name() == Ok("kiln_import_env__f")).count();
    assert_eq!(n, 1);
    assert_eq!(m.imports.len(), 2);
}
