//! `kiln wast`: runs WebAssembly spec test scripts.
//!
//! Data flow: each file is parsed with the `wast` crate into directives
//! (after [`legacy`] flattens the folded legacy `try`s it cannot parse);
//! a fresh [`script::Script`] (its own instances, registrations and
//! `spectest` host module) runs them in order through the engine, each
//! directive counting as one passed or failed test ([`matching`] compares
//! values with the script's patterns). Failures are reported on stderr
//! with their line and column; stdout gets one `file: N passed, N failed`
//! line per file and a final total.

mod legacy;
mod matching;
mod script;

use crate::engine::Engine;
use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Test counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} passed, {} failed", self.passed, self.failed)
    }
}

/// Runs every file, printing the per-file and total lines; returns the total.
pub fn run_files(engine: &Engine, files: &[PathBuf]) -> Result<Counts> {
    let mut total = Counts::default();
    for file in files {
        let counts = run_file(engine, file);
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}: {counts}", file.display()).and_then(|()| stdout.flush())?;
        total += counts;
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{total}").and_then(|()| stdout.flush())?;
    Ok(total)
}

/// Runs one file. A file that cannot be read or parsed is one failure.
pub fn run_file(engine: &Engine, path: &Path) -> Counts {
    let failed = Counts { passed: 0, failed: 1 };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", path.display());
            return failed;
        }
    };
    let text = legacy::flatten_folded_try(&text);
    let parse_error = |mut e: ::wast::Error| {
        e.set_path(path);
        e.set_text(&text);
        eprintln!("{e}");
        failed
    };
    // The suite tests names with bidirectional-text characters on purpose.
    let mut lexer = ::wast::lexer::Lexer::new(&text);
    lexer.allow_confusing_unicode(true);
    let buf = match ::wast::parser::ParseBuffer::new_with_lexer(lexer) {
        Ok(buf) => buf,
        Err(e) => return parse_error(e),
    };
    let wast = match ::wast::parser::parse::<::wast::Wast<'_>>(&buf) {
        Ok(wast) => wast,
        Err(e) => return parse_error(e),
    };
    let mut script = match script::Script::new(engine) {
        Ok(script) => script,
        Err(e) => {
            eprintln!("{}: {e:#}", path.display());
            return failed;
        }
    };
    let mut counts = Counts::default();
    for directive in wast.directives {
        let (line, col) = directive.span().linecol_in(&text);
        match script.run(directive) {
            Ok(()) => counts.passed += 1,
            Err(e) => {
                counts.failed += 1;
                eprintln!("{}:{}:{}: {e:#}", path.display(), line + 1, col + 1);
            }
        }
    }
    counts
}
