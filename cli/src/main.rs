//! The `kiln` command.
//!
//! Data flow: `kiln build` reads a `.wasm`/`.wat` file, checks that the
//! runtime provides every import ([`imports`]), compiles it with
//! `kiln_compiler::compile` into a relocatable object, and links the object
//! with the embedded runtime archive ([`runtime`]) using the linker [`link`]
//! finds. `kiln compile` stops after the object (plus its C header) or prints
//! the CLIF/asm listing; `kiln runtime-lib` writes the archive out for C hosts.

mod engine;
mod imports;
mod link;
mod runtime;
mod targets;
mod wast;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use kiln_compiler::target::Target;
use kiln_compiler::{CompileOptions, CompiledModule, MemoryBase, OptLevel};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const ABOUT: &str = "kiln compiles WebAssembly ahead of time into native code.";

const LONG_ABOUT: &str = "\
kiln compiles WebAssembly ahead of time into native code.

`kiln build` turns a WASI command module (one exporting `_start`), a
reactor with `--entry NAME`, or a WASI 0.2 command component (exporting
`wasi:cli/run`), into a static executable that needs nothing installed.
`kiln compile` writes a relocatable object and a C header for linking the
module into a C program, together with the archive `kiln runtime-lib`
writes.

A program that traps prints `wasm trap: <message>` and the trapping function
(`at <function> (wasm offset 0x..)`) on stderr and exits with status 134. An
exception that no wasm frame catches is such a trap (`uncaught exception`).";

#[derive(Parser)]
#[command(name = "kiln", version, about = ABOUT, long_about = LONG_ABOUT)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Compile a WASI command (or reactor, with --entry) and link it into a static executable.
    Build(BuildArgs),
    /// Compile a module into a relocatable object and a C header (or print its CLIF or assembly).
    Compile(CompileArgs),
    /// Write the runtime library archive that objects from `kiln compile` link against.
    RuntimeLib(RuntimeLibArgs),
    /// Compile a module into a precompiled blob (.kwasm) that `kiln run` loads without compiling.
    Precompile(engine::run::PrecompileArgs),
    /// Run a module (.wasm, .wat or .kwasm) in-process: a WASI program, or one export with --invoke.
    Run(engine::run::RunArgs),
    /// Run WebAssembly spec test scripts (.wast).
    Wast(engine::run::WastArgs),
    /// List the targets kiln compiles for, what it can produce for each, and what that needs.
    Targets,
}

#[derive(Args)]
struct CodegenArgs {
    /// Target to compile for: a target triple such as `x86_64-unknown-linux-gnu`, or
    /// `x86_64-linux`, `aarch64-linux`, `riscv64-linux` [default: the machine kiln runs on]
    #[arg(long, value_name = "TARGET")]
    target: Option<String>,

    /// CPU baseline the code may assume, e.g. `x86-64-v3`, `armv8.1-a`, `rva22u64` (see `kiln
    /// targets`), or `native` for every feature of the CPU kiln runs on (the code may then not run
    /// on other CPUs) [default: the target's conservative baseline, which runs on every CPU of the
    /// architecture]
    #[arg(long, value_name = "CPU")]
    cpu: Option<String>,

    /// CPU features to add to (`+name` or `name`) or remove from (`-name`) the baseline,
    /// comma-separated, e.g. `+avx2,+bmi2` (see `kiln targets`)
    #[arg(long, value_name = "FEATURES", value_delimiter = ',', allow_hyphen_values = true)]
    features: Vec<String>,

    /// Optimization level of the generated code [default: speed; none with -g]
    #[arg(short = 'O', value_name = "LEVEL", value_enum)]
    opt_level: Option<Opt>,

    /// Source-level debug info: transform the module's DWARF (`clang -g`) so gdb and lldb
    /// show C/Rust source lines and variables, and trap backtraces name source lines
    #[arg(short = 'g')]
    debug: bool,

    /// Where the code finds linear memory 0 [default: `fixed` for `kiln build` where the target
    /// has a fixed address (x86_64 Linux), else `any`]
    #[arg(long, value_name = "WHERE", value_enum)]
    memory_base: Option<MemBase>,

    /// Compile checks into function entries and loop headers so that a `--timeout` given at run time
    /// (KILN_GRANTS, `kiln_wasi_grant`) can stop the code; implied by `kiln build --timeout`. Code
    /// without them runs unchanged and refuses to start under a timeout
    #[arg(long)]
    interruptible: bool,

    /// Compile fuel metering into function entries and loop headers so that a `--fuel` budget given
    /// at run time can stop the code; implied by `kiln build --fuel`. Code without it runs unchanged
    /// and refuses to start with a fuel budget
    #[arg(long)]
    fuel_metering: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MemBase {
    /// At the target's fixed address, compiled into the code: faster (no register holds the base,
    /// no function loads it), but one instance of the module per process
    Fixed,
    /// Anywhere: each function loads the base from its instance
    Any,
}

#[derive(Clone, Copy, ValueEnum)]
enum Opt {
    /// No optimization (fastest compile)
    None,
    /// Optimize for speed
    Speed,
    /// Optimize for speed and code size
    #[value(name = "speed_and_size", alias = "speed-and-size")]
    SpeedAndSize,
}

#[derive(Args)]
struct BuildArgs {
    /// The module to compile: WebAssembly binary (.wasm) or text (.wat); a component is fused
    /// into one module first
    input: PathBuf,

    /// Path of the executable to write [default: the input's file name without extension, in the
    /// current directory]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    codegen: CodegenArgs,

    /// Also keep the compiled object, as OUTPUT.o
    #[arg(long)]
    keep_object: bool,

    /// Run export NAME instead of `_start`, after `_initialize` if the module exports it (a WASI
    /// reactor, such as CPython for WASI with `--entry run`); NAME takes no parameters, and an i32
    /// result is the exit status
    #[arg(long, value_name = "NAME")]
    entry: Option<String>,

    // Capabilities baked into the executable; more can be granted at run time
    // through KILN_GRANTS.
    #[command(flatten)]
    grants: engine::run::GrantArgs,

    /// Link a native object (.o) or archive (.a) whose C functions satisfy the module's non-WASI
    /// function imports (defined as `<module>_<name>`; see the README's "Host functions"); repeatable
    #[arg(long = "link", value_name = "FILE")]
    link: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// A relocatable object, plus a C header beside it (same name, `.h`)
    Obj,
    /// Cranelift IR of every function, after optimization
    Clif,
    /// Machine code listing of every function
    Asm,
}

#[derive(Args)]
struct CompileArgs {
    /// The module to compile: WebAssembly binary (.wasm) or text (.wat); a component is fused
    /// into one module first
    input: PathBuf,

    /// Where to write: for `--emit obj` the object [default: the input's file name with `.o`, in the
    /// current directory];
    /// for `--emit clif|asm` the listing [default: stdout]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    codegen: CodegenArgs,

    /// What to produce
    #[arg(long, value_enum, default_value_t = Emit::Obj)]
    emit: Emit,
}

#[derive(Args)]
struct RuntimeLibArgs {
    /// Path of the archive to write
    #[arg(short, long, value_name = "FILE", default_value = "libkiln_rt.a")]
    output: PathBuf,

    /// Target whose runtime to write (as for `kiln compile`) [default: the machine kiln runs on]
    #[arg(long, value_name = "TARGET")]
    target: Option<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with success; usage errors are
            // errors like any other.
            let code = if e.use_stderr() { 1 } else { 0 };
            if let Err(io) = e.print() {
                eprintln!("error: cannot print: {io}");
                return ExitCode::FAILURE;
            }
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Cmd::Build(args) => build(args),
        Cmd::Compile(args) => compile(args),
        Cmd::RuntimeLib(args) => runtime_lib(args),
        Cmd::Precompile(args) => engine::run::precompile(args),
        Cmd::Run(args) => engine::run::run(args),
        Cmd::Wast(args) => engine::run::wast(args),
        Cmd::Targets => targets::print(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn target(name: Option<&str>) -> Result<Target> {
    match name {
        Some(name) => Ok(Target::parse(name)?),
        None => Ok(Target::host()),
    }
}

/// Compile options from the command line; `executable` (`kiln build`)
/// defaults to a fixed memory base where the target has one.
fn options(codegen: &CodegenArgs, executable: bool) -> Result<CompileOptions> {
    // Optimized code keeps few variables alive: -g compiles unoptimized unless told otherwise.
    let default = if codegen.debug { Opt::None } else { Opt::Speed };
    let opt_level = match codegen.opt_level.unwrap_or(default) {
        Opt::None => OptLevel::None,
        Opt::Speed => OptLevel::Speed,
        Opt::SpeedAndSize => OptLevel::SpeedAndSize,
    };
    let target = target(codegen.target.as_deref())?.with_cpu(codegen.cpu.as_deref(), &codegen.features)?;
    let fixed_available = target.spec().is_some_and(|spec| spec.fixed_memory_base.is_some());
    let memory_base = match codegen.memory_base {
        Some(MemBase::Fixed) => MemoryBase::Fixed,
        Some(MemBase::Any) => MemoryBase::Any,
        None if executable && fixed_available => MemoryBase::Fixed,
        None => MemoryBase::Any,
    };
    Ok(CompileOptions {
        target,
        opt_level,
        debug_info: codegen.debug,
        memory_base,
        interruptible: codegen.interruptible,
        fuel: codegen.fuel_metering,
        ..CompileOptions::default()
    })
}

fn read_input(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))
}

/// The input's file name without its extension, in the current directory,
/// with `extension` if given. Refuses to name the input itself.
fn default_output(input: &Path, extension: Option<&str>) -> Result<PathBuf> {
    let Some(stem) = input.file_stem() else {
        bail!("cannot derive an output name from `{}`; pass -o", input.display());
    };
    let mut out = PathBuf::from(stem);
    if let Some(ext) = extension {
        out.set_extension(ext);
    }
    if out == input || out.canonicalize().ok().is_some_and(|o| input.canonicalize().is_ok_and(|i| i == o)) {
        bail!("the default output `{}` would overwrite the input; pass -o", out.display());
    }
    Ok(out)
}

/// Compiles `wasm` (already binary), with a message naming the input.
fn compile_module(input: &Path, wasm: &[u8], options: &CompileOptions) -> Result<CompiledModule> {
    // Debuggers name code without source DWARF after the input file.
    let source_name = input.file_name().map(|n| n.to_string_lossy().into_owned());
    let options = CompileOptions { source_name, ..options.clone() };
    let module =
        kiln_compiler::compile(wasm, &options).with_context(|| format!("cannot compile `{}`", input.display()))?;
    for warning in &module.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(module)
}

fn build(args: BuildArgs) -> Result<()> {
    let mut options = options(&args.codegen, true)?;
    options.entry = args.entry.clone();
    // Limits baked in need their checks compiled in.
    options.interruptible |= args.grants.limits.timeout.is_some();
    options.fuel |= args.grants.limits.fuel.is_some();
    let grants = engine::run::encode_grants(&args.grants)?;
    let link_args = link::target_args(&options.target)?;
    let output = match args.output {
        Some(o) => o,
        None => default_output(&args.input, None)?,
    };
    let bytes = read_input(&args.input)?;
    let context = || format!("cannot compile `{}`", args.input.display());
    let wasm = kiln_compiler::module::wat_or_wasm(&bytes).with_context(context)?;
    // Compiling validates the whole module, so an invalid module is reported
    // as such before any complaint about what it exports or imports.
    let compiled = compile_module(&args.input, &wasm, &options)?;
    let env = kiln_compiler::module::parse(&wasm).with_context(context)?;
    let cannot_build = || format!("cannot build `{}`", args.input.display());
    imports::check_entry(&env, args.entry.as_deref()).with_context(cannot_build)?;
    let native = imports::Native::read(&args.link, &options.target)?;
    let aliases = imports::check_standalone(&env, &native).with_context(cannot_build)?;
    drop(env);
    // Then problems with this installation (no runtime for the target, no linker).
    let archive = runtime::archive(&options.target)?;
    let linker = link::find(!options.target.is_host())?;

    let dir = tempfile::Builder::new().prefix("kiln-build").tempdir().context("cannot create a temporary directory")?;
    let object = dir.path().join("module.o");
    let archive_path = dir.path().join("libkiln_rt.a");
    write(&object, &compiled.object)?;
    write(&archive_path, archive)?;
    linker.link(link_args, &object, &archive_path, &output, link::Extra { files: &native.files, aliases: &aliases })?;
    engine::run::bake_grants(&output, &grants)?;
    if args.keep_object {
        let mut kept = output.clone().into_os_string();
        kept.push(".o");
        write(Path::new(&kept), &compiled.object)?;
    }
    dir.close().context("cannot remove the temporary directory")
}

fn compile(args: CompileArgs) -> Result<()> {
    let mut options = options(&args.codegen, false)?;
    options.capture_clif = args.emit == Emit::Clif;
    options.capture_asm = args.emit == Emit::Asm;
    let bytes = read_input(&args.input)?;
    let compiled = compile_module(&args.input, &bytes, &options)?;
    let listing = match args.emit {
        Emit::Obj => {
            let object = match args.output {
                Some(o) => o,
                None => default_output(&args.input, Some("o"))?,
            };
            let header = object.with_extension("h");
            if header == object {
                bail!(
                    "the object `{}` needs a name not ending in `.h`, as the header goes beside it",
                    object.display()
                );
            }
            write(&object, &compiled.object)?;
            return write(&header, compiled.header.as_bytes());
        }
        Emit::Clif => compiled.clif.context("the compiler returned no CLIF listing")?,
        Emit::Asm => compiled.asm.context("the compiler returned no assembly listing")?,
    };
    // `;` starts a comment in both CLIF and Cranelift's listing.
    let listing = if listing.is_empty() { "; the module defines no functions\n".to_string() } else { listing };
    match args.output {
        Some(path) => write(&path, listing.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(listing.as_bytes()).and_then(|()| stdout.flush()).context("cannot write to stdout")
        }
    }
}

fn runtime_lib(args: RuntimeLibArgs) -> Result<()> {
    let target = target(args.target.as_deref())?;
    write(&args.output, runtime::archive(&target)?)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
}
