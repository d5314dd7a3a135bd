//! Compilation of a whole module: translates and compiles every wasm
//! function (in parallel), then the helpers around them
//! ([`crate::trampolines`]: array-call and export trampolines, import
//! adapters, the throw thunk), and has [`crate::object`] write one
//! relocatable object holding the code, the `kiln_abi` module tables and
//! the debug info ([`crate::debug`]: DWARF, `.eh_frame`).
//!
//! Each compiled function keeps what the tables need: its trap sites and
//! its calls with exception handlers (`kiln_abi::CallSite`s, from
//! Cranelift's `try_call` metadata).

use crate::debug;
use crate::error::{CompileError, Result};
use crate::module::{self, ModuleEnv};
use crate::target::Target;
use crate::trampolines;
use crate::translate;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir;
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::{Context, FinalizedMachReloc};
use kiln_abi::symbols;
use kiln_abi::{CallSite, Handler, TrapEntry};
use rayon::prelude::*;
use std::collections::HashSet;

/// Cranelift optimization level, as `-O` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OptLevel {
    None,
    #[default]
    Speed,
    SpeedAndSize,
}

impl OptLevel {
    pub fn cranelift_name(self) -> &'static str {
        match self {
            OptLevel::None => "none",
            OptLevel::Speed => "speed",
            OptLevel::SpeedAndSize => "speed_and_size",
        }
    }
}

/// Where compiled code finds memory 0 (`--memory-base`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MemoryBase {
    /// Anywhere: every function loads the base from its instance.
    #[default]
    Any,
    /// At the target's fixed address (`fixed-memory-base` in its entry), a
    /// constant in the code: no register holds the base and no function
    /// loads it, but only one instance of the module can exist per process.
    /// Applies to a defined memory 0; an imported one stays `Any`.
    Fixed,
}

/// How to compile.
#[derive(Debug, Clone)]
pub struct CompileOptions {
    pub target: Target,
    pub opt_level: OptLevel,
    /// Run the Cranelift IR verifier on every function (always on in tests).
    pub verify: bool,
    /// Keep the optimized Cranelift IR text of every function.
    pub capture_clif: bool,
    /// Keep the machine-code listing (Cranelift's VCode text) of every function.
    pub capture_asm: bool,
    /// `-g`: transform the module's DWARF (if any) into native DWARF and keep
    /// what locating variables needs. Without it, the object still gets
    /// DWARF that maps native code to wasm offsets (see [`crate::debug`]).
    pub debug_info: bool,
    /// The module's file name as debuggers show it for code without source
    /// DWARF (`app.wasm`); default: the name section's module name + `.wasm`.
    pub source_name: Option<String>,
    /// Where the code finds memory 0.
    pub memory_base: MemoryBase,
    /// Imported functions may be other instances' wasm functions, which may
    /// throw (`kiln wast`); otherwise every import is a host function,
    /// which never throws a wasm exception ([`crate::nothrow`]).
    pub wasm_imports: bool,
    /// The export a standalone program runs instead of `_start` (after
    /// `_initialize`, if exported): `kiln build --entry`. Recorded in the
    /// module tables (`kiln_abi::ModuleInfo::entry`).
    pub entry: Option<String>,
    /// Compile interruption checks into function entries and loop headers,
    /// so that a run-time `--timeout` can stop the code
    /// (`kiln_abi::checks::INTERRUPT`). Off by default: code without it is
    /// unchanged, and refuses to run under a timeout.
    pub interruptible: bool,
    /// Compile fuel metering into function entries and loop headers, so
    /// that a run-time `--fuel` budget can stop the code
    /// (`kiln_abi::checks::FUEL`). Off by default.
    pub fuel: bool,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            target: Target::host(),
            opt_level: OptLevel::Speed,
            verify: cfg!(debug_assertions),
            capture_clif: false,
            capture_asm: false,
            debug_info: false,
            source_name: None,
            memory_base: MemoryBase::Any,
            wasm_imports: false,
            entry: None,
            interruptible: false,
            fuel: false,
        }
    }
}

impl CompileOptions {
    /// The `kiln_abi::checks` bits these options compile in.
    pub fn check_bits(&self) -> u32 {
        let interrupt = if self.interruptible { kiln_abi::checks::INTERRUPT } else { 0 };
        let fuel = if self.fuel { kiln_abi::checks::FUEL } else { 0 };
        interrupt | fuel
    }
}

/// The result of compiling one module.
pub struct CompiledModule {
    /// The relocatable object file.
    pub object: Vec<u8>,
    /// A C header declaring the object's exports and runtime entry points.
    pub header: String,
    /// The module's imports, for checking at link time that each is provided.
    pub imports: Vec<crate::module::ImportDesc>,
    /// With `capture_clif`: every function's IR, in function order.
    pub clif: Option<String>,
    /// With `capture_asm`: every function's machine code listing.
    pub asm: Option<String>,
    /// Problems with the module's DWARF (`-g`) that made kiln describe some
    /// code by wasm offsets only, and custom sections kiln ignored as
    /// invalid (branch hints).
    pub warnings: Vec<String>,
}

/// One compiled function, before it is placed in the object.
pub(crate) struct FuncArtifact {
    pub func: ir::Function,
    pub bytes: Vec<u8>,
    pub alignment: u32,
    pub relocs: Vec<FinalizedMachReloc>,
    pub traps: Vec<TrapEntry>,
    /// Calls with exception handlers, and the handlers they index.
    pub call_sites: Vec<CallSite>,
    pub handlers: Vec<Handler>,
    pub clif: Option<String>,
    pub asm: Option<String>,
    pub debug: debug::FuncDebug,
}

impl FuncArtifact {
    /// Whether the function calls the module's throw thunk.
    fn throws(&self) -> bool {
        self.func.params.user_named_funcs().values().any(|n| n.namespace == trampolines::NS_THROW)
    }
}

/// The code besides the wasm functions ([`crate::trampolines`]).
pub(crate) struct Helpers {
    /// By type index.
    pub array_calls: Vec<Option<FuncArtifact>>,
    /// (function index, C symbol) of exported functions with a C alias.
    pub exports: Vec<(u32, String, FuncArtifact)>,
    /// By position in `env.imports`: function imports only.
    pub adapters: Vec<Option<FuncArtifact>>,
    /// When some function throws.
    pub throw: Option<FuncArtifact>,
}

/// Compiles wasm (binary or text) into a relocatable object.
pub fn compile(input: &[u8], options: &CompileOptions) -> Result<CompiledModule> {
    let wasm = module::wat_or_wasm(input)?;
    let mut env = module::parse(&wasm)?;
    let isa = options.target.isa(options.opt_level)?;
    let bodies = std::mem::take(&mut env.bodies);
    env.static_tables = crate::static_tables::analyze(&env, &bodies);
    env.may_throw = crate::nothrow::analyze(&env, &bodies, options.wasm_imports);
    env.memory0_fixed_base = fixed_memory_base(&env, options)?;
    env.checks = options.check_bits();
    let guards = guards(&env, &*isa, &bodies, options)?;
    let artifacts: Vec<FuncArtifact> = bodies
        .into_par_iter()
        .enumerate()
        .map_init(
            || translate::FuncTranslator::with_debug_info(options.debug_info),
            |tr, (i, body)| {
                compile_function(tr, &env, &*isa, env.num_imported_funcs + i as u32, body, &guards, options)
            },
        )
        .collect::<Result<_>>()?;
    let throws = artifacts.iter().any(FuncArtifact::throws);
    let helpers = compile_helpers(&env, &*isa, throws)?;
    let header = crate::header::generate(&env);
    let (object, mut warnings) = crate::object::write_object(&env, isa, &artifacts, &helpers, options)?;
    warnings.extend(env.custom_warnings.iter().cloned());
    // A module without functions has an empty listing (not none).
    let join = |f: fn(&FuncArtifact) -> &Option<String>| {
        let parts: Vec<&str> = artifacts.iter().filter_map(|a| f(a).as_deref()).collect();
        parts.join("\n")
    };
    Ok(CompiledModule {
        object,
        header,
        imports: env.imports.clone(),
        clif: options.capture_clif.then(|| join(|a| &a.clif)),
        asm: options.capture_asm.then(|| join(|a| &a.asm)),
        warnings,
    })
}

/// The address memory 0 is compiled to be found at, with
/// [`MemoryBase::Fixed`] and a defined memory 0.
fn fixed_memory_base(env: &ModuleEnv, options: &CompileOptions) -> Result<Option<u64>> {
    if options.memory_base == MemoryBase::Any {
        return Ok(None);
    }
    let target = &options.target;
    let Some(base) = target.spec().and_then(|spec| spec.fixed_memory_base) else {
        let reason = "a fixed memory base is not available for this target (its entry has no fixed-memory-base)";
        return Err(CompileError::Target { target: target.triple.to_string(), reason: reason.to_string() });
    };
    Ok(env.memories.first().filter(|m| !m.imported).map(|_| base))
}

/// What a helper function is, for [`compile_helpers`].
enum HelperKind {
    ArrayCall(u32),
    Export(u32, String),
    Adapter(usize),
    Throw,
}

/// Builds and compiles every helper function (in parallel); `throws`:
/// whether the throw thunk is needed.
fn compile_helpers(env: &ModuleEnv<'_>, isa: &dyn TargetIsa, throws: bool) -> Result<Helpers> {
    let mut jobs: Vec<HelperKind> = Vec::new();
    jobs.extend((0..env.types.len() as u32).filter(|&t| env.types[t as usize].is_some()).map(HelperKind::ArrayCall));
    for e in &env.exports {
        if e.kind == kiln_abi::extern_kind::FUNC
            && e.index >= env.num_imported_funcs
            && env.func_type(e.index).results().len() <= 1
        {
            let mut name = String::new();
            symbols::c_export_symbol(&e.name, &mut name).map_err(emit_err)?;
            jobs.push(HelperKind::Export(e.index, name));
        }
    }
    for (i, imp) in env.imports.iter().enumerate() {
        if imp.kind == kiln_abi::extern_kind::FUNC {
            jobs.push(HelperKind::Adapter(i));
        }
    }
    if throws {
        jobs.push(HelperKind::Throw);
    }
    let compiled: Vec<(HelperKind, FuncArtifact)> = jobs
        .into_par_iter()
        .map(|job| {
            let (func, what) = match &job {
                HelperKind::ArrayCall(t) => {
                    let ty = env.types[*t as usize].as_ref().expect("function types only");
                    (trampolines::array_call(isa, *t, ty), format!("array-call trampoline of type {t}"))
                }
                HelperKind::Export(f, name) => (trampolines::export_trampoline(isa, env, *f), name.clone()),
                HelperKind::Adapter(i) => {
                    let index = env.imports[*i].index;
                    (trampolines::import_adapter(isa, env, index), format!("adapter of import {index}"))
                }
                HelperKind::Throw => (trampolines::throw_thunk(isa), "throw thunk".to_string()),
            };
            compile_helper(isa, func, &what).map(|a| (job, a))
        })
        .collect::<Result<_>>()?;
    let mut helpers = Helpers {
        array_calls: (0..env.types.len()).map(|_| None).collect(),
        exports: Vec::new(),
        adapters: (0..env.imports.len()).map(|_| None).collect(),
        throw: None,
    };
    for (job, a) in compiled {
        match job {
            HelperKind::ArrayCall(t) => helpers.array_calls[t as usize] = Some(a),
            HelperKind::Export(f, name) => helpers.exports.push((f, name, a)),
            HelperKind::Adapter(i) => helpers.adapters[i] = Some(a),
            HelperKind::Throw => helpers.throw = Some(a),
        }
    }
    Ok(helpers)
}

/// Compiles a helper function built by [`crate::trampolines`] (`what`
/// names it in errors).
fn compile_helper(isa: &dyn TargetIsa, func: ir::Function, what: &str) -> Result<FuncArtifact> {
    let err = |message: String| CompileError::Codegen { func_index: u32::MAX, name: what.to_string(), message };
    if cfg!(debug_assertions) {
        cranelift_codegen::verify_function(&func, isa.flags()).map_err(|e| err(e.to_string()))?;
    }
    let mut ctx = Context::for_function(func);
    let code = ctx.compile(isa, &mut ControlPlane::default()).map_err(|e| err(format!("{:?}", e.inner)))?;
    let debug = debug::FuncDebug::collect(code, isa, false).map_err(err)?;
    Ok(FuncArtifact {
        debug,
        bytes: code.code_buffer().to_vec(),
        alignment: code.buffer.alignment,
        relocs: code.buffer.relocs().to_vec(),
        traps: Vec::new(),
        call_sites: Vec::new(),
        handlers: Vec::new(),
        clif: None,
        asm: None,
        func: ctx.func,
    })
}

/// The guard of every function for partial inlining (see [`crate::inline`]),
/// indexed by function index; empty when it is off: at `-O none`, and with
/// `-g`, where a breakpoint on a function must stop at every call. Each
/// function is translated here once more and dropped, so that no more than
/// one function's IR per thread is alive at a time.
fn guards(
    env: &ModuleEnv<'_>,
    isa: &dyn TargetIsa,
    bodies: &[module::FuncBodyData<'_>],
    options: &CompileOptions,
) -> Result<Vec<Option<ir::Function>>> {
    if options.opt_level == OptLevel::None || options.debug_info {
        return Ok(Vec::new());
    }
    let stack_overflow = crate::traps::trap_code(kiln_abi::TrapKind::StackOverflow);
    let defined: Vec<Option<ir::Function>> = bodies
        .par_iter()
        .enumerate()
        .map_init(
            || translate::FuncTranslator::with_debug_info(false),
            |tr, (i, body)| {
                let func_index = env.num_imported_funcs + i as u32;
                let func = tr.translate(env, isa, func_index, body)?;
                let mut guard = crate::inline::guard(&func, func_index, stack_overflow);
                if let Some(g) = &mut guard {
                    if options.verify {
                        cranelift_codegen::verify_function(&*g, isa.flags()).map_err(|e| CompileError::Codegen {
                            func_index,
                            name: env.func_name(func_index),
                            message: format!("guard: {e}"),
                        })?;
                    }
                    crate::inline::tag_guard(g);
                }
                Ok(guard)
            },
        )
        .collect::<Result<_>>()?;
    Ok((0..env.num_imported_funcs).map(|_| None).chain(defined).collect())
}

fn compile_function(
    translator: &mut translate::FuncTranslator,
    env: &ModuleEnv<'_>,
    isa: &dyn TargetIsa,
    func_index: u32,
    body: module::FuncBodyData<'_>,
    guards: &[Option<ir::Function>],
    options: &CompileOptions,
) -> Result<FuncArtifact> {
    // Traps with no source location (the prologue's stack-limit check) are
    // reported at the start of the function's body.
    let body_offset = body.body.range().start as u32;
    let func = translator.translate(env, isa, func_index, &body)?;
    let codegen_err = |message: String| CompileError::Codegen { func_index, name: env.func_name(func_index), message };
    if options.verify {
        cranelift_codegen::verify_function(&func, isa.flags()).map_err(|e| codegen_err(e.to_string()))?;
    }
    let mut ctx = Context::for_function(func);
    if !guards.is_empty() {
        let inlined = crate::inline::inline_guards(&mut ctx, guards).map_err(|e| codegen_err(format!("{e:?}")))?;
        if inlined && options.verify {
            cranelift_codegen::verify_function(&ctx.func, isa.flags()).map_err(|e| codegen_err(e.to_string()))?;
        }
    }
    // Copies of the dispatch cost code size, and at `-O none` or with `-g`
    // the code should follow the module's own shape.
    let copied = options.opt_level == OptLevel::Speed
        && !options.debug_info
        && crate::taildup::duplicate_dispatch(&mut ctx.func);
    if copied && options.verify {
        cranelift_codegen::verify_function(&ctx.func, isa.flags())
            .map_err(|e| codegen_err(format!("after tail duplication: {e}")))?;
    }
    ctx.set_disasm(options.capture_asm);
    let mut ctrl = ControlPlane::default();
    let code = ctx.compile(isa, &mut ctrl).map_err(|e| codegen_err(format!("{:?}", e.inner)))?;
    let srclocs = code.buffer.get_srclocs_sorted();
    let mut traps = Vec::with_capacity(code.buffer.traps().len());
    for t in code.buffer.traps() {
        let kind =
            crate::traps::trap_kind(t.code).ok_or_else(|| codegen_err(format!("unknown trap code {}", t.code)))?;
        // The wasm offset of the instruction this trap came from.
        let at = srclocs.partition_point(|s| s.end <= t.offset);
        let wasm_offset = srclocs
            .get(at)
            .filter(|s| s.start <= t.offset && !s.loc.is_default())
            .map_or(body_offset, |s| s.loc.bits());
        traps.push(TrapEntry { code_offset: t.offset, wasm_offset, kind: kind as u8, _pad: [0; 3] });
    }
    traps.sort_by_key(|t| t.code_offset);
    let (call_sites, handlers) = exception_tables(code).map_err(codegen_err)?;
    let bytes = code.code_buffer().to_vec();
    let relocs = code.buffer.relocs().to_vec();
    let alignment = code.buffer.alignment;
    let asm = code.vcode.clone().map(|v| format!("function {}:\n{v}", env.func_name(func_index)));
    let debug = debug::FuncDebug::collect(code, isa, options.debug_info).map_err(codegen_err)?;
    let clif = options.capture_clif.then(|| format!("; {}\n{}", env.func_name(func_index), ctx.func.display()));
    Ok(FuncArtifact { func: ctx.func, bytes, alignment, relocs, traps, call_sites, handlers, clif, asm, debug })
}

/// The call sites with exception handlers of compiled code, with their
/// handlers (`handlers_start` relative to this function's), in the
/// `kiln_abi` form the runtime's unwinder reads.
fn exception_tables(
    code: &cranelift_codegen::CompiledCode,
) -> std::result::Result<(Vec<CallSite>, Vec<Handler>), String> {
    use cranelift_codegen::{ExceptionContextLoc, FinalizedMachExceptionHandler as H};
    let (mut sites, mut handlers) = (Vec::new(), Vec::new());
    for site in code.buffer.call_sites() {
        if site.exception_handlers.is_empty() {
            continue;
        }
        let start = handlers.len() as u32;
        let mut context = None;
        for h in site.exception_handlers {
            match *h {
                H::Context(ExceptionContextLoc::SPOffset(offset)) => context = Some(offset),
                H::Context(ExceptionContextLoc::GPR(_)) => {
                    return Err("an exception handler's context is in a register".to_string())
                }
                H::Tag(tag, offset) => handlers.push(Handler { tag: tag.as_u32(), code_offset: offset }),
                H::Default(offset) => handlers.push(Handler { tag: kiln_abi::CATCH_ALL, code_offset: offset }),
            }
        }
        let vmctx_sp_offset = context.ok_or("an exception handler without the frame's vmctx")?;
        let handlers_len = handlers.len() as u32 - start;
        sites.push(CallSite { ret_offset: site.ret_addr, vmctx_sp_offset, handlers_start: start, handlers_len });
    }
    sites.sort_by_key(|s| s.ret_offset);
    Ok((sites, handlers))
}

/// Symbol names for defined functions: the name-section name when it is
/// unique and does not shadow a name kiln itself uses, else `name.N`.
pub(crate) fn function_symbols(env: &ModuleEnv<'_>) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(env.func_types.len() - env.num_imported_funcs as usize);
    for index in env.num_imported_funcs..env.func_types.len() as u32 {
        let name = env.func_name(index);
        let reserved = name.starts_with("kiln_") || name.is_empty();
        let sym = if reserved || used.contains(&name) { format!("{name}.{index}") } else { name };
        used.insert(sym.clone());
        out.push(sym);
    }
    out
}

pub(crate) fn emit_err(e: impl std::fmt::Display) -> CompileError {
    CompileError::Emit(e.to_string())
}
