//! Object emission: compiles every function (in parallel) and writes one
//! relocatable object holding the code, the `kiln_abi` module tables and the
//! debug info ([`crate::debug`]: DWARF, `.eh_frame`).
//!
//! Symbols: each wasm function is a local symbol named after the name
//! section (so `nm`, `perf` and gdb show real names without clashing with
//! anything at link time); each exported function also gets a global C
//! alias (`kiln_abi::symbols::c_export_symbol`); the module tables are the
//! global `kiln_module_info`; imports and runtime libcalls are undefined
//! symbols resolved by the linker (or the blob loader).

use crate::debug;
use crate::error::{CompileError, Result};
use crate::module::{self, ImportDesc, ModuleEnv};
use crate::tables::{self, FuncFacts, Target as RelocTarget};
use crate::target::Target;
use crate::translate::{self, NS_LIBCALL, NS_STATIC_TABLE, NS_WASM_FUNC};
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::{self, ExternalName, UserExternalName};
use cranelift_codegen::isa::{OwnedTargetIsa, TargetIsa};
use cranelift_codegen::{Context, FinalizedMachReloc, FinalizedRelocTarget};
use cranelift_module::{DataDescription, FuncId, Linkage, Module, ModuleReloc, ModuleRelocTarget};
use cranelift_object::{ObjectBuilder, ObjectModule};
use kiln_abi::symbols;
use kiln_abi::TrapEntry;
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
        }
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
    /// code by wasm offsets only.
    pub warnings: Vec<String>,
}

/// One compiled function, before it is placed in the object.
struct FuncArtifact {
    func: ir::Function,
    bytes: Vec<u8>,
    alignment: u32,
    relocs: Vec<FinalizedMachReloc>,
    traps: Vec<TrapEntry>,
    clif: Option<String>,
    asm: Option<String>,
    debug: debug::FuncDebug,
}

/// Compiles wasm (binary or text) into a relocatable object.
pub fn compile(input: &[u8], options: &CompileOptions) -> Result<CompiledModule> {
    let wasm = module::wat_or_wasm(input)?;
    let mut env = module::parse(&wasm)?;
    let isa = options.target.isa(options.opt_level)?;
    let bodies = std::mem::take(&mut env.bodies);
    env.static_tables = crate::static_tables::analyze(&env, &bodies);
    env.memory0_fixed_base = fixed_memory_base(&env, options)?;
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
    let array_calls: Vec<Option<FuncArtifact>> = env
        .types
        .par_iter()
        .enumerate()
        .map(|(i, ty)| ty.as_ref().map(|ty| compile_array_call(&*isa, i as u32, ty)).transpose())
        .collect::<Result<_>>()?;
    let header = crate::header::generate(&env);
    let (object, warnings) = write_object(&env, isa, &artifacts, &array_calls, options)?;
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

/// Compiles the `array_call` trampoline of type `type_index` (see
/// `kiln_abi::FuncType::array_call`).
fn compile_array_call(isa: &dyn TargetIsa, type_index: u32, ty: &wasmparser::FuncType) -> Result<FuncArtifact> {
    use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData};
    use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
    let ptr = isa.pointer_type();
    let mut sig = ir::Signature::new(isa.default_call_conv());
    sig.params.extend([AbiParam::new(ptr), AbiParam::new(ptr), AbiParam::new(ptr)]);
    let mut func = ir::Function::with_name_signature(ir::UserFuncName::user(NS_ARRAY_CALL, type_index), sig);
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut fctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let (vmctx, callee, values) = (b.block_params(block)[0], b.block_params(block)[1], b.block_params(block)[2]);
    let slot = kiln_abi::VALUE_SLOT_SIZE as i32;
    let has_v128 = ty.params().iter().chain(ty.results()).any(|t| *t == wasmparser::ValType::V128);
    if has_v128 && !translate::simd::simd_available(isa) {
        // No function of this type compiles for this target (translation
        // refuses v128), so nothing can reach this; it must not mention v128.
        b.ins().trap(crate::traps::trap_code(kiln_abi::TrapKind::Unreachable));
    } else {
        // The host's slot array is only byte-aligned: a v128 slot needs an
        // unaligned access (scalars are read and written with plain moves).
        let flags = |t: ir::Type| {
            if t.is_vector() {
                MemFlagsData::new().with_notrap()
            } else {
                MemFlagsData::trusted()
            }
        };
        let mut args = vec![vmctx];
        for (i, p) in ty.params().iter().enumerate() {
            let t = translate::value_type(isa, *p);
            args.push(b.ins().load(t, flags(t), values, i as i32 * slot));
        }
        let callee_sig = b.import_signature(translate::wasm_signature(isa, ty));
        let call = b.ins().call_indirect(callee_sig, callee, &args);
        let results = b.inst_results(call).to_vec();
        for (i, r) in results.into_iter().enumerate() {
            let t = b.func.dfg.value_type(r);
            b.ins().store(flags(t), r, values, i as i32 * slot);
        }
        b.ins().return_(&[]);
    }
    b.finalize(isa.frontend_config());
    let mut ctx = Context::for_function(func);
    let err = |message: String| CompileError::Codegen {
        func_index: u32::MAX,
        name: format!("array-call trampoline of type {type_index}"),
        message,
    };
    let code = ctx.compile(isa, &mut ControlPlane::default()).map_err(|e| err(format!("{:?}", e.inner)))?;
    let debug = debug::FuncDebug::collect(code, isa, false).map_err(err)?;
    Ok(FuncArtifact {
        debug,
        bytes: code.code_buffer().to_vec(),
        alignment: code.buffer.alignment,
        relocs: code.buffer.relocs().to_vec(),
        traps: Vec::new(),
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

/// Name namespace of array-call trampolines (never referenced by relocations).
const NS_ARRAY_CALL: u32 = 2;

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
    let bytes = code.code_buffer().to_vec();
    let relocs = code.buffer.relocs().to_vec();
    let alignment = code.buffer.alignment;
    let asm = code.vcode.clone().map(|v| format!("function {}:\n{v}", env.func_name(func_index)));
    let debug = debug::FuncDebug::collect(code, isa, options.debug_info).map_err(codegen_err)?;
    let clif = options.capture_clif.then(|| format!("; {}\n{}", env.func_name(func_index), ctx.func.display()));
    Ok(FuncArtifact { func: ctx.func, bytes, alignment, relocs, traps, clif, asm, debug })
}

/// Symbol names for defined functions: the name-section name when it is
/// unique and does not shadow a name kiln itself uses, else `name.N`.
fn function_symbols(env: &ModuleEnv<'_>) -> Vec<String> {
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

fn emit_err(e: impl std::fmt::Display) -> CompileError {
    CompileError::Emit(e.to_string())
}

fn write_object(
    env: &ModuleEnv<'_>,
    isa: OwnedTargetIsa,
    artifacts: &[FuncArtifact],
    array_calls: &[Option<FuncArtifact>],
    options: &CompileOptions,
) -> Result<(Vec<u8>, Vec<String>)> {
    let builder =
        ObjectBuilder::new(isa.clone(), "kiln", cranelift_module::default_libcall_names()).map_err(emit_err)?;
    let mut module = ObjectModule::new(builder);

    // Declare defined functions.
    let syms = function_symbols(env);
    let mut func_ids = Vec::with_capacity(artifacts.len());
    for (a, sym) in artifacts.iter().zip(&syms) {
        func_ids.push(module.declare_function(sym, Linkage::Local, &a.func.signature).map_err(emit_err)?);
    }

    // Declare host symbols for function imports.
    let mut import_ids = Vec::with_capacity(env.imports.len());
    // The same name may be imported at several types; it is one symbol.
    let mut import_by_symbol: std::collections::HashMap<String, FuncId> = std::collections::HashMap::new();
    for imp in &env.imports {
        if imp.kind != kiln_abi::extern_kind::FUNC {
            import_ids.push(None);
            continue;
        }
        let sig = translate::wasm_signature(&*isa, env.func_type(imp.index));
        let mut name = String::new();
        symbols::import_symbol(&imp.module, &imp.name, &mut name).map_err(emit_err)?;
        let id = match import_by_symbol.get(&name) {
            Some(id) => *id,
            None => {
                let id = declare_import(&mut module, &name, &sig, imp)?;
                import_by_symbol.insert(name, id);
                id
            }
        };
        import_ids.push(Some(id));
    }

    // Read-only copies of the tables `call_indirect` indexes directly.
    let mut static_table_ids = Vec::with_capacity(env.static_tables.len());
    for (t, table) in env.static_tables.iter().enumerate() {
        let Some(table) = table else {
            static_table_ids.push(None);
            continue;
        };
        let id = module.declare_data(&format!("kiln_table.{t}"), Linkage::Local, false, false).map_err(emit_err)?;
        let (bytes, relocs) = crate::static_tables::encode(env, table);
        let mut desc = DataDescription::new();
        desc.define(bytes.into_boxed_slice());
        desc.set_align(u64::from(crate::static_tables::SLOT_SIZE));
        for (offset, func) in relocs {
            let fref = module.declare_func_in_data(func_ids[(func - env.num_imported_funcs) as usize], &mut desc);
            desc.write_function_addr(offset, fref);
        }
        module.define_data(id, &desc).map_err(emit_err)?;
        static_table_ids.push(Some(id));
    }

    // Declare libcalls on first use; signatures are irrelevant to the
    // object, so each is declared with the signature of its first caller.
    let mut libcall_ids: Vec<Option<FuncId>> = vec![None; symbols::libcall::ALL.len()];

    for (i, a) in artifacts.iter().enumerate() {
        let mut relocs = Vec::with_capacity(a.relocs.len());
        for r in &a.relocs {
            let name = match &r.target {
                FinalizedRelocTarget::ExternalName(ExternalName::User(reff)) => {
                    let UserExternalName { namespace, index } = a.func.params.user_named_funcs()[*reff].clone();
                    let id = match namespace {
                        NS_WASM_FUNC => func_ids[(index - env.num_imported_funcs) as usize],
                        NS_LIBCALL => {
                            let slot = libcall_ids
                                .get_mut(index as usize)
                                .ok_or_else(|| emit_err(format!("unknown libcall index {index}")))?;
                            match slot {
                                Some(id) => *id,
                                None => {
                                    let sig = callee_signature(&a.func, *reff)
                                        .ok_or_else(|| emit_err("libcall reference without signature"))?;
                                    let name = symbols::libcall::ALL[index as usize];
                                    let id = module.declare_function(name, Linkage::Import, &sig).map_err(emit_err)?;
                                    *slot = Some(id);
                                    id
                                }
                            }
                        }
                        NS_STATIC_TABLE => {
                            let id = static_table_ids
                                .get(index as usize)
                                .copied()
                                .flatten()
                                .ok_or_else(|| emit_err(format!("no read-only copy of table {index}")))?;
                            // Namespace 1: cranelift-module's data objects.
                            relocs.push(ModuleReloc {
                                offset: r.offset,
                                kind: r.kind,
                                name: ModuleRelocTarget::user(1, id.as_u32()),
                                addend: r.addend,
                            });
                            continue;
                        }
                        other => return Err(emit_err(format!("unknown external namespace {other}"))),
                    };
                    ModuleRelocTarget::user(0, id.as_u32())
                }
                _ => ModuleReloc::from_mach_reloc(r, &a.func, func_ids[i]).name,
            };
            relocs.push(ModuleReloc { offset: r.offset, kind: r.kind, name, addend: r.addend });
        }
        module.define_function_bytes(func_ids[i], a.alignment as u64, &a.bytes, &relocs).map_err(emit_err)?;
    }

    // Array-call trampolines: self-contained, no relocations.
    let mut array_call_ids = Vec::with_capacity(array_calls.len());
    for (t, a) in array_calls.iter().enumerate() {
        let Some(a) = a else {
            array_call_ids.push(None);
            continue;
        };
        let id = module
            .declare_function(&format!("kiln_array_call.{t}"), Linkage::Local, &a.func.signature)
            .map_err(emit_err)?;
        if !a.relocs.is_empty() {
            return Err(emit_err(format!("array-call trampoline of type {t} needs relocations")));
        }
        module.define_function_bytes(id, a.alignment as u64, &a.bytes, &[]).map_err(emit_err)?;
        array_call_ids.push(Some(id));
    }

    // Debug info: prepared now for the backtrace lines in the tables,
    // written once the object holds the code.
    let file_name = options.source_name.clone().unwrap_or_else(|| {
        format!("{}.wasm", env.module_name.as_deref().filter(|n| !n.is_empty()).unwrap_or("module"))
    });
    let settings = debug::Settings { source: options.debug_info, file_name: &file_name };
    let func_debug: Vec<(&debug::FuncDebug, u32)> =
        artifacts.iter().map(|a| (&a.debug, a.bytes.len() as u32)).collect();
    let mut debug_info = debug::DebugInfo::new(env, &func_debug, &settings)?;
    let sites: Vec<(&debug::FuncDebug, &[TrapEntry])> = artifacts.iter().map(|a| (&a.debug, &a.traps[..])).collect();
    let (lines, files) = debug_info.code_lines(&sites);

    // Module tables.
    let facts: Vec<FuncFacts> = artifacts
        .iter()
        .zip(&func_ids)
        .zip(lines)
        .enumerate()
        .map(|(i, ((a, id), lines))| FuncFacts {
            id: *id,
            code_len: a.bytes.len() as u32,
            name: debug_info
                .source_name(i)
                .map_or_else(|| env.func_name(env.num_imported_funcs + i as u32), str::to_string),
            traps: a.traps.clone(),
            lines,
        })
        .collect();
    let cpu_features: Vec<&str> = options
        .target
        .baseline()
        .iter()
        .filter(|(_, value)| *value == "true")
        .map(|(flag, _)| kiln_abi::cpu_feature_name(flag))
        .collect();
    let (pool, info, info_relocs) =
        tables::build(env, &facts, &import_ids, &array_call_ids, &files, &cpu_features.join(","));
    let pool_id = module.declare_data("kiln_tables", Linkage::Local, false, false).map_err(emit_err)?;
    let info_id = module.declare_data(symbols::MODULE_INFO, Linkage::Export, false, false).map_err(emit_err)?;
    for (id, bytes, relocs) in [(pool_id, pool.bytes, pool.relocs), (info_id, info, info_relocs)] {
        let mut desc = DataDescription::new();
        desc.define(bytes.into_boxed_slice());
        desc.set_align(16);
        let pool_gv = module.declare_data_in_data(pool_id, &mut desc);
        for r in relocs {
            match r.target {
                RelocTarget::Pool => desc.write_data_addr(r.offset, pool_gv, r.addend),
                RelocTarget::Func(f) => {
                    let fref = module.declare_func_in_data(f, &mut desc);
                    desc.write_function_addr(r.offset, fref);
                }
            }
        }
        module.define_data(id, &desc).map_err(emit_err)?;
    }

    // C aliases for exported functions.
    let mut product = module.finish();
    for e in &env.exports {
        if e.kind != kiln_abi::extern_kind::FUNC || e.index < env.num_imported_funcs {
            continue;
        }
        if env.func_type(e.index).results().len() > 1 {
            continue;
        }
        let target = product.function_symbol(func_ids[(e.index - env.num_imported_funcs) as usize]);
        let (value, size, section) = {
            let sym = product.object.symbol(target);
            (sym.value, sym.size, sym.section)
        };
        let mut name = String::new();
        symbols::c_export_symbol(&e.name, &mut name).map_err(emit_err)?;
        product.object.add_symbol(object::write::Symbol {
            name: name.into_bytes(),
            value,
            size,
            kind: object::SymbolKind::Text,
            scope: object::SymbolScope::Linkage,
            weak: false,
            section,
            flags: object::SymbolFlags::None,
        });
    }
    let funcs: Vec<_> =
        func_ids.iter().zip(artifacts).map(|(id, a)| (product.function_symbol(*id), &a.debug)).collect();
    let others: Vec<_> = array_call_ids
        .iter()
        .zip(array_calls)
        .filter_map(|(id, a)| Some((product.function_symbol((*id)?), &a.as_ref()?.debug)))
        .collect();
    debug_info.write(&mut product.object, &funcs, &others, &*isa)?;
    let warnings = std::mem::take(&mut debug_info.warnings);
    Ok((product.emit().map_err(emit_err)?, warnings))
}

fn declare_import(module: &mut ObjectModule, name: &str, sig: &ir::Signature, imp: &ImportDesc) -> Result<FuncId> {
    module
        .declare_function(name, Linkage::Import, sig)
        .map_err(|e| CompileError::Emit(format!("import {}.{}: {e}", imp.module, imp.name)))
}

/// The signature a function uses to call external function `reff`.
fn callee_signature(func: &ir::Function, reff: ir::UserExternalNameRef) -> Option<ir::Signature> {
    func.dfg.ext_funcs.values().find_map(|ext| match ext.name {
        ExternalName::User(r) if r == reff => Some(func.dfg.signatures[ext.signature].clone()),
        _ => None,
    })
}
