//! The spec-suite part of the cross test: groups of
//! `../shared/spec-testsuite` (from its `GROUPS.txt`) through the target's
//! own `kiln wast` under qemu, one process per file, whose per-file counts
//! must equal the host's (`tests/spec-expectations.txt`).

use super::{cross_kiln, gnu_triple, runner};
use anyhow::{bail, ensure, Context, Result};
use kiln_compiler::target::{Target, TargetSpec};
use kiln_compiler::translate::simd::simd_available;
use kiln_compiler::OptLevel;
use kiln_tests::run;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Files of the suite (relative paths; top level and one directory down)
/// whose first matching line in `GROUPS.txt` names one of `wanted`. A glob
/// without `/` matches top-level files only.
fn group_files(dir: &Path, wanted: &[&str]) -> Result<Vec<String>> {
    let groups_path = dir.join("GROUPS.txt");
    let text =
        std::fs::read_to_string(&groups_path).with_context(|| format!("cannot read {}", groups_path.display()))?;
    let mut groups = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (group, globs) = line.split_once('\t').with_context(|| format!("GROUPS.txt: bad line `{line}`"))?;
        groups.push((group.to_string(), globs.split_whitespace().map(String::from).collect::<Vec<_>>()));
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            for inner in std::fs::read_dir(entry.path())? {
                names.push(format!("{name}/{}", inner?.file_name().to_string_lossy()));
            }
        } else {
            names.push(name);
        }
    }
    let mut files = Vec::new();
    for name in names.into_iter().filter(|n| n.ends_with(".wast")) {
        let group = groups.iter().find(|(_, globs)| {
            globs
                .iter()
                .any(|g| g.contains('/') == name.contains('/') && kiln_tests::glob_match(g.as_bytes(), name.as_bytes()))
        });
        if group.is_some_and(|(g, _)| wanted.contains(&g.as_str())) {
            files.push(name);
        }
    }
    files.sort();
    ensure!(!files.is_empty(), "no {wanted:?} files in {}", dir.display());
    Ok(files)
}

/// Per-file (passed, failed) the host is expected to reach: files listed in
/// `tests/spec-expectations.txt` with their counts; others pass completely.
fn host_expectations() -> Result<std::collections::BTreeMap<String, Option<(usize, usize)>>> {
    let path = kiln_tests::repo_root().join("tests/spec-expectations.txt");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = std::collections::BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let counts = match fields[..] {
            [_, "crash"] => None,
            [_, p, f] => Some((p.parse()?, f.parse()?)),
            _ => bail!("{}: bad line `{line}`", path.display()),
        };
        out.insert(fields[0].to_string(), counts);
    }
    Ok(out)
}

/// The groups every Linux target must pass as the host does.
const SPEC_GROUPS: &[&str] = &["core", "exceptions", "tail-call", "function-references", "memory64"];

/// The groups of vector operators, for targets whose default baseline has
/// vector registers.
const SPEC_VECTOR_GROUPS: &[&str] = &["simd", "relaxed-simd"];

/// Single files of other groups every Linux target must pass as the host
/// does (the rest of `later-proposals` is mostly unsupported).
const SPEC_FILES: &[&str] = &["proposals/wide-arithmetic/wide-arithmetic.wast"];

/// Directories of `later-proposals` every Linux target must pass as the
/// host does: custom page sizes, whose memories are bounds checked as
/// 64-bit ones are.
const SPEC_DIRS: &[&str] = &["proposals/custom-page-sizes/"];

/// The `core`, `exceptions`, `tail-call`, `function-references` and
/// `memory64` groups, [`SPEC_FILES`] and [`SPEC_DIRS`] (and `simd` and `relaxed-simd` where the target's
/// default baseline has vectors: not riscv64's RV64GC) through the target's
/// own `kiln wast` under qemu must give exactly the host's per-file results.
pub(super) fn check_spec_core(spec: &'static TargetSpec) -> Result<()> {
    let dir = kiln_tests::repo_root().join("../shared/spec-testsuite");
    let isa = Target::parse(&spec.triple)?.isa(OptLevel::Speed)?;
    let mut groups = SPEC_GROUPS.to_vec();
    if simd_available(&*isa) {
        groups.extend(SPEC_VECTOR_GROUPS);
    }
    let mut files = group_files(&dir, &groups)?;
    files.extend(SPEC_FILES.iter().map(|f| f.to_string()));
    let later = group_files(&dir, &["later-proposals"])?;
    files.extend(later.into_iter().filter(|f| SPEC_DIRS.iter().any(|d| f.starts_with(d))));
    files.sort();
    files.dedup();
    check_spec_files(spec, &format!("{groups:?}, {SPEC_FILES:?} and {SPEC_DIRS:?}"), &files)
}

/// Runs each of `files` (paths in the spec suite) through the target's
/// `kiln wast` under qemu, and compares the per-file counts with the host's.
fn check_spec_files(spec: &'static TargetSpec, what: &str, files: &[String]) -> Result<()> {
    let qemu = runner(spec)?;
    let dir = kiln_tests::repo_root().join("../shared/spec-testsuite");
    let expected = host_expectations()?;
    let kiln = cross_kiln(spec)?;
    let sysroot = format!("/usr/{}", gnu_triple(spec));
    let mut problems = Vec::new();
    let mut stderr_tail = String::new();
    let (mut passed, mut failed) = (0, 0);
    // One process per file: qemu-user never frees its bookkeeping for the
    // guest's unmapped address space, so the 8 GiB reservation of every
    // linear memory the suite creates in one process adds up to more than
    // this machine's RAM (natively the whole run peaks near 40 MB).
    for file in files {
        let out = run(
            Command::new(&qemu).arg("-L").arg(&sysroot).arg(&kiln).arg("wast").arg(file).current_dir(&dir),
            Duration::from_secs(600),
        )?;
        let stdout = out.stdout_text();
        let prefix = format!("{file}: ");
        let counts = stdout.lines().filter_map(|l| l.strip_prefix(&prefix)).find_map(|rest| {
            let (p, f) = rest.strip_suffix(" failed")?.split_once(" passed, ")?;
            Some((p.parse::<usize>().ok()?, f.parse::<usize>().ok()?))
        });
        if counts.is_none() {
            let err = out.stderr_text();
            let tail: Vec<&str> = err.lines().rev().take(5).collect();
            stderr_tail.push_str(&format!("{file} ({}):\n", out.describe()));
            tail.into_iter().rev().for_each(|l| stderr_tail.push_str(&format!("  {l}\n")));
        }
        let host = expected.get(file);
        let same = match (host, counts) {
            (None, Some((_, 0))) => true,
            (Some(Some(want)), Some(got)) => *want == got,
            (Some(None), None) => true,
            _ => false,
        };
        if let Some((p, f)) = counts {
            passed += p;
            failed += f;
        }
        if !same {
            let got = counts.map_or("no result (crash)".to_string(), |(p, f)| format!("{p} passed, {f} failed"));
            let want = match host {
                Some(Some((p, f))) => format!("{p} passed, {f} failed"),
                Some(None) => "crash".to_string(),
                None => "all pass".to_string(),
            };
            problems.push(format!("{file}: {got} on {}, host: {want}", spec.triple));
        }
    }
    ensure!(
        problems.is_empty(),
        "spec {what} on {} differs from the host:\n{}\nstderr of the files without a result:\n{stderr_tail}",
        spec.triple,
        problems.join("\n"),
    );
    println!(
        "spec {what} on {}: {} files, {passed} passed, {failed} failed (same as the host)",
        spec.triple,
        files.len()
    );
    Ok(())
}
