//! The random interpreter loops of `kiln_tests::dispatch`: every module
//! compiles with the Cranelift verifier on, nearly all get their dispatch
//! copied, and in every one the `br_table` interpreter computes what the
//! `if`-chain interpreter computes, under `kiln wast`.

use anyhow::{ensure, Result};
use kiln_compiler::{compile, CompileOptions};
use kiln_tests::{dispatch, run, scratch_dir};
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");

const MODULES: usize = 40;

#[test]
fn random_dispatch_loops_compute_what_if_chains_compute() -> Result<()> {
    let modules = dispatch::modules(MODULES);
    let mut copied = 0;
    for (m, text) in modules.iter().enumerate() {
        let options = CompileOptions { verify: true, capture_clif: true, ..CompileOptions::default() };
        let compiled = compile(text.as_bytes(), &options).map_err(|e| anyhow::anyhow!("module {m}: {e}\n{text}"))?;
        if compiled.clif.unwrap_or_default().matches("br_table").count() > 1 {
            copied += 1;
        }
    }
    // Some dispatches may be too large to copy; nearly all are not.
    ensure!(copied * 10 >= MODULES * 9, "only {copied} of {MODULES} modules had their dispatch copied");
    let dir = scratch_dir(TMP, "dispatch", "random");
    std::fs::write(dir.join("random.wast"), dispatch::script(&modules))?;
    let out = run(Command::new(KILN).args(["wast", "random.wast"]).current_dir(&dir), Duration::from_secs(300))?;
    let stdout = out.stdout_text();
    let passed = format!("random.wast: {} passed, 0 failed", MODULES * (dispatch::RUNS.len() + 1));
    ensure!(
        out.status.success() && stdout.contains(&passed),
        "kiln wast ({}):\n{stdout}{}",
        out.describe(),
        out.stderr_text()
    );
    Ok(())
}
