//! gdb over the whole C corpus: every `tests/c/*.c` is built with
//! `clang --target=wasm32-wasi -g -O0` and `kiln build -g`, and natively with
//! `clang -g -O0`; the same gdb session runs against both and must say the
//! same things about the program's own code.
//!
//! Nothing is written down per program. The functions come from gdb's
//! `info functions` (the program's file, not `main`, with parameters;
//! `main` when there is no other), their breakpoint lines from `break FUNC`
//! on the native build (gdb's own prologue analysis), and the session then
//! breaks at those `file.c:LINE`s, runs with the program's `// args:` and
//! checks, against the native session: the stop location and arguments, the
//! `bt` frames in the program's file (names, arguments, file:line), the
//! parameters (`info args`, `print`), the names in `info locals` (values
//! of not yet initialised locals differ), one `next`, and `finish` with the
//! returned value. Pointers are wasm addresses under kiln, so every pointer
//! value (and what gdb prints after it) is compared as `PTR`.
//!
//! `llvm-dwarfdump --verify` checks each module object and the units kiln
//! wrote into each executable (see [`verify_dwarf`]).

use anyhow::{bail, ensure, Context, Result};
use kiln_tests::toolchain::compile_wasm;
use kiln_tests::{directive, fixture_dir, fixtures, repo_root, run, scratch_dir, shell_words, stem};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const SUITE: &str = "debug_corpus";
const TIMEOUT: Duration = Duration::from_secs(120);

/// One test per corpus program (the default harness runs them in parallel);
/// `the_list_is_the_corpus` keeps the list complete.
macro_rules! corpus {
    ($($name:ident),* $(,)?) => {
        const PROGRAMS: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() -> Result<()> {
                debug_program(stringify!($name))
            }
        )*
    };
}

corpus!(
    abort,
    args,
    exit_code,
    floats,
    hashmap,
    malloc_heavy,
    matmul,
    nbody,
    qsort,
    recursion,
    return_code,
    sieve,
    simd,
    stdio_mix,
    strings,
    structs
);

#[test]
fn the_list_is_the_corpus() -> Result<()> {
    let corpus: Vec<String> = fixtures("c", "c").iter().map(|p| stem(p)).collect();
    ensure!(corpus == PROGRAMS, "tests/c has {corpus:?}; debug_corpus.rs lists {PROGRAMS:?}");
    Ok(())
}

/// The two builds of one program.
struct Builds {
    name: String,
    /// `kiln build -g` of the wasm (its object kept beside it).
    kiln: PathBuf,
    /// Native `clang -g -O0`: the reference.
    native: PathBuf,
    args: Vec<String>,
}

/// Paths relative to the repository (`./tests/c/x.c`, whatever directory
/// clang runs in): gdb, run from there, finds the sources.
fn prefix_map() -> [String; 2] {
    let root = repo_root();
    [format!("-fdebug-compilation-dir={}", root.display()), format!("-fdebug-prefix-map={}=.", root.display())]
}

fn build(src: &Path, test: &str) -> Result<Builds> {
    let name = stem(src);
    let dir = scratch_dir(TMP, SUITE, test);
    let wasm = dir.join(format!("{name}.wasm"));
    let [dir_flag, map_flag] = prefix_map();
    let text = std::fs::read_to_string(src)?;
    // `// cflags:` (e.g. `-msimd128`) applies to the wasm build, as in corpus.rs.
    let cflags = directive(&text, "//", "cflags").map(|a| shell_words(&a)).unwrap_or_default();
    let mut flags = vec!["-g", "-O0", &dir_flag, &map_flag];
    flags.extend(cflags.iter().map(String::as_str));
    compile_wasm(src, &wasm, &flags)?;
    let kiln = dir.join(&name);
    let out = run(Command::new(KILN).args(["build", "-g", "--keep-object"]).arg(&wasm).arg("-o").arg(&kiln), TIMEOUT)?
        .success("kiln build -g")?;
    ensure!(out.stderr_text().is_empty(), "kiln build -g warned:\n{}", out.stderr_text());
    let native = dir.join(format!("{name}.native"));
    run(
        Command::new("clang").args(["-g", "-O0"]).args(prefix_map()).arg(src).arg("-o").arg(&native).arg("-lm"),
        TIMEOUT,
    )
    .context("native clang is needed for the reference sessions")?
    .success("clang -g -O0 (native)")?;
    let args = directive(&text, "//", "args").map(|a| shell_words(&a)).unwrap_or_default();
    Ok(Builds { name, kiln, native, args })
}

/// `gdb -batch` on `exe` with `args`, from the repository root; program
/// output goes to /dev/null so it cannot mix with gdb's.
fn gdb(exe: &Path, args: &[String], commands: &[String]) -> Result<String> {
    let mut cmd = Command::new("gdb");
    cmd.args(["-nx", "-batch", "-ex", "set startup-with-shell off", "-ex", "set inferior-tty /dev/null"]);
    for c in commands {
        cmd.arg("-ex").arg(c);
    }
    cmd.arg("--args").arg(exe).args(args).current_dir(repo_root());
    let out = run(&mut cmd, TIMEOUT).context("gdb is needed for the debug tests")?;
    // With compilation directory `.`, gdb names native clang's files
    // `././tests/c/x.c` and kiln's `./tests/c/x.c`: the same file.
    Ok(format!("{}{}", out.stdout_text(), out.stderr_text()).replace("././", "./"))
}

/// A function of the program's file, from `info functions`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Function {
    name: String,
    has_params: bool,
}

/// The functions gdb lists for the program's file, and that file's name
/// as gdb shows it (`./tests/c/x.c`).
fn functions(exe: &Path, name: &str) -> Result<(BTreeSet<Function>, String)> {
    let out = gdb(exe, &[], &["info functions -q -n ^".into()])?;
    let suffix = format!("tests/c/{name}.c:");
    let header = out
        .lines()
        .find(|l| l.starts_with("File ") && l.ends_with(&suffix))
        .context(format!("no {suffix} in:\n{out}"))?;
    let file = header["File ".len()..header.len() - 1].to_string();
    let section = following(&out, header)?;
    let mut found = BTreeSet::new();
    for line in section.iter().take_while(|l| !l.trim().is_empty()) {
        // `12:\tstatic int square(int);`
        let sig = line.split_once(":\t").map_or(*line, |(_, s)| s);
        let (head, rest) = sig.split_once('(').context(format!("no signature in `{line}`"))?;
        let name = head.rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default();
        let params = rest.split_once(')').map_or("", |p| p.0).trim();
        found.insert(Function { name: name.to_string(), has_params: !params.is_empty() && params != "void" });
    }
    ensure!(!found.is_empty(), "no functions in {file}:\n{out}");
    Ok((found, file))
}

/// `break FUNC` for each function: the line gdb puts each breakpoint on.
fn breakpoint_lines(exe: &Path, funcs: &[String]) -> Result<BTreeMap<String, u32>> {
    let commands: Vec<String> = funcs.iter().map(|f| format!("break {f}")).collect();
    let out = gdb(exe, &[], &commands)?;
    let lines: Vec<u32> = out
        .lines()
        .filter(|l| l.starts_with("Breakpoint "))
        .filter_map(|l| l.strip_suffix('.')?.rsplit_once(", line ")?.1.parse().ok())
        .collect();
    ensure!(lines.len() == funcs.len(), "expected {} breakpoints:\n{out}", funcs.len());
    Ok(funcs.iter().cloned().zip(lines).collect())
}

/// The lines of `text` after the first line containing `after`.
fn following<'t>(text: &'t str, after: &str) -> Result<Vec<&'t str>> {
    let mut lines = text.lines();
    ensure!(lines.by_ref().any(|l| l.contains(after)), "no `{after}` in:\n{text}");
    Ok(lines.collect())
}

/// The text between marker lines `@@from` and the next `@@` marker.
fn section(text: &str, from: &str) -> Result<String> {
    let lines = following(text, &format!("@@{from}"))?;
    Ok(lines.iter().take_while(|l| !l.starts_with("@@")).map(|l| format!("{l}\n")).collect())
}

/// Replaces every hex number -- a pointer or a code address -- and what gdb
/// prints after a pointer (`<symbol+4>`, `"string"`, `<error: ...>`) with
/// `PTR`.
fn normalize(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"0x") && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit) {
            i += 2;
            while b.get(i).is_some_and(u8::is_ascii_hexdigit) {
                i += 1;
            }
            // ` <...>` (nested brackets) and ` "..."` (with escapes), in either order.
            loop {
                if b[i..].starts_with(b" <") {
                    let mut depth = 0;
                    let mut j = i + 1;
                    while j < b.len() {
                        depth += match b[j] {
                            b'<' => 1,
                            b'>' => -1,
                            _ => 0,
                        };
                        j += 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i = j;
                } else if b[i..].starts_with(b" \"") {
                    let mut j = i + 2;
                    while j < b.len() && b[j] != b'"' {
                        j += if b[j] == b'\\' { 2 } else { 1 };
                    }
                    i = (j + 1).min(b.len());
                    if b[i..].starts_with(b"...") {
                        i += 3;
                    }
                } else {
                    break;
                }
            }
            out.push_str("PTR");
        } else {
            let next = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + next]);
            i += next;
        }
    }
    out
}

/// The `#N` frames of a `bt` located in `file`, normalized, without numbers.
fn frames_in(bt: &str, file: &str) -> Vec<String> {
    bt.lines()
        .filter(|l| l.starts_with('#') && l.contains(&format!(" at {file}:")))
        .map(|l| normalize(l.split_once(' ').map_or(l, |f| f.1).trim_start()))
        .map(|l| l.strip_prefix("PTR in ").map(str::to_string).unwrap_or(l))
        .collect()
}

/// The names of `name = value` lines.
fn names(block: &str) -> Vec<String> {
    block.lines().filter_map(|l| l.split_once(" = ")).map(|(n, _)| n.to_string()).filter(|n| !n.contains(' ')).collect()
}

/// What one session said, in comparable form.
#[derive(Debug, PartialEq, Eq)]
struct Session {
    stop: String,
    frames: Vec<String>,
    args: String,
    locals: Vec<String>,
    next: String,
    after: String,
    prints: String,
    finish: Vec<String>,
    /// Whether the stopped function was called from the program's file
    /// (rather than from libc, as qsort calls its comparison function).
    called_from_program: bool,
}

fn session(
    exe: &Path,
    b: &Builds,
    file: &str,
    lines: &BTreeSet<u32>,
    params: &[String],
    in_main: bool,
) -> Result<Session> {
    let marker = |m: &str| format!("echo @@{m}\\n");
    let breaks: Vec<String> = lines.iter().map(|l| format!("break {}.c:{l}", b.name)).collect();
    let mut first = breaks.clone();
    first.extend(["run".into(), marker("bt"), "bt".into(), marker("args"), "info args".into()]);
    first.extend([marker("locals"), "info locals".into(), "delete".into(), marker("next"), "next".into()]);
    first.extend([marker("after"), "bt 1".into(), "info args".into(), marker("end"), "kill".into()]);
    let out = gdb(exe, &b.args, &first)?;

    let stop = out
        .lines()
        .find(|l| {
            // `Breakpoint 3, put (...) at ...`, not `Breakpoint 3 at 0x..: file ...`
            let hit = l.strip_prefix("Breakpoint ").and_then(|r| r.split_once(", "));
            hit.is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .context(format!("{}: no breakpoint was hit:\n{out}", exe.display()))?;
    // Where it stopped must be one of the lines asked for.
    ensure!(
        lines.iter().any(|l| stop.ends_with(&format!(" at {file}:{l}"))),
        "stopped outside {file}:{lines:?}:\n{out}"
    );
    let stop = normalize(stop.split_once(", ").map_or(stop, |s| s.1));
    let bt = section(&out, "bt")?;
    let frames = frames_in(&bt, file);
    let called_from_program =
        bt.lines().filter(|l| l.starts_with('#')).nth(1).is_none_or(|l| l.contains(&format!(" at {file}:")));
    ensure!(frames.iter().any(|f| f.starts_with("main (")), "bt has no main in {file}:\n{out}");
    let next = normalize(&section(&out, "next")?);
    ensure!(next.lines().any(|l| l.split('\t').next().is_some_and(|n| n.parse::<u32>().is_ok())), "next:\n{out}");

    // The parameters again with `print`, then `finish`.
    let mut second = breaks;
    second.extend(["run".into(), "delete".into(), marker("prints")]);
    second.extend(params.iter().map(|p| format!("print {p}")));
    second.push(marker("finish"));
    if !in_main {
        second.push("finish".into());
    }
    second.extend([marker("end"), "kill".into()]);
    let out2 = gdb(exe, &b.args, &second)?;
    // What `finish` says about the program: the caller's position when it
    // is in the program's file, the value, or the exit (`-batch` leaves out
    // `Run till exit`).
    let finish: Vec<String> = section(&out2, "finish")?
        .lines()
        .filter(|l| {
            l.starts_with("Value returned is ") || l.contains(" exited ") || l.contains(&format!(" at {file}:"))
        })
        .map(|l| normalize(l).trim_start_matches("PTR in ").to_string())
        .map(|l| l.split(" (process ").next().unwrap_or_default().to_string())
        .collect();
    ensure!(in_main || !finish.is_empty(), "finish said nothing about the program:\n{out2}");
    Ok(Session {
        stop,
        frames,
        args: normalize(&section(&out, "args")?),
        locals: names(&section(&out, "locals")?),
        next,
        after: normalize(&section(&out, "after")?),
        prints: normalize(&section(&out2, "prints")?),
        finish,
        called_from_program,
    })
}

fn debug_program(name: &str) -> Result<()> {
    let src = fixture_dir("c").join(format!("{name}.c"));
    let b = build(&src, name)?;
    verify_dwarf(&b.kiln.with_extension("o"), &b.kiln)?;
    let (funcs, file) = functions(&b.kiln, name)?;
    let native_funcs = functions(&b.native, name)?;
    ensure!(
        (&funcs, &file) == (&native_funcs.0, &native_funcs.1),
        "info functions differs:\nkiln:   {file} {funcs:?}\nnative: {native_funcs:?}"
    );
    let mut chosen: Vec<String> =
        funcs.iter().filter(|f| f.has_params && f.name != "main").map(|f| f.name.clone()).collect();
    let in_main = chosen.is_empty();
    if in_main {
        chosen.push("main".into());
    }
    let lines = breakpoint_lines(&b.native, &chosen)?;
    let kiln_lines = breakpoint_lines(&b.kiln, &chosen)?;
    ensure!(lines == kiln_lines, "break FUNC lines differ:\nkiln:   {kiln_lines:?}\nnative: {lines:?}");
    let lines: BTreeSet<u32> = lines.into_values().collect();

    // The parameter names come from the reference session.
    let probe = session(&b.native, &b, &file, &lines, &[], in_main)?;
    let params = names(&probe.args);
    let native = session(&b.native, &b, &file, &lines, &params, in_main)?;
    let kiln = session(&b.kiln, &b, &file, &lines, &params, in_main)?;
    let (mut kiln, mut native) = (kiln, native);
    if !native.called_from_program {
        // libc's qsort (musl here, glibc natively) compares other elements
        // first: what the call returns differs.
        for s in [&mut kiln, &mut native] {
            s.finish.retain(|l| !l.starts_with("Value returned is "));
        }
    }
    let mut problems = Vec::new();
    let mut check = |what: &str, k: &dyn std::fmt::Debug, n: &dyn std::fmt::Debug| {
        let (k, n) = (format!("{k:?}"), format!("{n:?}"));
        if k != n {
            problems.push(format!("{what}:\n  kiln:   {k}\n  native: {n}"));
        }
    };
    check("stop", &kiln.stop, &native.stop);
    check("bt frames", &kiln.frames, &native.frames);
    check("info args", &kiln.args, &native.args);
    check("info locals (names)", &kiln.locals, &native.locals);
    check("next", &kiln.next, &native.next);
    check("frame after next", &kiln.after, &native.after);
    check("print", &kiln.prints, &native.prints);
    check("called from the program", &kiln.called_from_program, &native.called_from_program);
    check("finish", &kiln.finish, &native.finish);
    if !problems.is_empty() {
        bail!("{name}: gdb on kiln's build differs from gdb on the native build:\n{}", problems.join("\n"));
    }
    Ok(())
}

/// `llvm-dwarfdump --verify`: the module object must verify whole; in the
/// executable, the units kiln wrote (named as in the object) must have no
/// errors. The runtime archive's units (Rust `core`/`alloc`, built with
/// LTO) are not kiln's output: the linker's section GC leaves DIEs of
/// dropped code at the tombstone address 0, which the verifier reports as
/// overlapping ranges.
fn verify_dwarf(object: &Path, exe: &Path) -> Result<()> {
    let verify = |file: &Path| -> Result<(bool, String)> {
        let out = run(Command::new("llvm-dwarfdump").arg("--verify").arg(file), TIMEOUT)
            .context("llvm-dwarfdump (Debian `llvm`) is needed for the debug tests")?;
        let text = format!("{}{}", out.stdout_text(), out.stderr_text());
        Ok((out.code() == Some(0) && text.contains("No errors."), text))
    };
    let (ok, text) = verify(object)?;
    ensure!(ok, "{}:\n{text}", object.display());
    let unit_name = |line: &str| line.strip_prefix("Verifying unit: ")?.split_once(", ").map(|u| u.1.to_string());
    let ours: BTreeSet<String> = text.lines().filter_map(unit_name).collect();
    ensure!(!ours.is_empty(), "no units in {}:\n{text}", object.display());
    let (_, text) = verify(exe)?;
    let mut unit = String::new();
    let mut seen = BTreeSet::new();
    let mut bad = Vec::new();
    for line in text.lines() {
        if let Some(name) = unit_name(line) {
            seen.insert(name.clone());
            unit = name;
        } else if line.starts_with("error:") && ours.contains(&unit) {
            bad.push(format!("{unit}: {line}"));
        }
    }
    ensure!(ours.is_subset(&seen), "{} lacks units of its object: {ours:?}", exe.display());
    ensure!(bad.is_empty(), "{}: kiln's DWARF does not verify:\n{}\n{text}", exe.display(), bad.join("\n"));
    Ok(())
}

/// The DWARF of a `tests/debug` program, with and without `-g`.
#[test]
fn dwarf_verifies_with_and_without_g() -> Result<()> {
    for debug in [false, true] {
        let dir = scratch_dir(TMP, SUITE, if debug { "verify_g" } else { "verify" });
        let wasm = dir.join("sum.wasm");
        let [dir_flag, map_flag] = prefix_map();
        compile_wasm(&fixture_dir("debug").join("sum.c"), &wasm, &["-g", "-O0", &dir_flag, &map_flag])?;
        let exe = dir.join("sum");
        let mut cmd = Command::new(KILN);
        cmd.arg("build").args(debug.then_some("-g")).arg("--keep-object").arg(&wasm).arg("-o").arg(&exe);
        run(&mut cmd, TIMEOUT)?.success("kiln build")?;
        verify_dwarf(&exe.with_extension("o"), &exe)?;
    }
    Ok(())
}

#[test]
fn normalize_hides_pointers_and_what_follows_them() {
    let s = r#"put (m=0x10f40, key=0x1234 <error: Cannot access memory at address 0x1234>, value=0) at x.c:3"#;
    assert_eq!(normalize(s), "put (m=PTR, key=PTR, value=0) at x.c:3");
    let s = r#"cmp (a=0x5555 <main[ints]+4>, s=0x7ffe "a \"q\"") and 0x12 <f+2> "x"..."#;
    assert_eq!(normalize(s), "cmp (a=PTR, s=PTR) and PTR");
    assert_eq!(normalize("n = 7, u = 0xg"), "n = 7, u = 0xg");
}

#[test]
fn bt_frames_in_the_program_file() {
    let bt = "#0  cmp_int (a=0x10, b=0x14) at ./tests/c/q.c:8\n\
              #1  0x00002 in sift (head=<optimized out>) at ./libc/qsort.c:102\n\
              #2  0x00003 in main () at ./tests/c/q.c:30\n";
    assert_eq!(
        frames_in(bt, "./tests/c/q.c"),
        ["cmp_int (a=PTR, b=PTR) at ./tests/c/q.c:8", "main () at ./tests/c/q.c:30"]
    );
    assert_eq!(names("a = 1\nb = {x = 2}\nNo locals.\n"), ["a", "b"]);
}
