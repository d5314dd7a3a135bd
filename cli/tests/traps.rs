//! Traps: every `tests/traps/*.wat` is a WASI command that traps. Each is
//! built with `kiln build` and run; it must exit with status 134, print
//! `wasm trap: <spec message>` as the first line of stderr, and name the
//! trapping function in the first backtrace line,
//! `at <function> (wasm offset 0x..)`. With `;; op: <Operator>` the reported
//! offset must be that of the first such instruction in the function.
//!
//! Directives: `;; trap: <message>`, `;; function: <name>`, optional
//! `;; op: <wasmparser Operator name>` and `;; stdout: <first line>`.

use anyhow::{bail, ensure, Context, Result};
use kiln_abi::TrapKind;
use kiln_tests::known_failures::KnownFailures;
use kiln_tests::{directive, directives, fixtures, run, scratch_dir, stem};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::Duration;
use wasmparser::{FunctionBody, KnownCustom, Name, Parser, Payload};

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const SUITE: &str = "traps";

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let known = match KnownFailures::load() {
        Ok(k) => Arc::new(k),
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let files = fixtures("traps", "wat");
    let mut trials: Vec<Trial> = files
        .iter()
        .map(|file| {
            let name = stem(file);
            let file = file.clone();
            let known = Arc::clone(&known);
            Trial::test(format!("{SUITE}/{name}"), move || {
                known.judge(SUITE, &name, check_trap(&file, &name)).map_err(|e| Failed::from(format!("{e:#}")))
            })
        })
        .collect();
    trials.push(Trial::test("every_trap_kind_has_a_test", move || every_kind_covered(&files).map_err(Failed::from)));
    libtest_mimic::run(&args, trials).exit_code()
}

/// Every trap kind reachable from the wasm kiln compiles has a fixture.
/// The limit traps (`interrupted (timeout)`, `all fuel consumed`) need
/// run-time limits and are tested in `limits.rs`.
fn every_kind_covered(files: &[PathBuf]) -> Result<(), String> {
    let mut covered = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        covered.extend(directives(&text, ";;", "trap"));
    }
    let missing: Vec<&str> = TrapKind::ALL
        .iter()
        .filter(|k| !matches!(k, TrapKind::Interrupted | TrapKind::OutOfFuel))
        .map(|k| k.message())
        .filter(|m| !covered.iter().any(|c| c == m || c.strip_prefix(m).is_some_and(|rest| rest.starts_with(' '))))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("no tests/traps fixture raises: {missing:?}"))
    }
}

fn check_trap(file: &Path, name: &str) -> Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let message = directive(&text, ";;", "trap").context("missing `;; trap:` directive")?;
    let function = directive(&text, ";;", "function").context("missing `;; function:` directive")?;
    let wasm = wat::parse_str(&text).with_context(|| format!("{} is not valid wat", file.display()))?;

    let dir = scratch_dir(TMP, "traps", name);
    let exe = dir.join(name);
    run(Command::new(KILN).arg("build").arg(file).arg("-o").arg(&exe), Duration::from_secs(300))?
        .success("kiln build")?;
    let out = run(Command::new(&exe).env_clear(), Duration::from_secs(60))?;
    let stderr = out.stderr_text();
    let context = || format!("{}\nstdout:\n{}\nstderr:\n{stderr}", out.describe(), out.stdout_text());

    ensure!(out.code() == Some(kiln_abi::TRAP_EXIT_STATUS), "expected exit status 134, got {}", context());
    let first = stderr.lines().next().unwrap_or("");
    ensure!(
        first == format!("wasm trap: {message}"),
        "first stderr line should be `wasm trap: {message}`, got {}",
        context()
    );
    let Some((frame, offset)) = stderr.lines().find_map(backtrace_frame) else {
        bail!("no `at <function> (wasm offset 0x..)` line in stderr: {}", context());
    };
    ensure!(frame == function, "innermost frame is `{frame}`, expected `{function}`: {}", context());
    let body = function_body(&wasm, &function)?;
    let range = body.range();
    let range = range.start as u64..range.end as u64;
    ensure!(
        range.contains(&offset),
        "wasm offset {offset:#x} is outside `{function}`'s body ({:#x}..{:#x}): {}",
        range.start,
        range.end,
        context()
    );
    if let Some(op) = directive(&text, ";;", "op") {
        let expected = operator_offset(&body, &op).with_context(|| format!("in function `{function}`"))?;
        ensure!(
            offset == expected,
            "trap reported at wasm offset {offset:#x}, but the first `{op}` in `{function}` is at {expected:#x}"
        );
    }
    if let Some(line) = directive(&text, ";;", "stdout") {
        ensure!(out.stdout_text() == format!("{line}\n"), "stdout should be `{line}`: {}", context());
    } else {
        ensure!(out.stdout.is_empty(), "unexpected stdout: {}", context());
    }
    Ok(())
}

/// Parses a backtrace line `at NAME (wasm offset 0xHEX)` (possibly indented
/// or numbered, e.g. `  0: at ...`) into the name and offset.
fn backtrace_frame(line: &str) -> Option<(String, u64)> {
    let start = line.find("at ")?;
    let prefix = &line[..start];
    if !prefix.chars().all(|c| c.is_whitespace() || c.is_ascii_digit() || c == ':' || c == '#') {
        return None;
    }
    let rest = &line[start + 3..];
    let open = rest.rfind(" (wasm offset 0x")?;
    let hex = rest[open + " (wasm offset 0x".len()..].strip_suffix(')')?;
    Some((rest[..open].to_string(), u64::from_str_radix(hex, 16).ok()?))
}

/// The body of the function named `function` in the name section.
fn function_body<'a>(wasm: &'a [u8], function: &str) -> Result<FunctionBody<'a>> {
    let mut names = Vec::new();
    let mut imported = 0u32;
    let mut bodies = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import?.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body),
            Payload::CustomSection(reader) => {
                if let KnownCustom::Name(section) = reader.as_known() {
                    for name in section {
                        if let Name::Function(map) = name? {
                            for naming in map {
                                let naming = naming?;
                                names.push((naming.index, naming.name.to_string()));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let index = names.iter().find(|(_, n)| n == function).map(|(i, _)| *i).context("function not in name section")?;
    let defined = index.checked_sub(imported).context("function is imported")?;
    bodies.into_iter().nth(defined as usize).context("function has no body")
}

/// The module offset of the first operator named `op` (wasmparser's
/// `Operator` variant name, e.g. `I32Load`) in `body`.
fn operator_offset(body: &FunctionBody<'_>, op: &str) -> Result<u64> {
    let mut ops = body.get_operators_reader()?;
    while !ops.eof() {
        let offset = ops.original_position();
        let debug = format!("{:?}", ops.read()?);
        let variant = debug.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if variant == op {
            return Ok(offset);
        }
    }
    bail!("no `{op}` instruction")
}
