//! Writes the fused core module from an evaluated component [`Graph`].
//!
//! Index spaces of the fused module, in order:
//! - functions: the host imports, then one wrapper per lowered function
//!   (it passes the canonical options as two `i32` constants before the
//!   arguments and calls its host import), then the synthesized start and
//!   `_start`, then every instantiation's own functions;
//! - types: the host imports' types, then every instantiation's types;
//! - tables, memories, globals, tags, data and element segments: every
//!   instantiation's own, in instantiation order.
//!
//! Every instantiation's code is copied through wasm-encoder's `Reencode`
//! with its indices mapped into those spaces; an import is mapped to what
//! it is bound to. Active segments of an instantiation that follows one
//! with a start function become passive and are initialized by the
//! synthesized start in instantiation order, so data is written and start
//! functions run in the order separate instantiations would.

use super::eval::{CoreDef, Graph, Lifted};
use super::summary::{CoreModule, KINDS};
use crate::error::{CompileError, Result};
use std::collections::{BTreeMap, HashMap};
use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{
    BlockType, CodeSection, ConstExpr, DataCountSection, DataSection, ElementSection, Encode, EntityType, ExportKind,
    ExportSection, Function, FunctionSection, GlobalSection, GlobalType, ImportSection, Instruction, MemorySection,
    Module, NameMap, NameSection, StartSection, TableSection, TagSection, TypeSection, ValType,
};
use wasmparser::{Parser, Payload, TypeRef};

/// The interface whose `exit` the synthesized `_start` calls when `run`
/// returns an error.
const EXIT_MODULE: &str = "wasi:cli/exit@0.2";

use kiln_abi::wasi2::HOST_TRAP_GLOBAL;

/// A function type of the fused module, as a key.
type FuncSig = (Vec<ValType>, Vec<ValType>);

/// An index map from an instantiation's index spaces to the fused ones.
struct Remap<'a> {
    types: u32,
    maps: &'a [Vec<u32>; KINDS],
    data: u32,
    elems: u32,
}

/// An index the validated component should not have produced.
#[derive(Debug)]
struct OutOfRange;

impl Remap<'_> {
    fn map(&self, slot: usize, index: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        self.maps[slot].get(index as usize).copied().ok_or(reencode::Error::UserError(OutOfRange))
    }
}

impl Reencode for Remap<'_> {
    type Error = OutOfRange;
    fn type_index(&mut self, ty: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        Ok(ty + self.types)
    }
    fn function_index(&mut self, f: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        self.map(0, f)
    }
    fn table_index(&mut self, t: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        self.map(1, t)
    }
    fn memory_index(&mut self, m: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        self.map(2, m)
    }
    fn global_index(&mut self, g: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        self.map(3, g)
    }
    fn tag_index(&mut self, t: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        self.map(4, t)
    }
    fn data_index(&mut self, d: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        Ok(d + self.data)
    }
    fn element_index(&mut self, e: u32) -> Result<u32, reencode::Error<OutOfRange>> {
        Ok(e + self.elems)
    }
}

fn reencode_error(e: reencode::Error<OutOfRange>, offset: u64) -> CompileError {
    CompileError::Invalid { offset, message: format!("cannot rewrite core module: {e:?}") }
}

/// Where everything goes: computed before anything is written.
struct Layout {
    /// Fused type index of every synthesized signature.
    sigs: Vec<FuncSig>,
    /// Host imports: (module, name, type index).
    imports: Vec<(String, String, u32)>,
    /// Per used graph host function: (its import, its signature without
    /// the two constants as a fused type index).
    wrappers: BTreeMap<usize, (u32, u32)>,
    /// Fused index of each used host function's wrapper.
    wrapper_index: HashMap<usize, u32>,
    /// Per instantiation: its index maps.
    maps: Vec<[Vec<u32>; KINDS]>,
    /// Per instantiation: type, data and element offsets.
    type_base: Vec<u32>,
    data_base: Vec<u32>,
    elem_base: Vec<u32>,
    /// Fused index of the synthesized start and `_start` functions.
    start_func: u32,
    entry_func: u32,
    /// The `exit` import.
    exit_import: u32,
    /// Instantiations whose active segments the start initializes.
    deferred_from: usize,
    /// The global host functions set to make their wrapper trap.
    trap_global: u32,
}

fn sig_index(sigs: &mut Vec<FuncSig>, sig: FuncSig) -> u32 {
    match sigs.iter().position(|s| *s == sig) {
        Some(i) => i as u32,
        None => {
            sigs.push(sig);
            sigs.len() as u32 - 1
        }
    }
}

fn val_type(t: wasmparser::ValType, offset: u64) -> Result<ValType> {
    Ok(match t {
        wasmparser::ValType::I32 => ValType::I32,
        wasmparser::ValType::I64 => ValType::I64,
        wasmparser::ValType::F32 => ValType::F32,
        wasmparser::ValType::F64 => ValType::F64,
        wasmparser::ValType::V128 => ValType::V128,
        wasmparser::ValType::Ref(_) => {
            return Err(CompileError::unsupported("reference types in host function signatures", offset))
        }
    })
}

impl Layout {
    fn new(graph: &Graph) -> Result<Layout> {
        let mut sigs: Vec<FuncSig> = Vec::new();
        let mut imports: Vec<(String, String, u32)> = Vec::new();
        let mut wrappers = BTreeMap::new();
        // The signature each used host function is imported at.
        for inst in &graph.instantiations {
            let module = &graph.modules[inst.module];
            for (import, def) in module.imports.iter().zip(&inst.imports) {
                let CoreDef::Host(h) = *def else { continue };
                if wrappers.contains_key(&h) {
                    continue;
                }
                let TypeRef::Func(t) = import.ty else {
                    return Err(CompileError::Invalid {
                        offset: import.offset,
                        message: "a lowered function is imported as something else".into(),
                    });
                };
                let Some(Some(ft)) = module.func_types.get(t as usize) else {
                    return Err(CompileError::Invalid { offset: import.offset, message: "not a function type".into() });
                };
                let params = ft.params().iter().map(|&p| val_type(p, import.offset)).collect::<Result<Vec<_>>>()?;
                let results = ft.results().iter().map(|&r| val_type(r, import.offset)).collect::<Result<Vec<_>>>()?;
                let wrapper_sig = sig_index(&mut sigs, (params.clone(), results.clone()));
                let mut host_params = vec![ValType::I32, ValType::I32];
                host_params.extend(params);
                let host_sig = sig_index(&mut sigs, (host_params, results));
                let host = &graph.host[h];
                let key = (host.module.clone(), host.name.clone(), host_sig);
                let import_index = match imports.iter().position(|i| *i == key) {
                    Some(i) => i as u32,
                    None => {
                        imports.push(key);
                        imports.len() as u32 - 1
                    }
                };
                wrappers.insert(h, (import_index, wrapper_sig));
            }
        }
        let exit_sig = sig_index(&mut sigs, (vec![ValType::I32; 3], vec![]));
        let exit_key = (EXIT_MODULE.to_string(), "exit".to_string(), exit_sig);
        let exit_import = match imports.iter().position(|i| *i == exit_key) {
            Some(i) => i as u32,
            None => {
                imports.push(exit_key);
                imports.len() as u32 - 1
            }
        };
        sig_index(&mut sigs, (vec![], vec![]));

        let mut next_func = imports.len() as u32;
        let mut wrapper_index = HashMap::new();
        for &h in wrappers.keys() {
            wrapper_index.insert(h, next_func);
            next_func += 1;
        }
        let start_func = next_func;
        let entry_func = next_func + 1;
        next_func += 2;

        let mut next = [next_func, 0, 0, 0, 0];
        let mut type_next = sigs.len() as u32;
        let (mut data_next, mut elem_next) = (0, 0);
        let mut layout = Layout {
            sigs,
            imports,
            wrappers,
            wrapper_index,
            maps: Vec::new(),
            type_base: Vec::new(),
            data_base: Vec::new(),
            elem_base: Vec::new(),
            start_func,
            entry_func,
            exit_import,
            deferred_from: usize::MAX,
            trap_global: 0,
        };
        // Defined items first, so that imports can be resolved to them.
        let mut bases = Vec::new();
        for (k, inst) in graph.instantiations.iter().enumerate() {
            let module = &graph.modules[inst.module];
            let base: [u32; KINDS] = next;
            for (n, defined) in next.iter_mut().zip(module.defined) {
                *n += defined;
            }
            bases.push(base);
            layout.type_base.push(type_next);
            type_next += module.types;
            layout.data_base.push(data_next);
            data_next += module.data;
            layout.elem_base.push(elem_next);
            elem_next += module.elems;
            if module.start.is_some() && layout.deferred_from == usize::MAX {
                layout.deferred_from = k + 1;
            }
        }
        layout.trap_global = next[3];
        for (k, inst) in graph.instantiations.iter().enumerate() {
            let module = &graph.modules[inst.module];
            let mut maps: [Vec<u32>; KINDS] = Default::default();
            for (import, def) in module.imports.iter().zip(&inst.imports) {
                let slot = super::summary::ref_slot(&import.ty);
                maps[slot].push(layout.fused(&bases, graph, *def, import.offset)?);
            }
            for slot in 0..KINDS {
                maps[slot].extend((0..module.defined[slot]).map(|i| bases[k][slot] + i));
            }
            layout.maps.push(maps);
        }
        Ok(layout)
    }

    /// The fused index of `def`.
    fn fused(&self, bases: &[[u32; KINDS]], graph: &Graph, def: CoreDef, offset: u64) -> Result<u32> {
        match def {
            CoreDef::Item { inst, slot, index } => {
                let module = &graph.modules[graph.instantiations[inst].module];
                Ok(bases[inst][slot] + index - module.imported[slot])
            }
            CoreDef::Host(h) => self.wrapper_index.get(&h).copied().ok_or_else(|| CompileError::Invalid {
                offset,
                message: "a lowered function is used other than as a core import".into(),
            }),
        }
    }

    /// The fused index of a resolved function or memory.
    fn item(&self, graph: &Graph, def: CoreDef) -> Option<u32> {
        match def {
            CoreDef::Item { inst, slot, index } => {
                let module = &graph.modules[graph.instantiations[inst].module];
                Some(self.maps[inst][slot][index as usize]).filter(|_| index >= module.imported[slot])
            }
            CoreDef::Host(h) => self.wrapper_index.get(&h).copied(),
        }
    }
}

/// The sections every instantiation appends to.
#[derive(Default)]
struct Sections {
    types: TypeSection,
    tables: TableSection,
    memories: MemorySection,
    tags: TagSection,
    globals: GlobalSection,
    elements: ElementSection,
    data: DataSection,
    /// Type indices and bodies of the instances' functions.
    functions: Vec<(u32, Function)>,
    /// Fused function index to name.
    names: BTreeMap<u32, String>,
    /// The start function's body so far: deferred segment initialization
    /// and start calls, in instantiation order.
    start: Vec<u8>,
    start_used: bool,
}

/// Builds the fused module; `run` is the lifted `wasi:cli/run` function.
pub fn write(graph: &Graph, bytes: &[u8], run: &Lifted) -> Result<Vec<u8>> {
    let layout = Layout::new(graph)?;
    let mut out = Sections::default();
    for (params, results) in &layout.sigs {
        out.types.ty().function(params.iter().copied(), results.iter().copied());
    }
    for (k, inst) in graph.instantiations.iter().enumerate() {
        let module = &graph.modules[inst.module];
        let mut remap = Remap {
            types: layout.type_base[k],
            maps: &layout.maps[k],
            data: layout.data_base[k],
            elems: layout.elem_base[k],
        };
        let deferred = k >= layout.deferred_from && module.active_segments;
        copy_module(&mut remap, bytes, module, deferred, &mut out)?;
        if let Some(s) = module.start {
            Instruction::Call(layout.maps[k][0][s as usize]).encode(&mut out.start);
            out.start_used = true;
        }
    }

    let mut imports = ImportSection::new();
    for (module, name, sig) in &layout.imports {
        imports.import(module, name, EntityType::Function(*sig));
    }
    let empty_sig = layout.sigs.iter().position(|s| s.0.is_empty() && s.1.is_empty()).expect("added") as u32;
    let mut functions = FunctionSection::new();
    let mut code = CodeSection::new();
    for (&h, &(import, sig)) in &layout.wrappers {
        let host = &graph.host[h];
        let (a, b) = wrapper_constants(graph, &layout, h);
        let mut f = Function::new([]);
        f.instruction(&Instruction::I32Const(a as i32));
        f.instruction(&Instruction::I32Const(b as i32));
        for i in 0..layout.sigs[sig as usize].0.len() as u32 {
            f.instruction(&Instruction::LocalGet(i));
        }
        f.instruction(&Instruction::Call(import));
        f.instruction(&Instruction::GlobalGet(layout.trap_global));
        f.instruction(&Instruction::If(BlockType::Empty));
        f.instruction(&Instruction::Unreachable);
        f.instruction(&Instruction::End);
        f.instruction(&Instruction::End);
        functions.function(sig);
        code.function(&f);
        out.names.insert(layout.wrapper_index[&h], format!("{}#{}", host.module, host.name));
    }
    let mut start = Function::new([]);
    start.raw(out.start.iter().copied());
    start.instruction(&Instruction::End);
    functions.function(empty_sig);
    code.function(&start);
    out.names.insert(layout.start_func, "kiln:start".into());
    functions.function(empty_sig);
    code.function(&entry_function(graph, &layout, run)?);
    out.names.insert(layout.entry_func, "_start".into());
    for (ty, body) in &out.functions {
        functions.function(*ty);
        code.function(body);
    }

    let mut exports = ExportSection::new();
    exports.export("_start", ExportKind::Func, layout.entry_func);
    out.globals.global(GlobalType { val_type: ValType::I32, mutable: true, shared: false }, &ConstExpr::i32_const(0));
    exports.export(HOST_TRAP_GLOBAL, ExportKind::Global, layout.trap_global);
    let mut module = Module::new();
    module.section(&out.types);
    module.section(&imports);
    module.section(&functions);
    module.section(&out.tables);
    module.section(&out.memories);
    module.section(&out.tags);
    module.section(&out.globals);
    module.section(&exports);
    if out.start_used {
        module.section(&StartSection { function_index: layout.start_func });
    }
    module.section(&out.elements);
    if !out.data.is_empty() {
        module.section(&DataCountSection { count: out.data.len() });
    }
    module.section(&code);
    module.section(&out.data);
    let mut names = NameMap::new();
    for (index, name) in &out.names {
        names.append(*index, name);
    }
    let mut name_section = NameSection::new();
    name_section.functions(&names);
    module.section(&name_section);
    Ok(module.finish())
}

/// The two constants the wrapper of host function `h` passes: memory and
/// realloc for lowered functions (-1 when absent), the resource number and
/// its destructor for resource built-ins.
fn wrapper_constants(graph: &Graph, layout: &Layout, h: usize) -> (u32, u32) {
    let host = &graph.host[h];
    let index = |def: Option<CoreDef>| def.and_then(|d| layout.item(graph, d)).unwrap_or(u32::MAX);
    match host.resource {
        Some(r) => (r, index(graph.resources[r as usize])),
        None => (index(host.memory), index(host.realloc)),
    }
}

/// `_start`: calls `run` (and its post-return function), and exits with
/// status 1 through `wasi:cli/exit` when `run` returns an error.
fn entry_function(graph: &Graph, layout: &Layout, run: &Lifted) -> Result<Function> {
    let core = |def: CoreDef| {
        layout.item(graph, def).ok_or_else(|| CompileError::Invalid {
            offset: run.offset,
            message: "a lifted function is not a core function".into(),
        })
    };
    let run_index = core(run.core)?;
    let mut f = Function::new([(1, ValType::I32)]);
    f.instruction(&Instruction::Call(run_index));
    f.instruction(&Instruction::LocalSet(0));
    if let Some(post) = run.post_return {
        f.instruction(&Instruction::LocalGet(0));
        f.instruction(&Instruction::Call(core(post)?));
    }
    f.instruction(&Instruction::LocalGet(0));
    f.instruction(&Instruction::If(BlockType::Empty));
    f.instruction(&Instruction::I32Const(-1));
    f.instruction(&Instruction::I32Const(-1));
    f.instruction(&Instruction::I32Const(1));
    f.instruction(&Instruction::Call(layout.exit_import));
    f.instruction(&Instruction::End);
    f.instruction(&Instruction::End);
    Ok(f)
}

/// Copies the definitions of one instantiation's module into `out`.
fn copy_module(
    remap: &mut Remap<'_>,
    bytes: &[u8],
    module: &CoreModule,
    deferred: bool,
    out: &mut Sections,
) -> Result<()> {
    let range = module.range.clone();
    let parser = Parser::new(range.start as u64);
    let mut func_types = Vec::new();
    let mut func_index = module.imported[0];
    let mut data_index = remap.data;
    let mut elem_index = remap.elems;
    for payload in parser.parse_all(&bytes[range]) {
        let payload = payload?;
        let at = |offset: u64| move |e| reencode_error(e, offset);
        match payload {
            Payload::TypeSection(r) => {
                let offset = r.range().start;
                remap.parse_type_section(&mut out.types, r).map_err(at(offset))?;
            }
            Payload::FunctionSection(r) => {
                for ty in r {
                    func_types.push(remap.type_index(ty?).map_err(at(0))?);
                }
            }
            Payload::TableSection(r) => {
                let offset = r.range().start;
                remap.parse_table_section(&mut out.tables, r).map_err(at(offset))?;
            }
            Payload::MemorySection(r) => {
                let offset = r.range().start;
                remap.parse_memory_section(&mut out.memories, r).map_err(at(offset))?;
            }
            Payload::TagSection(r) => {
                let offset = r.range().start;
                remap.parse_tag_section(&mut out.tags, r).map_err(at(offset))?;
            }
            Payload::GlobalSection(r) => {
                let offset = r.range().start;
                remap.parse_global_section(&mut out.globals, r).map_err(at(offset))?;
            }
            Payload::ElementSection(r) => {
                for elem in r.into_iter_with_offsets() {
                    let (offset, elem) = elem?;
                    match elem.kind {
                        wasmparser::ElementKind::Active { table_index, offset_expr } if deferred => {
                            let len = match &elem.items {
                                wasmparser::ElementItems::Functions(r) => r.count(),
                                wasmparser::ElementItems::Expressions(_, r) => r.count(),
                            };
                            let items = remap.element_items(elem.items).map_err(at(offset))?;
                            out.elements.passive(items);
                            let table = remap.table_index(table_index.unwrap_or(0)).map_err(at(offset))?;
                            defer_init(remap, &mut out.start, offset_expr, offset, len)?;
                            Instruction::TableInit { elem_index, table }.encode(&mut out.start);
                            Instruction::ElemDrop(elem_index).encode(&mut out.start);
                            out.start_used = true;
                        }
                        _ => remap.parse_element(&mut out.elements, elem).map_err(at(offset))?,
                    }
                    elem_index += 1;
                }
            }
            Payload::DataSection(r) => {
                for data in r.into_iter_with_offsets() {
                    let (offset, data) = data?;
                    match data.kind {
                        wasmparser::DataKind::Active { memory_index, offset_expr } if deferred => {
                            out.data.passive(data.data.iter().copied());
                            let mem = remap.memory_index(memory_index).map_err(at(offset))?;
                            defer_init(remap, &mut out.start, offset_expr, offset, data.data.len() as u32)?;
                            Instruction::MemoryInit { mem, data_index }.encode(&mut out.start);
                            Instruction::DataDrop(data_index).encode(&mut out.start);
                            out.start_used = true;
                        }
                        _ => remap.parse_data(&mut out.data, data).map_err(at(offset))?,
                    }
                    data_index += 1;
                }
            }
            Payload::CodeSectionEntry(body) => {
                let offset = body.range().start;
                let mut f = remap.new_function_with_parsed_locals(&body).map_err(at(offset))?;
                let mut reader = body.get_operators_reader()?;
                while !reader.eof() {
                    f.instruction(&remap.parse_instruction(&mut reader).map_err(at(offset))?);
                }
                let ty = func_types[(func_index - module.imported[0]) as usize];
                out.functions.push((ty, f));
                func_index += 1;
            }
            Payload::CustomSection(c) if c.name() == "name" => {
                if let wasmparser::KnownCustom::Name(reader) = c.as_known() {
                    copy_function_names(remap, reader, module.imported[0], &mut out.names);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Appends to `start` the instructions of an active segment's offset
/// expression, then the source offset 0 and the length `len`.
fn defer_init(
    remap: &mut Remap<'_>,
    start: &mut Vec<u8>,
    offset_expr: wasmparser::ConstExpr<'_>,
    offset: u64,
    len: u32,
) -> Result<()> {
    let mut ops = offset_expr.get_operators_reader();
    while !ops.is_end_then_eof() {
        remap.parse_instruction(&mut ops).map_err(|e| reencode_error(e, offset))?.encode(start);
    }
    Instruction::I32Const(0).encode(start);
    Instruction::I32Const(len as i32).encode(start);
    Ok(())
}

/// Copies the function names of a module's name section, for backtraces
/// and debuggers.
fn copy_function_names(
    remap: &Remap<'_>,
    reader: wasmparser::NameSectionReader<'_>,
    imported: u32,
    names: &mut BTreeMap<u32, String>,
) {
    for subsection in reader.into_iter().flatten() {
        if let wasmparser::Name::Function(map) = subsection {
            for naming in map.into_iter().flatten() {
                if naming.index < imported {
                    continue;
                }
                if let Some(&fused) = remap.maps[0].get(naming.index as usize) {
                    names.insert(fused, naming.name.to_string());
                }
            }
        }
    }
}
