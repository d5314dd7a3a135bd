//! Exceptions end to end, beyond the spec suite and the scripts in
//! `tests/wast` (which `wast.rs` runs): C programs whose setjmp/longjmp clang-22 lowers to
//! exceptions (both encodings), as executables, under `kiln run` and as
//! blobs, against gcc's native build; and what happens to an exception no
//! wasm frame catches: from `_start`, and at a host function's frame, which
//! an exception never unwinds through.

use anyhow::{ensure, Context, Result};
use kiln_tests::{fixture_dir, run, scratch_dir, toolchain, Output};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

fn kiln(dir: &Path, args: &[&str]) -> Result<Output> {
    run(Command::new(KILN).args(args).current_dir(dir), TIMEOUT)
}

/// Runs `program` (with `prefix` before it, for `kiln run`) and returns its
/// output.
fn run_in(dir: &Path, program: &[&str]) -> Result<Output> {
    let (exe, args) = program.split_first().context("no program")?;
    run(Command::new(exe).args(args).env_clear().current_dir(dir), TIMEOUT)
}

#[test]
fn setjmp_longjmp_in_c_match_gcc_in_both_encodings() -> Result<()> {
    let src = fixture_dir("exceptions");
    let dir = scratch_dir(TMP, "exceptions", "setjmp");
    let native = dir.join("native");
    toolchain::gcc(&[src.join("setjmp.c").as_os_str(), "-o".as_ref(), native.as_os_str()])?;
    let expected = run_in(&dir, &[native.to_str().context("path")?])?.success("the native build")?;
    ensure!(expected.stdout_text().contains("after 1000 frames"), "{}", expected.stdout_text());
    for (encoding, legacy) in [("legacy", true), ("exnref", false)] {
        let wasm = toolchain::sjlj_program(&src.join("setjmp.c"), &src.join("setjmp_rt.c"), &dir, legacy)?;
        let wasm = wasm.to_str().context("path")?;
        let exe = format!("{}/setjmp-{encoding}", dir.display());
        let blob = format!("{exe}.kwasm");
        kiln(&dir, &["build", wasm, "-o", &exe])?.success("kiln build")?;
        kiln(&dir, &["precompile", wasm, "-o", &blob])?.success("kiln precompile")?;
        for (how, program) in [
            ("executable", vec![exe.as_str()]),
            ("kiln run", vec![KILN, "run", "--no-cache", wasm]),
            ("kiln run of a blob", vec![KILN, "run", &blob]),
        ] {
            let out = run_in(&dir, &program)?;
            ensure!(
                out.status.success() && out.stdout == expected.stdout,
                "{encoding} ({how}): {}\nstdout:\n{}\nexpected:\n{}\nstderr:\n{}",
                out.describe(),
                out.stdout_text(),
                expected.stdout_text(),
                out.stderr_text()
            );
        }
    }
    Ok(())
}

/// A program that prints, then throws `boom` from a function `_start`
/// calls, inside a `try_table` for another tag.
const UNCAUGHT: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "before\n")
  (tag $boom (param i32))
  (tag $other)
  (func $inner (throw $boom (i32.const 3)))
  (func $middle (block $h (try_table (catch $other $h) (call $inner))))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 7))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $middle)))"#;

fn check_uncaught(out: &Output, how: &str) -> Result<()> {
    let stderr = out.stderr_text();
    ensure!(
        out.code() == Some(134)
            && out.stdout_text() == "before\n"
            && stderr.starts_with("wasm trap: uncaught exception of tag `boom`\n    at inner")
            && stderr.contains("#1 middle"),
        "{how}: {}\nstdout:\n{}\nstderr:\n{stderr}",
        out.describe(),
        out.stdout_text()
    );
    Ok(())
}

#[test]
fn an_exception_leaving_start_is_a_trap_with_the_tag_and_a_backtrace() -> Result<()> {
    let dir = scratch_dir(TMP, "exceptions", "uncaught");
    std::fs::write(dir.join("uncaught.wat"), UNCAUGHT)?;
    kiln(&dir, &["build", "uncaught.wat", "-o", "uncaught"])?.success("kiln build")?;
    check_uncaught(&run_in(&dir, &[dir.join("uncaught").to_str().context("path")?])?, "executable")?;
    check_uncaught(&kiln(&dir, &["run", "--no-cache", "uncaught.wat"])?, "kiln run")?;
    kiln(&dir, &["precompile", "uncaught.wat", "-o", "uncaught.kwasm"])?.success("kiln precompile")?;
    check_uncaught(&kiln(&dir, &["run", "uncaught.kwasm"])?, "kiln run of a blob")
}

/// `_start` calls a host function inside a `try_table` that catches
/// everything; the host function calls the export `thrower`, which throws.
const THROUGH_HOST: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "call_back" (func $call_back))
  (memory (export "memory") 1)
  (data (i32.const 16) "caught\n")
  (tag $e)
  (func $thrower (export "thrower") (throw $e))
  (func (export "_start")
    (block $h (try_table (catch_all $h) (call $call_back)) (return))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 7))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#;

const HOST_C: &str = r#"
void kiln_export_thrower(void *vmctx);
void env_call_back(void *vmctx) { kiln_export_thrower(vmctx); }
"#;

#[test]
fn an_exception_never_unwinds_through_a_host_function() -> Result<()> {
    let dir = scratch_dir(TMP, "exceptions", "through_host");
    std::fs::write(dir.join("app.wat"), THROUGH_HOST)?;
    std::fs::write(dir.join("host.c"), HOST_C)?;
    let mut gcc = Command::new("gcc");
    gcc.args(["-c", "-O2", "-ffreestanding", "-fno-stack-protector", "host.c", "-o", "host.o"]).current_dir(&dir);
    run(&mut gcc, TIMEOUT)?.success("gcc -c")?;
    kiln(&dir, &["build", "app.wat", "--link", "host.o", "-o", "app"])?.success("kiln build")?;
    let out = run_in(&dir, &[dir.join("app").to_str().context("path")?])?;
    let stderr = out.stderr_text();
    // The throw stops at the host function's frame: the catch_all around
    // the call is never reached, and the program traps.
    ensure!(
        out.code() == Some(134)
            && out.stdout.is_empty()
            && stderr.starts_with("wasm trap: uncaught exception of tag `e`\n    at thrower"),
        "{}\nstdout:\n{}\nstderr:\n{stderr}",
        out.describe(),
        out.stdout_text()
    );
    Ok(())
}
