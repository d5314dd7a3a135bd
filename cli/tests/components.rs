//! Components kiln builds and components it refuses: every
//! `tests/components/*.wat`.
//!
//! - `;; expect: exit N`: `kiln run`, `kiln precompile` + `kiln run` of the
//!   blob, and the executable of `kiln build` all exit with status N, and so
//!   does Wasmtime (the PyPI package) running the same component.
//! - `;; error: TEXT` (one or more): `kiln build` fails, and its message
//!   contains every TEXT (and no panic).

use anyhow::{ensure, Context, Result};
use kiln_tests::{component, fixtures, run, scratch_dir, stem, Output};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

fn directives<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    let prefix = format!(";; {key}: ");
    text.lines().filter_map(|l| l.strip_prefix(prefix.as_str())).map(str::trim).collect()
}

fn kiln(dir: &Path) -> Command {
    let mut c = Command::new(KILN);
    c.current_dir(dir).env_clear();
    // kiln build looks for its linker on PATH.
    if let Some(path) = std::env::var_os("PATH") {
        c.env("PATH", path);
    }
    c
}

fn expect_status(out: &Output, status: i32, what: &str) -> Result<()> {
    ensure!(
        out.code() == Some(status),
        "{what}: {}, expected exit status {status}\nstdout:\n{}\nstderr:\n{}",
        out.describe(),
        out.stdout_text(),
        out.stderr_text()
    );
    Ok(())
}

fn check(file: &Path) -> Result<()> {
    let name = stem(file);
    let text = std::fs::read_to_string(file)?;
    let dir = scratch_dir(TMP, "components", &name);
    let errors = directives(&text, "error");
    if !errors.is_empty() {
        let out = run(kiln(&dir).arg("build").arg(file).arg("-o").arg(dir.join(&name)), TIMEOUT)?;
        let stderr = out.stderr_text();
        ensure!(out.code() == Some(1) && !stderr.contains("panicked"), "{name}: {}:\n{stderr}", out.describe());
        for e in errors {
            ensure!(stderr.contains(e), "{name}: the error does not say {e:?}:\n{stderr}");
        }
        return Ok(());
    }
    let status: i32 = directives(&text, "expect")
        .first()
        .and_then(|e| e.strip_prefix("exit "))
        .context("no `;; expect: exit N` or `;; error:` line")?
        .parse()?;
    expect_status(&run(kiln(&dir).args(["run", "--no-cache"]).arg(file), TIMEOUT)?, status, "kiln run")?;
    let blob = dir.join(format!("{name}.kwasm"));
    run(kiln(&dir).arg("precompile").arg(file).arg("-o").arg(&blob), TIMEOUT)?.success("kiln precompile")?;
    expect_status(&run(kiln(&dir).arg("run").arg(&blob), TIMEOUT)?, status, "kiln run of the blob")?;
    let exe = dir.join(&name);
    run(kiln(&dir).arg("build").arg(file).arg("-o").arg(&exe), TIMEOUT)?.success("kiln build")?;
    expect_status(&run(&mut Command::new(&exe), TIMEOUT)?, status, "the executable")?;
    let wasm = dir.join(format!("{name}.wasm"));
    std::fs::write(&wasm, wat::parse_file(file)?)?;
    expect_status(&component::wasmtime_run(&wasm, &[], &[], &dir)?, status, "Wasmtime")
}

#[test]
fn components_build_run_or_are_refused_with_a_reason() -> Result<()> {
    let mut failures = Vec::new();
    for file in fixtures("components", "wat") {
        if let Err(e) = check(&file) {
            failures.push(format!("{}: {e:#}", file.display()));
        }
    }
    ensure!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}

/// A component of its own world (`tests/components/host/app.wit`): strings,
/// lists and a host resource through C host functions (`natives.c`),
/// compiled against the header `kiln compile` writes and linked with
/// `kiln build --link`. Without them, `kiln build` lists every missing
/// function with its C prototype.
#[test]
fn a_components_own_world_calls_host_functions_in_c() -> Result<()> {
    let src = kiln_tests::fixture_dir("components").join("host");
    let dir = scratch_dir(TMP, "components", "host");
    let comp = dir.join("app.wasm");
    std::fs::write(&comp, component::from_wit(&src.join("app.wat"), &src.join("app.wit"), "app")?)?;
    run(kiln(&dir).args(["compile", "app.wasm", "-o", "app.o"]), TIMEOUT)?.success("kiln compile")?;
    let header = std::fs::read_to_string(dir.join("app.h"))?;
    ensure!(
        header.contains("kiln_import_kiln_3atest_2fhost__greet(void *vmctx, int32_t p0, int32_t p1")
            && !header.contains("wasi_3acli"),
        "the header lacks the host functions or lists WASI ones:\n{header}"
    );
    let mut gcc = Command::new("gcc");
    gcc.args(["-c", "-O2", "-Wall", "-Werror", "-ffreestanding", "-fno-stack-protector", "-I"])
        .arg(&dir)
        .arg(src.join("natives.c"))
        .arg("-o")
        .arg(dir.join("natives.o"));
    run(&mut gcc, TIMEOUT)?.success("gcc -c natives.c")?;

    let missing = run(kiln(&dir).args(["build", "app.wasm", "-o", "app"]), TIMEOUT)?;
    let stderr = missing.stderr_text();
    ensure!(
        missing.code() == Some(1)
            && stderr.contains("6 unsatisfied imports")
            && stderr.contains("kiln:test/host.[constructor]counter: not provided: define `int32_t kiln_import_kiln_3atest_2fhost___5bconstructor_5dcounter(void *vmctx, int32_t p0, int32_t p1, int32_t p2)`"),
        "kiln build without --link: {}\n{stderr}",
        missing.describe()
    );
    run(kiln(&dir).args(["build", "app.wasm", "--link", "natives.o", "-o", "app"]), TIMEOUT)?.success("kiln build")?;
    let out = run(&mut Command::new(dir.join("app")), TIMEOUT)?;
    ensure!(out.code() == Some(0), "the app failed check {:?}: {}\n{}", out.code(), out.describe(), out.stderr_text());
    let refused = run(kiln(&dir).args(["run", "--no-cache", "app.wasm"]), TIMEOUT)?;
    ensure!(
        refused.code() == Some(1) && refused.stderr_text().contains("kiln:test/host.greet: not provided"),
        "kiln run of a component needing host functions: {}\n{}",
        refused.describe(),
        refused.stderr_text()
    );
    Ok(())
}
