//! Serializes the `kiln_abi` module tables: a byte image laid out with the
//! ABI's `#[repr(C)]` types, plus the relocations that turn its pointer
//! fields into addresses once the object is linked or loaded.

use crate::module::ModuleEnv;
use core::mem::{offset_of, size_of};
use cranelift_module::FuncId;
use kiln_abi::{
    limits_flags, valtype, CallSite, CodeLine, ConstOp, DataSegment, ElemSegment, Export, FuncEntry, FuncType,
    GlobalDecl, Handler, Import, MemoryDecl, ModuleInfo, TableDecl, TagDecl, TrapEntry,
};
use wasmparser::{RefType, ValType};

/// What a pointer field points at.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// `addend` bytes into the pool itself.
    Pool,
    /// A function symbol.
    Func(FuncId),
}

/// A pointer field to patch.
#[derive(Debug, Clone, Copy)]
pub struct Reloc {
    pub offset: u32,
    pub target: Target,
    pub addend: i64,
}

/// A growable image of the pool: all arrays and strings the `ModuleInfo`
/// points to.
#[derive(Default)]
pub struct Pool {
    pub bytes: Vec<u8>,
    pub relocs: Vec<Reloc>,
}

/// A region reserved in the pool: (offset, count).
#[derive(Clone, Copy, Default)]
struct Region {
    offset: u32,
    len: usize,
}

impl Pool {
    fn align(&mut self, to: usize) {
        while !self.bytes.len().is_multiple_of(to) {
            self.bytes.push(0);
        }
    }

    /// Appends raw bytes (8-aligned) and returns their region.
    fn blob(&mut self, data: &[u8]) -> Region {
        self.align(8);
        let offset = self.bytes.len() as u32;
        self.bytes.extend_from_slice(data);
        Region { offset, len: data.len() }
    }

    /// Reserves zeroed space for `n` records of `T`.
    fn array<T>(&mut self, n: usize) -> Region {
        self.align(16);
        let offset = self.bytes.len() as u32;
        self.bytes.resize(self.bytes.len() + n * size_of::<T>(), 0);
        Region { offset, len: n }
    }

    fn put_u8(&mut self, at: u32, v: u8) {
        self.bytes[at as usize] = v;
    }
    fn put_u16(&mut self, at: u32, v: u16) {
        self.bytes[at as usize..at as usize + 2].copy_from_slice(&v.to_le_bytes());
    }
    fn put_u32(&mut self, at: u32, v: u32) {
        self.bytes[at as usize..at as usize + 4].copy_from_slice(&v.to_le_bytes());
    }
    fn put_u64(&mut self, at: u32, v: u64) {
        self.bytes[at as usize..at as usize + 8].copy_from_slice(&v.to_le_bytes());
    }

    /// Writes a `Slice<T>` (pointer into the pool + length) at `at`.
    fn put_slice(&mut self, at: u32, r: Region) {
        if r.len > 0 {
            self.relocs.push(Reloc { offset: at, target: Target::Pool, addend: r.offset as i64 });
        }
        self.put_u64(at + 8, r.len as u64);
    }

    fn put_func_ptr(&mut self, at: u32, func: FuncId) {
        self.relocs.push(Reloc { offset: at, target: Target::Func(func), addend: 0 });
    }

    fn string(&mut self, s: &str) -> Region {
        self.blob(s.as_bytes())
    }

    fn const_expr(&mut self, ops: &[ConstOp]) -> Region {
        let r = self.array::<ConstOp>(ops.len());
        for (i, op) in ops.iter().enumerate() {
            let at = r.offset + (i * size_of::<ConstOp>()) as u32;
            self.put_u32(at + offset_of!(ConstOp, op) as u32, op.op);
            self.put_u64(at + offset_of!(ConstOp, a) as u32, op.a);
            self.put_u64(at + offset_of!(ConstOp, b) as u32, op.b);
        }
        r
    }
}

/// Per-function facts the tables need from code generation.
pub struct FuncFacts {
    pub id: FuncId,
    pub code_len: u32,
    pub name: String,
    pub traps: Vec<TrapEntry>,
    /// Backtrace positions, sorted by code offset.
    pub lines: Vec<CodeLine>,
    /// Calls with exception handlers, sorted by return offset; their
    /// `handlers_start` indexes `handlers`.
    pub call_sites: Vec<CallSite>,
    pub handlers: Vec<Handler>,
}

/// Writes every function's call sites and handlers into `pool`, with
/// `handlers_start` made global; returns their regions.
fn exception_tables(pool: &mut Pool, funcs: &[FuncFacts]) -> (Region, Region) {
    let nsites = funcs.iter().map(|f| f.call_sites.len()).sum();
    let nhandlers = funcs.iter().map(|f| f.handlers.len()).sum();
    let sites = pool.array::<CallSite>(nsites);
    let handlers = pool.array::<Handler>(nhandlers);
    let (mut site, mut handler) = (0usize, 0u32);
    for f in funcs {
        for c in &f.call_sites {
            let at = sites.offset + (site * size_of::<CallSite>()) as u32;
            pool.put_u32(at + offset_of!(CallSite, ret_offset) as u32, c.ret_offset);
            pool.put_u32(at + offset_of!(CallSite, vmctx_sp_offset) as u32, c.vmctx_sp_offset);
            pool.put_u32(at + offset_of!(CallSite, handlers_start) as u32, handler + c.handlers_start);
            pool.put_u32(at + offset_of!(CallSite, handlers_len) as u32, c.handlers_len);
            site += 1;
        }
        for (j, h) in f.handlers.iter().enumerate() {
            let at = handlers.offset + ((handler as usize + j) * size_of::<Handler>()) as u32;
            pool.put_u32(at + offset_of!(Handler, tag) as u32, h.tag);
            pool.put_u32(at + offset_of!(Handler, code_offset) as u32, h.code_offset);
        }
        handler += f.handlers.len() as u32;
    }
    (sites, handlers)
}

/// The `kiln_abi::valtype` code of a wasm value type.
pub fn valtype_code(ty: ValType) -> u8 {
    match ty {
        ValType::I32 => valtype::I32,
        ValType::I64 => valtype::I64,
        ValType::F32 => valtype::F32,
        ValType::F64 => valtype::F64,
        ValType::V128 => valtype::V128,
        ValType::Ref(r) => ref_code(r),
    }
}

fn ref_code(r: RefType) -> u8 {
    if r.is_extern_ref() {
        valtype::EXTERNREF
    } else {
        valtype::FUNCREF
    }
}

/// The function symbols the tables point to.
pub struct Ids<'a> {
    /// By position in `env.imports`: the host symbol of a function import.
    pub import_funcs: &'a [Option<FuncId>],
    /// By position in `env.imports`: the adapter of a function import.
    pub adapters: &'a [Option<FuncId>],
    /// By type index: the array-call trampoline.
    pub array_calls: &'a [Option<FuncId>],
}

/// Strings the tables record besides the module's own.
pub struct Strings<'a> {
    /// The source paths `CodeLine::file` indexes.
    pub files: &'a [String],
    /// `ModuleInfo::cpu_features`.
    pub cpu_features: &'a str,
    /// `ModuleInfo::entry`.
    pub entry: &'a str,
}

/// Builds the pool and the `ModuleInfo` record. Returns (pool, info bytes,
/// relocations of the info record; their `Pool` targets are into the pool).
/// `ids` are the symbols of imports, adapters and trampolines.
pub fn build(
    env: &ModuleEnv<'_>,
    funcs: &[FuncFacts],
    ids: &Ids<'_>,
    strings: &Strings<'_>,
) -> (Pool, Vec<u8>, Vec<Reloc>) {
    let Strings { files, cpu_features, entry } = *strings;
    let mut pool = Pool::default();
    let mut info = Pool { bytes: vec![0; size_of::<ModuleInfo>()], relocs: Vec::new() };
    let field = |off: usize| off as u32;

    // Types.
    let types = pool.array::<FuncType>(env.types.len());
    for (i, ty) in env.types.iter().enumerate() {
        let at = types.offset + (i * size_of::<FuncType>()) as u32;
        let (params, results): (Vec<u8>, Vec<u8>) = match ty {
            Some(f) => (
                f.params().iter().map(|t| valtype_code(*t)).collect(),
                f.results().iter().map(|t| valtype_code(*t)).collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let p = pool.blob(&params);
        let r = pool.blob(&results);
        pool.put_slice(at + offset_of!(FuncType, params) as u32, p);
        pool.put_slice(at + offset_of!(FuncType, results) as u32, r);
        if let Some(Some(id)) = ids.array_calls.get(i) {
            pool.put_func_ptr(at + offset_of!(FuncType, array_call) as u32, *id);
        }
        if let Some(canon) = env.canon.get(i) {
            let c = pool.blob(canon);
            pool.put_slice(at + offset_of!(FuncType, canon) as u32, c);
        }
    }

    // Imports.
    let imports = pool.array::<Import>(env.imports.len());
    for (i, imp) in env.imports.iter().enumerate() {
        let at = imports.offset + (i * size_of::<Import>()) as u32;
        let m = pool.string(&imp.module);
        let n = pool.string(&imp.name);
        pool.put_slice(at + offset_of!(Import, module) as u32, m);
        pool.put_slice(at + offset_of!(Import, name) as u32, n);
        pool.put_u8(at + offset_of!(Import, kind) as u32, imp.kind);
        pool.put_u32(at + offset_of!(Import, index) as u32, imp.index);
        pool.put_u32(at + offset_of!(Import, type_index) as u32, imp.type_index);
        if let Some(Some(id)) = ids.import_funcs.get(i) {
            pool.put_func_ptr(at + offset_of!(Import, host_func) as u32, *id);
        }
        if let Some(Some(id)) = ids.adapters.get(i) {
            pool.put_func_ptr(at + offset_of!(Import, adapter) as u32, *id);
        }
    }

    // Defined functions and the trap table.
    let entries = pool.array::<FuncEntry>(funcs.len());
    let all_traps: Vec<TrapEntry> = funcs.iter().flat_map(|f| f.traps.iter().copied()).collect();
    let traps = pool.array::<TrapEntry>(all_traps.len());
    for (i, t) in all_traps.iter().enumerate() {
        let at = traps.offset + (i * size_of::<TrapEntry>()) as u32;
        pool.put_u32(at + offset_of!(TrapEntry, code_offset) as u32, t.code_offset);
        pool.put_u32(at + offset_of!(TrapEntry, wasm_offset) as u32, t.wasm_offset);
        pool.put_u8(at + offset_of!(TrapEntry, kind) as u32, t.kind);
    }
    let all_lines: Vec<CodeLine> = funcs.iter().flat_map(|f| f.lines.iter().copied()).collect();
    let lines = pool.array::<CodeLine>(all_lines.len());
    for (i, l) in all_lines.iter().enumerate() {
        let at = lines.offset + (i * size_of::<CodeLine>()) as u32;
        pool.put_u32(at + offset_of!(CodeLine, code_offset) as u32, l.code_offset);
        pool.put_u32(at + offset_of!(CodeLine, wasm_offset) as u32, l.wasm_offset);
        pool.put_u32(at + offset_of!(CodeLine, file) as u32, l.file);
        pool.put_u32(at + offset_of!(CodeLine, line) as u32, l.line);
    }
    let (call_sites, handlers) = exception_tables(&mut pool, funcs);
    let file_table = pool.array::<kiln_abi::Str>(files.len());
    for (i, path) in files.iter().enumerate() {
        let r = pool.string(path);
        pool.put_slice(file_table.offset + (i * size_of::<kiln_abi::Str>()) as u32, r);
    }
    let mut trap_start = 0u32;
    let mut line_start = 0u32;
    let mut call_start = 0u32;
    for (i, f) in funcs.iter().enumerate() {
        let at = entries.offset + (i * size_of::<FuncEntry>()) as u32;
        let name = pool.string(&f.name);
        pool.put_func_ptr(at + offset_of!(FuncEntry, ptr) as u32, f.id);
        pool.put_u32(at + offset_of!(FuncEntry, code_len) as u32, f.code_len);
        pool.put_u32(
            at + offset_of!(FuncEntry, type_index) as u32,
            env.func_types[env.num_imported_funcs as usize + i],
        );
        pool.put_slice(at + offset_of!(FuncEntry, name) as u32, name);
        pool.put_u32(at + offset_of!(FuncEntry, traps_start) as u32, trap_start);
        pool.put_u32(at + offset_of!(FuncEntry, traps_len) as u32, f.traps.len() as u32);
        trap_start += f.traps.len() as u32;
        pool.put_u32(at + offset_of!(FuncEntry, lines_start) as u32, line_start);
        pool.put_u32(at + offset_of!(FuncEntry, lines_len) as u32, f.lines.len() as u32);
        line_start += f.lines.len() as u32;
        pool.put_u32(at + offset_of!(FuncEntry, calls_start) as u32, call_start);
        pool.put_u32(at + offset_of!(FuncEntry, calls_len) as u32, f.call_sites.len() as u32);
        call_start += f.call_sites.len() as u32;
    }

    // Memories.
    let memories = pool.array::<MemoryDecl>(env.memories.len());
    for (i, m) in env.memories.iter().enumerate() {
        let at = memories.offset + (i * size_of::<MemoryDecl>()) as u32;
        let mut flags = 0;
        if let Some(max) = m.ty.maximum {
            flags |= limits_flags::HAS_MAX;
            pool.put_u64(at + offset_of!(MemoryDecl, max) as u32, max);
        }
        if m.ty.memory64 {
            flags |= limits_flags::MEMORY64;
        }
        if m.ty.shared {
            flags |= limits_flags::SHARED;
        }
        pool.put_u64(at + offset_of!(MemoryDecl, min) as u32, m.ty.initial);
        pool.put_u32(at + offset_of!(MemoryDecl, flags) as u32, flags);
        pool.put_u32(at + offset_of!(MemoryDecl, imported) as u32, m.imported as u32);
        pool.put_u32(at + offset_of!(MemoryDecl, page_size_log2) as u32, m.page_size_log2());
        if let Some(base) = env.memory0_fixed_base.filter(|_| i == 0) {
            pool.put_u64(at + offset_of!(MemoryDecl, fixed_base) as u32, base);
        }
    }

    // Tables.
    let tables = pool.array::<TableDecl>(env.tables.len());
    for (i, t) in env.tables.iter().enumerate() {
        let at = tables.offset + (i * size_of::<TableDecl>()) as u32;
        let mut flags = 0;
        if let Some(max) = t.ty.maximum {
            flags |= limits_flags::HAS_MAX;
            pool.put_u64(at + offset_of!(TableDecl, max) as u32, max);
        }
        if t.ty.table64 {
            flags |= limits_flags::MEMORY64;
        }
        let init = pool.const_expr(&t.init);
        pool.put_u64(at + offset_of!(TableDecl, min) as u32, t.ty.initial);
        pool.put_u32(at + offset_of!(TableDecl, flags) as u32, flags);
        pool.put_u8(at + offset_of!(TableDecl, elem_type) as u32, ref_code(t.ty.element_type));
        pool.put_u8(at + offset_of!(TableDecl, nullable) as u32, t.ty.element_type.is_nullable() as u8);
        pool.put_u16(at + offset_of!(TableDecl, imported) as u32, t.imported as u16);
        pool.put_slice(at + offset_of!(TableDecl, init) as u32, init);
        let canon = pool.blob(&t.canon);
        pool.put_slice(at + offset_of!(TableDecl, ref_type) as u32, canon);
    }

    // Globals.
    let globals = pool.array::<GlobalDecl>(env.globals.len());
    for (i, g) in env.globals.iter().enumerate() {
        let at = globals.offset + (i * size_of::<GlobalDecl>()) as u32;
        let init = pool.const_expr(&g.init);
        pool.put_u8(at + offset_of!(GlobalDecl, ty) as u32, valtype_code(g.ty.content_type));
        pool.put_u8(at + offset_of!(GlobalDecl, mutable) as u32, g.ty.mutable as u8);
        pool.put_u8(at + offset_of!(GlobalDecl, imported) as u32, g.imported as u8);
        pool.put_u8(at + offset_of!(GlobalDecl, in_vmctx) as u32, g.in_vmctx as u8);
        pool.put_slice(at + offset_of!(GlobalDecl, init) as u32, init);
        let canon = pool.blob(&g.canon);
        pool.put_slice(at + offset_of!(GlobalDecl, full_type) as u32, canon);
    }

    // Tags.
    let tags = pool.array::<TagDecl>(env.tags.len());
    for (i, t) in env.tags.iter().enumerate() {
        let at = tags.offset + (i * size_of::<TagDecl>()) as u32;
        pool.put_u32(at + offset_of!(TagDecl, type_index) as u32, t.type_index);
        pool.put_u32(at + offset_of!(TagDecl, imported) as u32, t.imported as u32);
        let name = pool.string(&t.name);
        pool.put_slice(at + offset_of!(TagDecl, name) as u32, name);
    }

    // Exports.
    let exports = pool.array::<Export>(env.exports.len());
    for (i, e) in env.exports.iter().enumerate() {
        let at = exports.offset + (i * size_of::<Export>()) as u32;
        let name = pool.string(&e.name);
        pool.put_slice(at + offset_of!(Export, name) as u32, name);
        pool.put_u8(at + offset_of!(Export, kind) as u32, e.kind);
        pool.put_u32(at + offset_of!(Export, index) as u32, e.index);
    }

    // Data segments.
    let data = pool.array::<DataSegment>(env.data.len());
    for (i, d) in env.data.iter().enumerate() {
        let at = data.offset + (i * size_of::<DataSegment>()) as u32;
        let offset = pool.const_expr(&d.offset);
        let bytes = pool.blob(d.bytes);
        pool.put_u32(at + offset_of!(DataSegment, mode) as u32, d.mode);
        pool.put_u32(at + offset_of!(DataSegment, memory) as u32, d.memory);
        pool.put_slice(at + offset_of!(DataSegment, offset) as u32, offset);
        pool.put_slice(at + offset_of!(DataSegment, bytes) as u32, bytes);
    }

    // Element segments.
    let elems = pool.array::<ElemSegment>(env.elems.len());
    for (i, e) in env.elems.iter().enumerate() {
        let at = elems.offset + (i * size_of::<ElemSegment>()) as u32;
        let offset = pool.const_expr(&e.offset);
        let items = pool.array::<kiln_abi::ConstExpr>(e.items.len());
        for (j, item) in e.items.iter().enumerate() {
            let r = pool.const_expr(item);
            pool.put_slice(items.offset + (j * size_of::<kiln_abi::ConstExpr>()) as u32, r);
        }
        pool.put_u32(at + offset_of!(ElemSegment, mode) as u32, e.mode);
        pool.put_u32(at + offset_of!(ElemSegment, table) as u32, e.table);
        pool.put_slice(at + offset_of!(ElemSegment, offset) as u32, offset);
        pool.put_slice(at + offset_of!(ElemSegment, items) as u32, items);
        pool.put_u8(at + offset_of!(ElemSegment, elem_type) as u32, ref_code(e.elem_type));
    }

    let name = pool.string(env.module_name.as_deref().unwrap_or(""));
    let cpu_features = pool.string(cpu_features);
    let entry = pool.string(entry);

    // The ModuleInfo record itself.
    info.put_u32(field(offset_of!(ModuleInfo, magic)), kiln_abi::MODULE_MAGIC);
    info.put_u32(field(offset_of!(ModuleInfo, abi_version)), kiln_abi::ABI_VERSION);
    for (off, r) in [
        (offset_of!(ModuleInfo, name), name),
        (offset_of!(ModuleInfo, types), types),
        (offset_of!(ModuleInfo, imports), imports),
        (offset_of!(ModuleInfo, funcs), entries),
        (offset_of!(ModuleInfo, memories), memories),
        (offset_of!(ModuleInfo, tables), tables),
        (offset_of!(ModuleInfo, globals), globals),
        (offset_of!(ModuleInfo, exports), exports),
        (offset_of!(ModuleInfo, data), data),
        (offset_of!(ModuleInfo, elems), elems),
        (offset_of!(ModuleInfo, traps), traps),
        (offset_of!(ModuleInfo, lines), lines),
        (offset_of!(ModuleInfo, files), file_table),
        (offset_of!(ModuleInfo, tags), tags),
        (offset_of!(ModuleInfo, cpu_features), cpu_features),
        (offset_of!(ModuleInfo, call_sites), call_sites),
        (offset_of!(ModuleInfo, handlers), handlers),
        (offset_of!(ModuleInfo, entry), entry),
    ] {
        info.put_slice(field(off), r);
    }
    info.put_u32(field(offset_of!(ModuleInfo, start_func)), env.start.unwrap_or(u32::MAX));
    info.put_u32(field(offset_of!(ModuleInfo, num_imported_funcs)), env.num_imported_funcs);
    info.put_u32(field(offset_of!(ModuleInfo, num_imported_memories)), env.num_imported_memories());
    info.put_u32(field(offset_of!(ModuleInfo, num_imported_tables)), env.num_imported_tables());
    info.put_u32(field(offset_of!(ModuleInfo, num_imported_globals)), env.num_imported_globals());
    info.put_u32(field(offset_of!(ModuleInfo, num_imported_tags)), env.num_imported_tags());
    info.put_u32(field(offset_of!(ModuleInfo, checks)), env.checks);
    info.put_u32(field(offset_of!(ModuleInfo, vmctx_size)), env.vm_offsets().size);
    (pool, info.bytes, info.relocs)
}
