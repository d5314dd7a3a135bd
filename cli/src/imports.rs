//! Checks, before linking a standalone executable, that the module is a
//! WASI command: it exports `_start`, and the runtime provides every import
//! (only WASI preview1 functions exist there).

use anyhow::{bail, Result};
use kiln_abi::tables::valtype;
use kiln_abi::wasi;
use kiln_compiler::module::ModuleEnv;
use std::fmt::Write as _;
use wasmparser::ValType;

/// Fails with one error listing every import the runtime cannot satisfy.
pub fn check_standalone(env: &ModuleEnv<'_>) -> Result<()> {
    let mut problems = Vec::new();
    for import in &env.imports {
        let what = format!("{}.{}", import.module, import.name);
        if import.kind != kiln_abi::extern_kind::FUNC {
            let kind = kind_name(import.kind);
            problems.push(format!(
                "{what}: imports a {kind}; a standalone executable can only import WASI preview1 functions"
            ));
            continue;
        }
        if import.module != wasi::MODULE {
            problems.push(format!("{what}: module `{}` is not provided (only `{}` is)", import.module, wasi::MODULE));
            continue;
        }
        let Some(host) = wasi::find(&import.name) else {
            problems.push(format!("{what}: not a {} function", wasi::MODULE));
            continue;
        };
        let Some(Some(ty)) = env.types.get(import.type_index as usize) else {
            problems.push(format!("{what}: type {} is not a function type", import.type_index));
            continue;
        };
        let params: Option<Vec<u8>> = ty.params().iter().map(|t| code(*t)).collect();
        let results: Option<Vec<u8>> = ty.results().iter().map(|t| code(*t)).collect();
        if params.as_deref() != Some(host.params) || results.as_deref() != Some(host.results) {
            problems.push(format!(
                "{what}: signature mismatch: the runtime provides {}, the module imports {}",
                signature(host.params, host.results),
                wasm_signature(ty.params(), ty.results())
            ));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut message = format!(
        "{} unsatisfied import{} (a standalone executable provides only WASI preview1 functions):",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in &problems {
        write!(message, "\n  {p}").expect("writing to a String");
    }
    bail!(message)
}

/// The module must export a function `_start` of type `[] -> []`.
pub fn check_command(env: &ModuleEnv<'_>) -> Result<()> {
    let Some(export) = env.exports.iter().find(|e| e.name == "_start") else {
        bail!("the module has no `_start` export, so it is not a WASI command; use `kiln compile` to embed a library module in a C program")
    };
    if export.kind != kiln_abi::extern_kind::FUNC {
        bail!("the module's `_start` export is a {}, not a function", kind_name(export.kind));
    }
    let ty = env.func_type(export.index);
    if !ty.params().is_empty() || !ty.results().is_empty() {
        bail!(
            "the module's `_start` function has type {}; a WASI command's takes and returns nothing",
            wasm_signature(ty.params(), ty.results())
        );
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
        let wasm = wat::parse_str(wat)?;
        let env = kiln_compiler::module::parse(&wasm)?;
        check_standalone(&env)
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
            check_command(&kiln_compiler::module::parse(&wasm)?)
        };
        command(r#"(module (func (export "_start")))"#).expect("a command");
        let err = command(r#"(module (func (export "main")))"#).expect_err("no _start").to_string();
        assert!(err.contains("no `_start` export"), "{err}");
        let err = command(r#"(module (func (export "_start") (param i32)))"#).expect_err("wrong type").to_string();
        assert!(err.contains("has type (i32) -> ()"), "{err}");
        let err = command(r#"(module (memory (export "_start") 1))"#).expect_err("not a function").to_string();
        assert!(err.contains("is a memory"), "{err}");
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
        assert!(message.contains("env.foo: module `env` is not provided"), "{message}");
        assert!(message.contains("wasi_snapshot_preview1.fd_write: signature mismatch: the runtime provides (i32, i32, i32, i32) -> (i32), the module imports (i32) -> (i32)"), "{message}");
        assert!(
            message.contains("wasi_snapshot_preview1.no_such_call: not a wasi_snapshot_preview1 function"),
            "{message}"
        );
        assert!(message.contains("env.mem: imports a memory"), "{message}");
    }
}
