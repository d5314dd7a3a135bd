//! Debugging compiled programs: gdb (and lldb, where installed) against
//! executables `kiln build -g` made from C compiled with `clang -g -O0`
//! (fixtures in `tests/debug/`), the DWARF of objects without `-g`
//! (function names and wasm offsets for gdb and addr2line),
//! `llvm-dwarfdump --verify`, and the trap backtrace report with and
//! without debug info (expectations beside the fixtures; `KILN_BLESS=1`
//! regenerates them).

use anyhow::{bail, ensure, Context, Result};
use kiln_tests::toolchain::compile_wasm;
use kiln_tests::{expect, fixture_dir, repo_root, run, scratch_dir, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const SUITE: &str = "debug";
const TIMEOUT: Duration = Duration::from_secs(120);

/// Builds `tests/debug/<name>.c` into `<scratch>/<name>` (with `kiln build
/// -g` when `debug`); the wasm always carries DWARF. Returns the
/// executable's path.
fn build(name: &str, test: &str, debug: bool) -> Result<PathBuf> {
    let dir = scratch_dir(TMP, SUITE, test);
    let src = fixture_dir("debug").join(format!("{name}.c"));
    let wasm = dir.join(format!("{name}.wasm"));
    // Paths relative to the repository keep the expectations portable.
    let prefix_map = format!("-fdebug-prefix-map={}=.", repo_root().display());
    compile_wasm(&src, &wasm, &["-g", "-O0", &prefix_map])?;
    let exe = dir.join(name);
    let mut cmd = Command::new(KILN);
    cmd.arg("build").args(debug.then_some("-g")).arg(&wasm).arg("-o").arg(&exe).arg("--keep-object");
    let out = run(&mut cmd, TIMEOUT)?.success("kiln build")?;
    ensure!(out.stderr_text().is_empty(), "kiln build warned:\n{}", out.stderr_text());
    Ok(exe)
}

/// The line of `tests/debug/<name>.c` carrying `// LINE: <marker>`.
fn line_of(name: &str, marker: &str) -> Result<usize> {
    let src = std::fs::read_to_string(fixture_dir("debug").join(format!("{name}.c")))?;
    let tag = format!("// LINE: {marker}");
    src.lines().position(|l| l.trim_end().ends_with(&tag)).map(|i| i + 1).context(format!("no {tag} in {name}.c"))
}

/// Runs `gdb -batch` with `commands` on `exe`; returns its output.
fn gdb(exe: &Path, commands: &[String]) -> Result<String> {
    let mut cmd = Command::new("gdb");
    cmd.args(["-nx", "-batch"]);
    for c in commands {
        cmd.arg("-ex").arg(c);
    }
    cmd.arg(exe);
    let out = run(&mut cmd, TIMEOUT).context("gdb is needed for the debug tests")?;
    Ok(combined(&out))
}

fn combined(out: &Output) -> String {
    format!("{}{}", out.stdout_text(), out.stderr_text())
}

/// The lines of `text` after the first one containing `after`.
fn following<'t>(text: &'t str, after: &str) -> Result<Vec<&'t str>> {
    let mut lines = text.lines();
    ensure!(lines.by_ref().any(|l| l.contains(after)), "no `{after}` in:\n{text}");
    Ok(lines.collect())
}

/// Asserts that `text` has a line containing every one of `parts`.
fn has_line(text: &str, parts: &[&str]) -> Result<()> {
    if text.lines().any(|l| parts.iter().all(|p| l.contains(p))) {
        return Ok(());
    }
    bail!("no line containing all of {parts:?} in:\n{text}")
}

#[test]
fn gdb_stops_at_source_lines_and_shows_frames_and_variables() -> Result<()> {
    let exe = build("sum", "gdb_source", true)?;
    let body = line_of("sum", "loop-body")?;
    let call = line_of("sum", "call")?;
    let out = gdb(
        &exe,
        &[
            format!("break sum.c:{body}"),
            "run".into(),
            "bt".into(),
            "print n".into(),
            "next".into(),
            "info locals".into(),
            "print total".into(),
            "up".into(),
            "print x".into(),
            "x/s &__wasm_memory[(unsigned)label]".into(),
        ],
    )?;
    has_line(&out, &["Breakpoint 1, sum_squares (n=7) at ", &format!("sum.c:{body}")])?;
    // bt: the two C frames, with arguments and source positions.
    let bt = following(&out, "Breakpoint 1, sum_squares")?;
    ensure!(bt.iter().any(|l| l.starts_with("#0  sum_squares (n=7) at ") && l.ends_with(&format!("sum.c:{body}"))));
    ensure!(
        bt.iter()
            .any(|l| l.starts_with("#1  0x") && l.contains(" in main () at ") && l.ends_with(&format!("sum.c:{call}"))),
        "bt lacks main at sum.c:{call}:\n{out}"
    );
    has_line(&out, &["$1 = 7"])?;
    // `next` from the loop body goes back to the `for` line, after one
    // iteration: total = square(1).
    let after_next = following(&out, "$1 = 7")?;
    ensure!(after_next.first().is_some_and(|l| l.starts_with(&format!("{}\t", body - 1))), "next:\n{out}");
    has_line(&out, &["total = 1"])?;
    has_line(&out, &["i = 1"])?;
    has_line(&out, &["$2 = 1"])?;
    // The caller's frame and its local.
    has_line(&out, &["#1  0x", "in main () at ", &format!("sum.c:{call}")])?;
    has_line(&out, &["$3 = 7"])?;
    // A C pointer is a wasm address; `__wasm_memory` reaches what it points to.
    has_line(&out, &["0x", "\"squares\""])?;
    Ok(())
}

#[test]
fn gdb_steps_into_and_finishes_a_call() -> Result<()> {
    let exe = build("sum", "gdb_step", true)?;
    let body = line_of("sum", "loop-body")?;
    let square = line_of("sum", "square-body")?;
    let out = gdb(
        &exe,
        &[format!("break sum.c:{body}"), "run".into(), "step".into(), "info args".into(), "bt".into(), "finish".into()],
    )?;
    has_line(&out, &["square (v=1) at ", &format!("sum.c:{square}")])?;
    has_line(&out, &["v = 1"])?;
    has_line(&out, &["#0  square (v=1) at "])?;
    has_line(&out, &["#1  0x", "in sum_squares (n=7) at ", &format!("sum.c:{body}")])?;
    has_line(&out, &["#2  0x", "in main () at "])?;
    // `finish` returns into the loop body with square(1)'s result.
    let after = following(&out, "#2  0x")?;
    ensure!(
        after.first().is_some_and(|l| l.contains(" in sum_squares (n=7) at ") && l.ends_with(&format!("sum.c:{body}"))),
        "finish:\n{out}"
    );
    has_line(&out, &["Value returned is $1 = 1"])?;
    Ok(())
}

#[test]
fn lldb_stops_at_source_lines_and_shows_variables() -> Result<()> {
    if Command::new("lldb").arg("--version").output().is_err() {
        // Debian's lldb is optional on developer machines; CI installs it.
        eprintln!("skipped: lldb is not installed");
        return Ok(());
    }
    let exe = build("sum", "lldb_source", true)?;
    let body = line_of("sum", "loop-body")?;
    let mut cmd = Command::new("lldb");
    cmd.args(["-b", "--no-lldbinit"]);
    for c in [&format!("breakpoint set -f sum.c -l {body}"), "run", "bt", "frame variable", "next", "frame variable"] {
        cmd.arg("-o").arg(c);
    }
    cmd.arg(&exe);
    let out = combined(&run(&mut cmd, TIMEOUT)?);
    has_line(&out, &["frame #0: ", "sum_squares(n=7) at sum.c:", &format!(":{body}:")])?;
    has_line(&out, &["frame #1: ", "main at sum.c:"])?;
    has_line(&out, &["(int) n = 7"])?;
    has_line(&out, &["(int) total = 0"])?;
    has_line(&out, &["(int) total = 1"])?;
    Ok(())
}

#[test]
fn without_g_debuggers_see_function_names_and_wasm_offsets() -> Result<()> {
    let exe = build("sum", "wasm_offsets", false)?;
    let out = gdb(&exe, &["break square".into(), "run".into(), "bt".into()])?;
    // Lines are wasm byte offsets in a file named after the module.
    has_line(&out, &["Breakpoint 1, square () at sum.wasm:"])?;
    has_line(&out, &["#1  0x", "in sum_squares () at sum.wasm:"])?;
    has_line(&out, &["in __original_main () at sum.wasm:"])?;

    // addr2line names the function and its wasm offset.
    let nm = run(Command::new("nm").arg(&exe), TIMEOUT)?.success("nm")?.stdout_text();
    let addr = nm
        .lines()
        .find_map(|l| l.strip_suffix(" t sum_squares").or_else(|| l.strip_suffix(" T sum_squares")))
        .context(format!("no sum_squares in nm output:\n{nm}"))?;
    let out = run(Command::new("addr2line").args(["-f", "-e"]).arg(&exe).arg(addr), TIMEOUT)?
        .success("addr2line")?
        .stdout_text();
    let lines: Vec<&str> = out.lines().collect();
    ensure!(lines.first() == Some(&"sum_squares"), "addr2line: {out}");
    let offset: u64 = lines
        .get(1)
        .and_then(|l| l.strip_prefix("sum.wasm:").or_else(|| l.strip_prefix("./sum.wasm:")))
        .and_then(|n| n.parse().ok())
        .context(format!("addr2line: {out}"))?;
    // The function's wasm offset lies inside the code section.
    let wasm = std::fs::read(exe.with_extension("wasm"))?;
    ensure!(offset > 0 && (offset as usize) < wasm.len(), "offset {offset} is outside the module");
    Ok(())
}

#[test]
fn dwarf_verifies_with_and_without_g() -> Result<()> {
    for debug in [false, true] {
        let exe = build("sum", if debug { "verify_g" } else { "verify" }, debug)?;
        for file in [exe.with_extension("o"), exe.clone()] {
            let out = run(Command::new("llvm-dwarfdump").arg("--verify").arg(&file), TIMEOUT)
                .context("llvm-dwarfdump (Debian `llvm`) is needed for the debug tests")?;
            let text = combined(&out);
            ensure!(out.code() == Some(0) && text.contains("No errors."), "{}:\n{text}", file.display());
        }
    }
    Ok(())
}

/// Runs the trapping fixture and returns its stderr.
fn trap_report(debug: bool, backtrace_env: Option<&str>, test: &str) -> Result<String> {
    let exe = build("divide", test, debug)?;
    let mut cmd = Command::new(&exe);
    cmd.env_remove("KILN_BACKTRACE");
    if let Some(v) = backtrace_env {
        cmd.env("KILN_BACKTRACE", v);
    }
    let out = run(&mut cmd, TIMEOUT)?;
    ensure!(out.code() == Some(kiln_abi::TRAP_EXIT_STATUS), "{}", out.describe());
    Ok(out.stderr_text())
}

#[test]
fn trap_backtrace_names_source_lines_with_g() -> Result<()> {
    let report = trap_report(true, None, "trap_g")?;
    expect::check(&fixture_dir("debug").join("divide.g.stderr"), &report)
}

#[test]
fn trap_backtrace_names_wasm_offsets_without_g() -> Result<()> {
    let report = trap_report(false, None, "trap")?;
    expect::check(&fixture_dir("debug").join("divide.stderr"), &report)
}

#[test]
fn kiln_backtrace_0_turns_the_backtrace_off() -> Result<()> {
    let report = trap_report(true, Some("0"), "trap_off")?;
    ensure!(report.starts_with("wasm trap: integer divide by zero\n"), "{report}");
    ensure!(!report.contains("backtrace"), "{report}");
    let report = trap_report(true, Some("1"), "trap_on")?;
    ensure!(report.contains("wasm backtrace:\n    #0 divide at "), "{report}");
    Ok(())
}

/// The same session on aarch64, under `qemu-aarch64 -g` with
/// `gdb-multiarch`, when this kiln has the aarch64 runtime (see
/// `targets/runtime-archives.txt`) and both tools are installed.
#[test]
fn gdb_multiarch_debugs_aarch64_under_qemu() -> Result<()> {
    let tools = ["qemu-aarch64", "gdb-multiarch"];
    if let Some(missing) = tools.iter().find(|t| Command::new(t).arg("--version").output().is_err()) {
        eprintln!("skipped: {missing} is not installed");
        return Ok(());
    }
    let dir = scratch_dir(TMP, SUITE, "aarch64");
    let src = fixture_dir("debug").join("sum.c");
    let wasm = dir.join("sum.wasm");
    compile_wasm(&src, &wasm, &["-g", "-O0"])?;
    let exe = dir.join("sum");
    let out = run(
        Command::new(KILN).args(["build", "-g", "--target", "aarch64-linux"]).arg(&wasm).arg("-o").arg(&exe),
        TIMEOUT,
    )?;
    if out.stderr_text().contains("no runtime library for target") {
        eprintln!("skipped: this kiln has no aarch64 runtime library");
        return Ok(());
    }
    out.success("kiln build --target aarch64-linux")?;
    let port = 20000 + std::process::id() % 20000;
    let mut qemu = Command::new("qemu-aarch64")
        .arg("-g")
        .arg(port.to_string())
        .arg(&exe)
        .stdout(std::process::Stdio::null())
        .spawn()
        .context("start qemu-aarch64")?;
    let body = line_of("sum", "loop-body")?;
    let mut cmd = Command::new("gdb-multiarch");
    cmd.args(["-nx", "-batch"]);
    let commands = [
        format!("file {}", exe.display()),
        format!("target remote :{port}"),
        format!("break sum.c:{body}"),
        "continue".into(),
        "bt".into(),
        "next".into(),
        "info locals".into(),
        "kill".into(),
    ];
    for c in &commands {
        cmd.arg("-ex").arg(c);
    }
    let result = run(&mut cmd, TIMEOUT);
    // qemu ends with the kill; make sure of it whatever gdb did.
    if qemu.try_wait()?.is_none() {
        qemu.kill().ok();
    }
    qemu.wait()?;
    let out = combined(&result?);
    has_line(&out, &["Breakpoint 1, sum_squares (n=7) at ", &format!("sum.c:{body}")])?;
    has_line(&out, &["#1  0x", "in main () at "])?;
    has_line(&out, &["total = 1"])?;
    Ok(())
}
