//! Relaxed SIMD gives the same lanes however the module runs: a WASI
//! program printing the lanes of every relaxed operator on edge inputs
//! (`kiln_tests::relaxed`) prints byte for byte the same as a `kiln build`
//! executable (at `-O speed` and `-O none`) and under `kiln run` (a `.wat`,
//! and a `kiln precompile`d blob), and what the README documents for this
//! target: on x86_64 the SSE
//! instructions' results on every baseline (SSE2 sequences where
//! `--cpu x86-64` lacks SSSE3/SSE4.1), with `relaxed_madd` fused only for a
//! baseline with FMA and AVX. `cli/tests/cross.rs` checks aarch64 and
//! riscv64 against the same model.

use anyhow::{ensure, Result};
use kiln_tests::relaxed::{compare, program, Profile};
use kiln_tests::{run, scratch_dir, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

/// The choices of this machine's target at its default baseline.
const HOST: Profile = Profile { x86: cfg!(target_arch = "x86_64"), fused: !cfg!(target_arch = "x86_64") };

/// A scratch directory holding the program as `lanes.wat`.
fn setup(name: &str) -> Result<(PathBuf, PathBuf)> {
    let dir = scratch_dir(TMP, "relaxed_simd", name);
    let wat = dir.join("lanes.wat");
    std::fs::write(&wat, program())?;
    Ok((dir, wat))
}

fn kiln(dir: &Path, args: &[&str]) -> Result<Output> {
    run(Command::new(KILN).args(args).current_dir(dir).env("XDG_CACHE_HOME", dir.join("cache")), TIMEOUT)
}

/// `kiln build` with `flags`, then the executable's stdout.
fn executable(dir: &Path, wat: &Path, exe: &str, flags: &[&str]) -> Result<Vec<u8>> {
    let mut args = vec!["build", wat.to_str().expect("UTF-8 path"), "-o", exe];
    args.extend(flags);
    kiln(dir, &args)?.success(&format!("kiln build {}", flags.join(" ")))?;
    let out = run(Command::new(dir.join(exe)).current_dir(dir), TIMEOUT)?.success(exe)?;
    Ok(out.stdout)
}

fn check_model(stdout: &[u8], profile: Profile, what: &str) -> Result<()> {
    let text = String::from_utf8_lossy(stdout);
    compare(&text, profile).map_err(|e| anyhow::anyhow!("{what} differs from the documented lanes:\n{e}"))
}

#[test]
fn kiln_run_and_the_executable_print_the_documented_lanes() -> Result<()> {
    let (dir, wat) = setup("default")?;
    let built = executable(&dir, &wat, "lanes", &[])?;
    let wat_path = wat.to_str().expect("UTF-8 path");
    let ran = kiln(&dir, &["run", wat_path])?.success("kiln run lanes.wat")?.stdout;
    // A second run loads the cached blob rather than compiling.
    let cached = kiln(&dir, &["run", wat_path])?.success("kiln run lanes.wat (cached)")?.stdout;
    ensure!(built == ran, "kiln run and the executable differ:\n{}", diff(&built, &ran));
    ensure!(ran == cached, "the cached blob differs:\n{}", diff(&ran, &cached));
    // Optimization leaves the choices alone.
    let unoptimized = executable(&dir, &wat, "lanes-O0", &["-O", "none"])?;
    ensure!(built == unoptimized, "-O none differs from -O speed:\n{}", diff(&built, &unoptimized));
    check_model(&built, HOST, "the default baseline")
}

/// x86_64: `--cpu x86-64` (SSE2 only) computes every relaxed operator with
/// other instructions, and gives the same bytes; `x86-64-v3` fuses
/// `relaxed_madd`, as an executable and as a blob under `kiln run`.
#[cfg(target_arch = "x86_64")]
#[test]
fn every_x86_baseline_gives_the_same_lanes_but_madd() -> Result<()> {
    let (dir, wat) = setup("baselines")?;
    let v2 = executable(&dir, &wat, "lanes-v2", &[])?;
    let sse2 = executable(&dir, &wat, "lanes-sse2", &["--cpu", "x86-64"])?;
    ensure!(v2 == sse2, "--cpu x86-64 differs from the default baseline:\n{}", diff(&v2, &sse2));
    check_model(&v2, Profile { x86: true, fused: false }, "x86-64-v2")?;

    let v3_cpu = ["avx", "avx2", "bmi1", "bmi2", "fma", "lzcnt"].iter().all(|f| has_feature(f));
    if !v3_cpu {
        eprintln!("this CPU is not x86-64-v3: the fused relaxed_madd is not run");
        return Ok(());
    }
    let v3 = executable(&dir, &wat, "lanes-v3", &["--cpu", "x86-64-v3"])?;
    let wat_path = wat.to_str().expect("UTF-8 path");
    kiln(&dir, &["precompile", "--cpu", "x86-64-v3", wat_path, "-o", "lanes-v3.kwasm"])?.success("kiln precompile")?;
    let blob = kiln(&dir, &["run", "lanes-v3.kwasm"])?.success("kiln run lanes-v3.kwasm")?.stdout;
    ensure!(v3 == blob, "x86-64-v3: kiln run and the executable differ:\n{}", diff(&v3, &blob));
    check_model(&v3, Profile { x86: true, fused: true }, "x86-64-v3")?;
    ensure!(v3 != v2, "x86-64-v3 should fuse relaxed_madd, which these inputs show");
    Ok(())
}

#[cfg(target_arch = "x86_64")]
fn has_feature(name: &str) -> bool {
    match name {
        "avx" => std::is_x86_feature_detected!("avx"),
        "avx2" => std::is_x86_feature_detected!("avx2"),
        "bmi1" => std::is_x86_feature_detected!("bmi1"),
        "bmi2" => std::is_x86_feature_detected!("bmi2"),
        "fma" => std::is_x86_feature_detected!("fma"),
        "lzcnt" => std::is_x86_feature_detected!("lzcnt"),
        _ => false,
    }
}

fn diff(expected: &[u8], actual: &[u8]) -> String {
    similar::TextDiff::from_lines(&String::from_utf8_lossy(expected), &String::from_utf8_lossy(actual))
        .unified_diff()
        .context_radius(1)
        .to_string()
}
