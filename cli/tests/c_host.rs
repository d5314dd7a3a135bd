//! A C program hosting a kiln-compiled module: `kiln compile lib.wat`
//! (object + generated `lib.h`), `kiln runtime-lib`, then
//! `gcc host.c lib.o libkiln_rt.a`. The host calls the exports and prints
//! what they return (`tests/host/expected.txt`); a trap inside an export
//! ends the host with the trap message and status 134.

use anyhow::{ensure, Result};
use kiln_tests::{fixture_dir, run, scratch_dir, toolchain};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(120);

/// Builds the host once for all tests in this file.
fn host() -> &'static PathBuf {
    static HOST: OnceLock<PathBuf> = OnceLock::new();
    HOST.get_or_init(|| build_host().unwrap_or_else(|e| panic!("cannot build the C host: {e:#}")))
}

fn build_host() -> Result<PathBuf> {
    let src = fixture_dir("host");
    let dir = scratch_dir(TMP, "c_host", "build");
    let object = dir.join("lib.o");
    let archive = dir.join("libkiln_rt.a");
    run(Command::new(KILN).arg("compile").arg(src.join("lib.wat")).arg("-o").arg(&object), TIMEOUT)?
        .success("kiln compile")?;
    ensure!(dir.join("lib.h").is_file(), "kiln compile did not write lib.h beside lib.o");
    run(Command::new(KILN).arg("runtime-lib").arg("-o").arg(&archive), TIMEOUT)?.success("kiln runtime-lib")?;
    let exe = dir.join("host");
    let include = dir.as_os_str();
    toolchain::gcc(&[
        "-Wall".as_ref(),
        "-Werror".as_ref(),
        "-I".as_ref(),
        include,
        src.join("host.c").as_os_str(),
        object.as_os_str(),
        archive.as_os_str(),
        "-o".as_ref(),
        exe.as_os_str(),
    ])?;
    Ok(exe)
}

#[test]
fn header_declares_the_runtime_api_and_every_export() -> Result<()> {
    let dir = host().parent().expect("the host lives in its build directory");
    let header = std::fs::read_to_string(dir.join("lib.h"))?;
    for symbol in
        ["kiln_instantiate", "kiln_memory_base", "kiln_export_add", "kiln_export_fib", "kiln_export_sum_5fbytes"]
    {
        ensure!(header.contains(&format!("{symbol}(")), "lib.h does not declare {symbol}:\n{header}");
    }
    Ok(())
}

#[test]
fn host_calls_exports_and_shares_memory() -> Result<()> {
    let out = run(&mut Command::new(host()), TIMEOUT)?.success("the C host")?;
    let expected = std::fs::read_to_string(fixture_dir("host").join("expected.txt"))?;
    ensure!(out.stdout_text() == expected, "host printed:\n{}\nexpected:\n{expected}", out.stdout_text());
    ensure!(out.stderr.is_empty(), "unexpected stderr:\n{}", out.stderr_text());
    Ok(())
}

#[test]
fn trap_in_an_export_ends_the_host_with_status_134() -> Result<()> {
    let out = run(Command::new(host()).arg("trap"), TIMEOUT)?;
    let stderr = out.stderr_text();
    ensure!(out.code() == Some(134), "expected exit status 134, got {}:\n{stderr}", out.describe());
    ensure!(
        stderr.lines().next() == Some("wasm trap: integer divide by zero"),
        "first stderr line should be the trap message:\n{stderr}"
    );
    ensure!(stderr.contains("at divide (wasm offset 0x"), "backtrace should name `divide`:\n{stderr}");
    let expected = std::fs::read_to_string(fixture_dir("host").join("expected.txt"))?;
    ensure!(out.stdout_text() == expected, "output before the trap:\n{}", out.stdout_text());
    Ok(())
}
