//! Cross targets, from the entries under `targets/`:
//! - every Linux target other than the host (aarch64, riscv64): the C corpus
//!   (`tests/c`, compared with gcc's native build as in `corpus.rs`) and the
//!   trap fixtures (`tests/traps`, checked as in `traps.rs`) built with
//!   `kiln build --target` and run under the entry's qemu runner, plus CLIF
//!   and assembly expectations for `tests/codegen/NAME.wat` in
//!   `NAME.<arch>.clif`/`.asm` (`KILN_BLESS=1` regenerates them); a fixture
//!   with an `<arch> features: +v` directive (SIMD on riscv64) must be
//!   refused without those features, naming them, and is built with them
//!   (and run on a qemu CPU that has them);
//! - the spec suite's `core`, `exceptions`, `tail-call`,
//!   `function-references` and `memory64` groups, its wide-arithmetic and
//!   custom-page-sizes files, and `simd`
//!   and `relaxed-simd` where the target's baseline has vector registers
//!   (`../shared/spec-testsuite`, groups from its `GROUPS.txt`), through a
//!   `kiln wast` built for the target (std from source with Debian's
//!   rustc-web, linked by clang + lld against Debian's cross glibc) and run
//!   under qemu: the same per-file counts as on the host
//!   (`tests/spec-expectations.txt`; riscv64 runs no SIMD group: a `kiln
//!   wast --features +v` there refuses its own code, as the in-process
//!   loader cannot detect the V extension); the same `kiln wast` on random
//!   interpreter loops (`kiln_tests::dispatch`,
//!   whose dispatches kiln copies) and on the scripts of `tests/wast`; the
//!   setjmp/longjmp C program of `tests/exceptions` runs as an executable in
//!   both exception encodings;
//! - the relaxed-SIMD lanes program (`kiln_tests::relaxed`) as an executable
//!   under qemu (riscv64: with `+v`) prints the lanes the README documents
//!   for the target;
//! - every object-only target (Mach-O, COFF): `kiln compile` output parsed
//!   back with `object` and with `llvm-objdump`/`llvm-readobj`, and
//!   `kiln build` refusing clearly;
//! - the `kiln targets` listing (insta snapshot in the top-level
//!   `snapshots/`) and `--cpu`/`--features`.
//!
//! A missing qemu fails the tests that need it, naming scripts/test.sh.

use anyhow::{bail, ensure, Context, Result};
use kiln_compiler::target::{ObjectFormat, Target, TargetSpec};
use kiln_compiler::translate::simd::simd_available;
use kiln_compiler::OptLevel;
use kiln_tests::{check_static_elf, directive, fixtures, run, scratch_dir, shell_words, stem, toolchain, Output};
use libtest_mimic::{Arguments, Failed, Trial};
use object::{Object, ObjectSection, ObjectSymbol};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;
use wasmparser::{FunctionBody, KnownCustom, Name, Parser, Payload};

#[path = "cross/components.rs"]
mod components;
#[path = "cross/spec.rs"]
mod spec;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const BUILD_TIMEOUT: Duration = Duration::from_secs(600);
/// Programs run under emulation: generous, as the machine is shared.
const RUN_TIMEOUT: Duration = Duration::from_secs(300);

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let specs = match kiln_compiler::target::all() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let host = target_lexicon::HOST.to_string();
    let mut trials = Vec::new();
    for spec in specs.iter().filter(|s| s.link.executables && s.triple != host) {
        let arch = arch_name(spec);
        for program in fixtures("c", "c") {
            let name = stem(&program);
            trials.push(trial(format!("{arch}/c/{name}"), move || check_program(spec, &program, &name)));
        }
        for file in fixtures("traps", "wat") {
            let name = stem(&file);
            trials.push(trial(format!("{arch}/traps/{name}"), move || check_trap(spec, &file, &name)));
        }
        for file in fixtures("codegen", "wat") {
            for emit in ["clif", "asm"] {
                let file = file.clone();
                trials.push(trial(format!("{arch}/codegen/{}.{emit}", stem(&file)), move || {
                    check_codegen(spec, &file, emit)
                }));
            }
        }
        trials.push(trial(format!("{arch}/relaxed_simd_lanes"), move || check_relaxed_lanes(spec)));
    }
    for spec in specs.iter().filter(|s| !s.link.executables) {
        for file in fixtures("codegen", "wat") {
            let name = stem(&file);
            trials.push(trial(format!("objects/{}/{name}", spec.triple), move || check_object(spec, &file, &name)));
        }
        trials.push(trial(format!("objects/{}/build_is_refused", spec.triple), move || check_no_build(spec)));
    }
    trials.push(trial("targets_listing".to_string(), targets_listing));
    trials.push(trial("cpu_baselines_change_codegen".to_string(), cpu_baselines));
    // Last, the slow ones: each builds kiln for its target the first time.
    for spec in specs.iter().filter(|s| s.link.executables && s.triple != host) {
        trials.push(trial(format!("{}/spec-core", arch_name(spec)), move || spec::check_spec_core(spec)));
        trials.push(trial(format!("{}/components", arch_name(spec)), move || components::check_components(spec)));
        trials.push(trial(format!("{}/dispatch-loops", arch_name(spec)), move || check_dispatch_loops(spec)));
        trials.push(trial(format!("{}/exceptions", arch_name(spec)), move || check_exceptions(spec)));
    }
    libtest_mimic::run(&args, trials).exit_code()
}

fn trial(name: String, f: impl FnOnce() -> Result<()> + Send + 'static) -> Trial {
    Trial::test(name, move || f().map_err(|e| Failed::from(format!("{e:#}"))))
}

/// The architecture part of the entry's short name (`aarch64-linux` ->
/// `aarch64`), naming test groups and expectation files.
fn arch_name(spec: &TargetSpec) -> &str {
    let short = spec.short_names.first().map_or(spec.triple.as_str(), String::as_str);
    short.split('-').next().unwrap_or(short)
}

/// The emulator for the entry's executables, from PATH.
fn runner(spec: &TargetSpec) -> Result<PathBuf> {
    let name = &spec.run.as_ref().context("target entry without [run]")?.runner;
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()).with_context(|| {
        format!(
            "{name} is not installed: run scripts/test.sh, which installs Debian's qemu-user, to run {} programs",
            spec.triple
        )
    })
}

fn kiln_build(spec: &TargetSpec, input: &Path, exe: &Path) -> Result<()> {
    kiln_build_with(spec, input, exe, &[])
}

/// `kiln build --target` with `extra` options (`--features +v`).
fn kiln_build_with(spec: &TargetSpec, input: &Path, exe: &Path, extra: &[&str]) -> Result<()> {
    run(
        Command::new(KILN).args(["build", "--target", &spec.triple]).args(extra).arg(input).arg("-o").arg(exe),
        BUILD_TIMEOUT,
    )?
    .success(&format!("kiln build --target {} {}", spec.triple, extra.join(" ")))?;
    let elf = std::fs::read(exe).with_context(|| format!("cannot read {}", exe.display()))?;
    check_static_elf(&elf).map_err(anyhow::Error::msg).context("kiln build output")?;
    let file = object::File::parse(&*elf).context("kiln build output is not an object file")?;
    let expected = match arch_name(spec) {
        "aarch64" => object::Architecture::Aarch64,
        "riscv64" => object::Architecture::Riscv64,
        "x86_64" => object::Architecture::X86_64,
        other => bail!("no ELF machine known for {other}"),
    };
    ensure!(file.architecture() == expected, "executable is for {:?}, not {expected:?}", file.architecture());
    Ok(())
}

/// Runs `exe` under the target's emulator with a clean environment.
fn run_emulated(spec: &TargetSpec, exe: &Path, args: &[String], dir: &Path) -> Result<Output> {
    run_emulated_on(spec, None, exe, args, dir)
}

/// As [`run_emulated`], on qemu's CPU model `cpu` when given (`QEMU_CPU`).
fn run_emulated_on(spec: &TargetSpec, cpu: Option<&str>, exe: &Path, args: &[String], dir: &Path) -> Result<Output> {
    let qemu = runner(spec)?;
    let mut cmd = Command::new(qemu);
    cmd.arg(exe).args(args).env_clear().current_dir(dir);
    if let Some(cpu) = cpu {
        cmd.env("QEMU_CPU", cpu);
    }
    run(&mut cmd, RUN_TIMEOUT)
}

/// The qemu CPU model with the extensions `features` (a fixture's
/// `<arch> features:` directive) turn on, when the default lacks them.
fn qemu_cpu(spec: &TargetSpec, features: &str) -> Option<&'static str> {
    // qemu's default riscv64 CPU has no vector unit; kiln's v128 needs VLEN >= 128.
    (arch_name(spec) == "riscv64" && features.split(',').any(|f| f == "+v"))
        .then_some("rv64,v=true,vlen=128,vext_spec=v1.0")
}

/// For a fixture that needs `features` on this target: kiln without them
/// must refuse it, naming the option that enables them.
fn check_refused_without(spec: &TargetSpec, cmd: &mut Command, features: &str) -> Result<()> {
    let out = run(cmd, BUILD_TIMEOUT)?;
    let stderr = out.stderr_text();
    ensure!(!out.status.success(), "kiln accepted it for {} without `--features {features}`", spec.triple);
    ensure!(
        stderr.contains("simd: ") && stderr.contains(&format!("--features {features}")),
        "the error should name simd and `--features {features}`:\n{stderr}"
    );
    Ok(())
}

fn check_program(spec: &'static TargetSpec, source: &Path, name: &str) -> Result<()> {
    let qemu_check = runner(spec);
    let text = std::fs::read_to_string(source).with_context(|| format!("cannot read {}", source.display()))?;
    let args = directive(&text, "//", "args").map(|a| shell_words(&a)).unwrap_or_default();
    let compare_stderr = directive(&text, "//", "stderr").as_deref() != Some("ignore");
    let dir = scratch_dir(TMP, &format!("cross-{}", arch_name(spec)), &format!("c-{name}"));
    let wasm = dir.join(format!("{name}.wasm"));
    let native = dir.join(format!("{name}.native"));
    let exe = dir.join(name);
    let cflags = directive(&text, "//", "cflags").map(|a| shell_words(&a)).unwrap_or_default();
    let cflags: Vec<&str> = cflags.iter().map(String::as_str).collect();
    toolchain::compile_wasm(source, &wasm, &cflags)?;
    toolchain::gcc(&[source.as_os_str(), "-o".as_ref(), native.as_os_str(), "-lm".as_ref()])?;
    // `// <arch> features: +v`: the program needs them on this target.
    let features = directive(&text, "//", &format!("{} features", arch_name(spec)));
    let cpu = match &features {
        Some(f) => {
            let mut refused = Command::new(KILN);
            refused.args(["build", "--target", &spec.triple]).arg(&wasm).arg("-o").arg(&exe);
            check_refused_without(spec, &mut refused, f)?;
            kiln_build_with(spec, &wasm, &exe, &["--features", f])?;
            qemu_cpu(spec, f)
        }
        None => {
            kiln_build(spec, &wasm, &exe)?;
            None
        }
    };
    qemu_check?;

    let expected = run(Command::new(&native).args(&args).env_clear().current_dir(&dir), RUN_TIMEOUT)?;
    let actual = run_emulated_on(spec, cpu, &exe, &args, &dir)?;
    let mut problems = Vec::new();
    if exit_status(&expected) != exit_status(&actual) {
        problems.push(format!("exit: native {}, kiln {}", expected.describe(), actual.describe()));
    }
    if expected.stdout != actual.stdout {
        problems.push(format!("stdout differs:\n{}", diff(&expected.stdout_text(), &actual.stdout_text())));
    }
    if compare_stderr && expected.stderr != actual.stderr {
        problems.push(format!("stderr differs:\n{}", diff(&expected.stderr_text(), &actual.stderr_text())));
    }
    ensure!(
        problems.is_empty(),
        "{name}: kiln's {} build under qemu behaves differently from gcc's native build:\n{}\nkiln's stderr:\n{}",
        spec.triple,
        problems.join("\n"),
        actual.stderr_text()
    );
    Ok(())
}

/// The exit status, with death by a signal counted as 128 + signal.
fn exit_status(out: &Output) -> Option<i32> {
    out.code().or_else(|| out.status.signal().map(|s| 128 + s))
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual).unified_diff().context_radius(2).header("gcc", "kiln").to_string()
}

/// As `traps.rs`: exit status 134, `wasm trap: <message>` first on stderr,
/// the innermost frame named, its offset inside that function (at the
/// `;; op:` instruction if given), and the expected stdout.
fn check_trap(spec: &'static TargetSpec, file: &Path, name: &str) -> Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let message = directive(&text, ";;", "trap").context("missing `;; trap:` directive")?;
    let function = directive(&text, ";;", "function").context("missing `;; function:` directive")?;
    let wasm = wat::parse_str(&text).with_context(|| format!("{} is not valid wat", file.display()))?;
    let dir = scratch_dir(TMP, &format!("cross-{}", arch_name(spec)), &format!("trap-{name}"));
    let exe = dir.join(name);
    kiln_build(spec, file, &exe)?;
    let out = run_emulated(spec, &exe, &[], &dir)?;
    let stderr = out.stderr_text();
    let context = || format!("{}\nstdout:\n{}\nstderr:\n{stderr}", out.describe(), out.stdout_text());
    ensure!(out.code() == Some(kiln_abi::TRAP_EXIT_STATUS), "expected exit status 134, got {}", context());
    let first = stderr.lines().next().unwrap_or("");
    ensure!(
        first == format!("wasm trap: {message}"),
        "first stderr line should be `wasm trap: {message}`: {}",
        context()
    );
    let Some((frame, offset)) = stderr.lines().find_map(backtrace_frame) else {
        bail!("no `at <function> (wasm offset 0x..)` line in stderr: {}", context());
    };
    ensure!(frame == function, "innermost frame is `{frame}`, expected `{function}`: {}", context());
    let body = function_body(&wasm, &function)?;
    let range = body.range();
    ensure!(
        (range.start as u64..range.end as u64).contains(&offset),
        "wasm offset {offset:#x} is outside `{function}`'s body ({:#x}..{:#x}): {}",
        range.start,
        range.end,
        context()
    );
    if let Some(op) = directive(&text, ";;", "op") {
        let expected = operator_offset(&body, &op).with_context(|| format!("in function `{function}`"))?;
        ensure!(offset == expected, "trap at wasm offset {offset:#x}, but the first `{op}` is at {expected:#x}");
    }
    match directive(&text, ";;", "stdout") {
        Some(line) => ensure!(out.stdout_text() == format!("{line}\n"), "stdout should be `{line}`: {}", context()),
        None => ensure!(out.stdout.is_empty(), "unexpected stdout: {}", context()),
    }
    Ok(())
}

/// `at NAME (wasm offset 0xHEX)`, possibly indented or numbered.
fn backtrace_frame(line: &str) -> Option<(String, u64)> {
    let start = line.find("at ")?;
    if !line[..start].chars().all(|c| c.is_whitespace() || c.is_ascii_digit() || c == ':' || c == '#') {
        return None;
    }
    let rest = &line[start + 3..];
    let open = rest.rfind(" (wasm offset 0x")?;
    let hex = rest[open + " (wasm offset 0x".len()..].strip_suffix(')')?;
    Some((rest[..open].to_string(), u64::from_str_radix(hex, 16).ok()?))
}

/// The body of the function named `function` in the name section.
fn function_body<'a>(wasm: &'a [u8], function: &str) -> Result<FunctionBody<'a>> {
    let mut names = Vec::new();
    let mut imported = 0u32;
    let mut bodies = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import?.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body),
            Payload::CustomSection(reader) => {
                if let KnownCustom::Name(section) = reader.as_known() {
                    for name in section {
                        if let Name::Function(map) = name? {
                            for naming in map {
                                let naming = naming?;
                                names.push((naming.index, naming.name.to_string()));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let index = names.iter().find(|(_, n)| n == function).map(|(i, _)| *i).context("function not in name section")?;
    let defined = index.checked_sub(imported).context("function is imported")?;
    bodies.into_iter().nth(defined as usize).context("function has no body")
}

/// The module offset of the first operator named `op` in `body`.
fn operator_offset(body: &FunctionBody<'_>, op: &str) -> Result<u64> {
    let mut ops = body.get_operators_reader()?;
    while !ops.eof() {
        let offset = ops.original_position();
        let debug = format!("{:?}", ops.read()?);
        if debug.split(|c: char| !c.is_alphanumeric()).next() == Some(op) {
            return Ok(offset);
        }
    }
    bail!("no `{op}` instruction")
}

fn kiln_compile(args: &[&str], input: &Path) -> Result<Output> {
    run(Command::new(KILN).arg("compile").args(args).arg(input), BUILD_TIMEOUT)?
        .success(&format!("kiln compile {}", args.join(" ")))
}

/// `NAME.<arch>.clif`/`.asm` beside `NAME.wat`.
fn check_codegen(spec: &TargetSpec, wat: &Path, emit: &str) -> Result<()> {
    let text = std::fs::read_to_string(wat).with_context(|| format!("cannot read {}", wat.display()))?;
    let mut args = vec!["--target", &spec.triple, "--emit", emit];
    // `;; compile: FLAGS` (as in codegen.rs). A target whose entry has no
    // fixed-memory-base must refuse `--memory-base fixed`, naming it.
    let flags = directive(&text, ";;", "compile").map(|f| shell_words(&f)).unwrap_or_default();
    if flags.windows(2).any(|w| w == ["--memory-base", "fixed"]) && spec.fixed_memory_base.is_none() {
        let out = run(Command::new(KILN).arg("compile").args(&args).args(&flags).arg(wat), BUILD_TIMEOUT)?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        ensure!(
            !out.status.success() && stderr.contains("a fixed memory base is not available for this target"),
            "--memory-base fixed was not refused for {}: {stderr}",
            spec.triple
        );
        return Ok(());
    }
    args.extend(flags.iter().map(String::as_str));
    // `;; <arch> features: +v`: the listing is made with them; without
    // them kiln must refuse the module.
    let features = directive(&text, ";;", &format!("{} features", arch_name(spec)));
    if let Some(f) = &features {
        check_refused_without(spec, Command::new(KILN).arg("compile").args(&args).arg(wat), f)?;
        args.extend(["--features", f.as_str()]);
    }
    let out = kiln_compile(&args, wat)?;
    let listing = String::from_utf8(out.stdout)?;
    ensure!(!listing.trim().is_empty(), "kiln compile --emit {emit} printed nothing");
    kiln_tests::expect::check(&wat.with_extension(format!("{}.{emit}", arch_name(spec))), &listing)
}

/// A Mach-O or COFF object: the right format and architecture, the module's
/// symbols with the platform's mangling, relocations against them, section
/// flags that keep code executable and tables read-only or writable data,
/// and a clean parse by llvm-objdump and llvm-readobj.
fn check_object(spec: &TargetSpec, wat: &Path, name: &str) -> Result<()> {
    let dir = scratch_dir(TMP, "cross-objects", &format!("{}-{name}", spec.triple));
    let path = dir.join(format!("{name}.o"));
    run(Command::new(KILN).args(["compile", "--target", &spec.triple]).arg(wat).arg("-o").arg(&path), BUILD_TIMEOUT)?
        .success("kiln compile")?;
    let bytes = std::fs::read(&path)?;
    let file = object::File::parse(&*bytes).context("kiln's object does not parse")?;
    let (format, prefix) = match spec.object_format {
        ObjectFormat::Macho => (object::BinaryFormat::MachO, "_"),
        ObjectFormat::Coff => (object::BinaryFormat::Coff, ""),
        ObjectFormat::Elf => (object::BinaryFormat::Elf, ""),
    };
    ensure!(file.format() == format, "object is {:?}, expected {format:?}", file.format());
    let arch =
        if spec.triple.starts_with("aarch64") { object::Architecture::Aarch64 } else { object::Architecture::X86_64 };
    ensure!(file.architecture() == arch, "object is for {:?}, expected {arch:?}", file.architecture());

    let info = format!("{prefix}{}", kiln_abi::symbols::MODULE_INFO);
    let symbol = file.symbol_by_name(&info).with_context(|| format!("no `{info}` symbol"))?;
    ensure!(symbol.is_global() && symbol.is_definition(), "`{info}` must be a global definition");
    for sym in file.symbols().filter(|s| s.is_global()) {
        let name = sym.name()?;
        ensure!(name.starts_with(prefix), "global symbol `{name}` lacks the `{prefix}` prefix");
        ensure!(
            !(prefix.is_empty() && name.starts_with("_kiln")),
            "global symbol `{name}` is mangled on a target without a prefix"
        );
    }

    let mut relocations = 0;
    for section in file.sections() {
        let flags = section.flags();
        let kind = section.kind();
        match (kind, flags) {
            (object::SectionKind::Text, object::SectionFlags::MachO { flags }) => {
                let attrs = object::macho::S_ATTR_PURE_INSTRUCTIONS | object::macho::S_ATTR_SOME_INSTRUCTIONS;
                ensure!(flags & attrs == attrs, "Mach-O {} lacks the instruction attributes", section.name()?);
            }
            (object::SectionKind::Text, object::SectionFlags::Coff { characteristics }) => {
                let need =
                    object::pe::IMAGE_SCN_CNT_CODE | object::pe::IMAGE_SCN_MEM_EXECUTE | object::pe::IMAGE_SCN_MEM_READ;
                ensure!(characteristics & need == need, "COFF {} is not readable executable code", section.name()?);
                ensure!(characteristics & object::pe::IMAGE_SCN_MEM_WRITE == 0, "COFF code is writable");
            }
            (object::SectionKind::ReadOnlyData, object::SectionFlags::Coff { characteristics }) => {
                ensure!(characteristics & object::pe::IMAGE_SCN_MEM_EXECUTE == 0, "COFF data is executable");
            }
            _ => {}
        }
        for (offset, reloc) in section.relocations() {
            relocations += 1;
            ensure!(offset < section.size(), "relocation at {offset:#x} outside {}", section.name()?);
            if let object::RelocationTarget::Symbol(index) = reloc.target() {
                file.symbol_by_index(index).with_context(|| format!("relocation at {offset:#x}: bad symbol"))?;
            }
        }
    }
    // The module tables point at code and at each other.
    ensure!(relocations > 0, "the object has no relocations");

    let tool = |program: &str, args: &[&str]| -> Result<String> {
        let out = run(Command::new(program).args(args).arg(&path), BUILD_TIMEOUT)
            .with_context(|| format!("{program} is needed (Debian: llvm; run scripts/test.sh)"))?
            .success(program)?;
        let stderr = out.stderr_text();
        ensure!(!stderr.contains("warning") && !stderr.contains("error"), "{program} complains:\n{stderr}");
        Ok(out.stdout_text())
    };
    tool("llvm-objdump", &["-d"])?;
    tool("llvm-readobj", &["--sections", "--relocations", "--symbols"])?;
    let dump = tool("llvm-objdump", &["-r", "-t"])?;
    ensure!(dump.contains(&info), "llvm-objdump does not list `{info}`:\n{dump}");
    ensure!(dump.contains("RELOCATION RECORDS"), "llvm-objdump shows no relocations:\n{dump}");
    Ok(())
}

/// `kiln build` for an object-only target fails before compiling, saying so.
fn check_no_build(spec: &TargetSpec) -> Result<()> {
    let dir = scratch_dir(TMP, "cross-objects", &format!("{}-build", spec.triple));
    let hello = kiln_tests::repo_root().join("examples/hello.wat");
    let out = run(
        Command::new(KILN).args(["build", "--target", &spec.triple]).arg(&hello).arg("-o").arg(dir.join("hello")),
        BUILD_TIMEOUT,
    )?;
    let stderr = out.stderr_text();
    ensure!(out.code() == Some(1), "kiln build should fail with status 1: {}\n{stderr}", out.describe());
    let expected = format!("error: linking executables for `{}` is not supported", spec.triple);
    ensure!(stderr.starts_with(&expected), "stderr should start with `{expected}`:\n{stderr}");
    ensure!(!dir.join("hello").exists(), "kiln build wrote an output anyway");
    Ok(())
}

fn targets_listing() -> Result<()> {
    let out = run(Command::new(KILN).arg("targets"), BUILD_TIMEOUT)?.success("kiln targets")?;
    let text = out.stdout_text();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("kiln_targets", text));
    Ok(())
}

/// `--cpu`/`--features` reach the code generator: a bit-counting function
/// uses the extension's instructions only when the baseline includes it.
fn cpu_baselines() -> Result<()> {
    let dir = scratch_dir(TMP, "cross-objects", "cpu");
    let wat = dir.join("clz.wat");
    std::fs::write(&wat, "(module (func (export \"f\") (param i64) (result i64) local.get 0 i64.clz))")?;
    // Whether the listing has `instruction` as a real instruction (a
    // pseudo-instruction that expands to a loop prints `##` annotations).
    let uses = |args: &[&str], instruction: &str| -> Result<bool> {
        let mut all = vec!["--emit", "asm"];
        all.extend_from_slice(args);
        let listing = kiln_compile(&all, &wat)?.stdout_text();
        Ok(listing.lines().any(|l| l.split_whitespace().next() == Some(instruction) && !l.contains("##")))
    };
    for (target, cpu, feature, instruction) in
        [("x86_64-linux", "x86-64-v3", "lzcnt", "lzcntq"), ("riscv64-linux", "rva22u64", "zbb", "clz")]
    {
        ensure!(!uses(&["--target", target], instruction)?, "{target}'s default baseline uses `{instruction}`");
        ensure!(uses(&["--target", target, "--cpu", cpu], instruction)?, "{target} --cpu {cpu}: no `{instruction}`");
        let on = format!("+{feature}");
        ensure!(
            uses(&["--target", target, "--features", &on], instruction)?,
            "{target} --features {on}: no `{instruction}`"
        );
        let off = format!("-{feature}");
        ensure!(
            !uses(&["--target", target, "--cpu", cpu, "--features", &off], instruction)?,
            "{target} --cpu {cpu} --features {off} still uses `{instruction}`"
        );
    }
    let out = run(
        Command::new(KILN).args(["compile", "--target", "aarch64-linux", "--cpu", "znver4"]).arg(&wat),
        BUILD_TIMEOUT,
    )?;
    ensure!(out.code() == Some(1), "an unknown --cpu must be an error: {}", out.describe());
    ensure!(
        out.stderr_text().contains("unknown CPU baseline `znver4` (known: armv8-a, armv8.1-a, armv8.4-a)"),
        "unexpected message: {}",
        out.stderr_text()
    );
    Ok(())
}

/// The GNU triple Debian's cross packages use (`aarch64-linux-gnu`).
fn gnu_triple(spec: &TargetSpec) -> String {
    format!("{}-linux-gnu", arch_name(spec))
}

/// `kiln` built for the target, in `target/cross-kiln`: std from source
/// (`-Zbuild-std`) with Debian's rustc-web, linked by clang and lld against
/// Debian's `libc6-dev-<arch>-cross`. It only runs `kiln wast`, so it is
/// built without runtime archives.
fn cross_kiln(spec: &TargetSpec) -> Result<PathBuf> {
    let triple = &spec.triple;
    let gnu = gnu_triple(spec);
    let sysroot = PathBuf::from(format!("/usr/{gnu}"));
    let debian_arch = if arch_name(spec) == "aarch64" { "arm64" } else { arch_name(spec) };
    ensure!(
        sysroot.join("lib").is_dir(),
        "{} is missing: run scripts/test.sh (installs libc6-dev-{debian_arch}-cross and libgcc-12-dev-{debian_arch}-cross)",
        sysroot.display()
    );
    let target_dir = kiln_tests::repo_root().join("target/cross-kiln");
    let env_triple = triple.to_uppercase().replace('-', "_");
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.args(["build", "--release", "-p", "kiln-cli", "--bin", "kiln", "-Zbuild-std=std,panic_unwind", "--target"])
        .arg(triple)
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(kiln_tests::repo_root())
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTC", "/usr/bin/rustc")
        .env("RUSTDOC", "/usr/bin/rustdoc")
        .env("KILN_SKIP_RUNTIME", "1")
        .env(format!("CARGO_TARGET_{env_triple}_LINKER"), "clang");
    let mut rustflags = format!("-Clink-arg=--target={gnu} -Clink-arg=-fuse-ld=lld");
    if arch_name(spec) == "riscv64" {
        // Debian's lld 14 cannot link the cross glibc's start files (they need
        // RISC-V linker relaxation); the toolchain's newer rust-lld can, and
        // clang picks its `gcc-ld/ld.lld` wrapper up through -B.
        let sysroot = Command::new("rustc").args(["--print", "sysroot"]).output().context("running rustc")?;
        let gcc_ld = PathBuf::from(String::from_utf8(sysroot.stdout)?.trim())
            .join("lib/rustlib")
            .join(target_lexicon::HOST.to_string())
            .join("bin/gcc-ld");
        ensure!(gcc_ld.join("ld.lld").exists(), "no rust-lld wrapper at {}", gcc_ld.display());
        rustflags.push_str(&format!(" -Clink-arg=-B{}", gcc_ld.display()));
    }
    cmd.env(format!("CARGO_TARGET_{env_triple}_RUSTFLAGS"), rustflags);
    run(&mut cmd, Duration::from_secs(3600)).and_then(|o| o.success(&format!("building kiln for {triple}"))).context(
        "the cross build needs rustc-web, rust-web-src, clang, lld and the cross glibc: run scripts/test.sh",
    )?;
    Ok(target_dir.join(triple).join("release/kiln"))
}

/// The relaxed-SIMD lanes program (`kiln_tests::relaxed`) built for the
/// target (riscv64: with `+v`) and run under qemu prints the lanes the
/// README documents for it: x86's SSE results on x86_64, else the
/// deterministic ones with a fused multiply-add.
fn check_relaxed_lanes(spec: &'static TargetSpec) -> Result<()> {
    let dir = scratch_dir(TMP, &format!("cross-{}", arch_name(spec)), "relaxed-simd-lanes");
    let wat = dir.join("lanes.wat");
    std::fs::write(&wat, kiln_tests::relaxed::program())?;
    let exe = dir.join("lanes");
    let isa = Target::parse(&spec.triple)?.isa(OptLevel::Speed)?;
    let cpu = if simd_available(&*isa) {
        kiln_build(spec, &wat, &exe)?;
        None
    } else {
        let features = "+v";
        kiln_build_with(spec, &wat, &exe, &["--features", features])?;
        qemu_cpu(spec, features)
    };
    let out = run_emulated_on(spec, cpu, &exe, &[], &dir)?.success(&format!("lanes on {}", spec.triple))?;
    let x86 = arch_name(spec) == "x86_64";
    let profile = kiln_tests::relaxed::Profile { x86, fused: !x86 };
    kiln_tests::relaxed::compare(&out.stdout_text(), profile).map_err(anyhow::Error::msg)
}

/// Exceptions and tail calls on the target: the scripts of `tests/wast`
/// through the target's `kiln wast` (the v128 one where the baseline has
/// vectors), and the setjmp/longjmp C program of `tests/exceptions` in both
/// exception encodings built with `kiln build --target`, run under qemu
/// against gcc's native build.
fn check_exceptions(spec: &'static TargetSpec) -> Result<()> {
    let qemu = runner(spec)?;
    let isa = Target::parse(&spec.triple)?.isa(OptLevel::Speed)?;
    let simd = simd_available(&*isa);
    let src = kiln_tests::fixture_dir("exceptions");
    let dir = scratch_dir(TMP, &format!("cross-{}", arch_name(spec)), "exceptions");
    let kiln = cross_kiln(spec)?;
    let sysroot = format!("/usr/{}", gnu_triple(spec));
    for script in fixtures("wast", "wast") {
        if !simd && stem(&script).contains("v128") {
            continue;
        }
        let out = run(Command::new(&qemu).arg("-L").arg(&sysroot).arg(&kiln).arg("wast").arg(&script), RUN_TIMEOUT)?;
        ensure!(
            out.status.success() && out.stdout_text().contains(" passed, 0 failed"),
            "{} on {}: {}\n{}{}",
            script.display(),
            spec.triple,
            out.describe(),
            out.stdout_text(),
            out.stderr_text()
        );
    }
    let native = dir.join("setjmp.native");
    toolchain::gcc(&[src.join("setjmp.c").as_os_str(), "-o".as_ref(), native.as_os_str()])?;
    let expected = run(Command::new(&native).env_clear().current_dir(&dir), RUN_TIMEOUT)?.success("native setjmp")?;
    for legacy in [true, false] {
        let wasm = toolchain::sjlj_program(&src.join("setjmp.c"), &src.join("setjmp_rt.c"), &dir, legacy)?;
        let exe = wasm.with_extension("");
        kiln_build(spec, &wasm, &exe)?;
        let actual = run_emulated(spec, &exe, &[], &dir)?;
        ensure!(
            actual.status.success() && actual.stdout == expected.stdout,
            "{} on {}: {}\n{}",
            wasm.display(),
            spec.triple,
            actual.describe(),
            diff(&expected.stdout_text(), &actual.stdout_text())
        );
    }
    Ok(())
}

/// Random interpreter loops (`kiln_tests::dispatch`), whose dispatches kiln
/// copies into their cases, through the target's own `kiln wast` under
/// qemu: the `br_table` interpreters compute what the `if` chains compute.
fn check_dispatch_loops(spec: &'static TargetSpec) -> Result<()> {
    const MODULES: usize = 20;
    let qemu = runner(spec)?;
    let kiln = cross_kiln(spec)?;
    let dir = scratch_dir(TMP, &format!("cross-{}", arch_name(spec)), "dispatch-loops");
    std::fs::write(dir.join("random.wast"), kiln_tests::dispatch::script(&kiln_tests::dispatch::modules(MODULES)))?;
    let sysroot = format!("/usr/{}", gnu_triple(spec));
    let out = run(
        Command::new(&qemu).arg("-L").arg(&sysroot).arg(&kiln).arg("wast").arg("random.wast").current_dir(&dir),
        RUN_TIMEOUT,
    )?;
    let stdout = out.stdout_text();
    let passed = format!("random.wast: {} passed, 0 failed", MODULES * (kiln_tests::dispatch::RUNS.len() + 1));
    ensure!(
        stdout.contains(&passed),
        "{}: kiln wast under qemu ({}):\n{stdout}{}",
        spec.triple,
        out.describe(),
        out.stderr_text()
    );
    Ok(())
}
