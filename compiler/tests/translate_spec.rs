//! Function translation over the WebAssembly spec test suite: every module
//! of the `core`, `simd` and `relaxed-simd` groups is parsed, every function translated, and the IR
//! checked by the Cranelift verifier and compiled for the host.

use anyhow::{bail, Context, Result};
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::isa::OwnedTargetIsa;
use kiln_compiler::module::{self, ModuleEnv};
use kiln_compiler::target::Target;
use kiln_compiler::translate::FuncTranslator;
use kiln_compiler::{CompileError, OptLevel};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use wast::{QuoteWat, WastDirective, WastExecute};

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec-testsuite")
}

/// Shell-style glob: `*`, `?` and `[a-z0-9]` classes.
fn glob_match(pat: &[u8], s: &[u8]) -> bool {
    match pat.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|i| glob_match(rest, &s[i..])),
        Some((b'?', rest)) => !s.is_empty() && glob_match(rest, &s[1..]),
        Some((b'[', rest)) => {
            let Some(close) = rest.iter().position(|&c| c == b']') else { return false };
            let Some((&c, tail)) = s.split_first() else { return false };
            let class = &rest[..close];
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == b'-' {
                    hit |= class[i] <= c && c <= class[i + 2];
                    i += 3;
                } else {
                    hit |= class[i] == c;
                    i += 1;
                }
            }
            hit && glob_match(&rest[close + 1..], tail)
        }
        Some((&p, rest)) => s.first() == Some(&p) && glob_match(rest, &s[1..]),
    }
}

/// The top-level files GROUPS.txt assigns to `group` (first match wins),
/// checked against the count its header states.
fn group_files(group: &str) -> Result<Vec<PathBuf>> {
    let dir = suite_dir();
    let groups = std::fs::read_to_string(dir.join("GROUPS.txt")).context("reading GROUPS.txt")?;
    let mut rules = Vec::new();
    let mut expected = None;
    for line in groups.lines() {
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(i) = comment.find(&format!(" {group} ")) {
                let digits: String = comment[i + group.len() + 2..].chars().take_while(char::is_ascii_digit).collect();
                expected = digits.parse::<usize>().ok().or(expected);
            }
            continue;
        }
        if let Some((name, globs)) = line.split_once('\t') {
            rules.push((name.to_string(), globs.split_whitespace().map(str::to_string).collect::<Vec<_>>()));
        }
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if !path.is_file() || !name.ends_with(".wast") {
            continue;
        }
        let owner = rules
            .iter()
            .find(|(_, globs)| globs.iter().any(|g| !g.contains('/') && glob_match(g.as_bytes(), name.as_bytes())));
        if owner.is_some_and(|(g, _)| g == group) {
            files.push(path);
        }
    }
    files.sort();
    if let Some(n) = expected {
        assert_eq!(files.len(), n, "GROUPS.txt says the {group} group has {n} files");
    }
    Ok(files)
}

/// The binary of every module a script defines or expects to instantiate
/// (not those it expects to be invalid or malformed), with its line.
fn script_modules(path: &Path) -> Result<Vec<(usize, Vec<u8>)>> {
    let text = std::fs::read_to_string(path)?;
    let mut lexer = wast::lexer::Lexer::new(&text);
    // names.wast deliberately uses bidirectional-override characters.
    lexer.allow_confusing_unicode(true);
    let buf = wast::parser::ParseBuffer::new_with_lexer(lexer)?;
    let script: wast::Wast<'_> = wast::parser::parse(&buf)?;
    let mut out = Vec::new();
    for directive in script.directives {
        let line = text[..directive.span().offset()].lines().count().max(1);
        let mut quoted = match directive {
            WastDirective::Module(q) | WastDirective::ModuleDefinition(q) => q,
            WastDirective::AssertTrap { exec: WastExecute::Wat(w), .. }
            | WastDirective::AssertUnlinkable { module: w, .. } => QuoteWat::Wat(w),
            _ => continue,
        };
        if matches!(quoted, QuoteWat::QuoteComponent(..) | QuoteWat::Wat(wast::Wat::Component(_))) {
            continue;
        }
        out.push((line, quoted.encode()?));
    }
    Ok(out)
}

#[derive(Default)]
struct Tally {
    modules: usize,
    funcs_ok: usize,
    /// Modules `module::parse` rejects as unsupported.
    modules_unsupported: usize,
    /// Modules `module::parse` rejects otherwise (its concern, not translation's).
    parse_rejected: Vec<String>,
    /// Functions translation rejects as unsupported, by feature.
    unsupported: BTreeMap<String, usize>,
    failures: Vec<String>,
    /// Functions whose dispatch loop got copies (`kiln_compiler::taildup`).
    dispatches: usize,
}

fn host_isa() -> OwnedTargetIsa {
    Target::host().isa(OptLevel::Speed).expect("host ISA")
}

/// Translates, verifies and compiles every function of `env`.
fn check_module(env: &ModuleEnv<'_>, isa: &OwnedTargetIsa, tr: &mut FuncTranslator, where_: &str, tally: &mut Tally) {
    for (i, body) in env.bodies.iter().enumerate() {
        let func_index = env.num_imported_funcs + i as u32;
        match tr.translate(env, isa.as_ref(), func_index, body) {
            Ok(mut func) => {
                if let Err(errors) = cranelift_codegen::verify_function(&func, isa.as_ref()) {
                    tally.failures.push(format!("{where_} func {func_index}: verifier:\n{errors}\n{}", func.display()));
                    continue;
                }
                // As `kiln compile` does at `-O speed`: copies of a
                // `br_table` dispatch, which must verify too.
                if kiln_compiler::taildup::duplicate_dispatch(&mut func) {
                    tally.dispatches += 1;
                    if let Err(errors) = cranelift_codegen::verify_function(&func, isa.as_ref()) {
                        let text = func.display();
                        tally
                            .failures
                            .push(format!("{where_} func {func_index}: verifier after taildup:\n{errors}\n{text}"));
                        continue;
                    }
                }
                let mut ctx = cranelift_codegen::Context::for_function(func);
                if let Err(e) = ctx.compile(isa.as_ref(), &mut ControlPlane::default()) {
                    tally.failures.push(format!("{where_} func {func_index}: compile: {:?}", e.inner));
                    continue;
                }
                tally.funcs_ok += 1;
            }
            Err(CompileError::Unsupported { feature, .. }) => *tally.unsupported.entry(feature).or_default() += 1,
            Err(e) => tally.failures.push(format!("{where_} func {func_index}: {e}")),
        }
    }
}

#[test]
fn core_spec_modules_translate_and_verify() -> Result<()> {
    let isa = host_isa();
    let mut tr = FuncTranslator::new();
    let mut total = Tally::default();
    let files = [group_files("core")?, group_files("simd")?, group_files("relaxed-simd")?].concat();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let mut tally = Tally::default();
        for (line, wasm) in script_modules(path).with_context(|| name.clone())? {
            let where_ = format!("{name}:{line}");
            tally.modules += 1;
            match module::parse(&wasm) {
                Ok(env) => check_module(&env, &isa, &mut tr, &where_, &mut tally),
                Err(CompileError::Unsupported { .. }) => tally.modules_unsupported += 1,
                Err(e) => tally.parse_rejected.push(format!("{where_}: {e}")),
            }
        }
        let unsupported: usize = tally.unsupported.values().sum();
        println!(
            "{name:<28} modules {:>4} (unsupported {:>2}, rejected {:>2})  funcs ok {:>5}  unsupported {:>4}  errors {}",
            tally.modules,
            tally.modules_unsupported,
            tally.parse_rejected.len(),
            tally.funcs_ok,
            unsupported,
            tally.failures.len()
        );
        total.modules += tally.modules;
        total.modules_unsupported += tally.modules_unsupported;
        total.funcs_ok += tally.funcs_ok;
        total.dispatches += tally.dispatches;
        for (k, v) in tally.unsupported {
            *total.unsupported.entry(k).or_default() += v;
        }
        total.failures.extend(tally.failures);
        total.parse_rejected.extend(tally.parse_rejected);
    }
    println!(
        "TOTAL {} files: modules {} (unsupported {}, rejected {}), funcs ok {} ({} with copied dispatches), unsupported funcs {}, errors {}",
        files.len(),
        total.modules,
        total.modules_unsupported,
        total.parse_rejected.len(),
        total.funcs_ok,
        total.dispatches,
        total.unsupported.values().sum::<usize>(),
        total.failures.len()
    );
    for (feature, n) in &total.unsupported {
        println!("  unsupported {n:>5}  {feature}");
    }
    for r in &total.parse_rejected {
        println!("  module::parse rejected {r}");
    }
    for f in total.failures.iter().take(20) {
        println!("FAILURE {f}");
    }
    if !total.failures.is_empty() {
        bail!("{} functions failed to translate, verify or compile", total.failures.len());
    }
    // The core group is Wasm 1.0/2.0 plus typed function references, and
    // the simd group fixed-width SIMD, all of which kiln translates.
    if !total.unsupported.is_empty() {
        bail!("core functions reported unsupported: {:?}", total.unsupported);
    }
    Ok(())
}

/// Parses `wat` and translates its first defined function.
fn translate_first(wasm: &[u8]) -> Result<kiln_compiler::Result<cranelift_codegen::ir::Function>> {
    let env = module::parse(wasm)?;
    let isa = host_isa();
    let body = env.bodies.first().context("no function body")?;
    Ok(FuncTranslator::new().translate(&env, isa.as_ref(), env.num_imported_funcs, body))
}

/// Offset of the first `opcode` byte inside the first function body.
fn opcode_offset(wasm: &[u8], opcode: u8) -> Result<u64> {
    let env = module::parse(wasm)?;
    let range = env.bodies[0].body.range();
    let (start, end) = (range.start as usize, range.end as usize);
    // Skip the (empty) local declarations: one count byte.
    let at = wasm[start + 1..end].iter().position(|&b| b == opcode).context("opcode not found")?;
    Ok((start + 1 + at) as u64)
}

#[test]
fn invalid_bodies_report_invalid_with_offsets() -> Result<()> {
    let cases: [(&str, u8); 4] = [
        // `i32.add` on an empty stack.
        ("(module (func (result i32) i32.add))", 0x6a),
        // `br` to a label that does not exist.
        ("(module (func (block (br 0)) (br 0) (br 1)))", 0x0c),
        // `local.get` of a missing local.
        ("(module (func (param i32) (drop (local.get 0)) (drop (local.get 1))))", 0x20),
        // `call` of a missing function.
        ("(module (func (call 0) (call 7)))", 0x10),
    ];
    for (wat, opcode) in cases {
        let wasm = wat::parse_str(wat)?;
        match translate_first(&wasm)? {
            Err(CompileError::Invalid { offset, message }) => {
                let range = module::parse(&wasm)?.bodies[0].body.range();
                assert!(range.contains(&offset), "{wat}: offset {offset:#x} outside the body {range:?} ({message})");
                // The first error is at the first such opcode whose operands are wrong.
                let first = opcode_offset(&wasm, opcode)?;
                assert!(offset >= first, "{wat}: offset {offset:#x} before the first candidate {first:#x}");
            }
            Ok(_) => bail!("{wat}: translated an invalid body"),
            Err(e) => bail!("{wat}: expected Invalid, got {e}"),
        }
    }
    // `i32.add` with no operands fails at exactly its own offset.
    let wasm = wat::parse_str("(module (func (result i32) i32.add))")?;
    let expected = opcode_offset(&wasm, 0x6a)?;
    match translate_first(&wasm)? {
        Err(CompileError::Invalid { offset, .. }) => assert_eq!(offset, expected),
        other => bail!("expected Invalid, got {:?}", other.map(|_| ())),
    }
    Ok(())
}

#[test]
fn malformed_opcode_is_invalid() -> Result<()> {
    #[rustfmt::skip]
    let wasm = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type 0: [] -> []
        0x03, 0x02, 0x01, 0x00, // func 0: type 0
        0x0a, 0x05, 0x01, 0x03, 0x00, 0xff, 0x0b, // body: no locals, 0xff, end
    ];
    match translate_first(&wasm)? {
        Err(CompileError::Invalid { offset, .. }) => assert_eq!(offset, 23, "offset of the 0xff byte"),
        other => bail!("expected Invalid, got {:?}", other.map(|_| ())),
    }
    Ok(())
}

/// A relaxed-SIMD operator translates and verifies; on riscv64 without
/// the V extension it is refused by its own name, with the feature that
/// would enable it.
#[test]
fn relaxed_simd_operator_translates_and_is_refused_without_vectors() -> Result<()> {
    let wat = "(module (func (param v128 v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 1))))";
    let wasm = wat::parse_str(wat)?;
    let func = translate_first(&wasm)??;
    cranelift_codegen::verify_function(&func, host_isa().as_ref())
        .map_err(|e| anyhow::anyhow!("{}", cranelift_codegen::print_errors::pretty_verifier_error(&func, None, e)))?;
    // After `unreachable` the operator needs no v128 operands (which would
    // be refused first).
    let wasm = wat::parse_str("(module (func unreachable i8x16.relaxed_swizzle drop))")?;
    let expected = opcode_offset(&wasm, 0xfd)?;
    let env = module::parse(&wasm)?;
    let isa = Target::parse("riscv64-linux")?.isa(OptLevel::Speed)?;
    let body = env.bodies.first().context("no function body")?;
    match FuncTranslator::new().translate(&env, isa.as_ref(), env.num_imported_funcs, body) {
        Err(CompileError::Unsupported { feature, offset }) => {
            assert!(feature.starts_with("relaxed-simd: i8x16.relaxed_swizzle needs vector support"), "{feature}");
            assert!(feature.contains("--features +v"), "feature: {feature}");
            assert_eq!(offset, expected);
        }
        other => bail!("expected Unsupported, got {:?}", other.map(|_| ())),
    }
    Ok(())
}

#[test]
fn simd_operator_translates_and_verifies() -> Result<()> {
    let wasm =
        wat::parse_str("(module (func (result v128) (i32x4.add (v128.const i64x2 1 2) (v128.const i32x4 1 2 3 4))))")?;
    let func = translate_first(&wasm)??;
    cranelift_codegen::verify_function(&func, host_isa().as_ref())
        .map_err(|e| anyhow::anyhow!("{}", cranelift_codegen::print_errors::pretty_verifier_error(&func, None, e)))?;
    Ok(())
}

/// riscv64's baseline has no vector registers: SIMD is refused by name
/// and offset, with the feature that would enable it.
#[test]
fn simd_without_vector_extension_is_unsupported() -> Result<()> {
    let wasm = wat::parse_str("(module (func (drop (v128.const i64x2 0 0))))")?;
    let expected = opcode_offset(&wasm, 0xfd)?;
    let env = module::parse(&wasm)?;
    let isa = Target::parse("riscv64-linux")?.isa(OptLevel::Speed)?;
    let body = env.bodies.first().context("no function body")?;
    match FuncTranslator::new().translate(&env, isa.as_ref(), env.num_imported_funcs, body) {
        Err(CompileError::Unsupported { feature, offset }) => {
            assert!(feature.starts_with("simd: v128.const"), "feature: {feature}");
            assert!(feature.contains("--features +v"), "feature: {feature}");
            assert_eq!(offset, expected);
        }
        other => bail!("expected Unsupported, got {:?}", other.map(|_| ())),
    }
    Ok(())
}

/// Wide arithmetic is `i128` arithmetic between `iconcat`/extensions and
/// `isplit`, on every target (no vector registers needed).
#[test]
fn wide_arithmetic_translates_and_verifies() -> Result<()> {
    let wasm = wat::parse_str(
        "(module (func (param i64 i64) (result i64 i64)
           (i64.add128 (i64.mul_wide_s (local.get 0) (local.get 1)) (i64.mul_wide_u (local.get 1) (local.get 0)))))",
    )?;
    let env = module::parse(&wasm)?;
    let body = env.bodies.first().context("no function body")?;
    for target in ["x86_64-linux", "aarch64-linux", "riscv64-linux"] {
        let isa = Target::parse(target)?.isa(OptLevel::Speed)?;
        let func = FuncTranslator::new().translate(&env, isa.as_ref(), env.num_imported_funcs, body)?;
        cranelift_codegen::verify_function(&func, isa.as_ref()).map_err(|e| {
            anyhow::anyhow!("{target}: {}", cranelift_codegen::print_errors::pretty_verifier_error(&func, None, e))
        })?;
        let ir = func.display().to_string();
        assert!(ir.contains("sextend.i128") && ir.contains("uextend.i128"), "{ir}");
        // Each product is split into its i64 halves, which the sum joins again.
        assert_eq!((ir.matches("isplit").count(), ir.matches("iconcat").count()), (3, 2), "{ir}");
    }
    Ok(())
}

/// Control flow, memory, tables and calls without numeric operators, so
/// this holds whatever the state of the numeric translator.
#[test]
fn non_numeric_function_translates_and_verifies() -> Result<()> {
    let wat = r#"
        (module
          (type $t (func (param i32) (result i32)))
          (import "env" "f" (func $imp (param i32) (result i32)))
          (memory 1)
          (memory $m2 1)
          (table $tab 4 funcref)
          (global $g (mut i32) (i32.const 0))
          (elem declare func $callee)
          (data $d "hi")
          (elem $e func $callee)
          (func $callee (type $t) (local.get 0))
          (func (export "main") (param $p i32) (result i32 i32)
            (local $r (ref null $t))
            (local.get $p)
            (block (param i32) (result i32)
              (loop (param i32) (result i32)
                (br_if 1 (local.get $p))
                (if (param i32) (result i32) (local.get $p)
                  (then (call $imp))
                  (else (call_indirect (type $t) (local.get $p))))
                (br_table 0 1 0 (local.get $p))))
            (local.set $p)
            (i32.store8 offset=7 (local.get $p) (i32.load16_u $m2 offset=4000000000 (local.get $p)))
            (memory.fill (local.get $p) (local.get $p) (memory.size))
            (memory.copy 1 0 (local.get $p) (local.get $p) (memory.grow (local.get $p)))
            (memory.init $d (local.get $p) (local.get $p) (local.get $p))
            (data.drop $d)
            (table.set $tab (local.get $p) (table.get $tab (local.get $p)))
            (drop (table.grow $tab (ref.null func) (table.size $tab)))
            (table.fill $tab (local.get $p) (ref.func $callee) (local.get $p))
            (table.copy $tab $tab (local.get $p) (local.get $p) (local.get $p))
            (table.init $tab $e (local.get $p) (local.get $p) (local.get $p))
            (elem.drop $e)
            (global.set $g (select (global.get $g) (local.get $p) (ref.is_null (local.tee $r (ref.func $callee)))))
            (block $nn (result (ref $t))
              (br_on_non_null $nn (local.get $r))
              (ref.func $callee))
            (drop)
            (block $out (result i32)
              (local.get $p)
              (local.get $r)
              (br_on_null $out)
              (ref.as_non_null)
              (call_ref $t)
              (global.get $g)
              (return)
              (unreachable))
            (local.get $p))
        )"#;
    let wasm = wat::parse_str(wat)?;
    let env = module::parse(&wasm)?;
    let isa = host_isa();
    let mut tally = Tally::default();
    check_module(&env, &isa, &mut FuncTranslator::new(), "inline", &mut tally);
    assert!(tally.failures.is_empty(), "{}", tally.failures.join("\n"));
    assert!(tally.unsupported.is_empty(), "{:?}", tally.unsupported);
    assert_eq!(tally.funcs_ok, 2);
    Ok(())
}
