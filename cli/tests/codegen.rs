//! Codegen expectations: for every `tests/codegen/NAME.wat`, the output of
//! `kiln compile --emit clif` and `--emit asm` (for x86_64, at the default
//! `-O speed`, plus the fixture's `;; compile:` options) must equal
//! `NAME.clif` and `NAME.asm` beside it. Run with
//! `KILN_BLESS=1` to regenerate them after an intended codegen change, and
//! review the diff.

use anyhow::Result;
use kiln_tests::{directive, expect, fixtures, run, shell_words, stem};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
/// Fixed so the expectations do not depend on the machine running the tests.
const TARGET: &str = "x86_64-unknown-linux-gnu";

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for file in fixtures("codegen", "wat") {
        for emit in ["clif", "asm"] {
            let file = file.clone();
            trials.push(Trial::test(format!("codegen/{}.{emit}", stem(&file)), move || {
                check(&file, emit).map_err(|e| Failed::from(format!("{e:#}")))
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit_code()
}

fn check(wat: &Path, emit: &str) -> Result<()> {
    let text = std::fs::read_to_string(wat)?;
    // `;; compile: FLAGS`: more `kiln compile` options for this fixture.
    let flags = directive(&text, ";;", "compile").map(|f| shell_words(&f)).unwrap_or_default();
    let out = run(
        Command::new(KILN).args(["compile", "--target", TARGET, "--emit", emit]).args(&flags).arg(wat),
        Duration::from_secs(120),
    )?
    .success(&format!("kiln compile --emit {emit}"))?;
    let listing = String::from_utf8(out.stdout)?;
    anyhow::ensure!(!listing.trim().is_empty(), "kiln compile --emit {emit} printed nothing");
    expect::check(&wat.with_extension(emit), &listing)
}
