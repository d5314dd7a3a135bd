//! Every module of the spec test suite's top-level `.wast` files compiles
//! with the CLIF verifier on: after translation, for every partial-inlining
//! guard, and after the guards are inlined (`CompileOptions::verify`; the
//! `kiln` binary, built in release mode, does not verify). Modules kiln
//! refuses (unsupported or invalid) are skipped; a verifier error or a
//! panic fails the test.

use kiln_compiler::{compile, CompileError, CompileOptions};
use std::path::PathBuf;
use wast::parser::{self, ParseBuffer};
use wast::{QuoteWat, Wast, WastDirective};

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec-testsuite")
}

#[test]
fn spec_modules_pass_the_clif_verifier() {
    let dir = spec_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "wast"))
        .collect();
    files.sort();
    assert!(files.len() > 100, "too few spec files in {}", dir.display());
    let options = CompileOptions { verify: true, ..CompileOptions::default() };
    let (mut compiled, mut failures) = (0, Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable .wast");
        let Ok(buf) = ParseBuffer::new(&text) else { continue };
        let Ok(script) = parser::parse::<Wast>(&buf) else { continue };
        for directive in script.directives {
            let mut module: QuoteWat = match directive {
                WastDirective::Module(m) | WastDirective::ModuleDefinition(m) => m,
                _ => continue,
            };
            let Ok(bytes) = module.encode() else { continue };
            match compile(&bytes, &options) {
                Ok(_) => compiled += 1,
                Err(e @ CompileError::Codegen { .. }) => failures.push(format!("{}: {e}", file.display())),
                Err(_) => {}
            }
        }
    }
    assert!(failures.is_empty(), "{} module(s) failed verification:\n{}", failures.len(), failures.join("\n"));
    assert!(compiled > 1000, "only {compiled} modules compiled");
}
