//! Host functions from native code: `tests/host/imports.c` (a WASI program,
//! built with clang) imports `env.*` and `host-lib.mix`; `natives.c` (an
//! object) and `natives_lib.c` (in an `ar` archive) define them in C,
//! reading and writing the program's strings in linear memory through
//! `kiln_memory_base` and the VM context each receives first. Both are
//! compiled against the header `kiln compile` writes for the module, so gcc
//! checks them against the imports' prototypes. `kiln build --link` links
//! them in; imports nothing defines are listed in one error (insta
//! snapshots in `snapshots/`), and `kiln run` says it cannot load them.
//! `embed.c` links the same module into a C program with its own libc,
//! defining the imports under their exact symbols.

use anyhow::{ensure, Result};
use kiln_tests::toolchain::compile_wasm;
use kiln_tests::{fixture_dir, run, scratch_dir, Output};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

/// The native side, built once: `imports.wasm`, `natives.o` and
/// `libnatives.a` in one directory.
fn natives() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| build_natives().unwrap_or_else(|e| panic!("cannot build the host functions: {e:#}")))
}

fn build_natives() -> Result<PathBuf> {
    let src = fixture_dir("host");
    let dir = scratch_dir(TMP, "host_functions", "natives");
    compile_wasm(&src.join("imports.c"), &dir.join("imports.wasm"), &[])?;
    // The header declares the functions the host defines.
    kiln(&dir, &["compile", "imports.wasm", "-o", "imports.o"])?.success("kiln compile")?;
    ensure!(dir.join("imports.h").is_file(), "kiln compile wrote no imports.h");
    for name in ["natives", "natives_lib"] {
        let mut gcc = Command::new("gcc");
        gcc.args(["-c", "-O2", "-Wall", "-Werror", "-ffreestanding", "-fno-stack-protector", "-I"])
            .arg(&dir)
            .arg(src.join(format!("{name}.c")))
            .arg("-o")
            .arg(dir.join(format!("{name}.o")));
        run(&mut gcc, TIMEOUT)?.success("gcc -c")?;
    }
    run(Command::new("ar").args(["rcs", "libnatives.a", "natives_lib.o"]).current_dir(&dir), TIMEOUT)?.success("ar")?;
    Ok(dir)
}

fn kiln(dir: &Path, args: &[&str]) -> Result<Output> {
    run(Command::new(KILN).args(args).current_dir(dir), TIMEOUT)
}

fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

/// Rejected with exit status 1 and `error: `; returns stderr.
fn rejected(out: &Output) -> Result<String> {
    let stderr = out.stderr_text();
    ensure!(out.code() == Some(1), "expected exit status 1, got {}:\n{stderr}", out.describe());
    ensure!(stderr.starts_with("error: ") && !stderr.contains("panicked"), "{stderr}");
    Ok(stderr)
}

/// Builds with `--link natives.o --link libnatives.a` (linker from
/// `linker`, or discovered) and checks the program's output.
fn build_and_run(exe: &str, linker: Option<&str>) -> Result<()> {
    let dir = natives();
    let mut cmd = Command::new(KILN);
    cmd.args(["build", "imports.wasm", "-o", exe, "--link", "natives.o", "--link", "libnatives.a"]).current_dir(dir);
    if let Some(linker) = linker {
        cmd.env("KILN_LINKER", linker);
    }
    let out = run(&mut cmd, TIMEOUT)?.success("kiln build --link")?;
    ensure!(out.stderr.is_empty(), "kiln build warned:\n{}", out.stderr_text());
    let out = run(&mut Command::new(dir.join(exe)), TIMEOUT)?.success("the program")?;
    let expected = std::fs::read_to_string(fixture_dir("host").join("imports.expected"))?;
    ensure!(out.stdout_text() == expected, "printed:\n{}\nexpected:\n{expected}", out.stdout_text());
    Ok(())
}

#[test]
fn linked_host_functions_read_and_write_linear_memory() -> Result<()> {
    build_and_run("app", None)
}

#[test]
fn host_functions_link_with_a_c_compiler_driver() -> Result<()> {
    // GNU ld through cc: archive order and --defsym pulling archive members.
    build_and_run("app_cc", Some("cc"))
}

#[test]
fn a_c_program_embedding_the_module_defines_the_exact_symbols() -> Result<()> {
    let dir = natives();
    kiln(dir, &["runtime-lib", "-o", "libkiln_rt.a"])?.success("kiln runtime-lib")?;
    let mut gcc = Command::new("gcc");
    gcc.args(["-O2", "-Wall", "-Werror", "-I"])
        .arg(dir)
        .arg("-I")
        .arg(fixture_dir("host"))
        .arg(fixture_dir("host").join("embed.c"))
        .args(["imports.o", "libkiln_rt.a", "-o", "embed"])
        .current_dir(dir);
    run(&mut gcc, TIMEOUT)?.success("gcc embed.c")?;
    let out = run(&mut Command::new(dir.join("embed")), TIMEOUT)?.success("the embedding program")?;
    let expected = std::fs::read_to_string(fixture_dir("host").join("imports.expected"))?;
    ensure!(out.stdout_text() == expected, "printed:\n{}\nexpected:\n{expected}", out.stdout_text());
    Ok(())
}

#[test]
fn header_declares_imports_under_both_names() -> Result<()> {
    let header = std::fs::read_to_string(natives().join("imports.h"))?;
    for line in [
        "int32_t env_count_vowels(void *vmctx, int32_t p0);",
        "int32_t kiln_import_env__count_5fvowels(void *vmctx, int32_t p0);",
        "void env_to_upper(void *vmctx, int32_t p0, int32_t p1);",
        "int64_t kiln_import_host_2dlib__mix(void *vmctx, int64_t p0, double p1);",
    ] {
        ensure!(header.lines().any(|l| l == line), "imports.h lacks `{line}`:\n{header}");
    }
    ensure!(!header.contains("fd_write"), "WASI imports are the runtime's:\n{header}");
    Ok(())
}

#[test]
fn unsatisfied_host_imports_are_listed_in_one_error() -> Result<()> {
    let dir = natives();
    let out = kiln(dir, &["build", "imports.wasm", "-o", "none"])?;
    snapshot("error_host_imports_without_link", &rejected(&out)?);
    // The archive is missing: its two functions are listed.
    let out = kiln(dir, &["build", "imports.wasm", "-o", "none", "--link", "natives.o"])?;
    snapshot("error_host_imports_partly_linked", &rejected(&out)?);
    ensure!(!dir.join("none").exists(), "no executable may be written");
    Ok(())
}

#[test]
fn link_refuses_what_is_not_a_relocatable_object() -> Result<()> {
    let dir = natives();
    let stderr = rejected(&kiln(dir, &["build", "imports.wasm", "-o", "none", "--link", "imports.wasm"])?)?;
    ensure!(stderr.contains("--link `imports.wasm`: not an object file"), "{stderr}");
    let stderr = rejected(&kiln(dir, &["build", "imports.wasm", "-o", "none", "--link", KILN])?)?;
    ensure!(stderr.contains("give relocatable objects"), "{stderr}");
    let stderr = rejected(&kiln(dir, &["build", "imports.wasm", "-o", "none", "--link", "missing.o"])?)?;
    ensure!(stderr.contains("--link: cannot read `missing.o`"), "{stderr}");
    Ok(())
}

#[test]
fn kiln_run_says_it_cannot_load_host_functions() -> Result<()> {
    let out = kiln(natives(), &["run", "--no-cache", "imports.wasm"])?;
    snapshot("error_run_host_imports", &rejected(&out)?);
    Ok(())
}
