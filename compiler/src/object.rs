//! Writing the relocatable object: compiled functions and helpers, their
//! relocations, the module tables and the debug info.
//!
//! Data flow: `emit::compile` hands over every compiled wasm function and
//! helper ([`crate::trampolines`]); [`write_object`] declares them (wasm
//! functions as local symbols named after the name section, export
//! trampolines as the global `kiln_export_*` C symbols, other helpers as
//! local `kiln_*` symbols), turns each one's relocations into references to
//! those symbols, to runtime libcalls and imported host functions
//! (undefined symbols the linker or loader binds) and to the read-only table
//! copies, builds the `kiln_abi` module tables ([`crate::tables`]) and
//! writes the DWARF and unwind info ([`crate::debug`]).

use crate::debug;
use crate::emit::{emit_err, function_symbols, CompileOptions, FuncArtifact, Helpers};
use crate::error::{CompileError, Result};
use crate::module::{ImportDesc, ModuleEnv};
use crate::tables::{self, FuncFacts, Target as RelocTarget};
use crate::trampolines::NS_THROW;
use crate::translate::{self, NS_LIBCALL, NS_STATIC_TABLE, NS_WASM_FUNC};
use cranelift_codegen::ir::{self, ExternalName, UserExternalName};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::FinalizedRelocTarget;
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module, ModuleReloc, ModuleRelocTarget};
use cranelift_object::{ObjectBuilder, ObjectModule};
use kiln_abi::{symbols, Libcall, TrapEntry};
use std::collections::HashMap;

/// The symbols relocations can refer to.
struct Symbols {
    /// Defined wasm functions, by defined-function index.
    funcs: Vec<FuncId>,
    /// Runtime libcalls, declared on first use.
    libcalls: Vec<Option<FuncId>>,
    /// Read-only table copies, by table index.
    static_tables: Vec<Option<DataId>>,
    /// The throw thunk, if the module has one.
    throw: Option<FuncId>,
}

impl Symbols {
    /// The relocations of `a` (defined as `id`) against these symbols.
    fn relocs(
        &mut self,
        module: &mut ObjectModule,
        isa: &OwnedTargetIsa,
        env: &ModuleEnv<'_>,
        a: &FuncArtifact,
        id: FuncId,
    ) -> Result<Vec<ModuleReloc>> {
        let mut relocs = Vec::with_capacity(a.relocs.len());
        for r in &a.relocs {
            let FinalizedRelocTarget::ExternalName(ExternalName::User(reff)) = &r.target else {
                let name = ModuleReloc::from_mach_reloc(r, &a.func, id).name;
                relocs.push(ModuleReloc { offset: r.offset, kind: r.kind, name, addend: r.addend });
                continue;
            };
            let UserExternalName { namespace, index } = a.func.params.user_named_funcs()[*reff].clone();
            let name = match namespace {
                NS_WASM_FUNC => {
                    ModuleRelocTarget::user(0, self.funcs[(index - env.num_imported_funcs) as usize].as_u32())
                }
                NS_LIBCALL => ModuleRelocTarget::user(0, self.libcall(module, isa, index)?.as_u32()),
                NS_THROW => {
                    let id = self.throw.ok_or_else(|| emit_err("a call of the throw thunk, which was not built"))?;
                    ModuleRelocTarget::user(0, id.as_u32())
                }
                NS_STATIC_TABLE => {
                    let id = self
                        .static_tables
                        .get(index as usize)
                        .copied()
                        .flatten()
                        .ok_or_else(|| emit_err(format!("no read-only copy of table {index}")))?;
                    // Namespace 1: cranelift-module's data objects.
                    ModuleRelocTarget::user(1, id.as_u32())
                }
                other => return Err(emit_err(format!("unknown external namespace {other}"))),
            };
            relocs.push(ModuleReloc { offset: r.offset, kind: r.kind, name, addend: r.addend });
        }
        Ok(relocs)
    }

    /// The symbol of libcall `index`, declared on first use.
    fn libcall(&mut self, module: &mut ObjectModule, isa: &OwnedTargetIsa, index: u32) -> Result<FuncId> {
        let slot = self.libcalls.get_mut(index as usize).ok_or_else(|| emit_err(format!("unknown libcall {index}")))?;
        if let Some(id) = slot {
            return Ok(*id);
        }
        let libcall = Libcall::from_index(index).ok_or_else(|| emit_err(format!("unknown libcall {index}")))?;
        let sig = translate::libcall_signature(&**isa, libcall);
        let id = module.declare_function(libcall.symbol(), Linkage::Import, &sig).map_err(emit_err)?;
        *slot = Some(id);
        Ok(id)
    }
}

/// Writes the object: see the module documentation. Returns its bytes and
/// the debug-info warnings.
pub(crate) fn write_object(
    env: &ModuleEnv<'_>,
    isa: OwnedTargetIsa,
    artifacts: &[FuncArtifact],
    helpers: &Helpers,
    options: &CompileOptions,
) -> Result<(Vec<u8>, Vec<String>)> {
    let builder =
        ObjectBuilder::new(isa.clone(), "kiln", cranelift_module::default_libcall_names()).map_err(emit_err)?;
    let mut module = ObjectModule::new(builder);

    let syms = function_symbols(env);
    let mut funcs = Vec::with_capacity(artifacts.len());
    for (a, sym) in artifacts.iter().zip(&syms) {
        funcs.push(module.declare_function(sym, Linkage::Local, &a.func.signature).map_err(emit_err)?);
    }
    let import_ids = declare_imports(&mut module, env, &isa)?;
    let static_tables = static_tables(&mut module, env, &funcs)?;
    let mut symbols = Symbols { funcs, libcalls: vec![None; Libcall::ALL.len()], static_tables, throw: None };

    // Helpers are declared before anything is defined: wasm functions call
    // the throw thunk.
    let mut helper_ids: Vec<(FuncId, &FuncArtifact)> = Vec::new();
    let declare = |module: &mut ObjectModule, name: &str, linkage, a: &'_ FuncArtifact| {
        module.declare_function(name, linkage, &a.func.signature).map_err(emit_err)
    };
    let mut array_call_ids = Vec::with_capacity(helpers.array_calls.len());
    for (t, a) in helpers.array_calls.iter().enumerate() {
        let id =
            a.as_ref().map(|a| declare(&mut module, &format!("kiln_array_call.{t}"), Linkage::Local, a)).transpose()?;
        array_call_ids.push(id);
        helper_ids.extend(id.zip(a.as_ref()));
    }
    let mut adapter_ids = Vec::with_capacity(helpers.adapters.len());
    for (i, a) in helpers.adapters.iter().enumerate() {
        let id = a
            .as_ref()
            .map(|a| declare(&mut module, &format!("kiln_import_adapter.{i}"), Linkage::Local, a))
            .transpose()?;
        adapter_ids.push(id);
        helper_ids.extend(id.zip(a.as_ref()));
    }
    for (_, name, a) in &helpers.exports {
        helper_ids.push((declare(&mut module, name, Linkage::Export, a)?, a));
    }
    if let Some(a) = &helpers.throw {
        let id = declare(&mut module, "kiln_throw", Linkage::Local, a)?;
        symbols.throw = Some(id);
        helper_ids.push((id, a));
    }

    for (i, a) in artifacts.iter().enumerate() {
        let id = symbols.funcs[i];
        let relocs = symbols.relocs(&mut module, &isa, env, a, id)?;
        module.define_function_bytes(id, a.alignment as u64, &a.bytes, &relocs).map_err(emit_err)?;
    }
    for &(id, a) in &helper_ids {
        let relocs = symbols.relocs(&mut module, &isa, env, a, id)?;
        module.define_function_bytes(id, a.alignment as u64, &a.bytes, &relocs).map_err(emit_err)?;
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
        .zip(&symbols.funcs)
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
            call_sites: a.call_sites.clone(),
            handlers: a.handlers.clone(),
        })
        .collect();
    let cpu_features: Vec<&str> = options
        .target
        .baseline()
        .iter()
        .filter(|(_, value)| *value == "true")
        .map(|(flag, _)| kiln_abi::cpu_feature_name(flag))
        .collect();
    let ids = tables::Ids { import_funcs: &import_ids, adapters: &adapter_ids, array_calls: &array_call_ids };
    let strings = tables::Strings {
        files: &files,
        cpu_features: &cpu_features.join(","),
        entry: options.entry.as_deref().unwrap_or(""),
    };
    let (pool, info, info_relocs) = tables::build(env, &facts, &ids, &strings);
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

    let mut product = module.finish();
    let funcs: Vec<_> =
        symbols.funcs.iter().zip(artifacts).map(|(id, a)| (product.function_symbol(*id), &a.debug)).collect();
    let others: Vec<_> = helper_ids.iter().map(|(id, a)| (product.function_symbol(*id), &a.debug)).collect();
    debug_info.write(&mut product.object, &funcs, &others, &*isa)?;
    let warnings = std::mem::take(&mut debug_info.warnings);
    Ok((product.emit().map_err(emit_err)?, warnings))
}

/// Declares the host symbol of every function import (by position in
/// `env.imports`; `None` for other imports), in the C convention.
fn declare_imports(
    module: &mut ObjectModule,
    env: &ModuleEnv<'_>,
    isa: &OwnedTargetIsa,
) -> Result<Vec<Option<FuncId>>> {
    let mut ids = Vec::with_capacity(env.imports.len());
    // The same name may be imported at several types; it is one symbol.
    let mut by_symbol: HashMap<String, FuncId> = HashMap::new();
    for imp in &env.imports {
        if imp.kind != kiln_abi::extern_kind::FUNC {
            ids.push(None);
            continue;
        }
        let mut sig = translate::wasm_signature(&**isa, env.func_type(imp.index));
        sig.call_conv = isa.default_call_conv();
        let mut name = String::new();
        symbols::import_symbol(&imp.module, &imp.name, &mut name).map_err(emit_err)?;
        let id = match by_symbol.get(&name) {
            Some(id) => *id,
            None => {
                let id = declare_import(module, &name, &sig, imp)?;
                by_symbol.insert(name, id);
                id
            }
        };
        ids.push(Some(id));
    }
    Ok(ids)
}

fn declare_import(module: &mut ObjectModule, name: &str, sig: &ir::Signature, imp: &ImportDesc) -> Result<FuncId> {
    module
        .declare_function(name, Linkage::Import, sig)
        .map_err(|e| CompileError::Emit(format!("import {}.{}: {e}", imp.module, imp.name)))
}

/// Defines the read-only copies of the tables `call_indirect` indexes
/// directly ([`crate::static_tables`]), by table index.
fn static_tables(module: &mut ObjectModule, env: &ModuleEnv<'_>, funcs: &[FuncId]) -> Result<Vec<Option<DataId>>> {
    let mut ids = Vec::with_capacity(env.static_tables.len());
    for (t, table) in env.static_tables.iter().enumerate() {
        let Some(table) = table else {
            ids.push(None);
            continue;
        };
        let id = module.declare_data(&format!("kiln_table.{t}"), Linkage::Local, false, false).map_err(emit_err)?;
        let (bytes, relocs) = crate::static_tables::encode(env, table);
        let mut desc = DataDescription::new();
        desc.define(bytes.into_boxed_slice());
        desc.set_align(u64::from(crate::static_tables::SLOT_SIZE));
        for (offset, func) in relocs {
            let fref = module.declare_func_in_data(funcs[(func - env.num_imported_funcs) as usize], &mut desc);
            desc.write_function_addr(offset, fref);
        }
        module.define_data(id, &desc).map_err(emit_err)?;
        ids.push(Some(id));
    }
    Ok(ids)
}
