//! Resource limits (`--max-memory`, `--max-table-elements`, `--max-stack`,
//! `--timeout`, `--fuel`) in the three ways a program gets them: `kiln run`
//! flags, flags of `kiln build` baked into the executable, and
//! `KILN_GRANTS` given to an executable built without them.

use anyhow::{ensure, Result};
use kiln_tests::{run, scratch_dir, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const LIMIT: Duration = Duration::from_secs(120);

/// How the program got its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `kiln run FLAGS prog.wat`.
    Run,
    /// `kiln build FLAGS`, then the executable.
    Baked,
    /// `kiln build` (with `build_flags` only), then the executable with
    /// `KILN_GRANTS=FLAGS`.
    Grants,
}

const MODES: [Mode; 3] = [Mode::Run, Mode::Baked, Mode::Grants];

/// Writes `wat` as `name.wat` in a fresh directory.
fn source(name: &str, wat: &str) -> Result<PathBuf> {
    let dir = scratch_dir(TMP, "limits", name);
    let path = dir.join(format!("{name}.wat"));
    std::fs::write(&path, wat)?;
    Ok(path)
}

/// Runs the program at `wat` with `flags` the way `mode` says;
/// `build_flags` go to `kiln build` in every mode that builds.
fn run_with(mode: Mode, wat: &Path, flags: &[&str], build_flags: &[&str]) -> Result<Output> {
    run_timed(mode, wat, flags, build_flags).map(|(out, _)| out)
}

/// As [`run_with`], with how long the program ran (not counting builds).
fn run_timed(mode: Mode, wat: &Path, flags: &[&str], build_flags: &[&str]) -> Result<(Output, Duration)> {
    let exe = wat.with_extension(format!("{mode:?}").to_lowercase());
    let build = |extra: &[&str]| -> Result<()> {
        let mut cmd = Command::new(KILN);
        cmd.arg("build").args(build_flags).args(extra).arg(wat).arg("-o").arg(&exe);
        run(&mut cmd, LIMIT)?.success("kiln build")?;
        Ok(())
    };
    let mut cmd = match mode {
        Mode::Run => {
            let mut cmd = Command::new(KILN);
            cmd.arg("run").arg("--no-cache").args(flags).arg(wat).env_clear();
            cmd
        }
        Mode::Baked => {
            build(flags)?;
            let mut cmd = Command::new(&exe);
            cmd.env_clear();
            cmd
        }
        Mode::Grants => {
            build(&[])?;
            let mut cmd = Command::new(&exe);
            cmd.env_clear().env("KILN_GRANTS", flags.join(" "));
            cmd
        }
    };
    let start = Instant::now();
    let out = run(&mut cmd, LIMIT)?;
    Ok((out, start.elapsed()))
}

fn context(mode: Mode, out: &Output) -> String {
    format!("{mode:?}: {}\nstdout:\n{}\nstderr:\n{}", out.describe(), out.stdout_text(), out.stderr_text())
}

/// Exits with 10, plus 1 if growing memory 0 from 1 to 16 pages (1 MiB)
/// failed, plus 2 if growing it on to 17 pages failed.
const GROW_MEMORY: &str = r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (func (export "_start")
    (local $status i32)
    (local.set $status (i32.const 10))
    (if (i32.eq (memory.grow (i32.const 15)) (i32.const -1))
      (then (local.set $status (i32.add (local.get $status) (i32.const 1)))))
    (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
      (then (local.set $status (i32.add (local.get $status) (i32.const 2)))))
    (call $exit (local.get $status))))
"#;

#[test]
fn memory_grow_past_max_memory_returns_minus_one() -> Result<()> {
    let wat = source("grow_memory", GROW_MEMORY)?;
    for mode in MODES {
        let out = run_with(mode, &wat, &["--max-memory", "1M"], &[])?;
        ensure!(out.code() == Some(12), "expected 12 (second grow refused): {}", context(mode, &out));
    }
    let out = run_with(Mode::Run, &wat, &[], &[])?;
    ensure!(out.code() == Some(10), "without a limit both grows succeed: {}", context(Mode::Run, &out));
    Ok(())
}

#[test]
fn initial_memory_above_max_memory_refuses_to_instantiate() -> Result<()> {
    let wat = source("big_memory", r#"(module (memory 32) (func (export "_start")))"#)?;
    for mode in MODES {
        let out = run_with(mode, &wat, &["--max-memory=1M"], &[])?;
        let stderr = out.stderr_text();
        ensure!(out.code() == Some(kiln_abi::ERROR_EXIT_STATUS), "expected an error: {}", context(mode, &out));
        ensure!(
            stderr.contains("memory 0 starts at 2097152 bytes, more than the 1048576 bytes `--max-memory` allows"),
            "unexpected message: {}",
            context(mode, &out)
        );
    }
    let out = run_with(Mode::Run, &wat, &["--max-memory", "2M"], &[])?;
    ensure!(out.code() == Some(0), "2M fits: {}", context(Mode::Run, &out));
    Ok(())
}

#[test]
fn bad_limit_values_are_clear_errors() -> Result<()> {
    let wat = source("bad_values", r#"(module (memory 1) (func (export "_start")))"#)?;
    let cases = [
        ("--max-memory", "lots", "expected a size in bytes"),
        ("--max-memory", "1.5G", "expected a size in bytes"),
        ("--max-table-elements", "-1", "expected a whole number"),
        ("--max-stack", "64Q", "expected a size in bytes"),
    ];
    for (option, value, message) in cases {
        let out = run(Command::new(KILN).args(["run", option, value]).arg(&wat), LIMIT)?;
        let want = format!("{option} `{value}`: {message}");
        ensure!(
            out.code() == Some(1) && out.stderr_text().contains(&want),
            "{option} {value}: expected `{want}`: {}",
            context(Mode::Run, &out)
        );
        let exe = wat.with_extension("exe");
        let out = run(Command::new(KILN).args(["build", option, value]).arg(&wat).arg("-o").arg(&exe), LIMIT)?;
        ensure!(out.code() == Some(1) && out.stderr_text().contains(&want), "build: {}", context(Mode::Baked, &out));
    }
    Ok(())
}

/// Exits with 10, plus 1 if growing table 0 from 1 to 2 elements failed,
/// plus 2 if growing it on to 3 failed.
const GROW_TABLE: &str = r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (table 1 funcref)
  (func (export "_start")
    (local $status i32)
    (local.set $status (i32.const 10))
    (if (i32.eq (table.grow (ref.null func) (i32.const 1)) (i32.const -1))
      (then (local.set $status (i32.add (local.get $status) (i32.const 1)))))
    (if (i32.eq (table.grow (ref.null func) (i32.const 1)) (i32.const -1))
      (then (local.set $status (i32.add (local.get $status) (i32.const 2)))))
    (call $exit (local.get $status))))
"#;

#[test]
fn table_grow_past_max_table_elements_returns_minus_one() -> Result<()> {
    let wat = source("grow_table", GROW_TABLE)?;
    for mode in MODES {
        let out = run_with(mode, &wat, &["--max-table-elements", "2"], &[])?;
        ensure!(out.code() == Some(12), "expected 12 (second grow refused): {}", context(mode, &out));
    }
    let out = run_with(Mode::Run, &wat, &[], &[])?;
    ensure!(out.code() == Some(10), "without a limit both grows succeed: {}", context(Mode::Run, &out));
    let big = source("big_table", r#"(module (table 100 funcref) (func (export "_start")))"#)?;
    for mode in MODES {
        let out = run_with(mode, &big, &["--max-table-elements=99"], &[])?;
        ensure!(
            out.code() == Some(kiln_abi::ERROR_EXIT_STATUS)
                && out.stderr_text().contains("table 0 starts at 100 elements, more than the 99"),
            "expected a refusal: {}",
            context(mode, &out)
        );
    }
    Ok(())
}

/// Recurses 20000 deep (some hundreds of KiB of stack), then exits with 7.
const RECURSE: &str = r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func $down (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get $n) (i32.const 1)))))))
  (func (export "_start")
    (drop (call $down (i32.const 20000)))
    (call $exit (i32.const 7))))
"#;

#[test]
fn max_stack_bounds_recursion() -> Result<()> {
    let wat = source("recurse", RECURSE)?;
    for mode in MODES {
        let out = run_with(mode, &wat, &["--max-stack", "64K"], &[])?;
        ensure!(
            out.code() == Some(kiln_abi::TRAP_EXIT_STATUS)
                && out.stderr_text().starts_with("wasm trap: call stack exhausted"),
            "expected a stack overflow: {}",
            context(mode, &out)
        );
        let out = run_with(mode, &wat, &["--max-stack", "4M"], &[])?;
        ensure!(out.code() == Some(7), "4M is enough: {}", context(mode, &out));
    }
    Ok(())
}

/// Loops forever, without a call.
const SPIN: &str = r#"(module
  (func $spin (export "_start")
    (loop $again (br $again))))
"#;

/// The first stderr line and a backtrace line naming `function`.
fn check_trap(mode: Mode, out: &Output, message: &str, function: &str) -> Result<()> {
    let stderr = out.stderr_text();
    ensure!(out.code() == Some(kiln_abi::TRAP_EXIT_STATUS), "expected status 134: {}", context(mode, out));
    ensure!(stderr.lines().next() == Some(&format!("wasm trap: {message}")), "wrong report: {}", context(mode, out));
    ensure!(
        stderr.lines().any(|l| l.contains(&format!("at {function} (wasm offset 0x"))),
        "no backtrace line for `{function}`: {}",
        context(mode, out)
    );
    Ok(())
}

#[test]
fn timeout_stops_a_loop_without_calls_within_two_seconds() -> Result<()> {
    let wat = source("spin", SPIN)?;
    for mode in MODES {
        let (out, elapsed) = run_timed(mode, &wat, &["--timeout", "1s"], &["--interruptible"])?;
        check_trap(mode, &out, "interrupted (timeout)", "spin")?;
        eprintln!("{mode:?}: stopped after {elapsed:?}");
        ensure!(elapsed >= Duration::from_millis(900), "{mode:?}: stopped too early, after {elapsed:?}");
        ensure!(elapsed < Duration::from_secs(2), "{mode:?}: stopped only after {elapsed:?}");
    }
    Ok(())
}

#[test]
fn executables_without_checks_refuse_a_run_time_timeout_or_fuel() -> Result<()> {
    let wat = source("no_checks", SPIN)?;
    for (option, value, flag) in [("--timeout", "1s", "--interruptible"), ("--fuel", "10", "--fuel-metering")] {
        let out = run_with(Mode::Grants, &wat, &[option, value], &[])?;
        let want = format!("compiled without the checks {option} needs; rebuild it with `kiln build {flag}`");
        ensure!(
            out.code() == Some(kiln_abi::ERROR_EXIT_STATUS) && out.stderr_text().contains(&want),
            "expected `{want}`: {}",
            context(Mode::Grants, &out)
        );
    }
    Ok(())
}

#[test]
fn checks_are_compiled_in_only_when_asked_for() -> Result<()> {
    let wat = source("clif", SPIN)?;
    let clif = |flags: &[&str]| -> Result<String> {
        let mut cmd = Command::new(KILN);
        cmd.args(["compile", "--emit", "clif"]).args(flags).arg(&wat);
        Ok(run(&mut cmd, LIMIT)?.success("kiln compile")?.stdout_text())
    };
    let plain = clif(&[])?;
    ensure!(!plain.contains("atomic_load") && !plain.contains("user15") && !plain.contains("user16"), "{plain}");
    let interruptible = clif(&["--interruptible"])?;
    ensure!(interruptible.contains("atomic_load"), "{interruptible}");
    let metered = clif(&["--fuel-metering"])?;
    ensure!(metered.contains("user16") && !metered.contains("atomic_load"), "{metered}");
    ensure!(!interruptible.contains("user16") && !plain.contains("user15"), "{interruptible}");
    Ok(())
}

/// Runs a loop of 1000 iterations, then exits with 5.
const COUNT: &str = r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func $count (export "_start")
    (local $i i32)
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 1000))))
    (call $exit (i32.const 5))))
"#;

#[test]
fn fuel_stops_a_program_deterministically() -> Result<()> {
    let wat = source("count", COUNT)?;
    // Every operator costs one unit, checked at loop headers: `loop` (1),
    // then 8 per iteration; the check before the 1000th iteration needs
    // 1 + 8 * 999 = 7993 units.
    for mode in MODES {
        for _ in 0..2 {
            let out = run_with(mode, &wat, &["--fuel", "7992"], &["--fuel-metering"])?;
            check_trap(mode, &out, "all fuel consumed", "count")?;
        }
        let out = run_with(mode, &wat, &["--fuel=7993"], &["--fuel-metering"])?;
        ensure!(out.code() == Some(5), "7993 units are enough: {}", context(mode, &out));
    }
    let out = run_with(Mode::Run, &wat, &["--fuel", "0"], &[])?;
    check_trap(Mode::Run, &out, "all fuel consumed", "count")?;
    Ok(())
}

/// Calls itself 100 times (no loop), then exits with 6.
const CALLS: &str = r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func $down (param $n i32)
    (if (local.get $n) (then (call $down (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "_start")
    (call $down (i32.const 100))
    (call $exit (i32.const 6))))
"#;

#[test]
fn fuel_counts_calls_too() -> Result<()> {
    let wat = source("calls", CALLS)?;
    let out = run_with(Mode::Run, &wat, &["--fuel", "100"], &[])?;
    check_trap(Mode::Run, &out, "all fuel consumed", "down")?;
    let out = run_with(Mode::Run, &wat, &["--fuel", "10000"], &[])?;
    ensure!(out.code() == Some(6), "10000 units are enough: {}", context(Mode::Run, &out));
    Ok(())
}

/// Tail-calls itself forever: no loop, and the stack does not grow.
const TAIL_CALLS: &str = r#"(module
  (func $again (param i32) (return_call $again (i32.add (local.get 0) (i32.const 1))))
  (func (export "_start") (call $again (i32.const 0))))
"#;

#[test]
fn timeout_and_fuel_stop_endless_tail_calls() -> Result<()> {
    let wat = source("tail_calls", TAIL_CALLS)?;
    let (out, elapsed) = run_timed(Mode::Run, &wat, &["--timeout", "300ms"], &[])?;
    check_trap(Mode::Run, &out, "interrupted (timeout)", "again")?;
    ensure!(elapsed < Duration::from_secs(2), "stopped only after {elapsed:?}");
    let out = run_with(Mode::Run, &wat, &["--fuel", "1000"], &[])?;
    check_trap(Mode::Run, &out, "all fuel consumed", "again")
}
