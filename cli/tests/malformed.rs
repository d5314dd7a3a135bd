//! Bad input: kiln must reject it with exit status 1 and an `error: ...`
//! naming the problem and its byte offset -- never a panic or a crash.
//!
//! - `tests/malformed/invalid/*.wat`: invalid modules (`;; kind: invalid`)
//!   and modules using features kiln does not support (`;; kind:
//!   unsupported`); `;; error:` is a substring the message must contain. The
//!   offset must be the one wasmparser's validator reports, or, for a module
//!   that validates but kiln's compiler refuses, the fixture's `;; offset:`.
//! - Every truncation of `tests/malformed/base.wat`'s binary that is not
//!   itself a valid module, with `kiln build`.
//! - Every single-byte corruption (two patterns) of that binary, with
//!   `kiln compile`: accepted exactly when it is still valid and supported.

use anyhow::{bail, ensure, Context, Result};
use kiln_tests::{directive, fixture_dir, fixtures, run, scratch_dir, stem, Output};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Duration;
use wasmparser::{Validator, WasmFeatures};

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for file in fixtures("malformed/invalid", "wat") {
        trials.push(Trial::test(format!("invalid/{}", stem(&file)), move || fail(check_invalid(&file))));
    }
    trials.push(Trial::test("truncated", || fail(check_truncations())));
    trials.push(Trial::test("corrupted", || fail(check_corruptions())));
    trials.push(Trial::test("not_wasm", || fail(check_not_wasm())));
    libtest_mimic::run(&args, trials).exit_code()
}

fn fail(r: Result<()>) -> Result<(), Failed> {
    r.map_err(|e| Failed::from(format!("{e:#}")))
}

/// Checks that kiln rejected its input cleanly; returns stderr.
fn rejected(out: &Output, what: &str) -> Result<String> {
    let stderr = out.stderr_text();
    ensure!(!stderr.contains("panicked"), "kiln panicked on {what}:\n{stderr}");
    ensure!(out.code() == Some(1), "kiln should exit with status 1 on {what}, got {}:\n{stderr}", out.describe());
    ensure!(stderr.starts_with("error: "), "stderr should start with `error: ` on {what}:\n{stderr}");
    ensure!(stderr.lines().count() <= 20, "error message for {what} is unreasonably long:\n{stderr}");
    Ok(stderr)
}

/// The offset of the first error wasmparser reports under `features`.
fn validation_error(wasm: &[u8], features: WasmFeatures) -> Option<(u64, String)> {
    Validator::new_with_features(features).validate_all(wasm).err().map(|e| (e.offset(), e.message().to_string()))
}

fn check_invalid(file: &Path) -> Result<()> {
    let text = std::fs::read_to_string(file)?;
    let kind = directive(&text, ";;", "kind").context("missing `;; kind:`")?;
    let needle = directive(&text, ";;", "error").context("missing `;; error:`")?;
    let wasm = wat::parse_str(&text).context("fixture should be well-formed wat")?;
    let (offset, _) = match kind.as_str() {
        "invalid" => validation_error(&wasm, WasmFeatures::all()).context("fixture should be invalid")?,
        "unsupported" => {
            ensure!(validation_error(&wasm, WasmFeatures::all()).is_none(), "fixture should be valid wasm");
            match validation_error(&wasm, kiln_compiler::module::supported_features()) {
                Some(found) => found,
                // Validated but refused by the compiler: the fixture names the offset.
                None => {
                    let at = directive(&text, ";;", "offset")
                        .context("fixture kiln validates should name the refused offset in `;; offset:`")?;
                    let offset = u64::from_str_radix(at.trim_start_matches("0x"), 16).context("`;; offset:` in hex")?;
                    (offset, String::new())
                }
            }
        }
        other => bail!("unknown kind `{other}`"),
    };
    let dir = scratch_dir(TMP, "malformed", &stem(file));
    let input = dir.join("input.wasm");
    std::fs::write(&input, &wasm)?;
    let out = run(Command::new(KILN).arg("build").arg(&input).arg("-o").arg(dir.join("out")), TIMEOUT)?;
    let stderr = rejected(&out, "an invalid module")?;
    let label = if kind == "invalid" { "invalid module" } else { "unsupported feature" };
    ensure!(stderr.contains(label), "message should say `{label}`:\n{stderr}");
    ensure!(stderr.to_lowercase().contains(&needle.to_lowercase()), "message should mention `{needle}`:\n{stderr}");
    ensure!(stderr.contains(&format!("offset {offset:#x}")), "message should give offset {offset:#x}:\n{stderr}");
    Ok(())
}

fn base_module() -> Result<Vec<u8>> {
    let wasm = wat::parse_file(fixture_dir("malformed").join("base.wat"))?;
    ensure!(validation_error(&wasm, kiln_compiler::module::supported_features()).is_none(), "base.wat must be valid");
    Ok(wasm)
}

fn check_truncations() -> Result<()> {
    let wasm = base_module()?;
    let dir = scratch_dir(TMP, "malformed", "truncated");
    let input = dir.join("input.wasm");
    let mut checked = 0;
    for len in 1..wasm.len() {
        let prefix = &wasm[..len];
        // A prefix ending on a section boundary can be a valid module.
        if validation_error(prefix, WasmFeatures::all()).is_none() {
            continue;
        }
        std::fs::write(&input, prefix)?;
        let out = run(Command::new(KILN).arg("build").arg(&input).arg("-o").arg(dir.join("out")), TIMEOUT)?;
        let what = format!("the module truncated to {len} bytes");
        let stderr = rejected(&out, &what)?;
        // Shorter than the magic number, the input is taken for text.
        if len >= 4 {
            ensure!(stderr.contains("offset 0x"), "message for {what} should give an offset:\n{stderr}");
        }
        checked += 1;
    }
    ensure!(checked > wasm.len() / 2, "only {checked} truncations were invalid");
    Ok(())
}

fn check_corruptions() -> Result<()> {
    let wasm = base_module()?;
    let dir = scratch_dir(TMP, "malformed", "corrupted");
    let input = dir.join("input.wasm");
    let object = dir.join("out.o");
    let (mut accepted, mut rejected_count) = (0, 0);
    for pos in 0..wasm.len() {
        for pattern in [0xff_u8, 0x41] {
            let mut bytes = wasm.clone();
            bytes[pos] ^= pattern;
            std::fs::write(&input, &bytes)?;
            let out = run(Command::new(KILN).arg("compile").arg(&input).arg("-o").arg(&object), TIMEOUT)?;
            let what = format!("the module with byte {pos:#x} xor {pattern:#x}");
            // An invalid module is reported with the error a validator with
            // every feature finds; a valid one using a feature kiln lacks,
            // with the error under kiln's features.
            let error = validation_error(&bytes, WasmFeatures::all())
                .or_else(|| validation_error(&bytes, kiln_compiler::module::supported_features()));
            match error {
                Some((offset, message)) => {
                    let stderr = rejected(&out, &what)?;
                    // Text input (the magic number was hit) reports lines, not offsets.
                    if pos >= 4 {
                        ensure!(
                            stderr.contains(&format!("offset {offset:#x}")),
                            "{what}: expected offset {offset:#x} ({message}):\n{stderr}"
                        );
                    }
                    rejected_count += 1;
                }
                None => {
                    ensure!(
                        out.status.success(),
                        "{what} is still valid, but kiln rejected it:\n{}",
                        out.stderr_text()
                    );
                    accepted += 1;
                }
            }
        }
    }
    ensure!(rejected_count > 0 && accepted > 0, "corruptions: {rejected_count} rejected, {accepted} accepted");
    Ok(())
}

fn check_not_wasm() -> Result<()> {
    let dir = scratch_dir(TMP, "malformed", "not_wasm");
    let cases: [(&str, &[u8], &str); 3] = [
        ("text.wat", b"this is not a module", "cannot parse WebAssembly text"),
        ("version.wasm", b"\0asm\x02\0\0\0", "offset 0x"),
        ("binary.wasm", &[0xde, 0xad, 0xbe, 0xef, 0xff, 0x00, 0x01], "error: "),
    ];
    for (name, bytes, needle) in cases {
        let input = dir.join(name);
        std::fs::write(&input, bytes)?;
        let out = run(Command::new(KILN).arg("build").arg(&input).arg("-o").arg(dir.join("out")), TIMEOUT)?;
        let stderr = rejected(&out, name)?;
        ensure!(stderr.contains(needle), "{name}: message should contain `{needle}`:\n{stderr}");
    }
    Ok(())
}
