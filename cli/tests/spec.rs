//! The official WebAssembly spec test suite through `kiln wast`.
//!
//! Every `.wast` file of `../shared/spec-testsuite` (relative to the
//! repository root; the suite is never copied) runs in its own `kiln wast`
//! process, two or more at a time. Each file's (passed, failed) counts are
//! compared with `tests/spec-expectations.txt`, which lists the files that
//! do not pass completely; every other file must pass all its tests. Any
//! change fails the test: a regression, and also an improvement, until the
//! list is updated (`KILN_BLESS=1`), so the list only shrinks. Per-group
//! totals (groups from the suite's `GROUPS.txt`) are printed at the end.

use anyhow::{bail, Context, Result};
use kiln_tests::expect::{blessing, BLESS_VAR};
use kiln_tests::{repo_root, run};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TIMEOUT: Duration = Duration::from_secs(600);
const EXPECTATIONS: &str = "tests/spec-expectations.txt";

const HEADER: &str = "\
# Spec test files that do not pass completely under `kiln wast`, with their counts:
# `FILE PASSED FAILED`, or `FILE crash` when kiln does not finish the file. Paths are
# relative to ../shared/spec-testsuite. Every file not listed must pass all its tests.
# cli/tests/spec.rs fails on any change: a regression, or an improvement that must be
# recorded here (rerun with KILN_BLESS=1 to rewrite this file). The list only shrinks.
";

/// What running one file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Counts {
        passed: usize,
        failed: usize,
    },
    /// kiln did not print the file's line: it crashed or timed out.
    Crash(String),
}

impl Outcome {
    fn passes(&self) -> bool {
        matches!(self, Outcome::Counts { failed: 0, .. })
    }

    fn line(&self, file: &str) -> String {
        match self {
            Outcome::Counts { passed, failed } => format!("{file} {passed} {failed}"),
            Outcome::Crash(_) => format!("{file} crash"),
        }
    }

    fn same_as(&self, other: &Outcome) -> bool {
        match (self, other) {
            (Outcome::Crash(_), Outcome::Crash(_)) => true,
            _ => self == other,
        }
    }
}

/// The suite directory.
fn suite_dir() -> PathBuf {
    repo_root().join("../shared/spec-testsuite")
}

/// Groups of the suite kiln passes completely: `core` (Wasm 1.0 and 2.0
/// without SIMD) and `simd` (fixed-width SIMD).
const REQUIRED_GROUPS: &[&str] = &["core", "simd"];

/// `GROUPS.txt`: (group, globs) in order; the first match wins.
fn groups(dir: &Path) -> Result<Vec<(String, Vec<String>)>> {
    let path = dir.join("GROUPS.txt");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let Some((group, globs)) = line.split_once('\t') else { bail!("{}: bad line `{line}`", path.display()) };
        out.push((group.to_string(), globs.split_whitespace().map(String::from).collect()));
    }
    Ok(out)
}

fn group_of<'g>(groups: &'g [(String, Vec<String>)], file: &str) -> Option<&'g str> {
    groups.iter().find_map(|(group, globs)| {
        let hit = globs
            .iter()
            .any(|g| (g.contains('/') || !file.contains('/')) && kiln_tests::glob_match(g.as_bytes(), file.as_bytes()));
        hit.then_some(group.as_str())
    })
}

/// Every `.wast` file under `dir`, relative, sorted.
fn wast_files(dir: &Path) -> Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
        for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path.extension().is_some_and(|e| e == "wast") {
                let rel = path.strip_prefix(root).context("inside the suite")?;
                out.push(rel.to_str().context("file names are UTF-8")?.to_string());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Runs `kiln wast FILE` in the suite directory.
fn run_file(dir: &Path, file: &str) -> (Outcome, String) {
    let out = match run(Command::new(KILN).arg("wast").arg(file).current_dir(dir), TIMEOUT) {
        Ok(out) => out,
        Err(e) => return (Outcome::Crash(format!("{e:#}")), String::new()),
    };
    let stdout = out.stdout_text();
    let prefix = format!("{file}: ");
    let counts = stdout.lines().filter_map(|l| l.strip_prefix(&prefix)).find_map(|rest| {
        let (passed, failed) = rest.strip_suffix(" failed")?.split_once(" passed, ")?;
        Some(Outcome::Counts { passed: passed.parse().ok()?, failed: failed.parse().ok()? })
    });
    let outcome = counts.unwrap_or_else(|| Outcome::Crash(out.describe()));
    (outcome, out.stderr_text())
}

/// Parses the expectations file: file -> outcome.
fn expectations(text: &str) -> Result<BTreeMap<String, Outcome>> {
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || format!("{EXPECTATIONS}:{}: expected `FILE PASSED FAILED` or `FILE crash`", n + 1);
        let fields: Vec<&str> = line.split_whitespace().collect();
        let outcome = match fields[..] {
            [_, "crash"] => Outcome::Crash(String::new()),
            [_, p, f] => Outcome::Counts { passed: p.parse().with_context(bad)?, failed: f.parse().with_context(bad)? },
            _ => bail!(bad()),
        };
        if out.insert(fields[0].to_string(), outcome).is_some() {
            bail!("{EXPECTATIONS}:{}: {} is listed twice", n + 1, fields[0]);
        }
    }
    Ok(out)
}

/// At most this many failure lines of a file are shown.
const SHOWN_FAILURES: usize = 10;

fn main() -> ExitCode {
    match check() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn check() -> Result<()> {
    let dir = suite_dir();
    let groups = groups(&dir)?;
    let files = wast_files(&dir)?;
    let expectations_path = repo_root().join(EXPECTATIONS);
    let expected_text = match std::fs::read_to_string(&expectations_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && blessing() => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", expectations_path.display())),
    };
    let expected = expectations(&expected_text)?;

    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(String, Outcome, String)>> = Mutex::new(Vec::with_capacity(files.len()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).max(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let (outcome, stderr) = run_file(&dir, file);
                results.lock().expect("no worker panics").push((file.clone(), outcome, stderr));
            });
        }
    });
    let mut results = results.into_inner().expect("no worker panics");
    results.sort_by(|a, b| a.0.cmp(&b.0));

    // Per-group totals.
    let mut totals: BTreeMap<&str, (usize, usize, usize, usize, usize)> = BTreeMap::new();
    for (file, outcome, _) in &results {
        let group = group_of(&groups, file).unwrap_or("ungrouped");
        let t = totals.entry(group).or_default();
        t.0 += 1;
        match outcome {
            Outcome::Counts { passed, failed } => {
                t.1 += usize::from(*failed == 0);
                t.2 += passed;
                t.3 += failed;
            }
            Outcome::Crash(_) => t.4 += 1,
        }
    }
    println!("{:<20} {:>13} {:>9} {:>9} {:>7}", "group", "files passing", "passed", "failed", "crashed");
    for (group, (files, clean, passed, failed, crashed)) in &totals {
        println!("{group:<20} {:>13} {passed:>9} {failed:>9} {crashed:>7}", format!("{clean}/{files}"));
    }
    println!("{} files in {:.1}s", results.len(), start.elapsed().as_secs_f64());

    if blessing() {
        let mut text = String::from(HEADER);
        for (file, outcome, _) in &results {
            if !outcome.passes() {
                text.push_str(&outcome.line(file));
                text.push('\n');
            }
        }
        std::fs::write(&expectations_path, text)
            .with_context(|| format!("cannot write {}", expectations_path.display()))?;
        return Ok(());
    }

    let mut problems = Vec::new();
    // These groups must pass completely; no expectation can excuse a file.
    for group in REQUIRED_GROUPS {
        if let Some((files, clean, _, failed, crashed)) = totals.get(group) {
            if clean != files {
                problems.push(format!(
                    "group `{group}` must pass completely: {clean}/{files} files pass ({failed} tests failed, \
                     {crashed} files crashed)"
                ));
            }
        } else {
            problems.push(format!("group `{group}` has no files in {}", dir.display()));
        }
    }
    for (file, outcome, stderr) in &results {
        let failures = || {
            let lines: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("error: ")).take(SHOWN_FAILURES).collect();
            if lines.is_empty() {
                String::new()
            } else {
                format!("\n    {}", lines.join("\n    "))
            }
        };
        let describe = |o: &Outcome| match o {
            Outcome::Counts { passed, failed } => format!("{passed} passed, {failed} failed"),
            Outcome::Crash(how) if how.is_empty() => "crash".to_string(),
            Outcome::Crash(how) => format!("crash ({how})"),
        };
        match expected.get(file) {
            None if outcome.passes() => {}
            None => problems.push(format!(
                "{file}: regressed: {} (expected to pass completely){}",
                describe(outcome),
                failures()
            )),
            Some(e) if e.same_as(outcome) => {}
            Some(e) => {
                let better = match (e, outcome) {
                    (Outcome::Counts { failed: ef, passed: ep }, Outcome::Counts { failed, passed }) => {
                        failed <= ef && passed >= ep
                    }
                    (Outcome::Crash(_), Outcome::Counts { .. }) => true,
                    _ => false,
                };
                if better {
                    problems.push(format!(
                        "{file}: improved to {} (listed as {}); update {EXPECTATIONS} with {BLESS_VAR}=1",
                        describe(outcome),
                        describe(e)
                    ));
                } else {
                    problems.push(format!(
                        "{file}: regressed: {} (listed as {}){}",
                        describe(outcome),
                        describe(e),
                        failures()
                    ));
                }
            }
        }
    }
    for file in expected.keys().filter(|f| !files.contains(f)) {
        problems.push(format!("{file}: listed in {EXPECTATIONS} but not in the suite; remove it"));
    }
    if problems.is_empty() {
        return Ok(());
    }
    bail!("{} spec files differ from {EXPECTATIONS}:\n{}", problems.len(), problems.join("\n"))
}
