//! Performance guards that CI can afford: `benches/run.py --quick` (every
//! benchmark program built natively, by this kiln and by Wasmtime, run once
//! on a tiny input; it fails when any variant's checksum disagrees, so the
//! suite cannot rot), and the code layout the speed work relies on
//! (32-byte function alignment).

use anyhow::{ensure, Context, Result};
use std::path::Path;
use std::process::Command;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("cli/ has a parent")
}

#[test]
fn quick_benchmark_checksums_agree() -> Result<()> {
    let out_dir = tempfile::tempdir()?;
    let report = out_dir.path().join("RESULTS-quick.md");
    let out = Command::new("python3")
        .arg(repo().join("benches/run.py"))
        .args(["--quick", "--kiln", KILN, "--output"])
        .arg(&report)
        .output()
        .context("running python3 benches/run.py --quick")?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(out.status.success(), "benches/run.py --quick failed ({}):\n{stderr}", out.status);
    let text = std::fs::read_to_string(&report).context("reading the quick report")?;
    // Every program's row and its checksum made it into the report.
    for name in ["matmul", "fib", "calls", "memops"] {
        ensure!(text.contains(&format!("| {name} |")), "no row for {name} in:\n{text}");
        ensure!(text.contains(&format!("`{name} ")), "no checksum for {name} in:\n{text}");
    }
    // The limits table: each program built with --timeout and with --fuel
    // ran (and printed the same checksum, which run.py checks).
    let limits = text.split("## Limits").nth(1).context("no limits section in the quick report")?;
    ensure!(
        limits.contains("| fib | ") && !limits.split("## ").next().unwrap_or("").contains("| — |"),
        "the limits table lacks a program or a measurement:\n{limits}"
    );
    Ok(())
}

#[test]
fn functions_are_32_byte_aligned() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let obj = dir.path().join("m.o");
    let wat = dir.path().join("m.wat");
    // Odd-sized bodies, so unaligned placement would show.
    std::fs::write(
        &wat,
        r#"(module
  (func (export "a") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "b") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func (export "c") (param i64) (result i64) (i64.rotl (local.get 0) (i64.const 7))))"#,
    )?;
    let status = Command::new(KILN)
        .args(["compile", "--target", "x86_64-unknown-linux-gnu", "-o"])
        .arg(&obj)
        .arg(&wat)
        .status()?;
    ensure!(status.success(), "kiln compile failed");
    let nm = Command::new("nm").arg(&obj).output().context("running nm")?;
    ensure!(nm.status.success(), "nm failed");
    let mut funcs = 0;
    for line in String::from_utf8(nm.stdout)?.lines() {
        let mut parts = line.split_whitespace();
        let (Some(addr), Some(kind), Some(name)) = (parts.next(), parts.next(), parts.next()) else { continue };
        if kind.eq_ignore_ascii_case("t") {
            let addr = u64::from_str_radix(addr, 16)?;
            ensure!(addr % 32 == 0, "function {name} at {addr:#x} is not 32-byte aligned");
            funcs += 1;
        }
    }
    ensure!(funcs >= 3, "expected at least the three functions in the symbol table, found {funcs}");
    Ok(())
}
