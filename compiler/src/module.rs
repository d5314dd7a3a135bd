//! Parsing and validating a module into a [`ModuleEnv`]: everything about
//! the module that function translation and object emission need, with the
//! function bodies left unparsed for parallel translation.

use crate::error::{CompileError, Result};
use kiln_abi::{constop, ConstOp, VMCounts, VMOffsets};
use std::collections::HashMap;
use wasmparser::{
    CompositeInnerType, ConstExpr, DataKind, ElementItems, ElementKind, ExternalKind, FuncToValidate, FuncType,
    FunctionBody, GlobalType, KnownCustom, MemoryType, Name, Operator, Parser, Payload, RefType, TableInit, TableType,
    TypeRef, ValidPayload, Validator, ValidatorResources, WasmFeatures,
};

/// The wasm features kiln compiles. Anything else is reported as
/// unsupported, naming the feature.
pub fn supported_features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::MULTI_VALUE
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::REFERENCE_TYPES
        | WasmFeatures::EXTENDED_CONST
        | WasmFeatures::FUNCTION_REFERENCES
        | WasmFeatures::MULTI_MEMORY
        | WasmFeatures::FLOATS
        | WasmFeatures::SIMD
        | WasmFeatures::RELAXED_SIMD
        | WasmFeatures::WIDE_ARITHMETIC
        | WasmFeatures::GC_TYPES
        // Wasm 3.0 validation (e.g. `global.get` of defined globals in
        // constant expressions) needs the gc and exceptions features on;
        // the operators kiln cannot compile are refused at translation.
        | WasmFeatures::GC
        | WasmFeatures::EXCEPTIONS
        | WasmFeatures::LEGACY_EXCEPTIONS
        | WasmFeatures::TAIL_CALL
        | WasmFeatures::MEMORY64
        | WasmFeatures::CUSTOM_PAGE_SIZES
        | WasmFeatures::THREADS
}

/// An import, in module order.
#[derive(Debug, Clone)]
pub struct ImportDesc {
    pub module: String,
    pub name: String,
    /// `kiln_abi::extern_kind::*`.
    pub kind: u8,
    /// Index in its kind's index space.
    pub index: u32,
    /// Function imports: the type index.
    pub type_index: u32,
    /// Byte offset of the import in the module.
    pub offset: u64,
}

#[derive(Debug, Clone)]
pub struct ExportDesc {
    pub name: String,
    pub kind: u8,
    pub index: u32,
}

#[derive(Debug, Clone)]
pub struct TableDesc {
    pub ty: TableType,
    pub imported: bool,
    /// Initializer of every element; empty = null.
    pub init: Vec<ConstOp>,
    /// The element type, fully encoded ([`kiln_abi::canon`]).
    pub canon: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct MemoryDesc {
    pub ty: MemoryType,
    pub imported: bool,
}

impl MemoryDesc {
    /// Log2 of the page size in bytes (16 unless the memory declares
    /// `(pagesize 1)`).
    pub fn page_size_log2(&self) -> u32 {
        self.ty.page_size_log2.unwrap_or(kiln_abi::WASM_PAGE_SIZE_LOG2)
    }

    /// Whether accesses are checked against the memory's length in compiled
    /// code (a 64-bit index, or 1-byte pages), not by guard pages.
    pub fn bounds_checked(&self) -> bool {
        kiln_abi::memory_bounds_checked(self.ty.memory64, self.page_size_log2())
    }

    /// The size the memory has at least, in bytes: its minimum (an imported
    /// memory's is at least the import's minimum, and memories never shrink).
    pub fn min_bytes(&self) -> u128 {
        u128::from(self.ty.initial) << self.page_size_log2()
    }

    /// The size the memory can never exceed, in bytes: its maximum, or what
    /// its index type can address.
    pub fn max_bytes(&self) -> u128 {
        let index_space: u128 = if self.ty.memory64 { 1 << 64 } else { 1 << 32 };
        self.ty.maximum.map_or(index_space, |max| (u128::from(max) << self.page_size_log2()).min(index_space))
    }
}

#[derive(Debug, Clone)]
pub struct GlobalDesc {
    pub ty: GlobalType,
    pub imported: bool,
    /// Defined and not exported: nothing outside the instance can see it,
    /// so it lives in the vmctx itself (`VMOffsets::global_slot`).
    pub in_vmctx: bool,
    pub init: Vec<ConstOp>,
    /// The value type, fully encoded ([`kiln_abi::canon`]).
    pub canon: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct TagDesc {
    /// Index of the tag's function type.
    pub type_index: u32,
    pub imported: bool,
    /// For reports: the name section's name, else `module.name` of an
    /// import, else empty.
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct DataDesc<'a> {
    pub mode: u32,
    pub memory: u32,
    pub offset: Vec<ConstOp>,
    pub bytes: &'a [u8],
}

#[derive(Debug, Clone)]
pub struct ElemDesc {
    pub mode: u32,
    pub table: u32,
    pub offset: Vec<ConstOp>,
    pub items: Vec<Vec<ConstOp>>,
    pub elem_type: RefType,
}

/// A function body waiting for translation, with its validator.
pub struct FuncBodyData<'a> {
    pub body: FunctionBody<'a>,
    pub validator: FuncToValidate<ValidatorResources>,
}

/// A parsed, validated module.
pub struct ModuleEnv<'a> {
    pub wasm: &'a [u8],
    /// Function types by type index (non-function types hold `None`).
    pub types: Vec<Option<FuncType>>,
    /// The full encoding of every type ([`kiln_abi::canon`]).
    pub canon: Vec<Vec<u8>>,
    /// Per type index, the first type index with the same encoding: equal
    /// exactly when the runtime's canonical ids are.
    pub type_classes: Vec<u32>,
    pub tags: Vec<TagDesc>,
    /// Type index of every function, imported ones first.
    pub func_types: Vec<u32>,
    pub num_imported_funcs: u32,
    pub imports: Vec<ImportDesc>,
    pub memories: Vec<MemoryDesc>,
    pub tables: Vec<TableDesc>,
    pub globals: Vec<GlobalDesc>,
    pub exports: Vec<ExportDesc>,
    pub start: Option<u32>,
    pub data: Vec<DataDesc<'a>>,
    pub elems: Vec<ElemDesc>,
    /// Functions that may be referenced by `ref.func` (declared in elements,
    /// exports or globals); all functions get a funcref slot regardless.
    pub module_name: Option<String>,
    pub func_names: HashMap<u32, String>,
    /// Branch hints (the `metadata.code.branch_hint` section), per function
    /// index: (offset of an `if` or `br_if` from the start of the body,
    /// whether it is taken). Dropped whole when the section is invalid.
    pub branch_hints: HashMap<u32, Vec<(u32, bool)>>,
    /// Problems with custom sections kiln reads, which made it ignore
    /// them (the module stays valid, as the spec requires).
    pub custom_warnings: Vec<String>,
    /// Bodies of defined functions, in order.
    pub bodies: Vec<FuncBodyData<'a>>,
    /// The validated type information.
    pub types_info: Option<wasmparser::types::Types>,
    /// Tables with compile-time contents, by table index
    /// ([`crate::static_tables`]); empty until `emit::compile` fills it.
    pub static_tables: Vec<Option<crate::static_tables::StaticTable>>,
    /// Per function index: whether calling it may throw
    /// ([`crate::nothrow`]); empty (everything may) until `emit::compile`
    /// fills it.
    pub may_throw: Vec<bool>,
    /// The run-time limit checks compiled in (`kiln_abi::checks` bits; see
    /// `crate::translate`'s `limits`); set by `emit::compile`.
    pub checks: u32,
    /// The address compiled code takes memory 0 to be at (a constant
    /// instead of a load through its `VMMemory`), for
    /// [`crate::MemoryBase::Fixed`]; set by `emit::compile`.
    pub memory0_fixed_base: Option<u64>,
}

impl<'a> ModuleEnv<'a> {
    pub fn num_imported_memories(&self) -> u32 {
        self.memories.iter().filter(|m| m.imported).count() as u32
    }
    pub fn num_imported_tables(&self) -> u32 {
        self.tables.iter().filter(|t| t.imported).count() as u32
    }
    pub fn num_imported_globals(&self) -> u32 {
        self.globals.iter().filter(|g| g.imported).count() as u32
    }

    /// The VM context layout of this module.
    pub fn vm_offsets(&self) -> VMOffsets {
        VMOffsets::new(VMCounts {
            imported_funcs: self.num_imported_funcs,
            memories: self.memories.len() as u32,
            tables: self.tables.len() as u32,
            globals: self.globals.len() as u32,
            funcs: self.func_types.len() as u32,
            tags: self.tags.len() as u32,
        })
    }

    pub fn num_imported_tags(&self) -> u32 {
        self.tags.iter().filter(|t| t.imported).count() as u32
    }

    fn val_canon(&self, ty: wasmparser::ValType, offset: u64) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        crate::canon::Encoder::new(&self.canon).valtype(ty, offset, &mut out)?;
        Ok(out)
    }

    fn ref_canon(&self, ty: RefType, offset: u64) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        crate::canon::Encoder::new(&self.canon).reftype(ty, offset, &mut out)?;
        Ok(out)
    }

    /// The signature of function `func_index`.
    pub fn func_type(&self, func_index: u32) -> &FuncType {
        let ty = self.func_types[func_index as usize];
        self.types[ty as usize].as_ref().expect("validated: functions have function types")
    }

    /// Whether calling function `func_index` may throw.
    pub fn may_throw(&self, func_index: u32) -> bool {
        self.may_throw.get(func_index as usize).copied().unwrap_or(true)
    }

    /// The name of function `func_index` from the name section, or a
    /// synthesized `wasm-function[N]`.
    pub fn func_name(&self, func_index: u32) -> String {
        match self.func_names.get(&func_index) {
            Some(n) => n.clone(),
            None => format!("wasm-function[{func_index}]"),
        }
    }
}

/// Parses `.wat` text or a binary module into wasm bytes; a component
/// (binary or text) becomes its fused core module
/// ([`crate::component::fuse`]).
pub fn wat_or_wasm(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>> {
    let wasm = wat::parse_bytes(bytes).map_err(|e| CompileError::Wat(e.to_string()))?;
    if crate::component::is_component(&wasm) {
        return Ok(std::borrow::Cow::Owned(crate::component::fuse(&wasm)?));
    }
    Ok(wasm)
}

/// Parses and validates `wasm`.
pub fn parse(wasm: &[u8]) -> Result<ModuleEnv<'_>> {
    match parse_with(wasm, supported_features()) {
        Ok(env) => Ok(env),
        Err(CompileError::Invalid { offset, message }) => {
            // Tell "uses a feature kiln lacks" apart from "invalid". Stack
            // switching is left out: it allows tag results, which Wasm 3.0
            // rejects.
            let retry = parse_with(wasm, WasmFeatures::all() - WasmFeatures::STACK_SWITCHING);
            if !matches!(retry, Err(CompileError::Invalid { .. })) {
                Err(CompileError::Unsupported { feature: message, offset })
            } else {
                Err(CompileError::Invalid { offset, message })
            }
        }
        Err(e) => Err(e),
    }
}

fn parse_with(wasm: &[u8], features: WasmFeatures) -> Result<ModuleEnv<'_>> {
    let mut validator = Validator::new_with_features(features);
    let mut env = ModuleEnv {
        wasm,
        types: Vec::new(),
        canon: Vec::new(),
        type_classes: Vec::new(),
        tags: Vec::new(),
        func_types: Vec::new(),
        num_imported_funcs: 0,
        imports: Vec::new(),
        memories: Vec::new(),
        tables: Vec::new(),
        globals: Vec::new(),
        exports: Vec::new(),
        start: None,
        data: Vec::new(),
        elems: Vec::new(),
        module_name: None,
        func_names: HashMap::new(),
        branch_hints: HashMap::new(),
        custom_warnings: Vec::new(),
        bodies: Vec::new(),
        types_info: None,
        static_tables: Vec::new(),
        may_throw: Vec::new(),
        checks: 0,
        memory0_fixed_base: None,
    };
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        match validator.payload(&payload)? {
            ValidPayload::Func(validator, body) => env.bodies.push(FuncBodyData { body, validator }),
            ValidPayload::End(types) => {
                env.types_info = Some(types);
                break;
            }
            _ => {}
        }
        match payload {
            Payload::Version { encoding: wasmparser::Encoding::Component, range, .. } => {
                return Err(CompileError::unsupported("component model", range.start));
            }
            Payload::TypeSection(reader) => {
                for group in reader.into_iter_with_offsets() {
                    let (offset, group) = group?;
                    let mut defs = Vec::new();
                    for sub in group.into_types() {
                        if !sub.is_final || !sub.supertype_idxs.is_empty() {
                            return Err(CompileError::unsupported("gc: type subtyping", offset));
                        }
                        if sub.composite_type.shared {
                            return Err(CompileError::unsupported("shared-everything threads: shared types", offset));
                        }
                        if sub.composite_type.descriptor_idx.is_some() || sub.composite_type.describes_idx.is_some() {
                            return Err(CompileError::unsupported("custom descriptors", offset));
                        }
                        defs.push(sub.composite_type.inner);
                    }
                    let identities = crate::canon::group_identities(&env.canon, &defs, offset)?;
                    env.canon.extend(identities);
                    // Array and struct types have no function type; only
                    // `array.new_default` in constant expressions uses them.
                    env.types.extend(defs.into_iter().map(|d| match d {
                        CompositeInnerType::Func(f) => Some(f),
                        _ => None,
                    }));
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports_with_offsets() {
                    let (offset, import) = import?;

                    let (kind, index, type_index) = match import.ty {
                        TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                            env.func_types.push(t);
                            env.num_imported_funcs += 1;
                            (kiln_abi::extern_kind::FUNC, env.func_types.len() - 1, t)
                        }
                        TypeRef::Memory(ty) => {
                            check_memory(&ty, offset)?;
                            env.memories.push(MemoryDesc { ty, imported: true });
                            (kiln_abi::extern_kind::MEMORY, env.memories.len() - 1, env.memories.len() as u32 - 1)
                        }
                        TypeRef::Table(ty) => {
                            check_table(&ty, offset)?;
                            let canon = env.ref_canon(ty.element_type, offset)?;
                            env.tables.push(TableDesc { ty, imported: true, init: Vec::new(), canon });
                            (kiln_abi::extern_kind::TABLE, env.tables.len() - 1, env.tables.len() as u32 - 1)
                        }
                        TypeRef::Global(ty) => {
                            check_global(&ty, offset)?;
                            let canon = env.val_canon(ty.content_type, offset)?;
                            env.globals.push(GlobalDesc {
                                ty,
                                imported: true,
                                in_vmctx: false,
                                init: Vec::new(),
                                canon,
                            });
                            (kiln_abi::extern_kind::GLOBAL, env.globals.len() - 1, env.globals.len() as u32 - 1)
                        }
                        TypeRef::Tag(tag) => {
                            let name = format!("{}.{}", import.module, import.name);
                            env.tags.push(TagDesc { type_index: tag.func_type_idx, imported: true, name });
                            (kiln_abi::extern_kind::TAG, env.tags.len() - 1, env.tags.len() as u32 - 1)
                        }
                    };
                    env.imports.push(ImportDesc {
                        module: import.module.to_string(),
                        name: import.name.to_string(),
                        kind,
                        index: index as u32,
                        type_index,
                        offset,
                    });
                }
            }
            Payload::FunctionSection(reader) => {
                for t in reader {
                    env.func_types.push(t?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader.into_iter_with_offsets() {
                    let (offset, table) = table?;
                    check_table(&table.ty, offset)?;
                    let init = match table.init {
                        TableInit::RefNull => Vec::new(),
                        TableInit::Expr(e) => const_expr(&e)?,
                    };
                    let canon = env.ref_canon(table.ty.element_type, offset)?;
                    env.tables.push(TableDesc { ty: table.ty, imported: false, init, canon });
                }
            }
            Payload::MemorySection(reader) => {
                for mem in reader.into_iter_with_offsets() {
                    let (offset, ty) = mem?;
                    check_memory(&ty, offset)?;
                    env.memories.push(MemoryDesc { ty, imported: false });
                }
            }
            Payload::TagSection(reader) => {
                for tag in reader {
                    let name = String::new();
                    env.tags.push(TagDesc { type_index: tag?.func_type_idx, imported: false, name });
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader.into_iter_with_offsets() {
                    let (offset, global) = global?;
                    check_global(&global.ty, offset)?;
                    let init = const_expr(&global.init_expr)?;
                    let canon = env.val_canon(global.ty.content_type, offset)?;
                    env.globals.push(GlobalDesc { ty: global.ty, imported: false, in_vmctx: true, init, canon });
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export?;
                    let kind = match export.kind {
                        ExternalKind::Func | ExternalKind::FuncExact => kiln_abi::extern_kind::FUNC,
                        ExternalKind::Table => kiln_abi::extern_kind::TABLE,
                        ExternalKind::Memory => kiln_abi::extern_kind::MEMORY,
                        ExternalKind::Global => kiln_abi::extern_kind::GLOBAL,
                        ExternalKind::Tag => kiln_abi::extern_kind::TAG,
                    };
                    if kind == kiln_abi::extern_kind::GLOBAL {
                        if let Some(g) = env.globals.get_mut(export.index as usize) {
                            g.in_vmctx = false;
                        }
                    }
                    env.exports.push(ExportDesc { name: export.name.to_string(), kind, index: export.index });
                }
            }
            Payload::StartSection { func, .. } => env.start = Some(func),
            Payload::ElementSection(reader) => {
                for elem in reader {
                    let elem = elem?;
                    let (mode, table, offset) = match elem.kind {
                        ElementKind::Passive => (kiln_abi::segment_mode::PASSIVE, 0, Vec::new()),
                        ElementKind::Declared => (kiln_abi::segment_mode::DECLARED, 0, Vec::new()),
                        ElementKind::Active { table_index, offset_expr } => {
                            (kiln_abi::segment_mode::ACTIVE, table_index.unwrap_or(0), const_expr(&offset_expr)?)
                        }
                    };
                    let (elem_type, items) = match elem.items {
                        ElementItems::Functions(funcs) => {
                            let mut items = Vec::new();
                            for f in funcs {
                                items.push(vec![ConstOp { op: constop::REF_FUNC, _pad: 0, a: f? as u64, b: 0 }]);
                            }
                            (RefType::FUNCREF, items)
                        }
                        ElementItems::Expressions(ty, exprs) => {
                            let mut items = Vec::new();
                            for e in exprs {
                                items.push(const_expr(&e?)?);
                            }
                            (ty, items)
                        }
                    };
                    env.elems.push(ElemDesc { mode, table, offset, items, elem_type });
                }
            }
            Payload::DataSection(reader) => {
                for data in reader {
                    let data = data?;
                    let (mode, memory, offset) = match data.kind {
                        DataKind::Passive => (kiln_abi::segment_mode::PASSIVE, 0, Vec::new()),
                        DataKind::Active { memory_index, offset_expr } => {
                            (kiln_abi::segment_mode::ACTIVE, memory_index, const_expr(&offset_expr)?)
                        }
                    };
                    env.data.push(DataDesc { mode, memory, offset, bytes: data.data });
                }
            }
            Payload::CustomSection(reader) => match reader.as_known() {
                // A malformed name section is ignored, as the spec asks.
                KnownCustom::Name(names) => read_names(names, &mut env),
                KnownCustom::BranchHints(hints) => {
                    if let Err(e) = read_branch_hints(hints, &mut env) {
                        env.branch_hints.clear();
                        env.custom_warnings.push(format!("ignoring the branch hints: {e}"));
                    }
                }
                _ => {}
            },
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => {
                return Err(CompileError::unsupported("component model", 0));
            }
            _ => {}
        }
    }
    if let Err(why) = check_branch_hints(&env) {
        env.branch_hints.clear();
        env.custom_warnings.push(format!("ignoring the branch hints: {why}"));
    }
    check_wasi_memory(&env)?;
    let mut first: HashMap<&[u8], u32> = HashMap::with_capacity(env.canon.len());
    env.type_classes = (0..env.canon.len() as u32).map(|i| *first.entry(&env.canon[i as usize]).or_insert(i)).collect();
    Ok(env)
}

fn read_names(names: wasmparser::NameSectionReader<'_>, env: &mut ModuleEnv<'_>) {
    for name in names {
        let Ok(name) = name else { return };
        match name {
            Name::Module { name, .. } => env.module_name = Some(name.to_string()),
            Name::Function(map) => {
                for naming in map {
                    let Ok(naming) = naming else { return };
                    env.func_names.insert(naming.index, naming.name.to_string());
                }
            }
            // The tag section comes before the custom name section.
            Name::Tag(map) => {
                for naming in map {
                    let Ok(naming) = naming else { return };
                    if let Some(tag) = env.tags.get_mut(naming.index as usize) {
                        tag.name = naming.name.to_string();
                    }
                }
            }
            _ => {}
        }
    }
}

fn read_branch_hints(reader: wasmparser::BranchHintSectionReader<'_>, env: &mut ModuleEnv<'_>) -> Result<()> {
    for func in reader {
        let func = func?;
        let mut hints = Vec::new();
        for hint in func.hints {
            let hint = hint?;
            hints.push((hint.func_offset, hint.taken));
        }
        env.branch_hints.insert(func.func, hints);
    }
    Ok(())
}

/// Every branch hint must name an `if` or `br_if` of a defined function.
fn check_branch_hints(env: &ModuleEnv<'_>) -> std::result::Result<(), String> {
    for (&func, hints) in &env.branch_hints {
        let body = func
            .checked_sub(env.num_imported_funcs)
            .and_then(|i| env.bodies.get(i as usize))
            .ok_or_else(|| format!("function {func} has no body"))?;
        let start = body.body.range().start;
        let mut branches = std::collections::HashSet::new();
        let mut reader = body.body.get_operators_reader().map_err(|e| e.to_string())?;
        while !reader.eof() {
            let offset = reader.original_position();
            if let Operator::If { .. } | Operator::BrIf { .. } = reader.read().map_err(|e| e.to_string())? {
                branches.insert(offset - start);
            }
        }
        if let Some((offset, _)) = hints.iter().find(|(o, _)| !branches.contains(&u64::from(*o))) {
            return Err(format!(
                "the hint at offset {offset:#x} of function {func} is not on an `if` or `br_if` (invalid target)"
            ));
        }
    }
    Ok(())
}

fn check_memory(ty: &MemoryType, offset: u64) -> Result<()> {
    // The validator allows no other page size today.
    if ty.page_size_log2.is_some_and(|l| l != 0 && l != kiln_abi::WASM_PAGE_SIZE_LOG2) {
        return Err(CompileError::unsupported("custom page sizes: pages other than 1 or 65536 bytes", offset));
    }
    Ok(())
}

/// WASI preview1 passes 32-bit pointers into memory 0: a module whose
/// memory 0 is 64-bit may import only the functions that take none.
fn check_wasi_memory(env: &ModuleEnv<'_>) -> Result<()> {
    if !env.memories.first().is_some_and(|m| m.ty.memory64) {
        return Ok(());
    }
    let uses_memory = |i: &&ImportDesc| {
        i.module == kiln_abi::wasi::MODULE && kiln_abi::wasi::find(&i.name).is_some_and(|f| f.uses_memory)
    };
    match env.imports.iter().find(uses_memory) {
        Some(i) => Err(CompileError::unsupported(
            format!(
                "memory64: {}.{} takes 32-bit pointers into memory 0, which is 64-bit (WASI preview1 addresses \
                 only 32-bit memories)",
                i.module, i.name
            ),
            i.offset,
        )),
        None => Ok(()),
    }
}

fn check_table(ty: &TableType, offset: u64) -> Result<()> {
    if ty.shared {
        return Err(CompileError::unsupported("shared-everything threads: shared table", offset));
    }
    check_ref(ty.element_type, offset)
}

fn check_global(ty: &GlobalType, offset: u64) -> Result<()> {
    if ty.shared {
        return Err(CompileError::unsupported("shared-everything threads: shared global", offset));
    }
    match ty.content_type {
        wasmparser::ValType::Ref(r) => check_ref(r, offset),
        _ => Ok(()),
    }
}

/// kiln supports references to functions (including typed function
/// references), extern values and every abstract heap type. Without the GC
/// operators and exception handling, values of the GC and exception
/// hierarchies can only be null in compiled code, which is all
/// representing them as words needs.
pub fn check_ref(r: RefType, offset: u64) -> Result<()> {
    use wasmparser::HeapType;
    match r.heap_type() {
        HeapType::Abstract { shared: true, .. } => {
            Err(CompileError::unsupported("shared-everything threads: shared reference types", offset))
        }
        HeapType::Abstract { .. } | HeapType::Concrete(_) | HeapType::Exact(_) => Ok(()),
    }
}

/// Converts a constant expression to the runtime's stack-machine encoding.
pub fn const_expr(expr: &ConstExpr<'_>) -> Result<Vec<ConstOp>> {
    let mut ops = Vec::new();
    let mut reader = expr.get_operators_reader();
    let op = |op, a| ConstOp { op, _pad: 0, a, b: 0 };
    loop {
        let offset = reader.original_position();
        let o = match reader.read()? {
            Operator::End => break,
            Operator::I32Const { value } => op(constop::I32_CONST, value as u32 as u64),
            Operator::I64Const { value } => op(constop::I64_CONST, value as u64),
            Operator::F32Const { value } => op(constop::F32_CONST, value.bits() as u64),
            Operator::F64Const { value } => op(constop::F64_CONST, value.bits()),
            Operator::GlobalGet { global_index } => op(constop::GLOBAL_GET, global_index as u64),
            Operator::RefNull { .. } => op(constop::REF_NULL, 0),
            Operator::RefFunc { function_index } => op(constop::REF_FUNC, function_index as u64),
            Operator::ArrayNewDefault { array_type_index } => op(constop::ARRAY_NEW_DEFAULT, array_type_index as u64),
            Operator::I32Add => op(constop::I32_ADD, 0),
            Operator::I32Sub => op(constop::I32_SUB, 0),
            Operator::I32Mul => op(constop::I32_MUL, 0),
            Operator::I64Add => op(constop::I64_ADD, 0),
            Operator::I64Sub => op(constop::I64_SUB, 0),
            Operator::I64Mul => op(constop::I64_MUL, 0),
            Operator::V128Const { value } => {
                let bits = value.i128() as u128;
                ConstOp { op: constop::V128_CONST, _pad: 0, a: bits as u64, b: (bits >> 64) as u64 }
            }
            other => return Err(CompileError::unsupported(format!("constant expression operator {other:?}"), offset)),
        };
        ops.push(o);
    }
    Ok(ops)
}
