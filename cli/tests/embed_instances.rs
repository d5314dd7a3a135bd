//! The embedding API's instances: `tests/host/instances.c` links
//! `instance_echo.c` (a WASI program, `kiln compile`d) and `libkiln_rt.a`,
//! and creates five instances with `kiln_instance_new`, each with its own
//! arguments, granted variable, preopened directory (or none) and so its
//! own descriptor table, before running any of them with `kiln_run`. The
//! one that calls `proc_exit(7)` and the one that traps end their own call
//! with that status, and the others run after them.

use anyhow::{ensure, Result};
use kiln_tests::toolchain::{compile_wasm, gcc};
use kiln_tests::{fixture_dir, run, scratch_dir};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

fn kiln(dir: &Path, args: &[&str]) -> Result<()> {
    run(Command::new(KILN).args(args).current_dir(dir), TIMEOUT)?.success(&format!("kiln {}", args[0]))?;
    Ok(())
}

#[test]
fn instances_have_their_own_wasi_context() -> Result<()> {
    let src = fixture_dir("host");
    let dir = scratch_dir(TMP, "embed_instances", "contexts");
    compile_wasm(&src.join("instance_echo.c"), &dir.join("instance_echo.wasm"), &[])?;
    kiln(&dir, &["compile", "instance_echo.wasm", "-o", "instance_echo.o"])?;
    kiln(&dir, &["runtime-lib", "-o", "libkiln_rt.a"])?;
    let exe = dir.join("instances");
    gcc(&[
        "-Wall".as_ref(),
        "-Werror".as_ref(),
        "-I".as_ref(),
        dir.as_os_str(),
        src.join("instances.c").as_os_str(),
        dir.join("instance_echo.o").as_os_str(),
        dir.join("libkiln_rt.a").as_os_str(),
        "-o".as_ref(),
        exe.as_os_str(),
    ])?;
    for (name, note) in [("a", "alpha\n"), ("b", "beta\n")] {
        std::fs::create_dir_all(dir.join(name))?;
        std::fs::write(dir.join(name).join("note.txt"), note)?;
    }
    let out = run(Command::new(&exe).args(["a", "b"]).current_dir(&dir), TIMEOUT)?.success("the host")?;
    let expected = std::fs::read_to_string(src.join("instances.expected"))?;
    ensure!(out.stdout_text() == expected, "printed:\n{}\nexpected:\n{expected}", out.stdout_text());
    let stderr = out.stderr_text();
    ensure!(stderr.contains("wasm trap: "), "the trap is reported:\n{stderr}");
    ensure!(stderr.contains("nope"), "the unknown export is named:\n{stderr}");
    Ok(())
}
