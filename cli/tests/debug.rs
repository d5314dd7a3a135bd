//! Debugging compiled programs: gdb (and lldb, where installed) against
//! executables `kiln build -g` made from C compiled with `clang -g -O0`
//! (fixtures in `tests/debug/`), the DWARF of objects without `-g`
//! (function names and wasm offsets for gdb and addr2line), and the trap
//! backtrace report of standalone
//! executables and `kiln run`, with and without debug info (insta snapshots
//! in the top-level `snapshots/`; accept changes with `cargo insta review`
//! or `INSTA_UPDATE=always`).

use anyhow::{bail, ensure, Context, Result};
use kiln_tests::toolchain::compile_wasm;
use kiln_tests::{fixture_dir, repo_root, run, scratch_dir, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const SUITE: &str = "debug";
const TIMEOUT: Duration = Duration::from_secs(120);

/// Compiles `tests/debug/<name>.c` with DWARF into
/// `<scratch>/<test>/<name>.wasm`.
fn wasm(name: &str, test: &str) -> Result<PathBuf> {
    wasm_opt(name, test, "-O0")
}

/// [`wasm`] at clang optimisation level `opt`.
fn wasm_opt(name: &str, test: &str, opt: &str) -> Result<PathBuf> {
    let dir = scratch_dir(TMP, SUITE, test);
    let src = fixture_dir("debug").join(format!("{name}.c"));
    let wasm = dir.join(format!("{name}.wasm"));
    // Paths relative to the repository keep the expectations portable.
    let prefix_map = format!("-fdebug-prefix-map={}=.", repo_root().display());
    compile_wasm(&src, &wasm, &["-g", opt, &prefix_map])?;
    Ok(wasm)
}

/// Builds `tests/debug/<name>.c` into `<scratch>/<name>` (with `kiln build
/// -g` when `debug`); the wasm always carries DWARF. Returns the
/// executable's path.
fn build(name: &str, test: &str, debug: bool) -> Result<PathBuf> {
    let wasm = wasm(name, test)?;
    let exe = wasm.with_extension("");
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

/// `clang -O2 -g`: breakpoints and backtraces still work, through kiln's
/// unoptimised (`-g` default) and optimised code; variables may be
/// `<optimized out>`.
#[test]
fn gdb_debugs_optimised_c() -> Result<()> {
    let wasm = wasm_opt("opt", "gdb_opt", "-O2")?;
    let body = line_of("opt", "mix-loop")?;
    let call = line_of("opt", "call")?;
    for level in ["none", "speed"] {
        let exe = wasm.with_file_name(format!("opt-{level}"));
        let mut cmd = Command::new(KILN);
        cmd.args(["build", "-g", "-O", level]).arg(&wasm).arg("-o").arg(&exe);
        run(&mut cmd, TIMEOUT)?.success("kiln build -g")?;
        let mut cmd = Command::new("gdb");
        cmd.args(["-nx", "-batch"]);
        for c in [&format!("break opt.c:{body}"), "run", "bt", "next", "bt 1"] {
            cmd.arg("-ex").arg(c);
        }
        cmd.arg("--args").arg(&exe).arg("hello");
        let out = combined(&run(&mut cmd, TIMEOUT).context("gdb is needed for the debug tests")?);
        let at = |line: usize| format!("opt.c:{line}");
        has_line(&out, &["Breakpoint 1, mix (", &at(body)]).context(format!("kiln -O {level}"))?;
        has_line(&out, &["#0  mix (", &at(body)]).context(format!("kiln -O {level}"))?;
        has_line(&out, &["#1  0x", " in main (", &at(call)]).context(format!("kiln -O {level}"))?;
        // `next` stays in the loop: the `while` line or the body again.
        let bt1 = following(&out, "#1  0x")?;
        ensure!(
            bt1.iter().any(|l| l.starts_with("#0  mix (") && (l.ends_with(&at(body)) || l.ends_with(&at(body - 1)))),
            "kiln -O {level}: next left the loop:\n{out}"
        );
    }
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

fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

/// Runs `cmd` (the trapping fixture), with `KILN_BACKTRACE` set to
/// `backtrace_env` or unset; returns its stderr after checking the trap
/// status and the output before the trap.
fn trap_stderr(cmd: &mut Command, backtrace_env: Option<&str>) -> Result<String> {
    cmd.env_remove("KILN_BACKTRACE");
    if let Some(v) = backtrace_env {
        cmd.env("KILN_BACKTRACE", v);
    }
    let out = run(cmd, TIMEOUT)?;
    ensure!(out.code() == Some(kiln_abi::TRAP_EXIT_STATUS), "{}", out.describe());
    ensure!(out.stdout_text() == "dividing\n", "output before the trap: {:?}", out.stdout_text());
    Ok(out.stderr_text())
}

/// The trap report of the standalone executable built from `divide.c`.
fn trap_report(debug: bool, backtrace_env: Option<&str>, test: &str) -> Result<String> {
    let exe = build("divide", test, debug)?;
    trap_stderr(&mut Command::new(&exe), backtrace_env)
}

/// The trap report of `kiln run [-g] divide.wasm`.
fn run_trap_report(debug: bool, backtrace_env: Option<&str>, test: &str) -> Result<String> {
    let wasm = wasm("divide", test)?;
    let mut cmd = Command::new(KILN);
    cmd.args(["run", "--no-cache"]).args(debug.then_some("-g")).arg(&wasm);
    trap_stderr(&mut cmd, backtrace_env)
}

#[test]
fn trap_backtrace_names_source_lines_with_g() -> Result<()> {
    let report = trap_report(true, None, "trap_g")?;
    snapshot("trap_backtrace_build_g", &report);
    Ok(())
}

#[test]
fn trap_backtrace_names_wasm_offsets_without_g() -> Result<()> {
    let report = trap_report(false, None, "trap")?;
    snapshot("trap_backtrace_build", &report);
    Ok(())
}

#[test]
fn kiln_run_trap_backtrace_names_source_lines_with_g() -> Result<()> {
    let report = run_trap_report(true, None, "run_trap_g")?;
    snapshot("trap_backtrace_run_g", &report);
    // `kiln run -g` keeps -O speed, `kiln build -g` compiles with -O none: same report.
    ensure!(report == trap_report(true, None, "run_trap_g_exe")?, "kiln run -g and kiln build -g differ:\n{report}");
    Ok(())
}

#[test]
fn kiln_run_trap_backtrace_names_wasm_offsets_without_g() -> Result<()> {
    let report = run_trap_report(false, None, "run_trap")?;
    snapshot("trap_backtrace_run", &report);
    ensure!(report == trap_report(false, None, "run_trap_exe")?, "kiln run and kiln build differ:\n{report}");
    Ok(())
}

#[test]
fn kiln_run_keeps_g_through_the_cache_and_blobs() -> Result<()> {
    let wasm = wasm("divide", "run_trap_cache")?;
    let dir = wasm.parent().context("scratch dir")?;
    let with_g = run_trap_report(true, None, "run_trap_cache_g")?;
    let without_g = run_trap_report(false, None, "run_trap_cache_plain")?;
    // Through the compiled-module cache, -g and no -g are separate entries.
    for (flags, expected) in [(&[][..], &without_g), (&["-g"], &with_g), (&[], &without_g), (&["-g"], &with_g)] {
        let mut cmd = Command::new(KILN);
        cmd.arg("run").args(flags).arg(&wasm).env("XDG_CACHE_HOME", dir.join("cache"));
        let report = trap_stderr(&mut cmd, None)?;
        ensure!(&report == expected, "kiln run {flags:?} through the cache:\n{report}");
    }
    // A blob from `kiln precompile -g` keeps the source lines.
    let blob = dir.join("divide.kwasm");
    run(Command::new(KILN).args(["precompile", "-g"]).arg(&wasm).arg("-o").arg(&blob), TIMEOUT)?
        .success("kiln precompile -g")?;
    let report = trap_stderr(Command::new(KILN).arg("run").arg(&blob), None)?;
    ensure!(report == with_g, "kiln run of a -g blob:\n{report}");
    Ok(())
}

#[test]
fn kiln_backtrace_0_turns_the_backtrace_off() -> Result<()> {
    for (what, report) in [
        ("executable", trap_report(true, Some("0"), "trap_off")?),
        ("kiln run", run_trap_report(true, Some("0"), "run_trap_off")?),
    ] {
        ensure!(report.starts_with("wasm trap: integer divide by zero\n"), "{what}: {report}");
        ensure!(!report.contains("backtrace"), "{what}: {report}");
    }
    for (what, report) in [
        ("executable", trap_report(true, Some("1"), "trap_on")?),
        ("kiln run", run_trap_report(true, Some("1"), "run_trap_on")?),
    ] {
        ensure!(report.contains("wasm backtrace:\n    #0 divide at "), "{what}: {report}");
    }
    Ok(())
}

/// The same session on aarch64, under `qemu-aarch64 -g` with
/// `gdb-multiarch`. Runs whenever kiln lists aarch64 Linux executables
/// (`kiln targets`); then a build failure or a missing tool fails it.
#[test]
fn gdb_multiarch_debugs_aarch64_under_qemu() -> Result<()> {
    let triple = "aarch64-unknown-linux-gnu";
    let specs = kiln_compiler::target::all().map_err(|e| anyhow::anyhow!("{e}"))?;
    if !specs.iter().any(|s| s.triple == triple && s.link.executables) {
        eprintln!("skipped: kiln does not build {triple} executables");
        return Ok(());
    }
    for tool in ["qemu-aarch64", "gdb-multiarch"] {
        ensure!(
            Command::new(tool).arg("--version").output().is_ok(),
            "{tool} is not installed: run scripts/test.sh (Debian qemu-user, gdb-multiarch)"
        );
    }
    let wasm = wasm("sum", "aarch64")?;
    let exe = wasm.with_file_name("sum-aarch64");
    let mut cmd = Command::new(KILN);
    cmd.args(["build", "-g", "--target", triple]).arg(&wasm).arg("-o").arg(&exe);
    run(&mut cmd, TIMEOUT)?.success(&format!("kiln build -g --target {triple}"))?;
    // A port nobody listens on now; qemu takes it next.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut qemu = Command::new("qemu-aarch64")
        .arg("-g")
        .arg(port.to_string())
        .arg(&exe)
        .stdout(std::process::Stdio::null())
        .spawn()
        .context("start qemu-aarch64")?;
    let body = line_of("sum", "loop-body")?;
    let call = line_of("sum", "call")?;
    let mut cmd = Command::new("gdb-multiarch");
    // gdb retries the connection (`tcp auto-retry`) until qemu listens.
    cmd.args(["-nx", "-batch"]);
    let commands = [
        format!("target remote 127.0.0.1:{port}"),
        format!("break sum.c:{body}"),
        "continue".into(),
        "bt".into(),
        "print n".into(),
        "next".into(),
        "info locals".into(),
        "kill".into(),
    ];
    for c in &commands {
        cmd.arg("-ex").arg(c);
    }
    cmd.arg(&exe);
    let result = run(&mut cmd, TIMEOUT);
    // qemu ends with the kill; make sure of it whatever gdb did.
    if qemu.try_wait()?.is_none() {
        if let Err(e) = qemu.kill() {
            eprintln!("cannot kill qemu-aarch64: {e}");
        }
    }
    qemu.wait()?;
    let out = combined(&result?);
    has_line(&out, &["Breakpoint 1, sum_squares (n=7) at ", &format!("sum.c:{body}")])?;
    has_line(&out, &["#0  sum_squares (n=7) at ", &format!("sum.c:{body}")])?;
    has_line(&out, &["#1  0x", "in main () at ", &format!("sum.c:{call}")])?;
    has_line(&out, &["$1 = 7"])?;
    let after_next = following(&out, "$1 = 7")?;
    ensure!(after_next.first().is_some_and(|l| l.starts_with(&format!("{}\t", body - 1))), "next:\n{out}");
    has_line(&out, &["total = 1"])?;
    has_line(&out, &["i = 1"])?;
    Ok(())
}

/// A module whose `catcher` calls `middle`, which calls `thrower`, which
/// throws; `catcher`'s handler calls `in_handler`.
const THROWING: &str = r#"(module
  (tag $e (param i32))
  (global $g (mut i32) (i32.const 0))
  (func $thrower (param i32) (global.set $g (local.get 0)) (throw $e (local.get 0)))
  (func $middle (param i32) (call $thrower (local.get 0)) (global.set $g (i32.const 9)))
  (func $in_handler (param i32) (global.set $g (local.get 0)))
  (func $catcher (param i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $middle (local.get 0)))
      (return))
    (call $in_handler))
  (func (export "_start") (call $catcher (i32.const 5))))"#;

#[test]
fn gdb_backtraces_from_a_thrower_and_inside_a_handler() -> Result<()> {
    let dir = scratch_dir(TMP, SUITE, "exceptions");
    std::fs::write(dir.join("throwing.wat"), THROWING)?;
    let exe = dir.join("throwing");
    run(Command::new(KILN).arg("build").arg("-g").arg(dir.join("throwing.wat")).arg("-o").arg(&exe), TIMEOUT)?
        .success("kiln build -g")?;
    let commands: Vec<String> =
        ["break thrower", "break in_handler", "run", "bt", "continue", "bt"].iter().map(|s| s.to_string()).collect();
    let out = gdb(&exe, &commands)?;
    let frames = |after: &str| -> Result<Vec<String>> {
        Ok(following(&out, after)?
            .iter()
            .skip_while(|l| !l.starts_with('#'))
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.split(" (").next().unwrap_or(l).split_whitespace().last().unwrap_or("").to_string())
            .collect())
    };
    // At the throw, the whole chain; in the handler, the catcher's frame is
    // the caller again, the unwound frames gone.
    let at_throw = frames("Breakpoint 1, thrower")?;
    ensure!(at_throw.starts_with(&["thrower".into(), "middle".into(), "catcher".into()]), "{at_throw:?}\n{out}");
    let in_handler = frames("Breakpoint 2, in_handler")?;
    ensure!(
        in_handler.starts_with(&["in_handler".into(), "catcher".into(), "wasm-function[4]".into()]),
        "{in_handler:?}\n{out}"
    );
    Ok(())
}
