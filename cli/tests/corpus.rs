//! The C corpus: every `tests/c/*.c` is compiled twice -- with
//! `clang --target=wasm32-wasi -O2` then `kiln build`, and natively with
//! `gcc -O2` -- and both programs run. Their stdout, exit status and (unless
//! the program says `// stderr: ignore`) stderr must be identical; each
//! program prints checksums of its results. `// args: ...` gives arguments,
//! `// cflags: ...` more clang flags for the wasm build (`-msimd128`).
//! Programs listed in `tests/known-failures.txt` must fail.
//!
//! Each program also runs as a WASI 0.2 command component (`c-component/`):
//! the same `.wasm` with the preview1 adapter, built with `kiln build`. Its
//! output must be the native program's too; its exit status is 0, 134 for
//! a trap, or 1 for any other status, since WASI 0.2's `exit` takes only
//! success or failure (Wasmtime gives the same 1).

use anyhow::{bail, Context, Result};
use kiln_tests::known_failures::KnownFailures;
use kiln_tests::{directive, fixtures, run, scratch_dir, shell_words, stem, toolchain, Output};
use libtest_mimic::{Arguments, Failed, Trial};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const SUITE: &str = "c";
const COMPONENT_SUITE: &str = "c-component";

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let known = match KnownFailures::load() {
        Ok(k) => Arc::new(k),
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let programs = fixtures("c", "c");
    let mut trials = Vec::new();
    for program in &programs {
        let name = stem(program);
        let known = Arc::clone(&known);
        let program = program.clone();
        let (known2, program2, name2) = (Arc::clone(&known), program.clone(), name.clone());
        trials.push(Trial::test(format!("{SUITE}/{name}"), move || {
            known.judge(SUITE, &name, check_program(&program, &name, false)).map_err(|e| Failed::from(format!("{e:#}")))
        }));
        trials.push(Trial::test(format!("{COMPONENT_SUITE}/{name2}"), move || {
            known2
                .judge(COMPONENT_SUITE, &name2, check_program(&program2, &name2, true))
                .map_err(|e| Failed::from(format!("{e:#}")))
        }));
    }
    let names: Vec<String> = programs.iter().map(|p| stem(p)).collect();
    trials.push(Trial::test("known_failures_name_real_programs", move || {
        let stale: Vec<&str> = known
            .in_suite(SUITE)
            .chain(known.in_suite(COMPONENT_SUITE))
            .filter(|n| !names.iter().any(|p| p == n))
            .collect();
        if stale.is_empty() {
            Ok(())
        } else {
            Err(format!("tests/known-failures.txt lists programs that do not exist: {stale:?}").into())
        }
    }));
    libtest_mimic::run(&args, trials).exit_code()
}

/// Builds `source` for wasm (as a component when `component`) and
/// natively, runs both and compares them.
fn check_program(source: &Path, name: &str, component: bool) -> Result<()> {
    let text = std::fs::read_to_string(source).with_context(|| format!("cannot read {}", source.display()))?;
    let args = directive(&text, "//", "args").map(|a| shell_words(&a)).unwrap_or_default();
    let compare_stderr = directive(&text, "//", "stderr").as_deref() != Some("ignore");
    let dir = scratch_dir(TMP, if component { "corpus-component" } else { "corpus" }, name);
    let wasm = dir.join(format!("{name}.wasm"));
    let native = dir.join(format!("{name}.native"));
    let exe = dir.join(name);

    let cflags = directive(&text, "//", "cflags").map(|a| shell_words(&a)).unwrap_or_default();
    let cflags: Vec<&str> = cflags.iter().map(String::as_str).collect();
    toolchain::compile_wasm(source, &wasm, &cflags)?;
    toolchain::gcc(&[source.as_os_str(), "-o".as_ref(), native.as_os_str(), "-lm".as_ref()])?;
    let input = if component { kiln_tests::component::componentize(&wasm)? } else { wasm.clone() };
    run(Command::new(KILN).arg("build").arg(&input).arg("-o").arg(&exe), Duration::from_secs(600))?
        .success("kiln build")?;

    let expected = run_program(&native, &args, &dir)?;
    let actual = run_program(&exe, &args, &dir)?;
    let mut problems = Vec::new();
    let expected_status = match exit_status(&expected) {
        Some(s) if component && s != 0 && s != 134 => Some(1),
        s => s,
    };
    if expected_status != exit_status(&actual) {
        problems.push(format!("exit: native {}, kiln {}", expected.describe(), actual.describe()));
    }
    if expected.stdout != actual.stdout {
        problems.push(format!("stdout differs:\n{}", diff(&expected.stdout_text(), &actual.stdout_text())));
    }
    if compare_stderr && expected.stderr != actual.stderr {
        problems.push(format!("stderr differs:\n{}", diff(&expected.stderr_text(), &actual.stderr_text())));
    }
    if problems.is_empty() {
        return Ok(());
    }
    bail!(
        "{name}: kiln's build behaves differently from gcc's:\n{}\nkiln's stderr:\n{}",
        problems.join("\n"),
        actual.stderr_text()
    )
}

fn run_program(exe: &Path, args: &[String], dir: &Path) -> Result<Output> {
    // A clean environment and a fixed directory keep both runs comparable.
    run(Command::new(exe).args(args).env_clear().current_dir(dir), Duration::from_secs(120))
}

/// The exit status, with death by SIGABRT counted as 134 (what a shell
/// reports, and what a trapping kiln executable exits with).
fn exit_status(out: &Output) -> Option<i32> {
    out.code().or_else(|| out.status.signal().map(|s| 128 + s))
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual).unified_diff().context_radius(2).header("gcc", "kiln").to_string()
}
