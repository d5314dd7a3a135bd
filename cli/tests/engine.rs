//! `kiln precompile` and `kiln run`: running modules and blobs in-process,
//! `--invoke`, exit statuses, the blob cache (reuse, corrupt and foreign
//! entries rebuilt, `--no-cache`), and the refusal of corrupted or
//! mismatched blobs.

use anyhow::{ensure, Context, Result};
use kiln_loader::{BlobMeta, KILN_VERSION};
use kiln_tests::{repo_root, run, scratch_dir, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

/// Runs kiln in `dir` with the cache under `dir/cache`.
fn kiln(dir: &Path, args: &[&str]) -> Result<Output> {
    run(Command::new(KILN).args(args).current_dir(dir).env("XDG_CACHE_HOME", dir.join("cache")), TIMEOUT)
}

fn scratch(name: &str) -> PathBuf {
    scratch_dir(TMP, "engine", name)
}

fn write(dir: &Path, name: &str, text: &str) -> Result<PathBuf> {
    let path = dir.join(name);
    std::fs::write(&path, text)?;
    Ok(path)
}

fn hello(dir: &Path) -> Result<()> {
    std::fs::copy(repo_root().join("examples/hello.wat"), dir.join("hello.wat"))?;
    Ok(())
}

fn expect_stdout(out: &Output, expected: &str) -> Result<()> {
    ensure!(out.status.success(), "kiln failed ({}):\n{}", out.describe(), out.stderr_text());
    ensure!(out.stdout_text() == expected, "stdout {:?}, expected {expected:?}", out.stdout_text());
    Ok(())
}

/// Refused with status 1 and an `error: ` naming `what`.
fn expect_error(out: &Output, what: &str) -> Result<()> {
    let stderr = out.stderr_text();
    ensure!(out.code() == Some(1), "expected exit status 1, got {}:\n{stderr}", out.describe());
    ensure!(stderr.starts_with("error: ") && stderr.contains(what), "stderr should name `{what}`:\n{stderr}");
    ensure!(!stderr.contains("panicked"), "kiln panicked:\n{stderr}");
    Ok(())
}

/// The cache entries (`.kwasm` files) of a scratch directory.
fn cache_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let cache = dir.join("cache/kiln");
    if !cache.exists() {
        return Ok(Vec::new());
    }
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(&cache)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    Ok(entries)
}

#[test]
fn runs_wat_and_precompiled_blobs() -> Result<()> {
    let dir = scratch("hello");
    hello(&dir)?;
    expect_stdout(&kiln(&dir, &["run", "--no-cache", "hello.wat"])?, "Hello, world!\n")?;
    let out = kiln(&dir, &["precompile", "hello.wat", "-o", "hello.kwasm"])?;
    ensure!(out.status.success(), "precompile failed: {}", out.stderr_text());
    expect_stdout(&kiln(&dir, &["run", "hello.kwasm"])?, "Hello, world!\n")?;
    // The default output name, and a blob renamed to anything still loads.
    let out = kiln(&dir, &["precompile", "hello.wat"])?;
    ensure!(out.status.success() && dir.join("hello.kwasm").exists(), "default precompile output");
    std::fs::rename(dir.join("hello.kwasm"), dir.join("hello.bin"))?;
    expect_stdout(&kiln(&dir, &["run", "hello.bin"])?, "Hello, world!\n")
}

const CALC: &str = r#"(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "half") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))
  (func (export "pair") (param i64) (result i64 i32) (local.get 0) (i32.const 7))
  (func (export "boom") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))"#;

#[test]
fn invoke_parses_arguments_and_prints_results() -> Result<()> {
    let dir = scratch("invoke");
    write(&dir, "calc.wat", CALC)?;
    expect_stdout(&kiln(&dir, &["run", "--invoke", "add", "calc.wat", "2", "-5"])?, "-3\n")?;
    expect_stdout(&kiln(&dir, &["run", "--invoke", "add", "calc.wat", "0xffffffff", "1"])?, "0\n")?;
    expect_stdout(&kiln(&dir, &["run", "--invoke", "half", "calc.wat", "3"])?, "1.5\n")?;
    expect_stdout(&kiln(&dir, &["run", "--invoke", "pair", "calc.wat", "-9000000000"])?, "-9000000000\n7\n")?;
    expect_stdout(&kiln(&dir, &["run", "--invoke", "boom", "calc.wat", "1"])?, "1\n")?;
    expect_error(&kiln(&dir, &["run", "--invoke", "add", "calc.wat", "1"])?, "takes 2 arguments, 1 were given")?;
    expect_error(&kiln(&dir, &["run", "--invoke", "add", "calc.wat", "1", "x"])?, "`x` is not a valid i32")?;
    expect_error(&kiln(&dir, &["run", "--invoke", "nope", "calc.wat"])?, "no export named `nope`")
}

#[test]
fn traps_exit_with_134_and_proc_exit_sets_the_status() -> Result<()> {
    let dir = scratch("status");
    write(&dir, "calc.wat", CALC)?;
    let out = kiln(&dir, &["run", "--invoke", "boom", "calc.wat", "0"])?;
    ensure!(out.code() == Some(134), "a trap exits with 134, got {}", out.describe());
    ensure!(out.stderr_text().starts_with("wasm trap: integer divide by zero"), "stderr: {}", out.stderr_text());
    write(
        &dir,
        "exit.wat",
        r#"(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
             (memory (export "memory") 1)
             (func (export "_start") (call $exit (i32.const 7))))"#,
    )?;
    let out = kiln(&dir, &["run", "exit.wat"])?;
    ensure!(out.code() == Some(7), "proc_exit(7) exits with 7, got {}", out.describe());
    write(&dir, "deep.wat", r#"(module (func $f (export "f") (param i64) (result i64) (call $f (local.get 0))))"#)?;
    let out = kiln(&dir, &["run", "--invoke", "f", "deep.wat", "1"])?;
    ensure!(out.code() == Some(134), "stack overflow exits with 134, got {}", out.describe());
    ensure!(out.stderr_text().starts_with("wasm trap: call stack exhausted"), "stderr: {}", out.stderr_text());
    write(&dir, "start.wat", r#"(module (func $s unreachable) (start $s))"#)?;
    let out = kiln(&dir, &["run", "start.wat"])?;
    ensure!(out.code() == Some(134), "a trapping start function exits with 134, got {}", out.describe());
    ensure!(out.stderr_text().starts_with("wasm trap: unreachable"), "stderr: {}", out.stderr_text());
    Ok(())
}

/// A WASI program that writes its NUL-separated arguments, then its
/// environment, to stdout.
const ARGS_ENV: &str = r#"(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $env (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (drop (call $args_sizes (i32.const 16) (i32.const 20)))
    (drop (call $args (i32.const 1024) (i32.const 4096)))
    (call $print (i32.const 4096) (i32.load (i32.const 20)))
    (drop (call $env_sizes (i32.const 16) (i32.const 20)))
    (drop (call $env (i32.const 1024) (i32.const 8192)))
    (call $print (i32.const 8192) (i32.load (i32.const 20)))))"#;

#[test]
fn everything_after_the_module_goes_to_the_program() -> Result<()> {
    let dir = scratch("args");
    write(&dir, "args.wat", ARGS_ENV)?;
    let out = kiln(&dir, &["run", "--env", "GREETING=hi", "args.wat", "--invoke", "-x", "--env", "A=B"])?;
    expect_stdout(&out, "args.wat\0--invoke\0-x\0--env\0A=B\0GREETING=hi\0")?;
    // Without --env the program sees no environment.
    expect_stdout(&kiln(&dir, &["run", "args.wat"])?, "args.wat\0")?;
    expect_error(&kiln(&dir, &["run", "--dir", "missing", "args.wat"])?, "cannot open directory `missing`")
}

#[test]
fn the_cache_is_reused_and_bad_entries_are_rebuilt() -> Result<()> {
    let dir = scratch("cache");
    hello(&dir)?;
    expect_stdout(&kiln(&dir, &["run", "--no-cache", "hello.wat"])?, "Hello, world!\n")?;
    ensure!(cache_entries(&dir)?.is_empty(), "--no-cache must not write the cache");

    expect_stdout(&kiln(&dir, &["run", "hello.wat"])?, "Hello, world!\n")?;
    let entries = cache_entries(&dir)?;
    ensure!(entries.len() == 1, "one cache entry expected, found {entries:?}");
    let entry = &entries[0];
    let good = std::fs::read(entry)?;

    // A valid entry is used as is: swap in the code of another program,
    // labelled with this module's hash, and that program runs.
    let hello_wasm = wat::parse_file(dir.join("hello.wat"))?;
    let other = write(
        &dir,
        "other.wat",
        &std::fs::read_to_string(dir.join("hello.wat"))?.replace("Hello, world!", "Hello, cache!"),
    )?;
    let out = kiln(&dir, &["precompile", other.to_str().context("UTF-8 path")?, "-o", "other.kwasm"])?;
    ensure!(out.status.success(), "precompile failed: {}", out.stderr_text());
    let other_blob = std::fs::read(dir.join("other.kwasm"))?;
    let payload = kiln_loader::parse(&other_blob)?.payload.to_vec();
    let meta = kiln_loader::parse(&good)?;
    let relabelled = kiln_loader::encode(
        &BlobMeta {
            kiln_version: meta.kiln_version,
            triple: meta.triple,
            cpu_features: meta.cpu_features,
            source_sha256: kiln_loader::sha256(&hello_wasm),
        },
        &payload,
    )?;
    std::fs::write(entry, &relabelled)?;
    expect_stdout(&kiln(&dir, &["run", "hello.wat"])?, "Hello, cache!\n")?;

    // An entry recorded for another module is rebuilt.
    std::fs::write(entry, &other_blob)?;
    let out = kiln(&dir, &["run", "hello.wat"])?;
    expect_stdout(&out, "Hello, world!\n")?;
    ensure!(out.stderr_text().contains("was compiled from another module"), "stderr: {}", out.stderr_text());
    ensure!(std::fs::read(entry)? == good, "the rebuilt entry is the original blob");

    // Truncated (a half-written file) and corrupted entries are rebuilt.
    for (what, bytes) in [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("checksum", {
            let mut b = good.clone();
            let last = b.len() - 1;
            b[last] ^= 0x40;
            b
        }),
    ] {
        std::fs::write(entry, &bytes)?;
        let out = kiln(&dir, &["run", "hello.wat"])?;
        expect_stdout(&out, "Hello, world!\n")?;
        ensure!(out.stderr_text().contains("rebuilding"), "{what}: stderr: {}", out.stderr_text());
        ensure!(out.stderr_text().contains(what), "{what}: stderr: {}", out.stderr_text());
        ensure!(std::fs::read(entry)? == good, "{what}: the entry is rebuilt");
    }
    ensure!(cache_entries(&dir)?.len() == 1, "no temporary files are left behind");

    // Other flags are another key.
    expect_stdout(&kiln(&dir, &["run", "-O", "none", "hello.wat"])?, "Hello, world!\n")?;
    ensure!(cache_entries(&dir)?.len() == 2, "-O none gets its own entry");
    Ok(())
}

#[test]
fn an_unwritable_cache_is_a_warning() -> Result<()> {
    let dir = scratch("readonly_cache");
    hello(&dir)?;
    // A file where the cache directory should be.
    std::fs::write(dir.join("cache"), "not a directory")?;
    let out = kiln(&dir, &["run", "hello.wat"])?;
    expect_stdout(&out, "Hello, world!\n")?;
    ensure!(out.stderr_text().starts_with("warning: "), "stderr: {}", out.stderr_text());
    Ok(())
}

#[test]
fn corrupted_and_mismatched_blobs_are_refused() -> Result<()> {
    let dir = scratch("bad_blobs");
    hello(&dir)?;
    let out = kiln(&dir, &["precompile", "hello.wat", "-o", "good.kwasm"])?;
    ensure!(out.status.success(), "precompile failed: {}", out.stderr_text());
    let good = std::fs::read(dir.join("good.kwasm"))?;
    let blob = kiln_loader::parse(&good)?;
    let meta = |kiln_version, triple, cpu_features| BlobMeta {
        kiln_version,
        triple,
        cpu_features,
        source_sha256: blob.source_sha256,
    };

    let mut cases: Vec<(&str, Vec<u8>, String)> = vec![
        ("truncated", good[..good.len() - 100].to_vec(), "blob is truncated".into()),
        ("magic_only", kiln_abi::blob::MAGIC.to_vec(), "blob is truncated".into()),
        ("garbage", b"\0asm garbage".to_vec(), "not a kiln blob".into()),
        (
            "corrupt",
            {
                let mut b = good.clone();
                let middle = b.len() / 2;
                b[middle] ^= 1;
                b
            },
            "checksum".into(),
        ),
        (
            "version",
            kiln_loader::encode(&meta("0.0.1-other", blob.triple, blob.cpu_features), blob.payload)?,
            format!("blob was made by kiln 0.0.1-other, this is kiln {KILN_VERSION}"),
        ),
        (
            "target",
            kiln_loader::encode(&meta(KILN_VERSION, "riscv64gc-unknown-linux-gnu", ""), blob.payload)?,
            "blob was made for target riscv64gc-unknown-linux-gnu".into(),
        ),
        (
            "feature",
            kiln_loader::encode(&meta(KILN_VERSION, blob.triple, "warp-drive"), blob.payload)?,
            "CPU feature \"warp-drive\"".into(),
        ),
    ];
    // A real feature this machine lacks, if there is one.
    let candidates = [
        "avx512bitalg",
        "avx512vbmi",
        "avx512f",
        "avx512vl",
        "avx512dq",
        "avx512bw",
        "avx2",
        "avx",
        "fma",
        "bmi1",
        "bmi2",
        "lzcnt",
        "f16c",
        "movbe",
        "aes",
        "pclmulqdq",
        "lse",
        "fp16",
        "crc",
        "sha2",
        "rcpc",
        "paca",
        "bti",
    ];
    match candidates.into_iter().find(|f| kiln_loader::cpu::host_has_feature(f) == Some(false)) {
        Some(feature) => {
            let blob = kiln_loader::encode(&meta(KILN_VERSION, blob.triple, feature), blob.payload)?;
            cases.push(("missing", blob, format!("CPU features this machine lacks: {feature}")));
        }
        None => eprintln!("note: this machine has every CPU feature kiln detects; the missing-feature case is skipped"),
    }
    for (name, bytes, message) in cases {
        let file = format!("{name}.kwasm");
        std::fs::write(dir.join(&file), &bytes)?;
        expect_error(&kiln(&dir, &["run", &file])?, &message).with_context(|| format!("blob `{name}`"))?;
    }

    // A blob precompiled for another target is refused before loading.
    let out = kiln(&dir, &["precompile", "hello.wat", "--target", "aarch64-linux", "-o", "arm.kwasm"])?;
    ensure!(out.status.success(), "cross precompile failed: {}", out.stderr_text());
    expect_error(&kiln(&dir, &["run", "arm.kwasm"])?, "blob was made for target aarch64")
}
