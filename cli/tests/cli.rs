//! The `kiln` command itself: help texts and error messages (insta snapshots
//! in the top-level `snapshots/`; accept changes with `cargo insta review` or
//! `INSTA_UPDATE=always`), output files, linkers, and the examples.

use anyhow::{ensure, Context, Result};
use kiln_tests::{check_static_elf, repo_root, run, scratch_dir, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

fn kiln(dir: &Path, args: &[&str]) -> Result<Output> {
    run(Command::new(KILN).args(args).current_dir(dir), TIMEOUT)
}

fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

/// A scratch directory holding a copy of `examples/hello.wat`.
fn with_hello(name: &str) -> Result<PathBuf> {
    let dir = scratch_dir(TMP, "cli", name);
    std::fs::copy(repo_root().join("examples/hello.wat"), dir.join("hello.wat"))?;
    Ok(dir)
}

fn assert_hello_runs(exe: &Path) -> Result<()> {
    check_static_elf(&std::fs::read(exe)?).map_err(anyhow::Error::msg).context("kiln build output")?;
    let out = run(&mut Command::new(exe), TIMEOUT)?.success("the hello executable")?;
    ensure!(out.stdout_text() == "Hello, world!\n", "unexpected output: {:?}", out.stdout_text());
    Ok(())
}

/// Rejected with exit status 1, `error: ` and no panic; returns stderr.
fn rejected(out: &Output) -> String {
    let stderr = out.stderr_text();
    assert_eq!(out.code(), Some(1), "expected exit status 1, got {}:\n{stderr}", out.describe());
    assert!(stderr.starts_with("error: "), "stderr should start with `error: `:\n{stderr}");
    assert!(!stderr.contains("panicked"), "kiln panicked:\n{stderr}");
    stderr
}

#[test]
fn help_texts() -> Result<()> {
    let dir = scratch_dir(TMP, "cli", "help");
    for (name, args) in [
        ("help", &["--help"][..]),
        ("help_build", &["build", "--help"]),
        ("help_compile", &["compile", "--help"]),
        ("help_runtime_lib", &["runtime-lib", "--help"]),
    ] {
        let out = kiln(&dir, args)?.success("kiln --help")?;
        snapshot(name, &out.stdout_text());
    }
    Ok(())
}

#[test]
fn usage_errors_exit_with_status_1() -> Result<()> {
    let dir = with_hello("usage_errors")?;
    // Without a command, the help goes to stderr with status 1.
    let out = kiln(&dir, &[])?;
    ensure!(out.code() == Some(1), "`kiln` alone should exit with status 1, got {}", out.describe());
    ensure!(out.stderr_text().contains("Usage: kiln <COMMAND>"), "`kiln` alone should print usage");
    for (name, args) in [
        ("error_missing_input", &["build", "missing.wasm"][..]),
        ("error_bad_opt_level", &["build", "hello.wat", "-O", "fast"]),
        ("error_32bit_target", &["build", "hello.wat", "--target", "i686-unknown-linux-gnu"]),
        ("error_bad_target", &["compile", "hello.wat", "--target", "no-such-target"]),
        ("error_run_unknown_option", &["run", "--cpu", "x86-64", "hello.wat"]),
    ] {
        let out = kiln(&dir, args)?;
        snapshot(name, &rejected(&out));
    }
    Ok(())
}

#[test]
fn unsatisfied_imports_are_listed_together() -> Result<()> {
    let dir = scratch_dir(TMP, "cli", "imports");
    let wat = r#"(module
  (import "env" "log" (func (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_teleport" (func))
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (import "env" "table" (table 1 funcref))
  (import "env" "g" (global i32))
  (func (export "_start")))"#;
    std::fs::write(dir.join("imports.wat"), wat)?;
    let out = kiln(&dir, &["build", "imports.wat"])?;
    snapshot("error_unsatisfied_imports", &rejected(&out));
    ensure!(!dir.join("imports").exists(), "no executable may be written");
    Ok(())
}

#[test]
fn build_needs_a_wasi_command() -> Result<()> {
    let dir = scratch_dir(TMP, "cli", "no_start");
    std::fs::write(
        dir.join("library.wat"),
        r#"(module (func (export "add") (param i32 i32) (result i32) local.get 0))"#,
    )?;
    let out = kiln(&dir, &["build", "library.wat"])?;
    snapshot("error_no_start", &rejected(&out));
    ensure!(!dir.join("library").exists(), "no executable may be written");
    Ok(())
}

#[test]
fn build_hello_example_with_default_output_name() -> Result<()> {
    let dir = with_hello("build_default")?;
    kiln(&dir, &["build", "hello.wat"])?.success("kiln build")?;
    assert_hello_runs(&dir.join("hello"))?;
    ensure!(!dir.join("hello.o").exists(), "the object is only kept with --keep-object");
    Ok(())
}

/// Valgrind runs the client with its own aux vector and no vDSO mapping,
/// so the executable takes its page size from the aux vector on its stack
/// (rustix's lookup of the kernel's copy faulted); and the main thread's
/// stack is an unnamed mapping that valgrind grows, which must not be
/// taken for a small fixed stack (deep recursion then trapped at once).
#[test]
fn executables_run_under_valgrind() -> Result<()> {
    let dir = with_hello("valgrind")?;
    let deep = r#"(module
      (func $down (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
      (func (export "_start") (drop (call $down (i32.const 50000)))))"#;
    std::fs::write(dir.join("deep.wat"), deep)?;
    for name in ["hello", "deep"] {
        kiln(&dir, &["build", &format!("{name}.wat")])?.success("kiln build")?;
        let mut cmd = Command::new("valgrind");
        cmd.args(["--tool=none", "--error-exitcode=99", &format!("./{name}")]).current_dir(&dir);
        let out = run(&mut cmd, TIMEOUT).context("valgrind (scripts/test.sh installs it)")?;
        let out = out.success(&format!("{name} under valgrind"))?;
        let expected = if name == "hello" { "Hello, world!\n" } else { "" };
        ensure!(out.stdout_text() == expected, "{name}: unexpected output: {:?}", out.stdout_text());
    }
    Ok(())
}

#[test]
fn build_keep_object_and_every_opt_level() -> Result<()> {
    let dir = with_hello("opt_levels")?;
    for level in ["none", "speed", "speed_and_size"] {
        let exe = format!("hello-{level}");
        kiln(&dir, &["build", "hello.wat", "-o", &exe, "-O", level, "--keep-object"])?.success("kiln build")?;
        assert_hello_runs(&dir.join(&exe))?;
        let object = std::fs::read(dir.join(format!("{exe}.o")))?;
        ensure!(object.starts_with(b"\x7fELF") && object[16] == 1, "{exe}.o should be a relocatable ELF object");
    }
    Ok(())
}

/// `--cpu native` compiles for this machine's features: `i64.clz` becomes
/// `lzcnt` exactly when the CPU has it, the executable runs, and another
/// architecture's `native` is refused.
#[test]
#[cfg(target_arch = "x86_64")]
fn native_cpu_uses_this_machines_features() -> Result<()> {
    let dir = with_hello("native_cpu")?;
    kiln(&dir, &["build", "hello.wat", "-o", "hello-native", "--cpu", "native"])?.success("kiln build --cpu native")?;
    assert_hello_runs(&dir.join("hello-native"))?;
    std::fs::write(dir.join("clz.wat"), "(module (func (export \"f\") (param i64) (result i64) local.get 0 i64.clz))")?;
    let asm = |args: &[&str]| -> Result<bool> {
        let mut all = vec!["compile", "clz.wat", "--emit", "asm"];
        all.extend_from_slice(args);
        let listing = kiln(&dir, &all)?.success("kiln compile --emit asm")?.stdout_text();
        Ok(listing.lines().any(|l| l.split_whitespace().next() == Some("lzcntq")))
    };
    ensure!(!asm(&[])?, "the default baseline has no lzcnt");
    let has = std::is_x86_feature_detected!("lzcnt");
    ensure!(asm(&["--cpu", "native"])? == has, "--cpu native should use lzcnt exactly when this CPU has it ({has})");
    let stderr = rejected(&kiln(&dir, &["compile", "clz.wat", "--target", "aarch64-linux", "--cpu", "native"])?);
    ensure!(
        stderr.contains("`--cpu native` means the CPU kiln runs on, and this machine is not aarch64-unknown-linux-gnu"),
        "{stderr}"
    );
    Ok(())
}

/// An executable checks at startup that the CPU has the features its
/// baseline assumed, and says which one is missing instead of dying on an
/// illegal instruction: run under qemu-x86_64 with CPU models that lack
/// SSSE3 (`qemu64`) and AVX (`Nehalem`).
#[test]
#[cfg(target_arch = "x86_64")]
fn executables_check_the_cpu_features_they_were_built_for() -> Result<()> {
    let dir = with_hello("cpu_check")?;
    for (cpu, exe) in [("x86-64", "hello-v1"), ("x86-64-v2", "hello-v2"), ("x86-64-v3", "hello-v3")] {
        kiln(&dir, &["build", "hello.wat", "-o", exe, "--cpu", cpu])?.success("kiln build --cpu")?;
    }
    let qemu =
        |model: &str, exe: &str| run(Command::new("qemu-x86_64").args(["-cpu", model]).arg(dir.join(exe)), TIMEOUT);
    for (model, exe, missing) in [
        ("qemu64", "hello-v1", None),
        ("qemu64", "hello-v2", Some("ssse3")),
        ("Nehalem", "hello-v2", None),
        ("Nehalem", "hello-v3", Some("avx")),
    ] {
        let out = qemu(model, exe)?;
        match missing {
            None => ensure!(
                out.code() == Some(0) && out.stdout_text() == "Hello, world!\n",
                "{exe} on {model}: {}",
                out.describe()
            ),
            Some(feature) => {
                ensure!(
                    out.code() == Some(1) && out.stdout.is_empty(),
                    "{exe} on {model} should refuse to run: {}",
                    out.describe()
                );
                let expected =
                    format!("kiln: this code was compiled for CPU feature `{feature}`, which this machine's CPU lacks");
                ensure!(out.stderr_text().starts_with(&expected), "{exe} on {model}: {}", out.stderr_text());
            }
        }
    }
    Ok(())
}

#[test]
fn build_refuses_to_overwrite_its_input() -> Result<()> {
    let dir = with_hello("overwrite")?;
    std::fs::copy(dir.join("hello.wat"), dir.join("hello"))?;
    let stderr = rejected(&kiln(&dir, &["build", "hello"])?);
    ensure!(stderr.contains("would overwrite the input"), "{stderr}");
    Ok(())
}

#[test]
fn compile_writes_object_and_header() -> Result<()> {
    let dir = with_hello("compile")?;
    kiln(&dir, &["compile", "hello.wat"])?.success("kiln compile")?;
    let object = std::fs::read(dir.join("hello.o"))?;
    ensure!(object.starts_with(b"\x7fELF") && object[16] == 1, "hello.o should be a relocatable ELF object");
    let header = std::fs::read_to_string(dir.join("hello.h"))?;
    ensure!(header.contains("kiln_instantiate"), "hello.h should declare the runtime API:\n{header}");
    ensure!(header.contains("kiln_export__5fstart("), "hello.h should declare the `_start` export:\n{header}");
    kiln(&dir, &["compile", "hello.wat", "-o", "named.o"])?.success("kiln compile -o")?;
    ensure!(dir.join("named.o").is_file() && dir.join("named.h").is_file(), "-o names the object and header");
    Ok(())
}

#[test]
fn compile_emits_listings_to_stdout_or_a_file() -> Result<()> {
    let dir = with_hello("listings")?;
    let clif = kiln(&dir, &["compile", "hello.wat", "--emit", "clif"])?.success("--emit clif")?.stdout_text();
    ensure!(clif.contains("function") && clif.contains("call"), "not CLIF:\n{clif}");
    let asm = kiln(&dir, &["compile", "hello.wat", "--emit", "asm"])?.success("--emit asm")?.stdout_text();
    ensure!(asm.contains("ret"), "not an x86_64 listing:\n{asm}");
    let out = kiln(&dir, &["compile", "hello.wat", "--emit", "clif", "-o", "hello.clif"])?.success("--emit clif -o")?;
    ensure!(out.stdout.is_empty(), "with -o the listing goes to the file only");
    ensure!(std::fs::read_to_string(dir.join("hello.clif"))? == clif, "the file holds the same listing");
    ensure!(!dir.join("hello.o").exists(), "--emit clif writes no object");
    // A module without functions has a listing too, which says so.
    std::fs::write(dir.join("empty.wat"), "(module (memory 1))")?;
    for emit in ["clif", "asm"] {
        let out = kiln(&dir, &["compile", "empty.wat", "--emit", emit])?.success("--emit of an empty module")?;
        ensure!(out.stdout_text() == "; the module defines no functions\n", "{emit}: {}", out.stdout_text());
    }
    Ok(())
}

#[test]
fn runtime_lib_writes_an_archive() -> Result<()> {
    let dir = scratch_dir(TMP, "cli", "runtime_lib");
    kiln(&dir, &["runtime-lib"])?.success("kiln runtime-lib")?;
    let archive = std::fs::read(dir.join("libkiln_rt.a"))?;
    ensure!(archive.starts_with(b"!<arch>\n"), "libkiln_rt.a is not an ar archive");
    kiln(&dir, &["runtime-lib", "-o", "other.a", "--target", "x86_64-linux"])?.success("runtime-lib --target")?;
    ensure!(std::fs::read(dir.join("other.a"))? == archive, "the host archive is the x86_64-linux one");
    Ok(())
}

fn build_with_linker(name: &str, linker: &Path) -> Result<()> {
    let dir = with_hello(name)?;
    let out =
        run(Command::new(KILN).args(["build", "hello.wat"]).env("KILN_LINKER", linker).current_dir(&dir), TIMEOUT)?;
    out.success(&format!("kiln build with KILN_LINKER={}", linker.display()))?;
    assert_hello_runs(&dir.join("hello"))
}

#[test]
fn links_with_a_c_compiler_driver() -> Result<()> {
    build_with_linker("linker_cc", Path::new("cc"))
}

#[test]
fn links_with_rust_lld() -> Result<()> {
    let sysroot = run(Command::new("rustc").args(["--print", "sysroot"]), TIMEOUT)?.success("rustc")?.stdout_text();
    let host = run(Command::new("rustc").args(["--print", "host-tuple"]), TIMEOUT)?.success("rustc")?.stdout_text();
    let lld = Path::new(sysroot.trim()).join("lib/rustlib").join(host.trim()).join("bin/rust-lld");
    ensure!(lld.is_file(), "the Rust toolchain has no rust-lld at {}", lld.display());
    build_with_linker("linker_rust_lld", &lld)
}

#[test]
fn finds_rust_lld_when_ld_lld_is_not_on_path() -> Result<()> {
    let dir = with_hello("linker_discovery")?;
    // PATH holds only `rustc`, so discovery must go through its sysroot.
    let bin = dir.join("bin");
    std::fs::create_dir(&bin)?;
    let path = std::env::var_os("PATH").context("PATH is set")?;
    let rustc = std::env::split_paths(&path).map(|d| d.join("rustc")).find(|p| p.is_file()).context("rustc on PATH")?;
    std::os::unix::fs::symlink(&rustc, bin.join("rustc"))?;
    let out = run(Command::new(KILN).args(["build", "hello.wat"]).env("PATH", &bin).current_dir(&dir), TIMEOUT)?;
    out.success("kiln build with only rustc on PATH")?;
    assert_hello_runs(&dir.join("hello"))?;
    // With nothing on PATH, the error says what to install.
    let out = run(Command::new(KILN).args(["build", "hello.wat"]).env("PATH", "").current_dir(&dir), TIMEOUT)?;
    let stderr = rejected(&out);
    ensure!(stderr.contains("no linker found") && stderr.contains("apt-get install lld"), "{stderr}");
    Ok(())
}

#[test]
fn a_missing_linker_is_a_clear_error() -> Result<()> {
    let dir = with_hello("linker_missing")?;
    let out = run(
        Command::new(KILN).args(["build", "hello.wat"]).env("KILN_LINKER", "/nonexistent/ld").current_dir(&dir),
        TIMEOUT,
    )?;
    let stderr = rejected(&out);
    ensure!(stderr.contains("/nonexistent/ld"), "the message should name the linker:\n{stderr}");
    Ok(())
}

#[test]
fn a_failing_link_shows_the_linker_output() -> Result<()> {
    let dir = with_hello("linker_fails")?;
    // `false` accepts any arguments and fails: the error must show the link line.
    let out =
        run(Command::new(KILN).args(["build", "hello.wat"]).env("KILN_LINKER", "false").current_dir(&dir), TIMEOUT)?;
    let stderr = rejected(&out);
    ensure!(stderr.contains("linking failed") && stderr.contains("kiln_entry"), "{stderr}");
    Ok(())
}

/// Memory 0 at a fixed address (`--memory-base fixed`, `kiln build`'s
/// default on x86_64 Linux) and loaded from the instance (`any`, and
/// `kiln run`) give the same results: the last bytes of a 512 MiB memory
/// reached with static offsets past what x86's 32-bit displacement folds
/// (0x60000000 + 0x20000000 = 2 GiB), bulk operations at the end, and an
/// out-of-bounds trap one byte past it. A precompiled blob with a fixed base
/// runs too.
#[test]
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
fn memory_bases_fixed_and_any_agree() -> Result<()> {
    let dir = scratch_dir(TMP, "cli", "memory_base");
    let wat = r#"(module
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (memory 1)
      (data (i32.const 16) "ok\n")
      (func $check (param i32) (if (i32.eqz (local.get 0)) (then unreachable)))
      (func (export "_start")
        ;; 8193 pages: the last byte is at 0x2000ffff.
        (call $check (i32.eq (memory.grow (i32.const 8192)) (i32.const 1)))
        (i64.store (i32.const 0x2000fff8) (i64.const 0x1122334455667788))
        (call $check (i64.eq (i64.load offset=0x20000000 (i32.const 0xfff8)) (i64.const 0x1122334455667788)))
        (call $check (i32.eq (i32.load8_u offset=0x1fffffff (i32.const 0xfffa)) (i32.const 0x77)))
        (memory.fill (i32.const 0x2000fff0) (i32.const 0xab) (i32.const 8))
        (call $check (i32.eq (i32.load offset=0x20000000 (i32.const 0xfff4)) (i32.const 0xabababab)))
        (memory.copy (i32.const 32) (i32.const 0x2000fff8) (i32.const 8))
        (call $check (i64.eq (i64.load (i32.const 32)) (i64.const 0x1122334455667788)))
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 3))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        ;; Bytes 0x2000fffd..0x20010000: one past the end.
        (drop (i32.load offset=0x20000000 (i32.const 0xfffd)))))"#;
    std::fs::write(dir.join("edges.wat"), wat)?;
    kiln(&dir, &["build", "edges.wat", "-o", "fixed", "--keep-object"])?.success("kiln build")?;
    kiln(&dir, &["build", "edges.wat", "-o", "any", "--memory-base", "any"])?
        .success("kiln build --memory-base any")?;
    kiln(&dir, &["precompile", "edges.wat", "-o", "fixed.kwasm", "--memory-base", "fixed"])?.success("precompile")?;
    // The default build compiled the address in: the store to address 0
    // writes to the absolute address 0x60000000.
    let object = std::fs::read(dir.join("fixed.o"))?;
    ensure!(
        object.windows(4).any(|w| w == 0x6000_0000u32.to_le_bytes()),
        "kiln build did not compile memory 0's fixed address into the code"
    );
    let runs = [
        ("fixed", run(&mut Command::new(dir.join("fixed")), TIMEOUT)?),
        ("any", run(&mut Command::new(dir.join("any")), TIMEOUT)?),
        ("kiln run", kiln(&dir, &["run", "edges.wat"])?),
        ("kiln run fixed.kwasm", kiln(&dir, &["run", "fixed.kwasm"])?),
    ];
    for (name, out) in runs {
        ensure!(out.stdout_text() == "ok\n", "{name}: {}", out.describe());
        ensure!(out.code() == Some(134), "{name}: expected the trap's status 134, got {}", out.describe());
        ensure!(out.stderr_text().contains("out of bounds memory access"), "{name}: {}", out.describe());
    }
    Ok(())
}
