//! The `precompile`, `run` and `wast` subcommands.
//!
//! `run` follows Wasmtime's CLI: options come before the module, and
//! everything after the module goes to the program (or, with `--invoke`,
//! is parsed as the export's arguments by its parameter types).

use super::cache::BlobCache;
use super::instance::{call, params, CallError, Extern, InstantiateFailure, Store};
use super::value::Val;
use super::{Engine, Linking, Module};
use crate::CodegenArgs;
use anyhow::{bail, Context, Result};
use clap::Args;
use kiln_abi::TRAP_EXIT_STATUS;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct PrecompileArgs {
    /// The module to compile: WebAssembly binary (.wasm) or text (.wat); a component is fused
    /// into one module first
    input: PathBuf,

    /// Path of the blob to write [default: the input's file name with `.kwasm`, in the current
    /// directory]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    codegen: CodegenArgs,

    /// Record export NAME as the program's entry, which `kiln run` runs instead of `_start` (after
    /// `_initialize` if exported) unless given another with its own `--entry`
    #[arg(long, value_name = "NAME")]
    entry: Option<String>,
}

#[derive(Args)]
pub struct RunArgs {
    #[command(flatten)]
    grants: GrantArgs,

    /// Call export NAME with the arguments after the module, parsed by its parameter types, and print
    /// its results, instead of running the program's `_start`
    #[arg(long, value_name = "NAME", conflicts_with = "entry")]
    invoke: Option<String>,

    /// Run export NAME instead of `_start`, after `_initialize` if the module exports it (a WASI
    /// reactor); NAME takes no parameters, and an i32 result is the exit status [default: `_start`,
    /// or the entry a blob was compiled with]
    #[arg(long, value_name = "NAME")]
    entry: Option<String>,

    /// Compile without reading or writing the compiled-module cache
    #[arg(long)]
    no_cache: bool,

    /// Optimization level when compiling a .wasm/.wat module
    #[arg(short = 'O', value_name = "LEVEL", value_enum, default_value_t = crate::Opt::Speed)]
    opt_level: crate::Opt,

    /// Keep the module's DWARF (`clang -g`) source lines, so trap backtraces show `file:line`
    #[arg(short = 'g')]
    debug: bool,

    /// The module or WASI 0.2 command component (.wasm, .wat, or a blob from `kiln precompile`), then
    /// the program's arguments
    #[arg(
        value_names = ["MODULE", "ARGS"],
        required = true,
        num_args = 1..,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    module_and_args: Vec<OsString>,
}

#[derive(Args)]
pub struct WastArgs {
    /// The .wast scripts to run
    #[arg(required = true)]
    files: Vec<PathBuf>,

    #[command(flatten)]
    codegen: CodegenArgs,
}

/// `kiln precompile`.
pub fn precompile(args: PrecompileArgs) -> Result<()> {
    let mut options = crate::options(&args.codegen, false)?;
    options.entry = args.entry;
    let output = match args.output {
        Some(o) => o,
        None => crate::default_output(&args.input, Some("kwasm"))?,
    };
    let bytes = crate::read_input(&args.input)?;
    let blob = Engine::new(options, Linking::Standalone)
        .precompile(&bytes)
        .with_context(|| format!("cannot compile `{}`", args.input.display()))?;
    crate::write(&output, &blob)
}

/// `kiln wast`: fails if any test failed.
pub fn wast(args: WastArgs) -> Result<()> {
    let engine = Engine::new(crate::options(&args.codegen, false)?, Linking::Linked);
    let total = crate::wast::run_files(&engine, &args.files)?;
    if total.failed > 0 {
        bail!("{} of {} spec tests failed", total.failed, total.passed + total.failed);
    }
    Ok(())
}

/// Whether the file is a blob rather than wasm or wat: named `.kwasm`, or
/// starting with the blob magic.
fn is_blob(path: &Path, bytes: &[u8]) -> bool {
    path.extension().is_some_and(|e| e == "kwasm") || bytes.starts_with(&kiln_abi::blob::MAGIC)
}

/// `kiln run`: exits with the program's status (`proc_exit`), 0 when it
/// returns, or 134 after printing the trap.
pub fn run(args: RunArgs) -> Result<()> {
    let (module_path, program_args) = match args.module_and_args.split_first() {
        Some((m, rest)) => (PathBuf::from(m), rest),
        None => bail!("no module given"),
    };
    // The module takes hyphenated values (its arguments may be flags), so an
    // option kiln does not know lands here: name it rather than try to read it.
    if module_path.to_str().is_some_and(|m| m.starts_with('-')) && !module_path.exists() {
        bail!(
            "unknown option `{}` for `kiln run` (its options come before the module; see `kiln run --help`)",
            module_path.display()
        );
    }
    let grant_words = args.grants.words();
    let grants = parse_grants(&grant_words)?;
    // Running needs code for this machine: no --target.
    let codegen = CodegenArgs {
        target: None,
        cpu: None,
        features: Vec::new(),
        opt_level: Some(args.opt_level),
        debug: args.debug,
        memory_base: None,
        interruptible: args.grants.limits.timeout.is_some(),
        fuel_metering: args.grants.limits.fuel.is_some(),
    };
    let engine = Engine::new(crate::options(&codegen, false)?, Linking::Standalone);
    let module = load_module(&engine, &module_path, args.no_cache)?;

    let mut argv: Vec<Vec<u8>> = vec![os_bytes(module_path.as_os_str())];
    argv.extend(program_args.iter().map(|a| os_bytes(a)));
    kiln_runtime::wasi::set_args(&argv);
    let host_env: Vec<(Vec<u8>, Vec<u8>)> = std::env::vars_os().map(|(k, v)| (os_bytes(&k), os_bytes(&v))).collect();
    let host_env: Vec<(&[u8], &[u8])> = host_env.iter().map(|(k, v)| (k.as_slice(), v.as_slice())).collect();
    kiln_runtime::wasi::grants::apply(&grants, &host_env, true)?;

    check_wasi_imports(module)?;
    let mut store = Store::new();
    let instance = match store.instantiate(module, &[]) {
        Ok(instance) => instance,
        Err(InstantiateFailure::Trap(trap)) => exit_on_trap(&trap),
        Err(e) => bail!("cannot instantiate `{}`: {e}", module_path.display()),
    };

    let Some(name) = &args.invoke else {
        let status = match instance.run_program(args.entry.as_deref()) {
            Ok(status) => status,
            Err(super::instance::ProgramError::Trap(trap)) => exit_on_trap(&trap),
            Err(super::instance::ProgramError::Entry(e)) => bail!("cannot run `{}`: {e}", module_path.display()),
        };
        if status != 0 {
            flush_stdout();
            std::process::exit(status);
        }
        return Ok(());
    };
    let func = match instance.export(name) {
        Some(Extern::Func(f)) => f,
        Some(_) => bail!("export `{name}` of `{}` is not a function", module_path.display()),
        None => bail!("`{}` has no export named `{name}`", module_path.display()),
    };
    let values = parse_args(name, params(&func), program_args)?;
    match call(&func, &values) {
        Ok(results) => {
            let mut stdout = std::io::stdout().lock();
            for r in &results {
                writeln!(stdout, "{r}").context("cannot write to stdout")?;
            }
            stdout.flush().context("cannot write to stdout")?;
            Ok(())
        }
        Err(CallError::Trap(trap)) => exit_on_trap(&trap),
        Err(CallError::Other(e)) => Err(e.context(format!("cannot call `{name}`"))),
    }
}

/// Flushes what the program wrote to stdout before the process exits.
fn flush_stdout() {
    if let Err(e) = std::io::stdout().flush() {
        eprintln!("warning: cannot flush stdout: {e}");
    }
}

fn exit_on_trap(trap: &super::catch::Trapped) -> ! {
    // Whatever the program printed comes before the report.
    flush_stdout();
    eprintln!("{trap}");
    std::process::exit(TRAP_EXIT_STATUS)
}

fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes().to_vec()
}

/// The capabilities `kiln run` grants the program, or `kiln build` bakes
/// into the executable. Nothing is granted by default.
#[derive(Args)]
pub struct GrantArgs {
    /// Grant host directory HOST to the program as GUEST (default: the same path); with `:ro`,
    /// read-only; repeatable
    #[arg(long = "dir", value_name = "HOST[::GUEST][:ro]")]
    dirs: Vec<OsString>,

    /// Pass environment variable NAME to the program, with VAL or with its value in the environment
    /// the program runs in; repeatable
    #[arg(long = "env", value_name = "NAME[=VAL]")]
    envs: Vec<OsString>,

    /// Pass the whole environment the program runs in
    #[arg(long)]
    env_inherit: bool,

    /// Give the program a TCP socket listening on ADDR (IP:PORT), for preview1's `sock_accept`, or for
    /// a component's TCP socket bound to exactly ADDR to listen on; repeatable
    #[arg(long = "tcplisten", value_name = "ADDR")]
    tcplisten: Vec<OsString>,

    /// Let a component's TCP sockets connect to ADDR (IP:PORT); repeatable
    #[arg(long = "tcpconnect", value_name = "ADDR")]
    tcpconnect: Vec<OsString>,

    /// Let a component bind a UDP socket to ADDR (IP:PORT; port 0 for any free one), which may then send
    /// to and receive from any address; repeatable
    #[arg(long = "udp", value_name = "ADDR")]
    udp: Vec<OsString>,

    /// Let a component resolve host names (`wasi:sockets/ip-name-lookup`: /etc/hosts, then the DNS
    /// servers of /etc/resolv.conf)
    #[arg(long)]
    allow_ip_name_lookup: bool,

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Resource limits, granted like capabilities (baked in by `kiln build`,
/// added or changed at run time through KILN_GRANTS). None is set by
/// default.
#[derive(Args)]
pub struct LimitArgs {
    /// Limit every linear memory to SIZE bytes (suffix K, M or G, e.g. `64M`): `memory.grow` past it
    /// returns -1 (so `malloc` returns NULL), and a memory whose initial size is above it refuses to
    /// instantiate [default: no limit beyond the memory's own maximum, at most 4 GiB for 32-bit memories]
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    max_memory: Option<OsString>,

    /// Limit every table to N elements: `table.grow` past it returns -1, and a table whose initial size
    /// is above it refuses to instantiate [default: the table's own maximum, at most 10000000]
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    max_table_elements: Option<OsString>,

    /// Limit the stack wasm code may use to SIZE bytes (suffix K, M or G); deeper recursion traps
    /// with `call stack exhausted` [default: the thread's stack less 256 KiB kept for the runtime; for
    /// the main thread its RLIMIT_STACK, usually 8 MiB, or 64 MiB when unlimited]
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    max_stack: Option<OsString>,

    /// Stop the program after DURATION of wall-clock time (`500ms`, `1s`, `2m`, `1h`), counted from
    /// when it starts: it traps with `interrupted (timeout)` (exit status 134). Compiles checks into
    /// function entries and loop headers (as `--interruptible`) [default: none]
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub timeout: Option<OsString>,

    /// Give the program N units of fuel, one spent per wasm operator executed (as Wasmtime counts),
    /// checked at function entries and loop headers: when it runs out the program traps with `all fuel
    /// consumed` (exit status 134); deterministic, unlike --timeout. Compiles metering into function entries and loop headers (as `--fuel-metering`)
    /// [default: none]
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub fuel: Option<OsString>,
}

impl GrantArgs {
    /// The grants as option words (`--dir`, `HOST`, ...): inherited
    /// variables first, so explicit `--env`s replace them.
    fn words(&self) -> Vec<Vec<u8>> {
        let mut words = Vec::new();
        if self.env_inherit {
            words.push(b"--env-inherit".to_vec());
        }
        if self.allow_ip_name_lookup {
            words.push(b"--allow-ip-name-lookup".to_vec());
        }
        let valued = [
            ("--dir", &self.dirs),
            ("--env", &self.envs),
            ("--tcplisten", &self.tcplisten),
            ("--tcpconnect", &self.tcpconnect),
            ("--udp", &self.udp),
        ];
        for (option, values) in valued {
            for v in values {
                words.push(option.as_bytes().to_vec());
                words.push(os_bytes(v));
            }
        }
        words.extend(self.limits.words());
        words
    }
}

impl LimitArgs {
    /// The limits as option words (`--max-memory`, `64M`, ...).
    fn words(&self) -> Vec<Vec<u8>> {
        let limits = [
            ("--max-memory", &self.max_memory),
            ("--max-table-elements", &self.max_table_elements),
            ("--max-stack", &self.max_stack),
            ("--timeout", &self.timeout),
            ("--fuel", &self.fuel),
        ];
        let mut words = Vec::new();
        for (option, value) in limits {
            if let Some(v) = value {
                words.push(option.as_bytes().to_vec());
                words.push(os_bytes(v));
            }
        }
        words
    }
}

fn parse_grants(words: &[Vec<u8>]) -> Result<Vec<kiln_runtime::wasi::grants::Grant<'_>>> {
    let refs: Vec<&[u8]> = words.iter().map(Vec::as_slice).collect();
    Ok(kiln_runtime::wasi::grants::parse(&refs)?)
}

/// Checks `kiln build`'s grants and encodes them for [`bake_grants`]:
/// each word followed by a NUL byte.
pub fn encode_grants(grants: &GrantArgs) -> Result<Vec<u8>> {
    let words = grants.words();
    parse_grants(&words)?;
    let mut encoded = Vec::new();
    for w in &words {
        if w.contains(&0) {
            bail!("grant `{}` contains a NUL byte", String::from_utf8_lossy(w));
        }
        encoded.extend_from_slice(w);
        encoded.push(0);
    }
    if encoded.len() > kiln_abi::wasi::GRANTS_CAPACITY {
        bail!(
            "the build-time grants take {} bytes; an executable holds at most {} (grant the rest at run time \
             with {})",
            encoded.len(),
            kiln_abi::wasi::GRANTS_CAPACITY,
            kiln_runtime::wasi::grants::ENV_VAR
        );
    }
    Ok(encoded)
}

/// Writes encoded grants into the linked executable `exe`: into the block
/// the runtime archive reserves (`kiln_abi::wasi::GrantsBlock`), found by
/// its magic bytes.
pub fn bake_grants(exe: &Path, encoded: &[u8]) -> Result<()> {
    if encoded.is_empty() {
        return Ok(());
    }
    let mut bytes = std::fs::read(exe).with_context(|| format!("cannot read `{}`", exe.display()))?;
    let magic = kiln_abi::wasi::GRANTS_MAGIC;
    let mut found = bytes.windows(magic.len()).enumerate().filter(|(_, w)| *w == magic).map(|(i, _)| i);
    let (Some(at), None) = (found.next(), found.next()) else {
        bail!("cannot bake grants into `{}`: the runtime's grant block is missing or ambiguous", exe.display());
    };
    let len_at = at + magic.len();
    let words_at = len_at + 4;
    let Some(block) = bytes.get_mut(len_at..words_at + kiln_abi::wasi::GRANTS_CAPACITY) else {
        bail!("cannot bake grants into `{}`: the runtime's grant block is truncated", exe.display());
    };
    block[..4].copy_from_slice(&(encoded.len() as u32).to_le_bytes());
    block[4..4 + encoded.len()].copy_from_slice(encoded);
    std::fs::write(exe, &bytes).with_context(|| format!("cannot write `{}`", exe.display()))
}

/// Loads a blob, or compiles wasm/wat (through the cache unless disabled).
fn load_module(engine: &Engine, path: &Path, no_cache: bool) -> Result<Module> {
    let bytes = crate::read_input(path)?;
    if is_blob(path, &bytes) {
        return engine.load(&bytes).with_context(|| format!("cannot load `{}`", path.display()));
    }
    let context = || format!("cannot compile `{}`", path.display());
    // The cache key is the binary module, so `.wat` and `.wasm` of the
    // same module share an entry.
    let wasm = kiln_compiler::module::wat_or_wasm(&bytes).with_context(context)?;
    match (no_cache, BlobCache::default_dir()) {
        (false, Some(dir)) => engine.load_cached(&wasm, &BlobCache::new(dir)).with_context(context),
        _ => engine.compile_and_load(&wasm).with_context(context),
    }
}

/// Checks that every import is a WASI preview1 function of the runtime
/// with the signature the runtime implements; the error lists every import
/// that is not.
fn check_wasi_imports(module: Module) -> Result<()> {
    let mut problems = Vec::new();
    // SAFETY: module tables are immutable and live for the process.
    let types = unsafe { module.info().types.as_slice() };
    for import in module.imports() {
        // SAFETY: as above.
        let (from, name) = unsafe { (import.module.as_str(), import.name.as_str()) };
        if kiln_abi::wasi2::is_wasi2(from) {
            let Some(ty) = types.get(import.type_index as usize) else { continue };
            // SAFETY: as above.
            let (p, r) = unsafe { (ty.params.as_slice(), ty.results.as_slice()) };
            if let Err(why) = kiln_abi::wasi2::check(from, name, p, r) {
                problems.push(format!("{}: {why}", crate::imports::wasi2_name(from, name)));
            }
            continue;
        }
        let host = kiln_runtime::wasi::HOST_FUNCS.iter().find(|h| h.name == name);
        let problem = match (import.kind, host, types.get(import.type_index as usize)) {
            (kiln_abi::extern_kind::FUNC, Some(host), Some(ty)) if from == kiln_abi::wasi::MODULE => {
                // SAFETY: as above.
                let (p, r) = unsafe { (ty.params.as_slice(), ty.results.as_slice()) };
                if p == host.params && r == host.results {
                    continue;
                }
                "signature mismatch"
            }
            (kiln_abi::extern_kind::FUNC, _, _) if from == kiln_abi::wasi::MODULE => "not a WASI preview1 function",
            (kiln_abi::extern_kind::FUNC, _, _) => "not provided",
            _ => "only functions can be imported",
        };
        problems.push(format!("{from}.{name}: {problem}"));
    }
    if !problems.is_empty() {
        bail!(
            "unsatisfied imports (kiln run provides WASI preview1 and 0.2 functions only; it cannot load native host \
             functions: link them into an executable with `kiln build --link`): {}",
            problems.join("; ")
        );
    }
    Ok(())
}

/// Parses the `--invoke` arguments by the export's parameter types.
fn parse_args(name: &str, params: &[u8], text: &[OsString]) -> Result<Vec<Val>> {
    if text.len() != params.len() {
        bail!("export `{name}` takes {} arguments, {} were given", params.len(), text.len());
    }
    params
        .iter()
        .zip(text)
        .enumerate()
        .map(|(i, (ty, arg))| {
            let arg = arg.to_str().with_context(|| format!("argument {} of `{name}` is not UTF-8", i + 1))?;
            Val::parse(*ty, arg).with_context(|| format!("argument {} of `{name}`", i + 1))
        })
        .collect()
}
