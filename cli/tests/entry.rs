//! Entry points: a WASI reactor (no `_start`) runs through `--entry NAME`,
//! after its `_initialize`, with the entry's `i32` result as the exit
//! status, as an executable (`kiln build --entry`), under `kiln run
//! --entry` and from a blob that recorded its entry (`kiln precompile
//! --entry`); a module with neither `_start` nor an entry is refused with
//! the list of its function exports.

use anyhow::{ensure, Result};
use kiln_tests::{run, scratch_dir, Output};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(120);

/// A reactor: `_initialize` prints `init` and sets a global that `run`
/// adds to its exit status 6; `run` prints `run`.
const REACTOR: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "init\n")
  (data (i32.const 32) "run\n")
  (global $inited (mut i32) (i32.const 0))
  (func $print (param i32 i32)
    (i32.store (i32.const 0) (local.get 0))
    (i32.store (i32.const 4) (local.get 1))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_initialize") (call $print (i32.const 16) (i32.const 5)) (global.set $inited (i32.const 1)))
  (func (export "run") (result i32) (call $print (i32.const 32) (i32.const 4)) (i32.add (i32.const 6) (global.get $inited)))
  (func (export "quiet") (call $print (i32.const 32) (i32.const 4)))
  (func (export "takes") (param i32)))"#;

fn kiln(dir: &Path, args: &[&str]) -> Result<Output> {
    run(Command::new(KILN).args(args).current_dir(dir), TIMEOUT)
}

fn check(out: &Output, status: i32, stdout: &str, how: &str) -> Result<()> {
    ensure!(
        out.code() == Some(status) && out.stdout_text() == stdout,
        "{how}: {} (want status {status}), stdout:\n{}\nstderr:\n{}",
        out.describe(),
        out.stdout_text(),
        out.stderr_text()
    );
    Ok(())
}

#[test]
fn a_reactor_runs_its_entry_after_initialize() -> Result<()> {
    let dir = scratch_dir(TMP, "entry", "reactor");
    std::fs::write(dir.join("reactor.wat"), REACTOR)?;
    kiln(&dir, &["build", "--entry", "run", "reactor.wat", "-o", "reactor"])?.success("kiln build")?;
    check(&run(Command::new(dir.join("reactor")).current_dir(&dir), TIMEOUT)?, 7, "init\nrun\n", "executable")?;
    check(&kiln(&dir, &["run", "--no-cache", "--entry", "run", "reactor.wat"])?, 7, "init\nrun\n", "kiln run")?;
    // An entry returning nothing exits 0.
    check(&kiln(&dir, &["run", "--no-cache", "--entry", "quiet", "reactor.wat"])?, 0, "init\nrun\n", "quiet")?;
    // `_initialize` named as the entry runs once.
    check(&kiln(&dir, &["run", "--no-cache", "--entry", "_initialize", "reactor.wat"])?, 0, "init\n", "init")?;
    kiln(&dir, &["precompile", "--entry", "run", "reactor.wat", "-o", "reactor.kwasm"])?.success("precompile")?;
    check(&kiln(&dir, &["run", "reactor.kwasm"])?, 7, "init\nrun\n", "blob with a recorded entry")?;
    check(&kiln(&dir, &["run", "--entry", "quiet", "reactor.kwasm"])?, 0, "init\nrun\n", "blob, other entry")
}

#[test]
fn a_module_without_start_or_entry_is_refused_with_its_exports() -> Result<()> {
    let dir = scratch_dir(TMP, "entry", "refused");
    std::fs::write(dir.join("reactor.wat"), REACTOR)?;
    let listing = "(its function exports: `_initialize`, `run`, `quiet`, `takes`)";
    for (args, what) in [
        (&["build", "reactor.wat", "-o", "reactor"][..], "the module has no `_start` export"),
        (&["run", "--no-cache", "reactor.wat"][..], "the module has no `_start` export"),
        (&["build", "--entry", "nope", "reactor.wat", "-o", "x"][..], "the module has no export named `nope`"),
        (&["run", "--no-cache", "--entry", "nope", "reactor.wat"][..], "the module has no export named `nope`"),
    ] {
        let out = kiln(&dir, args)?;
        let stderr = out.stderr_text();
        ensure!(
            out.code() == Some(1) && stderr.contains(what) && stderr.contains(listing),
            "kiln {args:?}: {}\n{stderr}",
            out.describe()
        );
    }
    for args in [
        &["build", "--entry", "takes", "reactor.wat", "-o", "x"][..],
        &["build", "--entry", "memory", "reactor.wat"][..],
    ] {
        let out = kiln(&dir, args)?;
        ensure!(
            out.code() == Some(1) && out.stderr_text().contains("cannot build"),
            "kiln {args:?}: {}",
            out.describe()
        );
    }
    ensure!(!dir.join("reactor").exists() && !dir.join("x").exists(), "a refused build writes nothing");
    Ok(())
}
