//! Support code for kiln's integration tests.
//!
//! Data flow: the suites in `cli/tests/` (they live in the CLI package so
//! cargo builds the `kiln` binary they drive) find their fixtures under
//! `tests/` with [`fixture_dir`]/[`fixtures`], compile C with the toolchains
//! in [`toolchain`], run `kiln` and the programs it builds with [`run`]
//! (bounded by a timeout), and compare text against expectation files with
//! [`expect`] (regenerated with `KILN_BLESS=1`) or against the
//! [`known_failures`] list. [`dispatch`] generates random interpreter loops;
//! [`component`] turns preview1 programs into WASI 0.2 components;
//! [`relaxed`], a program printing relaxed-SIMD lanes and their model.

pub mod component;
pub mod dispatch;
pub mod expect;
pub mod known_failures;
pub mod relaxed;
pub mod run;
pub mod toolchain;

use std::path::{Path, PathBuf};

pub use run::{run, Output};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives inside the repository").to_path_buf()
}

/// `tests/<name>`: a fixture directory.
pub fn fixture_dir(name: &str) -> PathBuf {
    repo_root().join("tests").join(name)
}

/// The files in `tests/<dir>` ending in `.<ext>`, sorted by name.
pub fn fixtures(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = fixture_dir(dir);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read fixture dir {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())).path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

/// A fixture's name: its file name without extension.
pub fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A fresh, empty directory `<base>/kiln-tests-<profile>/<suite>/<name>` for one
/// test's files. Kept after the run so a failure can be inspected. `base` is
/// cargo's `CARGO_TARGET_TMPDIR`, which debug and release runs share: the
/// profile (the directory the test binary was built in) keeps concurrent
/// runs of the two apart.
pub fn scratch_dir(base: &str, suite: &str, name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    // target/<profile>/deps/<test binary>
    let profile = exe.parent().and_then(Path::parent).and_then(Path::file_name).unwrap_or_default();
    let mut top = std::ffi::OsString::from("kiln-tests-");
    top.push(profile);
    let dir = Path::new(base).join(top).join(suite).join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("cannot clear {}: {e}", dir.display()));
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Directive lines in a fixture: `<comment> <key>: <value>`, for example
/// `// args: a b` in C or `;; trap: unreachable` in wat. Returns the value of
/// every line with `key`, in order.
pub fn directives(source: &str, comment: &str, key: &str) -> Vec<String> {
    let prefix = format!("{comment} {key}:");
    source.lines().filter_map(|l| l.trim().strip_prefix(&prefix)).map(|v| v.trim().to_string()).collect()
}

/// The single value of directive `key`, if present.
pub fn directive(source: &str, comment: &str, key: &str) -> Option<String> {
    directives(source, comment, key).into_iter().next()
}

/// Splits a directive value into words like a POSIX shell: whitespace
/// separates words, single and double quotes group (and may be empty).
pub fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// Checks that `elf` is a statically linked executable: an ELF64 `ET_EXEC`
/// (or static-PIE `ET_DYN`) with no program interpreter and no dynamic
/// section, so it runs without anything installed.
pub fn check_static_elf(elf: &[u8]) -> Result<(), String> {
    let u16_at = |o: usize| elf.get(o..o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |o: usize| elf.get(o..o + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let u64_at = |o: usize| elf.get(o..o + 8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")));
    if elf.get(..4) != Some(b"\x7fELF") || elf.get(4) != Some(&2) || elf.get(5) != Some(&1) {
        return Err("not a little-endian ELF64 file".into());
    }
    let e_type = u16_at(16).ok_or("truncated ELF header")?;
    if e_type != 2 && e_type != 3 {
        return Err(format!("ELF type {e_type} is not an executable"));
    }
    let phoff = u64_at(32).ok_or("truncated ELF header")? as usize;
    let phentsize = u16_at(54).ok_or("truncated ELF header")? as usize;
    let phnum = u16_at(56).ok_or("truncated ELF header")? as usize;
    for i in 0..phnum {
        let p_type = u32_at(phoff + i * phentsize).ok_or("truncated program headers")?;
        match p_type {
            2 => return Err("has a dynamic section (PT_DYNAMIC): not statically linked".into()),
            3 => return Err("has a program interpreter (PT_INTERP): not statically linked".into()),
            _ => {}
        }
    }
    Ok(())
}

/// Shell-style glob matching of one path (the spec suite's `GROUPS.txt`):
/// `*` and `?` (not matching `/` unless the glob has one), and `[...]`
/// classes with ranges.
pub fn glob_match(glob: &[u8], name: &[u8]) -> bool {
    match (glob.first(), name.first()) {
        (None, None) => true,
        (Some(b'*'), _) => glob_match(&glob[1..], name) || (!name.is_empty() && glob_match(glob, &name[1..])),
        (Some(b'?'), Some(_)) => glob_match(&glob[1..], &name[1..]),
        (Some(b'['), Some(&c)) => {
            let Some(end) = glob.iter().skip(1).position(|&b| b == b']').map(|p| p + 1) else { return false };
            let class = &glob[1..end];
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == b'-' {
                    hit |= class[i] <= c && c <= class[i + 2];
                    i += 3;
                } else {
                    hit |= class[i] == c;
                    i += 1;
                }
            }
            hit && glob_match(&glob[end + 1..], &name[1..])
        }
        (Some(g), Some(n)) => g == n && glob_match(&glob[1..], &name[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_handles_quotes_and_empty_words() {
        assert_eq!(shell_words(r#" a "two words" -x '' --f='q r'"#), ["a", "two words", "-x", "", "--f=q r"]);
        assert!(shell_words("   ").is_empty());
    }

    #[test]
    fn directives_are_found_by_key() {
        let src = "// args: 1 2\n  // stderr: ignore\nint main;\n// args: 3";
        assert_eq!(directives(src, "//", "args"), ["1 2", "3"]);
        assert_eq!(directive(src, "//", "stderr").as_deref(), Some("ignore"));
        assert_eq!(directive(src, ";;", "stderr"), None);
    }

    #[test]
    fn static_elf_check_rejects_dynamic_executables() {
        let own = std::fs::read(std::env::current_exe().expect("test binary path")).expect("read test binary");
        // The test binary itself is dynamically linked against libc.
        assert!(check_static_elf(&own).is_err());
        assert!(check_static_elf(b"not an elf").is_err());
    }
}
