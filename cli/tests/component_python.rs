//! A component built by a toolchain nobody here wrote: componentize-py
//! (PyPI, pinned by scripts/test.sh) turns `tests/components/python/app.py`
//! into a `wasi:cli/command@0.2.12` component of 14 core modules (CPython
//! and its standard library, wasi-libc as a shared library, a Rust runtime,
//! wit-component's shims and fixups), importing WASI 0.2 directly rather
//! than through the preview1 adapter. The executable of `kiln build` and
//! `kiln run` must print what Wasmtime (the PyPI package) prints, write the
//! same file in the granted directory, and trap as it does on an uncaught
//! Python exception.

use anyhow::{ensure, Context, Result};
use kiln_tests::{component, fixture_dir, run, scratch_dir, Output};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(600);

fn clean(mut cmd: Command, dir: &Path) -> Command {
    cmd.current_dir(dir).env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd
}

/// Makes `data/` with the input file, without the file the program writes.
fn fresh_data(dir: &Path) -> Result<()> {
    let data = dir.join("data");
    if data.exists() {
        std::fs::remove_dir_all(&data)?;
    }
    std::fs::create_dir_all(&data)?;
    std::fs::write(data.join("in.txt"), "the quick brown fox\n")?;
    Ok(())
}

/// What a run printed and wrote.
#[derive(Debug, PartialEq)]
struct Observed {
    status: Option<i32>,
    stdout: String,
    /// The line of stderr that names the Python exception.
    exception: Option<String>,
    /// `data/out.txt`.
    written: Option<String>,
}

fn observe(out: &Output, dir: &Path) -> Observed {
    Observed {
        status: out.code(),
        stdout: out.stdout_text(),
        exception: out.stderr_text().lines().find(|l| l.starts_with("ValueError")).map(str::to_string),
        written: std::fs::read_to_string(dir.join("data/out.txt")).ok(),
    }
}

#[test]
fn a_componentize_py_program_runs_as_under_wasmtime() -> Result<()> {
    let dir = scratch_dir(TMP, "component-python", "app");
    let src = fixture_dir("components").join("python");
    std::fs::copy(src.join("app.py"), dir.join("app.py"))?;
    let mut make = clean(Command::new("componentize-py"), &dir);
    make.arg("-d").arg(src.join("wit")).args([
        "-w",
        "wasi:cli/command@0.2.12",
        "componentize",
        "app",
        "-o",
        "app.wasm",
    ]);
    let made = run(&mut make, TIMEOUT).context("componentize-py is missing: scripts/test.sh installs it")?;
    made.success("componentize-py componentize")?;

    let grants = ["--dir", "data::/data", "--env", "GREETING=hello"];
    let mut build = clean(Command::new(KILN), &dir);
    build.arg("build").args(grants).args(["app.wasm", "-o", "app"]);
    run(&mut build, TIMEOUT)?.success("kiln build")?;

    for args in [&["one", "two words"][..], &["fail"][..]] {
        fresh_data(&dir)?;
        let grant_words: Vec<String> = grants.iter().map(|s| s.to_string()).collect();
        let expected = observe(&component::wasmtime_run(&dir.join("app.wasm"), &grant_words, args, &dir)?, &dir);
        ensure!(
            expected.status == Some(if args == ["fail"] { 134 } else { 0 }) && expected.stdout.contains("args"),
            "Wasmtime did not run the program as this test expects: {expected:?}"
        );
        fresh_data(&dir)?;
        let exe = observe(&run(clean(Command::new(dir.join("app")), &dir).args(args), TIMEOUT)?, &dir);
        ensure!(exe == expected, "the executable of kiln build, args {args:?}:\n{exe:?}\nWasmtime:\n{expected:?}");
        fresh_data(&dir)?;
        let mut kiln_run = clean(Command::new(KILN), &dir);
        kiln_run.arg("run").args(grants).arg("app.wasm").args(args);
        let ran = observe(&run(&mut kiln_run, TIMEOUT)?, &dir);
        ensure!(ran == expected, "kiln run, args {args:?}:\n{ran:?}\nWasmtime:\n{expected:?}");
    }
    Ok(())
}
