//! The components part of the cross test: the C corpus and the WASI
//! programs as WASI 0.2 command components (`kiln_tests::component`),
//! built with `kiln build --target` and run under qemu. The C programs must
//! print what gcc's native build prints (exit status 0, 134 for a trap, 1
//! for any other: WASI 0.2's `exit` takes success or failure); the WASI
//! programs, built with their grants baked in, must fail exactly the checks
//! they fail under Wasmtime on the host (less the known differences, as
//! `cli/tests/wasi.rs` checks on the host), and one of them also runs
//! through the target's own `kiln run`.

use super::{arch_name, cross_kiln, exit_status, gnu_triple, kiln_build_with, run_emulated, runner, RUN_TIMEOUT};
use anyhow::{ensure, Context, Result};
use kiln_compiler::target::TargetSpec;
use kiln_tests::component;
use kiln_tests::known_failures::KnownFailures;
use kiln_tests::{directive, fixture_dir, fixtures, run, scratch_dir, shell_words, stem, toolchain};
use std::path::Path;
use std::process::Command;

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

/// The WASI programs that check themselves without help from the test
/// (no sockets, signals or prepared scenes).
const WASI: &[&str] = &["files", "directories", "readdir", "rename", "symlinks", "timestamps", "seek", "poll"];

pub fn check_components(spec: &'static TargetSpec) -> Result<()> {
    runner(spec)?;
    let known = KnownFailures::load()?;
    let dir = scratch_dir(TMP, &format!("cross-{}", arch_name(spec)), "components");
    for source in fixtures("c", "c") {
        let name = stem(&source);
        let text = std::fs::read_to_string(&source)?;
        // Programs that need target features or fail as components on the
        // host are left to their own tests.
        if directive(&text, "//", &format!("{} features", arch_name(spec))).is_some()
            || known.in_suite("c-component").any(|n| n == name)
        {
            continue;
        }
        c_program(spec, &source, &name, &text, &dir).with_context(|| format!("c-component/{name}"))?;
    }
    let differences = component::known_differences()?;
    for name in WASI {
        wasi_program(spec, name, &dir, differences.get(*name).map(Vec::as_slice).unwrap_or(&[]))
            .with_context(|| format!("wasi-component/{name}"))?;
    }
    kiln_run(spec, &dir)
}

fn c_program(spec: &TargetSpec, source: &Path, name: &str, text: &str, dir: &Path) -> Result<()> {
    let args = directive(text, "//", "args").map(|a| shell_words(&a)).unwrap_or_default();
    let cflags = directive(text, "//", "cflags").map(|a| shell_words(&a)).unwrap_or_default();
    let cflags: Vec<&str> = cflags.iter().map(String::as_str).collect();
    let wasm = dir.join(format!("{name}.wasm"));
    let native = dir.join(format!("{name}.native"));
    toolchain::compile_wasm(source, &wasm, &cflags)?;
    toolchain::gcc(&[source.as_os_str(), "-o".as_ref(), native.as_os_str(), "-lm".as_ref()])?;
    let exe = dir.join(name);
    kiln_build_with(spec, &component::componentize(&wasm)?, &exe, &[])?;
    let expected = run(Command::new(&native).args(&args).env_clear().current_dir(dir), RUN_TIMEOUT)?;
    let actual = run_emulated(spec, &exe, &args, dir)?;
    let status = match exit_status(&expected) {
        Some(s) if s != 0 && s != 134 => Some(1),
        s => s,
    };
    ensure!(
        status == exit_status(&actual) && expected.stdout == actual.stdout,
        "{name} on {}: native {} (as a component: status {status:?}), kiln {}\nnative stdout:\n{}\nkiln stdout:\n{}\nkiln stderr:\n{}",
        spec.triple,
        expected.describe(),
        actual.describe(),
        expected.stdout_text(),
        actual.stdout_text(),
        actual.stderr_text()
    );
    Ok(())
}

/// A fresh `<dir>/<name>/` holding an empty `sandbox/`.
fn scene(dir: &Path, name: &str) -> Result<std::path::PathBuf> {
    let scene = dir.join(name);
    if scene.exists() {
        std::fs::remove_dir_all(&scene)?;
    }
    std::fs::create_dir_all(scene.join("sandbox"))?;
    Ok(scene)
}

fn wasi_program(spec: &TargetSpec, name: &str, dir: &Path, allowed: &[u32]) -> Result<()> {
    let wasm = dir.join(format!("{name}.wasm"));
    toolchain::compile_wasm(&fixture_dir("wasi").join(format!("{name}.c")), &wasm, &[])?;
    let comp = component::componentize(&wasm)?;
    let grants = ["--dir".to_string(), "sandbox::/sandbox".to_string()];
    let reference = component::wasmtime_run(&comp, &grants, &[], &scene(dir, &format!("{name}-wasmtime"))?)?;
    let expected: Vec<String> = component::failures(&reference.stdout_text())
        .into_iter()
        .filter(|l| !component::failure_line(l).is_some_and(|n| allowed.contains(&n)))
        .collect();
    let exe = dir.join(format!("{name}-component"));
    kiln_build_with(spec, &comp, &exe, &["--dir", "sandbox::/sandbox"])?;
    let actual = run_emulated(spec, &exe, &[], &scene(dir, &format!("{name}-kiln"))?)?;
    let failures = component::failures(&actual.stdout_text());
    let status = if expected.is_empty() { 0 } else { 1 };
    ensure!(
        failures == expected && actual.code() == Some(status),
        "{name} on {}: {}, expected the failures Wasmtime gives:\n{}\nstdout:\n{}\nstderr:\n{}",
        spec.triple,
        actual.describe(),
        expected.join("\n"),
        actual.stdout_text(),
        actual.stderr_text()
    );
    Ok(())
}

/// `files` through the target's own `kiln run` under qemu.
fn kiln_run(spec: &TargetSpec, dir: &Path) -> Result<()> {
    let qemu = runner(spec)?;
    let kiln = cross_kiln(spec)?;
    let comp = dir.join("files.component.wasm");
    let scene = scene(dir, "files-kiln-run")?;
    let sysroot = format!("/usr/{}", gnu_triple(spec));
    let out = run(
        Command::new(&qemu)
            .arg("-L")
            .arg(&sysroot)
            .arg(&kiln)
            .args(["run", "--no-cache", "--dir", "sandbox::/sandbox"])
            .arg(&comp)
            .env_clear()
            .current_dir(&scene),
        RUN_TIMEOUT,
    )?;
    let grants = ["--dir".to_string(), "sandbox::/sandbox".to_string()];
    let reference = component::wasmtime_run(&comp, &grants, &[], &self::scene(dir, "files-wasmtime-run")?)?;
    ensure!(
        component::failures(&out.stdout_text()) == component::failures(&reference.stdout_text()),
        "files through kiln run on {}: {}\nstdout:\n{}\nstderr:\n{}",
        spec.triple,
        out.describe(),
        out.stdout_text(),
        out.stderr_text()
    );
    Ok(())
}
