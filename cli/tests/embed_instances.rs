//! The embedding API's instances: `tests/host/instances.c` links
//! `instance_echo.c` (a WASI program, `kiln compile`d) and `libkiln_rt.a`,
//! and creates seven instances with `kiln_instance_new`, each with its own
//! arguments, granted variable, preopened directory (or none) and so its
//! own descriptor table, before running any of them with `kiln_run`. The
//! one that calls `proc_exit(7)` and the one that traps end their own call
//! with that status, and the others run after them; of two allocating
//! 4 MiB, the one granted `--max-memory 1M` sees `malloc` fail. `cycles.c` creates,
//! runs and drops 100,000 instances with `kiln_instance_drop`: the resident
//! set and the open descriptors stay flat. `threads.c` runs instances on
//! three threads at once, one of them looping until `kiln_interrupt`.
//! `demo.c` does the same with two modules (the second, `sum.c`, with its
//! object's symbols renamed) and per-thread grants and limits. `fixed.c`
//! shows a `--memory-base fixed` object refusing a second live instance.

use anyhow::{ensure, Result};
use kiln_tests::toolchain::{compile_wasm, gcc};
use kiln_tests::{fixture_dir, run, scratch_dir};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

fn kiln(dir: &Path, args: &[&str]) -> Result<()> {
    run(Command::new(KILN).args(args).current_dir(dir), TIMEOUT)?.success(&format!("kiln {}", args[0]))?;
    Ok(())
}

/// Builds host program `host` (`tests/host/<host>.c`) against
/// `instance_echo.c`, in a fresh directory that also holds `a/note.txt`
/// and `b/note.txt`. Returns the directory and the executable.
fn build(host: &str) -> Result<(PathBuf, PathBuf)> {
    build_with(host, &[])
}

/// [`build`], compiling the module with `flags`.
fn build_with(host: &str, flags: &[&str]) -> Result<(PathBuf, PathBuf)> {
    build_linking(host, flags, &[])
}

/// [`build_with`], also linking `objects` (relative to the build directory).
fn build_linking(host: &str, flags: &[&str], objects: &[&str]) -> Result<(PathBuf, PathBuf)> {
    let src = fixture_dir("host");
    let dir = scratch_dir(TMP, "embed_instances", host);
    compile_wasm(&src.join("instance_echo.c"), &dir.join("instance_echo.wasm"), &[])?;
    let mut compile = vec!["compile", "instance_echo.wasm", "-o", "instance_echo.o"];
    compile.extend_from_slice(flags);
    kiln(&dir, &compile)?;
    kiln(&dir, &["runtime-lib", "-o", "libkiln_rt.a"])?;
    let exe = dir.join(host);
    let (source, module, runtime) =
        (src.join(format!("{host}.c")), dir.join("instance_echo.o"), dir.join("libkiln_rt.a"));
    let extra: Vec<PathBuf> = objects.iter().map(|o| dir.join(o)).collect();
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["-Wall".as_ref(), "-Werror".as_ref(), "-I".as_ref(), dir.as_os_str(), source.as_os_str()];
    args.push(module.as_os_str());
    args.extend(extra.iter().map(|o| o.as_os_str()));
    args.extend([runtime.as_os_str(), "-lpthread".as_ref(), "-o".as_ref(), exe.as_os_str()]);
    gcc(&args)?;
    for (name, note) in [("a", "alpha\n"), ("b", "beta\n")] {
        std::fs::create_dir_all(dir.join(name))?;
        std::fs::write(dir.join(name).join("note.txt"), note)?;
    }
    Ok((dir, exe))
}

#[test]
fn instances_have_their_own_wasi_context() -> Result<()> {
    let src = fixture_dir("host");
    let (dir, exe) = build("instances")?;
    let out = run(Command::new(&exe).args(["a", "b"]).current_dir(&dir), TIMEOUT)?.success("the host")?;
    let expected = std::fs::read_to_string(src.join("instances.expected"))?;
    ensure!(out.stdout_text() == expected, "printed:\n{}\nexpected:\n{expected}", out.stdout_text());
    let stderr = out.stderr_text();
    ensure!(stderr.contains("wasm trap: "), "the trap is reported:\n{stderr}");
    ensure!(stderr.contains("nope"), "the unknown export is named:\n{stderr}");
    Ok(())
}

#[test]
fn dropped_instances_return_their_memory_and_descriptors() -> Result<()> {
    const CYCLES: u64 = 100_000;
    let (dir, exe) = build("cycles")?;
    let cycles = CYCLES.to_string();
    let out = run(Command::new(&exe).args([cycles.as_str(), "a"]).current_dir(&dir), TIMEOUT)?.success("cycles")?;
    let text = out.stdout_text();
    // cycles N rss_kib WARM END fds WARM END
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |i: usize| -> Result<i64> {
        words.get(i).and_then(|w| w.parse().ok()).ok_or_else(|| anyhow::anyhow!("bad report: {text}"))
    };
    ensure!(words.first() == Some(&"cycles") && number(1)? == CYCLES as i64, "bad report: {text}");
    let (rss_warm, rss_end, fds_warm, fds_end) = (number(3)?, number(4)?, number(6)?, number(7)?);
    eprintln!("{CYCLES} instantiate/run/drop cycles: RSS {rss_warm} KiB after 1,000, {rss_end} KiB after all");
    // Each leaked instance would keep at least its touched memory pages
    // (tens of KiB): 100,000 of them would be gigabytes.
    ensure!(rss_end - rss_warm < 4096, "RSS grew from {rss_warm} KiB to {rss_end} KiB");
    ensure!(fds_end == fds_warm, "open descriptors went from {fds_warm} to {fds_end}");
    Ok(())
}

#[test]
fn instances_run_on_several_threads_and_one_is_interrupted() -> Result<()> {
    let (dir, exe) = build_with("threads", &["--interruptible"])?;
    let started = std::time::Instant::now();
    let out = run(Command::new(&exe).current_dir(&dir), TIMEOUT)?.success("threads")?;
    let expected = "interrupt 0 loop 134\n\
                    main: 200 runs, 160 ok, 20 exited, 20 trapped, 0 other\n\
                    worker: 200 runs, 160 ok, 20 exited, 20 trapped, 0 other\n";
    ensure!(out.stdout_text() == expected, "printed:\n{}\nexpected:\n{expected}", out.stdout_text());
    let stderr = out.stderr_text();
    ensure!(stderr.matches("wasm trap: unreachable").count() == 40, "40 traps reported:\n{stderr}");
    ensure!(stderr.contains("wasm trap: interrupted"), "the loop is reported interrupted:\n{stderr}");
    eprintln!("400 instances on 2 threads and 1 interrupted: {:?}", started.elapsed());
    Ok(())
}

#[test]
fn two_modules_on_two_threads_with_their_own_grants_and_limits() -> Result<()> {
    let src = fixture_dir("host");
    let dir = scratch_dir(TMP, "embed_instances", "sum");
    compile_wasm(&src.join("sum.c"), &dir.join("sum.wasm"), &[])?;
    kiln(&dir, &["compile", "sum.wasm", "-o", "sum.o"])?;
    let mut objcopy = Command::new("objcopy");
    objcopy
        .args(["--redefine-sym", "kiln_module_info=sum_module_info"])
        .args(["--redefine-sym", "kiln_export__5fstart=sum_start"])
        .arg(dir.join("sum.o"))
        .arg(dir.join("sum_renamed.o"));
    run(&mut objcopy, TIMEOUT)?.success("objcopy")?;
    let sum = dir.join("sum_renamed.o");
    let sum = sum.to_str().ok_or_else(|| anyhow::anyhow!("non-UTF-8 path"))?;
    let (dir, exe) = build_linking("demo", &["--interruptible"], &[sum])?;
    let out = run(Command::new(&exe).arg("a").current_dir(&dir), TIMEOUT)?.success("demo")?;
    let expected = "interrupt 0 loop 134\nmain: 200 runs, 0 wrong\nworker: 200 runs, 0 wrong\n";
    ensure!(
        out.stdout_text() == expected,
        "printed:\n{}\nexpected:\n{expected}\n{}",
        out.stdout_text(),
        out.stderr_text()
    );
    Ok(())
}

#[test]
fn a_fixed_memory_base_object_is_single_instance_and_says_so() -> Result<()> {
    let (dir, exe) = build_with("fixed", &["--memory-base", "fixed"])?;
    let out = run(Command::new(&exe).current_dir(&dir), TIMEOUT)?.success("fixed")?;
    let expected = "first ok, second NULL\nafter the drop ok\n";
    ensure!(out.stdout_text() == expected, "printed:\n{}\nexpected:\n{expected}", out.stdout_text());
    let stderr = out.stderr_text();
    ensure!(stderr.contains("`--memory-base fixed` allows one live instance per process"), "{stderr}");
    Ok(())
}
