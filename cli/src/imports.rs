//! Checks, before linking a standalone executable, that the module is a
//! WASI command (it exports `_start`) and that every import is provided:
//! WASI preview1 functions by the runtime, other functions by the native
//! objects and archives given with `kiln build --link`.
//!
//! Data flow: [`Native::read`] collects the symbols the `--link` files
//! define (with the `object` crate: ELF objects, and the members of `ar`
//! archives); [`check_standalone`] matches every import against the
//! runtime's WASI table or those symbols and returns the linker aliases
//! that bind an import's symbol (`kiln_abi::symbols::import_symbol`) to the
//! plain C name a host defined (`kiln_compiler::header::import_c_names`),
//! or one error listing every import nothing provides, with the C
//! prototype a host would define for it.

use anyhow::{bail, Context, Result};
use kiln_abi::tables::valtype;
use kiln_abi::wasi;
use kiln_compiler::header::{import_c_names, import_prototype};
use kiln_compiler::module::ModuleEnv;
use kiln_compiler::target::Target;
use object::read::archive::ArchiveFile;
use object::{Object, ObjectSymbol};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use wasmparser::ValType;

/// Native code given with `--link`: the files, and the global symbols they
/// define.
#[derive(Default)]
pub struct Native {
    pub files: Vec<PathBuf>,
    defined: HashSet<String>,
}

impl Native {
    /// Reads the symbol tables of `files` (relocatable objects or `ar`
    /// archives of them), which must be for `target`'s architecture.
    pub fn read(files: &[PathBuf], target: &Target) -> Result<Native> {
        let mut native = Native { files: files.to_vec(), defined: HashSet::new() };
        for path in files {
            let bytes = std::fs::read(path).with_context(|| format!("--link: cannot read `{}`", path.display()))?;
            if bytes.starts_with(b"!<arch>\n") {
                let archive = ArchiveFile::parse(&*bytes)
                    .with_context(|| format!("--link `{}`: not a valid ar archive", path.display()))?;
                for member in archive.members() {
                    let member =
                        member.with_context(|| format!("--link `{}`: unreadable archive member", path.display()))?;
                    let name = String::from_utf8_lossy(member.name()).into_owned();
                    let data = member
                        .data(&*bytes)
                        .with_context(|| format!("--link `{}`: unreadable member `{name}`", path.display()))?;
                    let what = format!("member `{name}` of `{}`", path.display());
                    native.add_object(data, &what, target)?;
                }
            } else {
                native.add_object(&bytes, &format!("`{}`", path.display()), target)?;
            }
        }
        Ok(native)
    }

    fn add_object(&mut self, data: &[u8], what: &str, target: &Target) -> Result<()> {
        let file = object::File::parse(data)
            .with_context(|| format!("--link {what}: not an object file (give .o files or .a archives)"))?;
        let kind = match file.kind() {
            object::ObjectKind::Relocatable => None,
            object::ObjectKind::Executable => Some("an executable"),
            object::ObjectKind::Dynamic => Some("a shared library or executable"),
            _ => Some("not a relocatable object"),
        };
        if let Some(kind) = kind {
            bail!("--link {what}: {kind}; give relocatable objects (`cc -c`) or archives of them");
        }
        let want = architecture(target);
        if want.is_some_and(|a| a != file.architecture()) {
            bail!("--link {what}: built for {:?}, but the executable is for {}", file.architecture(), target.triple);
        }
        for sym in file.symbols() {
            if sym.is_definition() && sym.is_global() {
                if let Ok(name) = sym.name() {
                    self.defined.insert(name.to_string());
                }
            }
        }
        Ok(())
    }

    fn defines(&self, symbol: &str) -> bool {
        self.defined.contains(symbol)
    }
}

/// The `object` architecture of `target`, if kiln targets it.
fn architecture(target: &Target) -> Option<object::Architecture> {
    let arch = target.triple.architecture.to_string();
    if arch == "x86_64" {
        Some(object::Architecture::X86_64)
    } else if arch.starts_with("aarch64") {
        Some(object::Architecture::Aarch64)
    } else if arch.starts_with("riscv64") {
        Some(object::Architecture::Riscv64)
    } else {
        None
    }
}

/// A linker alias: define `symbol` (what the compiled module references)
/// as `target` (what a `--link` file defines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub symbol: String,
    pub target: String,
}

/// Checks every import; returns the aliases the link needs, or fails with
/// one error listing every import nothing provides.
pub fn check_standalone(env: &ModuleEnv<'_>, native: &Native) -> Result<Vec<Alias>> {
    let mut problems = Vec::new();
    let mut aliases = Vec::new();
    let c_names = import_c_names(env);
    // Type of the first import of each module/name: one symbol serves them all.
    let mut first_type: HashMap<(&str, &str), u32> = HashMap::new();
    for (import, c_name) in env.imports.iter().zip(&c_names) {
        let what = if kiln_abi::wasi2::is_wasi2(&import.module) {
            wasi2_name(&import.module, &import.name)
        } else {
            format!("{}.{}", import.module, import.name)
        };
        if import.kind != kiln_abi::extern_kind::FUNC {
            let kind = kind_name(import.kind);
            problems.push(format!(
                "{what}: imports a {kind}; a standalone executable can only import functions (WASI preview1, or \
                 native functions from --link)"
            ));
            continue;
        }
        let Some(Some(ty)) = env.types.get(import.type_index as usize) else {
            problems.push(format!("{what}: type {} is not a function type", import.type_index));
            continue;
        };
        if import.module == wasi::MODULE {
            if let Some(p) = check_wasi(&what, &import.name, ty) {
                problems.push(p);
            }
            continue;
        }
        if kiln_abi::wasi2::is_wasi2(&import.module) {
            if let Some(p) = check_wasi2(&import.module, &import.name, ty) {
                problems.push(p);
            }
            continue;
        }
        let key = (import.module.as_str(), import.name.as_str());
        if let Some(&first) = first_type.get(&key) {
            // The first import of this name was checked already.
            if first != import.type_index && env.types.get(first as usize) != Some(&Some(ty.clone())) {
                problems.push(format!("{what}: imported again at another type; a native function has one signature"));
            }
            continue;
        }
        first_type.insert(key, import.type_index);
        let mut symbol = String::new();
        kiln_abi::symbols::import_symbol(&import.module, &import.name, &mut symbol).expect("writing to a String");
        let shown = c_name.as_deref().unwrap_or(&symbol);
        let prototype = match import_prototype(shown, ty) {
            Ok(p) => p,
            Err(why) => {
                problems.push(format!("{what}: {why}"));
                continue;
            }
        };
        if native.defines(&symbol) {
            continue;
        }
        if let Some(c_name) = c_name.as_ref().filter(|n| native.defines(n)) {
            let alias = Alias { symbol, target: c_name.clone() };
            aliases.push(alias);
            continue;
        }
        let problem = match (native.files.is_empty(), c_name) {
            (true, Some(_)) => {
                format!(
                    "not provided: define `{prototype}` (or name it `{symbol}`) in native code and pass it with --link"
                )
            }
            (true, None) => format!("not provided: define `{prototype}` in native code and pass it with --link"),
            (false, Some(c)) => format!("no --link object defines `{c}` or `{symbol}`; expected `{prototype}`"),
            (false, None) => format!("no --link object defines `{symbol}`; expected `{prototype}`"),
        };
        problems.push(format!("{what}: {problem}"));
    }
    if problems.is_empty() {
        return Ok(aliases);
    }
    let mut message = format!(
        "{} unsatisfied import{} (a standalone executable provides WASI preview1 functions and the native functions \
         of --link objects):",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in &problems {
        write!(message, "\n  {p}").expect("writing to a String cannot fail");
    }
    bail!(message)
}

/// The problem with WASI import `what`, if any.
fn check_wasi(what: &str, name: &str, ty: &wasmparser::FuncType) -> Option<String> {
    let Some(host) = wasi::find(name) else {
        return Some(format!("{what}: not a {} function", wasi::MODULE));
    };
    let params: Option<Vec<u8>> = ty.params().iter().map(|t| code(*t)).collect();
    let results: Option<Vec<u8>> = ty.results().iter().map(|t| code(*t)).collect();
    if params.as_deref() != Some(host.params) || results.as_deref() != Some(host.results) {
        return Some(format!(
            "{what}: signature mismatch: the runtime provides {}, the module imports {}",
            signature(host.params, host.results),
            wasm_signature(ty.params(), ty.results())
        ));
    }
    None
}

/// The problem with a WASI 0.2 import of a fused component, if any.
fn check_wasi2(module: &str, name: &str, ty: &wasmparser::FuncType) -> Option<String> {
    let params: Vec<u8> = ty.params().iter().map(|t| code(*t).unwrap_or(u8::MAX)).collect();
    let results: Vec<u8> = ty.results().iter().map(|t| code(*t).unwrap_or(u8::MAX)).collect();
    match kiln_abi::wasi2::check(module, name, &params, &results) {
        Ok(()) => None,
        Err(why) => Some(format!("{}: {why}", wasi2_name(module, name))),
    }
}

/// `wasi:io/streams@0.2.x#[method]output-stream.write`, as a user reads it.
pub fn wasi2_name(module: &str, name: &str) -> String {
    let x = if module.ends_with("@0.2") { ".x" } else { "" };
    format!("{module}{x}#{name}")
}

/// Checks that the module has an entry a standalone program can run:
/// `entry` (an exported function taking nothing and returning nothing or
/// an `i32`), or without one a WASI command's `_start`.
pub fn check_entry(env: &ModuleEnv<'_>, entry: Option<&str>) -> Result<()> {
    let functions = || env.exports.iter().filter(|e| e.kind == kiln_abi::extern_kind::FUNC).map(|e| e.name.as_str());
    let name = entry.unwrap_or("_start");
    let Some(export) = env.exports.iter().find(|e| e.name == name) else {
        let mut message = String::new();
        match entry {
            None => kiln_runtime::program::write_no_start(&mut message, functions())?,
            Some(name) => {
                write!(message, "the module has no export named `{name}` to run (its function exports: ")?;
                kiln_runtime::program::write_names(&mut message, functions())?;
                message.push(')');
            }
        }
        bail!("{message}");
    };
    if export.kind != kiln_abi::extern_kind::FUNC {
        bail!("the module's `{name}` export is a {}, not a function", kind_name(export.kind));
    }
    let ty = env.func_type(export.index);
    let status = matches!(ty.results(), [ValType::I32]) && entry.is_some();
    if !ty.params().is_empty() || !(ty.results().is_empty() || status) {
        let what = if entry.is_some() {
            "an entry must take no parameters and return nothing or an i32 exit status"
        } else {
            "a WASI command's takes and returns nothing"
        };
        bail!("the module's `{name}` function has type {}; {what}", wasm_signature(ty.params(), ty.results()));
    }
    Ok(())
}

fn kind_name(kind: u8) -> &'static str {
    match kind {
        kiln_abi::extern_kind::TABLE => "table",
        kiln_abi::extern_kind::MEMORY => "memory",
        kiln_abi::extern_kind::GLOBAL => "global",
        kiln_abi::extern_kind::TAG => "tag",
        _ => "function",
    }
}

/// The `kiln_abi::valtype` code of a wasm value type; `None` for types no
/// host function takes.
fn code(t: ValType) -> Option<u8> {
    match t {
        ValType::I32 => Some(valtype::I32),
        ValType::I64 => Some(valtype::I64),
        ValType::F32 => Some(valtype::F32),
        ValType::F64 => Some(valtype::F64),
        ValType::V128 | ValType::Ref(_) => None,
    }
}

fn code_name(c: u8) -> &'static str {
    match c {
        valtype::I32 => "i32",
        valtype::I64 => "i64",
        valtype::F32 => "f32",
        valtype::F64 => "f64",
        valtype::V128 => "v128",
        valtype::FUNCREF => "funcref",
        valtype::EXTERNREF => "externref",
        _ => "?",
    }
}

fn signature(params: &[u8], results: &[u8]) -> String {
    let p: Vec<&str> = params.iter().map(|c| code_name(*c)).collect();
    let r: Vec<&str> = results.iter().map(|c| code_name(*c)).collect();
    format!("({}) -> ({})", p.join(", "), r.join(", "))
}

fn wasm_signature(params: &[ValType], results: &[ValType]) -> String {
    let p: Vec<String> = params.iter().map(|t| t.to_string()).collect();
    let r: Vec<String> = results.iter().map(|t| t.to_string()).collect();
    format!("({}) -> ({})", p.join(", "), r.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(wat: &str) -> Result<()> {
        check_with(wat, &Native::default()).map(drop)
    }

    fn check_with(wat: &str, native: &Native) -> Result<Vec<Alias>> {
        let wasm = wat::parse_str(wat)?;
        let env = kiln_compiler::module::parse(&wasm)?;
        check_standalone(&env, native)
    }

    fn native(symbols: &[&str]) -> Native {
        Native { files: vec!["host.o".into()], defined: symbols.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn wasi_imports_with_the_right_signature_pass() {
        let ok = r#"(module
            (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
            (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))))"#;
        check(ok).expect("WASI imports are provided");
    }

    #[test]
    fn commands_export_a_start_function() {
        let command = |wat: &str| -> Result<()> {
            let wasm = wat::parse_str(wat)?;
            check_entry(&kiln_compiler::module::parse(&wasm)?, None)
        };
        command(r#"(module (func (export "_start")))"#).expect("a command");
        let err = command(r#"(module (func (export "main")))"#).expect_err("no _start").to_string();
        assert!(err.contains("no `_start` export"), "{err}");
        let err = command(r#"(module (func (export "_start") (param i32)))"#).expect_err("wrong type").to_string();
        assert!(err.contains("has type (i32) -> ()"), "{err}");
        let err = command(r#"(module (memory (export "_start") 1))"#).expect_err("not a function").to_string();
        assert!(err.contains("is a memory"), "{err}");
        let err = command(r#"(module (func (export "run") (result i32) (i32.const 0)))"#).expect_err("no _start");
        assert!(err.to_string().contains("(its function exports: `run`)"), "{err}");
        let entry = |wat: &str, name: &str| -> Result<()> {
            check_entry(&kiln_compiler::module::parse(&wat::parse_str(wat)?)?, Some(name))
        };
        entry(r#"(module (func (export "run") (result i32) (i32.const 0)))"#, "run").expect("an i32 status");
        let err = entry(r#"(module (func (export "run") (result i64) (i64.const 0)))"#, "run").expect_err("i64");
        assert!(err.to_string().contains("return nothing or an i32"), "{err}");
    }

    #[test]
    fn every_unsatisfied_import_is_listed() {
        let bad = r#"(module
            (import "env" "foo" (func))
            (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
            (import "wasi_snapshot_preview1" "no_such_call" (func))
            (import "env" "mem" (memory 1)))"#;
        let message = check(bad).expect_err("nothing here is provided").to_string();
        assert!(message.starts_with("4 unsatisfied imports"), "{message}");
        assert!(
            message.contains(
                "env.foo: not provided: define `void env_foo(void *vmctx)` (or name it `kiln_import_env__foo`) in \
                 native code and pass it with --link"
            ),
            "{message}"
        );
        assert!(message.contains("wasi_snapshot_preview1.fd_write: signature mismatch: the runtime provides (i32, i32, i32, i32) -> (i32), the module imports (i32) -> (i32)"), "{message}");
        assert!(
            message.contains("wasi_snapshot_preview1.no_such_call: not a wasi_snapshot_preview1 function"),
            "{message}"
        );
        assert!(message.contains("env.mem: imports a memory"), "{message}");
    }

    #[test]
    fn native_definitions_satisfy_imports_under_either_name() {
        let wat = r#"(module
            (import "env" "log_str" (func (param i32 i32)))
            (import "env" "now" (func (result i64)))
            (import "my-host" "get" (func (param f64) (result f64))))"#;
        let both = native(&["env_log_str", "kiln_import_env__now", "kiln_import_my_2dhost__get"]);
        let aliases = check_with(wat, &both).expect("all defined");
        assert_eq!(aliases, [Alias { symbol: "kiln_import_env__log_5fstr".into(), target: "env_log_str".into() }]);
        let message = check_with(wat, &native(&["env_now"])).expect_err("two missing").to_string();
        assert!(message.starts_with("2 unsatisfied imports"), "{message}");
        assert!(
            message.contains(
                "env.log_str: no --link object defines `env_log_str` or `kiln_import_env__log_5fstr`; expected \
                 `void env_log_str(void *vmctx, int32_t p0, int32_t p1)`"
            ),
            "{message}"
        );
        assert!(
            message.contains(
                "my-host.get: no --link object defines `kiln_import_my_2dhost__get`; expected \
                 `double kiln_import_my_2dhost__get(void *vmctx, double p0)`"
            ),
            "{message}"
        );
    }

    #[test]
    fn imports_native_code_cannot_take_are_refused() {
        let wat = r#"(module (import "env" "pair" (func (result i32 i32))))"#;
        let message = check_with(wat, &native(&["env_pair"])).expect_err("not native").to_string();
        assert!(message.contains("env.pair: returns 2 values; a native function returns at most one"), "{message}");
    }

    #[test]
    fn a_name_imported_twice_is_one_native_function() {
        let same = r#"(module (import "env" "f" (func (param i32))) (import "env" "f" (func (param i32))))"#;
        let aliases = check_with(same, &native(&["env_f"])).expect("one definition serves both");
        assert_eq!(aliases.len(), 1);
        let message = check_with(same, &native(&[])).expect_err("undefined").to_string();
        assert!(message.starts_with("1 unsatisfied import "), "listed once: {message}");
        let differ = r#"(module (import "env" "f" (func (param i32))) (import "env" "f" (func (param i64))))"#;
        let message = check_with(differ, &native(&["env_f"])).expect_err("two types").to_string();
        assert!(message.contains("env.f: imported again at another type"), "{message}");
    }
}
