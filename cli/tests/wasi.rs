//! WASI preview1 end to end: every `tests/wasi/*.c` program (compiled with
//! `clang --target=wasm32-wasi -O2`) checks its own results and prints
//! `<name>: ok`. Each runs under `kiln run` with its grants given as flags,
//! and as a standalone executable from `kiln build` with the grants baked
//! in (or, for the escape, read-only and socket programs, also given at run
//! time through `KILN_GRANTS`). A program's `// grants:` line says what it
//! needs; `{sandbox}` is its directory and `{addr}` a loopback address.
//! The escape and read-only programs are also checked for having touched
//! nothing outside their sandbox (or nothing at all).
//!
//! Every program also runs as a WASI 0.2 command component: the same
//! module with the preview1 adapter (`kiln_tests::component`), so the
//! adapter's WASI 0.2 calls reach kiln's WASI 0.2 host, with the same
//! grants and the same expected results.

use anyhow::{bail, ensure, Context, Result};
use kiln_tests::{component, directive, fixture_dir, run, scratch_dir, shell_words, toolchain, Output};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

/// How a program is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// `kiln run --dir ... prog.wasm`.
    Run,
    /// `kiln build --dir ... prog.wasm`, then the executable.
    Baked,
    /// `kiln build prog.wasm`, then the executable with `KILN_GRANTS`.
    RunTimeGrants,
}

/// A compiled fixture in its scratch directory.
struct Fixture {
    name: String,
    dir: PathBuf,
    wasm: PathBuf,
    grants: String,
}

/// What a fixture is built into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavor {
    /// The preview1 module.
    Module,
    /// A WASI 0.2 command component of it.
    Component,
}

const FLAVORS: [Flavor; 2] = [Flavor::Module, Flavor::Component];

fn fixture(name: &str) -> Result<Fixture> {
    fixture_as(name, Flavor::Module)
}

fn fixture_as(name: &str, flavor: Flavor) -> Result<Fixture> {
    let source = fixture_dir("wasi").join(format!("{name}.c"));
    let text = std::fs::read_to_string(&source).with_context(|| format!("cannot read {}", source.display()))?;
    let grants = directive(&text, "//", "grants").context("the fixture has no `// grants:` line")?;
    let dir = scratch_dir(TMP, if flavor == Flavor::Module { "wasi" } else { "wasi-component" }, name);
    let module = dir.join(format!("{name}.wasm"));
    toolchain::compile_wasm(&source, &module, &[])?;
    let wasm = match flavor {
        Flavor::Module => module,
        Flavor::Component => kiln_tests::component::componentize(&module)?,
    };
    Ok(Fixture { name: name.to_string(), dir, wasm, grants: if grants == "none" { String::new() } else { grants } })
}

impl Fixture {
    /// A fresh directory for one run, holding `sandbox/`.
    fn scene(&self, mode: Mode) -> Result<PathBuf> {
        let scene = self.dir.join(format!("{mode:?}"));
        std::fs::create_dir_all(scene.join("sandbox"))?;
        Ok(scene)
    }

    /// The grant words with `{sandbox}` replaced.
    fn grant_words(&self, sandbox: &str, addr: &str) -> Vec<String> {
        shell_words(&self.grants.replace("{sandbox}", sandbox).replace("{addr}", addr))
    }

    /// The command running the program in `scene` (cwd), the way `mode`
    /// says, with the environment cleared.
    fn command(&self, mode: Mode, scene: &Path, addr: &str) -> Result<Command> {
        let abs = scene.join("sandbox").display().to_string();
        let mut cmd = match mode {
            Mode::Run => {
                let mut cmd = Command::new(KILN);
                cmd.arg("run").arg("--no-cache").args(self.grant_words(&abs, addr)).arg(&self.wasm);
                cmd
            }
            Mode::Baked => {
                let exe = self.dir.join(format!("{}-baked", self.name));
                build(&self.wasm, &exe, &self.grant_words("sandbox", addr))?;
                Command::new(exe)
            }
            Mode::RunTimeGrants => {
                let exe = self.dir.join(format!("{}-plain", self.name));
                if !exe.exists() {
                    build(&self.wasm, &exe, &[])?;
                }
                Command::new(exe)
            }
        };
        // A program sees no environment anyway; this keeps runs alike.
        cmd.env_clear().current_dir(scene);
        if mode == Mode::RunTimeGrants {
            cmd.env(KILN_GRANTS, self.grant_words(&abs, addr).join(" "));
        }
        Ok(cmd)
    }
}

const KILN_GRANTS: &str = "KILN_GRANTS";

fn build(wasm: &Path, exe: &Path, grants: &[String]) -> Result<()> {
    run(Command::new(KILN).arg("build").arg(wasm).arg("-o").arg(exe).args(grants), TIMEOUT)?.success("kiln build")?;
    Ok(())
}

fn expect_ok(out: &Output, name: &str, mode: Mode, prefix: &str) -> Result<()> {
    let expected = format!("{prefix}{name}: ok\n");
    ensure!(
        out.code() == Some(0) && out.stdout_text() == expected,
        "{name} ({mode:?}): {}, expected exit 0 and {expected:?}\nstdout:\n{}\nstderr:\n{}",
        out.describe(),
        out.stdout_text(),
        out.stderr_text()
    );
    Ok(())
}

/// Runs a self-checking program in every mode, as a module and as a
/// component.
fn self_checking(name: &str, modes: &[Mode]) -> Result<()> {
    for flavor in FLAVORS {
        let f = fixture_as(name, flavor)?;
        let expected = expected_failures(&f, flavor, |_| Ok(()))?;
        for &mode in modes {
            let scene = f.scene(mode)?;
            let out = run(&mut f.command(mode, &scene, "")?, TIMEOUT)?;
            expect_results(&out, name, mode, &expected).with_context(|| format!("as a {flavor:?}"))?;
        }
    }
    Ok(())
}

/// The checks a program is expected to fail: none for a module; for a
/// component, those it fails under Wasmtime (which runs it in a scene that
/// `setup` prepares like kiln's), less the known differences.
fn expected_failures(f: &Fixture, flavor: Flavor, setup: impl Fn(&Path) -> Result<()>) -> Result<Vec<String>> {
    if flavor == Flavor::Module {
        return Ok(Vec::new());
    }
    let scene = f.dir.join("Wasmtime");
    if scene.exists() {
        std::fs::remove_dir_all(&scene)?;
    }
    std::fs::create_dir_all(scene.join("sandbox"))?;
    setup(&scene)?;
    let out = component::wasmtime_run(&f.wasm, &f.grant_words("sandbox", ""), &[], &scene)?;
    let text = out.stdout_text();
    ensure!(
        text.lines().last().is_some_and(|l| l.starts_with(&format!("{}: ", f.name))),
        "{} under Wasmtime did not finish: {}\nstdout:\n{text}\nstderr:\n{}",
        f.name,
        out.describe(),
        out.stderr_text()
    );
    let differences = component::known_differences()?;
    let allowed = differences.get(&f.name).map(Vec::as_slice).unwrap_or(&[]);
    Ok(component::failures(&text)
        .into_iter()
        .filter(|l| !component::failure_line(l).is_some_and(|n| allowed.contains(&n)))
        .collect())
}

/// Checks a self-checking program's output: exactly the `expected` failed
/// checks (and then `<name>: N checks failed`, exit 1), or none and
/// `<name>: ok`.
fn expect_results(out: &Output, name: &str, mode: Mode, expected: &[String]) -> Result<()> {
    if expected.is_empty() {
        return expect_ok(out, name, mode, "");
    }
    let failures = component::failures(&out.stdout_text());
    ensure!(
        out.code() == Some(1) && failures == expected,
        "{name} ({mode:?}): {}, expected the failures Wasmtime gives:\n{}\nstdout:\n{}\nstderr:\n{}",
        out.describe(),
        expected.join("\n"),
        out.stdout_text(),
        out.stderr_text()
    );
    Ok(())
}

const BOTH: &[Mode] = &[Mode::Run, Mode::Baked];
const ALL: &[Mode] = &[Mode::Run, Mode::Baked, Mode::RunTimeGrants];

#[test]
fn files() -> Result<()> {
    self_checking("files", BOTH)
}

#[test]
fn directories() -> Result<()> {
    self_checking("directories", BOTH)
}

#[test]
fn readdir() -> Result<()> {
    self_checking("readdir", BOTH)
}

#[test]
fn rename() -> Result<()> {
    self_checking("rename", BOTH)
}

#[test]
fn symlinks() -> Result<()> {
    self_checking("symlinks", BOTH)
}

#[test]
fn timestamps() -> Result<()> {
    self_checking("timestamps", BOTH)
}

#[test]
fn seek() -> Result<()> {
    self_checking("seek", BOTH)
}

#[test]
fn poll() -> Result<()> {
    self_checking("poll", BOTH)
}

#[test]
fn proc_raise_delivers_the_signal() -> Result<()> {
    use std::os::unix::process::ExitStatusExt;
    let f = fixture("raise")?;
    for &mode in BOTH {
        let scene = f.scene(mode)?;
        let out = run(&mut f.command(mode, &scene, "")?, TIMEOUT)?;
        ensure!(
            out.status.signal() == Some(15) && out.stdout_text() == "raise: ok\n",
            "{mode:?}: {}, expected death by SIGTERM after `raise: ok`\nstdout:\n{}\nstderr:\n{}",
            out.describe(),
            out.stdout_text(),
            out.stderr_text()
        );
    }
    Ok(())
}

/// A module whose memory 0 is 64-bit: WASI preview1 pointers are 32-bit,
/// so it may import only the functions that take none. It computes its
/// exit status from a memory grown past 4 GiB and exits through
/// `proc_exit`, as an executable and under `kiln run`.
const MEMORY64_EXIT: &str = r#"(module
  (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory i64 1)
  (func (export "_start")
    (drop (call $yield))
    (drop (memory.grow (i64.const 0x1_0000)))
    (i32.store8 (i64.const 0x1_0000_0005) (i32.const 42))
    (call $exit (i32.load8_u offset=0x1_0000_0000 (i64.const 5)))))"#;

#[test]
fn a_64_bit_memory_0_may_use_wasi_without_pointers() -> Result<()> {
    let dir = scratch_dir(TMP, "wasi", "memory64");
    std::fs::write(dir.join("exit.wat"), MEMORY64_EXIT)?;
    build(&dir.join("exit.wat"), &dir.join("exit"), &[])?;
    let executable = run(Command::new(dir.join("exit")).current_dir(&dir), TIMEOUT)?;
    let under_run = run(Command::new(KILN).args(["run", "--no-cache", "exit.wat"]).current_dir(&dir), TIMEOUT)?;
    for (out, how) in [(executable, "executable"), (under_run, "kiln run")] {
        ensure!(out.code() == Some(42), "{how}: {}, want status 42\n{}", out.describe(), out.stderr_text());
    }
    // Any function taking a pointer is refused, naming it.
    let with_write = MEMORY64_EXIT.replace(
        "\"sched_yield\" (func $yield (result i32))",
        "\"fd_write\" (func $yield (param i32 i32 i32 i32) (result i32))",
    );
    std::fs::write(
        dir.join("write.wat"),
        with_write.replace("(call $yield)", "(call $yield (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0))"),
    )?;
    let out = run(Command::new(KILN).args(["build", "write.wat", "-o", "write"]).current_dir(&dir), TIMEOUT)?;
    ensure!(
        out.code() == Some(1)
            && out
                .stderr_text()
                .contains("wasi_snapshot_preview1.fd_write takes 32-bit pointers into memory 0, which is 64-bit"),
        "fd_write with a 64-bit memory 0 should be refused: {}\n{}",
        out.describe(),
        out.stderr_text()
    );
    Ok(())
}

/// Every file and directory under `root` with its content (or `<dir>` /
/// `-> target`) and modification time.
fn snapshot(root: &Path) -> Result<BTreeMap<PathBuf, (String, Option<std::time::SystemTime>)>> {
    let mut map = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let meta = std::fs::symlink_metadata(&path)?;
            let what = if meta.file_type().is_symlink() {
                format!("-> {}", std::fs::read_link(&path)?.display())
            } else if meta.is_dir() {
                stack.push(path.clone());
                "<dir>".to_string()
            } else {
                String::from_utf8_lossy(&std::fs::read(&path)?).into_owned()
            };
            let mtime = if meta.file_type().is_symlink() { None } else { meta.modified().ok() };
            map.insert(path.strip_prefix(root)?.to_path_buf(), (what, mtime));
        }
    }
    Ok(map)
}

/// Swaps `sandbox/flip` between a directory holding `secret.txt`
/// ("inside") and a symlink to `../outside` until `stop`.
fn flipper(sandbox: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<Result<u64>> {
    std::thread::spawn(move || {
        let (flip, parked) = (sandbox.join("flip"), sandbox.join("flip.dir"));
        std::fs::create_dir(&parked)?;
        std::fs::write(parked.join("secret.txt"), "inside")?;
        let mut swaps = 0;
        while !stop.load(Ordering::Relaxed) {
            std::fs::rename(&parked, &flip)?;
            std::thread::yield_now();
            std::fs::rename(&flip, &parked)?;
            std::os::unix::fs::symlink("../outside", &flip)?;
            std::thread::yield_now();
            std::fs::remove_file(&flip)?;
            swaps += 1;
        }
        Ok(swaps)
    })
}

#[test]
fn escape_attempts_are_refused_and_touch_nothing() -> Result<()> {
    for flavor in FLAVORS {
        let f = fixture_as("escape", flavor)?;
        let expected = expected_failures(&f, flavor, escape_scene)?;
        escape_attempts(&f, &expected).with_context(|| format!("as a {flavor:?}"))?;
    }
    Ok(())
}

/// Puts `outside/` beside the sandbox, and `sandbox/abs` pointing to it.
fn escape_scene(scene: &Path) -> Result<()> {
    let outside = scene.join("outside");
    std::fs::create_dir_all(outside.join("dir"))?;
    std::fs::write(outside.join("secret.txt"), "outside secret")?;
    std::os::unix::fs::symlink(&outside, scene.join("sandbox/abs"))?;
    Ok(())
}

fn escape_attempts(f: &Fixture, expected: &[String]) -> Result<()> {
    for &mode in ALL {
        let scene = f.scene(mode)?;
        let outside = scene.join("outside");
        escape_scene(&scene)?;
        let before = snapshot(&outside)?;
        let mut cmd = f.command(mode, &scene, "")?;
        let stop = Arc::new(AtomicBool::new(false));
        let flips = flipper(scene.join("sandbox"), Arc::clone(&stop));
        let out = run(&mut cmd, TIMEOUT);
        stop.store(true, Ordering::Relaxed);
        let swaps = flips.join().map_err(|_| anyhow::anyhow!("the flipping thread panicked"))??;
        let out = out?;
        expect_results(&out, "escape", mode, expected)?;
        ensure!(swaps > 0, "the symlink was never swapped");
        ensure!(snapshot(&outside)? == before, "{mode:?}: the escape program changed ../outside");
        let mut top: Vec<String> = std::fs::read_dir(&scene)?
            .map(|e| Ok(e?.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_>>()?;
        top.sort();
        ensure!(top == ["outside", "sandbox"], "{mode:?}: something appeared beside the sandbox: {top:?}");
    }
    Ok(())
}

#[test]
fn read_only_grants_refuse_every_change() -> Result<()> {
    for flavor in FLAVORS {
        let f = fixture_as("readonly", flavor)?;
        let expected = expected_failures(&f, flavor, read_only_scene)?;
        read_only(&f, &expected).with_context(|| format!("as a {flavor:?}"))?;
    }
    Ok(())
}

/// Puts `sub/` and `existing.txt` in the sandbox.
fn read_only_scene(scene: &Path) -> Result<()> {
    let sandbox = scene.join("sandbox");
    std::fs::create_dir_all(sandbox.join("sub"))?;
    std::fs::write(sandbox.join("existing.txt"), "keep")?;
    Ok(())
}

fn read_only(f: &Fixture, expected: &[String]) -> Result<()> {
    for &mode in ALL {
        let scene = f.scene(mode)?;
        let sandbox = scene.join("sandbox");
        read_only_scene(&scene)?;
        let before = snapshot(&sandbox)?;
        let out = run(&mut f.command(mode, &scene, "")?, TIMEOUT)?;
        expect_results(&out, "readonly", mode, expected)?;
        ensure!(snapshot(&sandbox)? == before, "{mode:?}: the read-only sandbox changed");
    }
    Ok(())
}

/// A loopback address with a port that was free a moment ago.
fn free_addr() -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.to_string())
}

/// Plays the client of `sockets.c`.
fn socket_session(mut cmd: Command, addr: &str) -> Result<(String, Output)> {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let stdout = child.stdout.take().context("piped stdout")?;
    let mut stderr = child.stderr.take().context("piped stderr")?;
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        stderr.read_to_end(&mut s).map(|_| s)
    });
    let mut lines = BufReader::new(stdout);
    let mut ready = String::new();
    lines.read_line(&mut ready)?;
    let exchange = (|| -> Result<String> {
        ensure!(ready == "ready\n", "the program said {ready:?} instead of ready");
        let mut conn = TcpStream::connect(addr)?;
        conn.set_read_timeout(Some(Duration::from_secs(60)))?;
        conn.write_all(b"ping")?;
        let mut reply = String::new();
        conn.read_to_string(&mut reply)?;
        drop(conn);
        Ok(reply)
    })();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break s;
        }
        if Instant::now() > deadline {
            child.kill()?;
            bail!("the socket program did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut rest = Vec::new();
    lines.read_to_end(&mut rest)?;
    let stderr = err_reader.join().map_err(|_| anyhow::anyhow!("stderr reader panicked"))??;
    let out = Output { status, stdout: [ready.into_bytes(), rest].concat(), stderr };
    Ok((exchange.with_context(|| format!("stderr:\n{}", out.stderr_text()))?, out))
}

#[test]
fn sockets_on_loopback() -> Result<()> {
    let f = fixture("sockets")?;
    for &mode in ALL {
        let scene = f.scene(mode)?;
        let addr = free_addr()?;
        let (reply, out) = socket_session(f.command(mode, &scene, &addr)?, &addr)?;
        ensure!(reply == "pong:ping!", "{mode:?}: the client got {reply:?}");
        expect_ok(&out, "sockets", mode, "ready\n")?;
    }
    Ok(())
}

/// Runs `caps.wasm` (which prints its arguments, environment and preopens)
/// with an environment of `B=2`, `C=3` (and `extra`).
fn caps(cmd: &mut Command, extra: &[(&str, &str)]) -> Result<Output> {
    cmd.env_clear().env("B", "2").env("C", "3");
    for (k, v) in extra {
        cmd.env(k, v);
    }
    run(cmd, TIMEOUT)
}

fn expect_stdout(out: &Output, expected: &str) -> Result<()> {
    ensure!(
        out.code() == Some(0) && out.stdout_text() == expected,
        "{}: stdout {:?}, expected {expected:?}; stderr:\n{}",
        out.describe(),
        out.stdout_text(),
        out.stderr_text()
    );
    Ok(())
}

fn expect_failure(out: &Output, what: &str) -> Result<()> {
    ensure!(
        out.code() == Some(1) && out.stderr_text().contains(what) && !out.stderr_text().contains("panicked"),
        "expected exit 1 naming {what:?}, got {}:\n{}",
        out.describe(),
        out.stderr_text()
    );
    Ok(())
}

#[test]
fn grants_are_denied_by_default_and_given_by_flags_baking_and_kiln_grants() -> Result<()> {
    for flavor in FLAVORS {
        grants(&fixture_as("caps", flavor)?).with_context(|| format!("as a {flavor:?}"))?;
    }
    Ok(())
}

fn grants(f: &Fixture) -> Result<()> {
    let dir = &f.dir;
    for d in ["d1", "d2"] {
        std::fs::create_dir_all(dir.join(d))?;
    }
    let kiln = || {
        let mut c = Command::new(KILN);
        c.current_dir(dir).arg("run").arg("--no-cache");
        c
    };
    // Nothing granted: no environment, no directories.
    expect_stdout(&caps(kiln().arg(&f.wasm).arg("x"), &[])?, "arg x\n")?;
    // kiln run: options before the module, the program's arguments after.
    let out = caps(
        kiln()
            .args(["--env", "A=1", "--env-inherit", "--env", "B", "--dir", "d1::/one", "--dir", "d2::/two:ro"])
            .arg(&f.wasm)
            .args(["x", "--env", "y"]),
        &[],
    )?;
    expect_stdout(&out, "arg x\narg --env\narg y\nenv C=3\nenv A=1\nenv B=2\ndir 3 /one\ndir 4 /two\n")?;
    // Without a guest name the host path is the guest's.
    expect_stdout(&caps(kiln().args(["--dir", "d1"]).arg(&f.wasm), &[])?, "dir 3 d1\n")?;
    expect_failure(&caps(kiln().args(["--dir", "missing"]).arg(&f.wasm), &[])?, "missing")?;
    expect_failure(&caps(kiln().args(["--env", "UNSET"]).arg(&f.wasm), &[])?, "UNSET")?;
    expect_failure(&caps(kiln().args(["--env", "=x"]).arg(&f.wasm), &[])?, "variable name is empty")?;
    expect_failure(&caps(kiln().args(["--tcplisten", "nowhere"]).arg(&f.wasm), &[])?, "nowhere")?;

    // Baked in at build time, plus KILN_GRANTS at run time; KILN_GRANTS
    // itself stays hidden and the arguments are the program's own.
    let exe = dir.join("caps-baked");
    build(&f.wasm, &exe, &["--dir", "d1::/one", "--env", "A=1", "--env", "B"].map(String::from))?;
    let mut cmd = Command::new(&exe);
    cmd.current_dir(dir).args(["x", "--dir", "y"]);
    expect_stdout(&caps(&mut cmd, &[])?, "arg x\narg --dir\narg y\nenv A=1\nenv B=2\ndir 3 /one\n")?;
    let mut cmd = Command::new(&exe);
    cmd.current_dir(dir);
    let out = caps(&mut cmd, &[(KILN_GRANTS, "--dir 'd2::/two:ro' --env-inherit")])?;
    expect_stdout(&out, "env A=1\nenv B=2\nenv C=3\ndir 3 /one\ndir 4 /two\n")?;
    // A baked directory that is missing where the program runs, and bad
    // run-time grants, stop it before it starts.
    let mut cmd = Command::new(&exe);
    cmd.current_dir(dir.join("d1"));
    expect_failure(&caps(&mut cmd, &[])?, "kiln: --dir: cannot open directory `d1`")?;
    let mut cmd = Command::new(&exe);
    cmd.current_dir(dir);
    expect_failure(&caps(&mut cmd, &[(KILN_GRANTS, "--frob")])?, "unknown option `--frob`")?;
    let mut cmd = Command::new(&exe);
    cmd.current_dir(dir);
    expect_failure(&caps(&mut cmd, &[(KILN_GRANTS, "--dir 'unterminated")])?, "unterminated quote")?;

    // An executable built without grants sees nothing of its environment.
    let plain = dir.join("caps-plain");
    build(&f.wasm, &plain, &[])?;
    let mut cmd = Command::new(&plain);
    cmd.current_dir(dir);
    expect_stdout(&caps(&mut cmd, &[])?, "")?;
    // Bad build-time grants are refused before compiling.
    let out = run(Command::new(KILN).current_dir(dir).arg("build").arg(&f.wasm).args(["--env", "=1"]), TIMEOUT)?;
    expect_failure(&out, "variable name is empty")?;
    Ok(())
}
