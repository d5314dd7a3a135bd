//! Linked instances: modules instantiated against the exports of other
//! instances and of host modules, as the spec test suite and embedders
//! need (the standalone path, [`crate::Instance`], only binds WASI
//! functions by symbol).
//!
//! Data flow: the embedder resolves each import of a module to an
//! [`Extern`] (a function's code and vmctx, or a shared memory, table or
//! global) and calls [`LinkedInstance::new`], which checks every import's
//! kind and type against the module ("unlinkable" otherwise), creates the
//! module's own memories, tables and globals, and fills the vmctx: imported
//! functions with their callee's vmctx (host functions get the importer's),
//! memory/table/global pointers to the shared records. [`LinkedInstance::
//! initialize`] then evaluates globals and applies element and data
//! segments (a trap there is "uninstantiable", but effects on shared tables
//! and memories stay, as the spec requires, so the instance must be kept
//! alive), and [`LinkedInstance::run_start`] runs the start function.
//! Compiled code of linked modules calls the libcalls in [`libcalls`]
//! (resolved by name with [`libcall_address`] when the module is loaded),
//! which reach the instance through `vmctx[INSTANCE]`.

mod libcalls;

pub use libcalls::libcall_address;

use crate::constexpr::{self, ConstEnv};
use crate::error::InstantiateError;
use crate::memory::{Memory, MemoryError};
use crate::table::{Table, MAX_TABLE_ELEMENTS};
use crate::trap::Trap;
use crate::{sys, trap, types};
use alloc::alloc::{alloc_zeroed, dealloc, handle_alloc_error, Layout};
use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, OnceCell, UnsafeCell};
use core::marker::PhantomPinned;
use core::pin::Pin;
use core::ptr::NonNull;
use kiln_abi::{
    canon, extern_kind, limits_flags, segment_mode, ConstExpr, FuncType, GlobalDecl, Import, ModuleInfo, TrapKind,
    VMContext, VMFuncImport, VMFuncRef, VMGlobal, VMOffsets, ABI_VERSION, MODULE_MAGIC,
};

/// A function to import: its code, the vmctx to call it with (null: the
/// importing instance's own, as host functions expect), and its type.
#[derive(Debug, Clone, Copy)]
pub struct FuncRef {
    pub func_ptr: *const u8,
    pub vmctx: *mut VMContext,
    pub ty: &'static FuncType,
}

/// Storage of one global, shareable between instances.
#[derive(Debug, Default)]
pub struct GlobalCell(UnsafeCell<VMGlobal>);

impl GlobalCell {
    pub fn new(bits: u128) -> GlobalCell {
        GlobalCell(UnsafeCell::new(VMGlobal { bytes: bits.to_le_bytes() }))
    }

    /// The record compiled code reads and writes.
    pub fn vm_ptr(&self) -> *mut VMGlobal {
        self.0.get()
    }

    /// The current value as little-endian bits.
    pub fn get(&self) -> u128 {
        // SAFETY: a plain read; instances are single-threaded and no wasm
        // runs while the host reads.
        u128::from_le_bytes(unsafe { (*self.0.get()).bytes })
    }
}

/// A global and its type.
#[derive(Debug, Clone)]
pub struct SharedGlobal {
    pub cell: Rc<GlobalCell>,
    /// `kiln_abi::valtype` code.
    pub ty: u8,
    /// The full type ([`kiln_abi::canon`]), which import matching compares.
    pub full_type: &'static [u8],
    pub mutable: bool,
}

/// A memory and its declared maximum (pages), which import matching needs.
#[derive(Clone)]
pub struct SharedMemory {
    pub memory: Rc<Memory>,
    pub max: Option<u64>,
}

/// A table, its element type (`kiln_abi::valtype`, and fully encoded as
/// [`kiln_abi::canon`]) and declared maximum.
#[derive(Clone)]
pub struct SharedTable {
    pub table: Rc<Table>,
    pub elem_type: u8,
    pub ref_type: &'static [u8],
    pub max: Option<u64>,
    /// `kiln_abi::limits_flags::MEMORY64` for 64-bit tables.
    pub flags: u32,
}

/// The identity of an exception tag: tags match by type on import and are
/// the same tag only when they are the same allocation.
#[derive(Debug)]
pub struct TagIdentity;

/// An exception tag and its type.
#[derive(Debug, Clone)]
pub struct SharedTag {
    pub identity: Rc<TagIdentity>,
    pub ty: &'static FuncType,
}

/// Something one instance exports and another imports.
#[derive(Clone)]
pub enum Extern {
    Func(FuncRef),
    Memory(SharedMemory),
    Table(SharedTable),
    Global(SharedGlobal),
    Tag(SharedTag),
}

/// Why a module could not be linked or set up.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("module `{module}` has {expected} imports, but {provided} were provided")]
    ImportCount { module: &'static str, expected: usize, provided: usize },
    #[error("incompatible import type for `{import_module}`.`{name}` (import {index}): {reason}")]
    Incompatible { import_module: &'static str, name: &'static str, index: u32, reason: String },
    #[error(transparent)]
    Instantiate(#[from] InstantiateError),
}

/// An instance whose imports are other instances' exports.
pub struct LinkedInstance {
    module: &'static ModuleInfo,
    offsets: VMOffsets,
    vmctx: NonNull<u8>,
    type_ids: Box<[u32]>,
    memories: Box<[SharedMemory]>,
    tables: Box<[SharedTable]>,
    globals: Box<[SharedGlobal]>,
    tags: Box<[SharedTag]>,
    /// Values of passive element segments, once initialization evaluated them.
    elem_values: OnceCell<Box<[Box<[usize]>]>>,
    dropped_elems: Box<[Cell<bool>]>,
    dropped_data: Box<[Cell<bool>]>,
    /// vmctx and compiled code hold the instance's address.
    _pinned: PhantomPinned,
}

fn slice<T>(s: &'static kiln_abi::Slice<T>) -> &'static [T] {
    // SAFETY: module tables are immutable and live for the process.
    unsafe { s.as_slice() }
}

fn str_of(s: &'static kiln_abi::Str) -> &'static str {
    // SAFETY: as `slice`; the compiler emits UTF-8.
    unsafe { s.as_str() }
}

fn vmctx_layout(offsets: &VMOffsets) -> Layout {
    Layout::from_size_align(offsets.size as usize, 16).unwrap_or(Layout::new::<[u128; 2]>())
}

fn limits(flags: u32, max: u64) -> Option<u64> {
    (flags & limits_flags::HAS_MAX != 0).then_some(max)
}

/// Checks the parts of the module header the rest relies on.
fn check_header(module: &'static ModuleInfo) -> Result<VMOffsets, InstantiateError> {
    if module.magic != MODULE_MAGIC {
        return Err(InstantiateError::BadMagic { address: module as *const _ as usize, found: module.magic });
    }
    let name = str_of(&module.name);
    if module.abi_version != ABI_VERSION {
        return Err(InstantiateError::AbiVersion { module: name, found: module.abi_version, expected: ABI_VERSION });
    }
    let offsets = VMOffsets::new(module.vm_counts());
    if module.vmctx_size != offsets.size {
        return Err(InstantiateError::VmctxSize { module: name, found: module.vmctx_size, expected: offsets.size });
    }
    let ntypes = module.types.len;
    for (i, f) in slice(&module.funcs).iter().enumerate() {
        if f.type_index as usize >= ntypes || f.traps_start as usize + f.traps_len as usize > module.traps.len {
            return Err(InstantiateError::Malformed { module: name, what: "bad function entry", index: i as u32 });
        }
    }
    if module.start_func != u32::MAX && module.start_func >= offsets.counts.funcs {
        return Err(InstantiateError::Malformed { module: name, what: "start function out of range", index: 0 });
    }
    Ok(offsets)
}

/// Whether limits `(min, max)` of what is provided fit the import's.
fn limits_match(actual_min: u64, actual_max: Option<u64>, min: u64, max: Option<u64>) -> bool {
    actual_min >= min && max.is_none_or(|m| actual_max.is_some_and(|a| a <= m))
}

/// The imports, sorted by kind, after type checking.
#[derive(Default)]
struct Resolved {
    /// Per imported function (in function index order): code, vmctx (null
    /// for the importer's own), canonical type id.
    funcs: Vec<(*const u8, *mut VMContext, u32)>,
    memories: Vec<SharedMemory>,
    tables: Vec<SharedTable>,
    globals: Vec<SharedGlobal>,
    tags: Vec<SharedTag>,
}

fn resolve_imports(module: &'static ModuleInfo, imports: &[Extern]) -> Result<Resolved, LinkError> {
    let decls = slice(&module.imports);
    if decls.len() != imports.len() {
        return Err(LinkError::ImportCount {
            module: str_of(&module.name),
            expected: decls.len(),
            provided: imports.len(),
        });
    }
    let types = slice(&module.types);
    let mut out = Resolved::default();
    for (i, (import, provided)) in decls.iter().zip(imports).enumerate() {
        let incompatible = |reason: String| LinkError::Incompatible {
            import_module: str_of(&import.module),
            name: str_of(&import.name),
            index: i as u32,
            reason,
        };
        let malformed = || {
            LinkError::Instantiate(InstantiateError::Malformed {
                module: str_of(&module.name),
                what: "import type out of range",
                index: i as u32,
            })
        };
        match (import.kind, provided) {
            (extern_kind::FUNC, Extern::Func(f)) => {
                let ty = types.get(import.type_index as usize).ok_or_else(malformed)?;
                if !same_signature(ty, f.ty) {
                    return Err(incompatible("function signatures differ".into()));
                }
                if f.func_ptr.is_null() {
                    return Err(incompatible("the provided function has no code".into()));
                }
                out.funcs.push((f.func_ptr, f.vmctx, types::canonical_id(ty)));
            }
            (extern_kind::MEMORY, Extern::Memory(m)) => {
                let decl = slice(&module.memories).get(import.type_index as usize).ok_or_else(malformed)?;
                let max = limits(decl.flags, decl.max);
                if !limits_match(m.memory.pages(), m.max, decl.min, max) {
                    return Err(incompatible(format!(
                        "memory of {} pages (max {:?}) does not fit limits {}..{:?}",
                        m.memory.pages(),
                        m.max,
                        decl.min,
                        max
                    )));
                }
                out.memories.push(m.clone());
            }
            (extern_kind::TABLE, Extern::Table(t)) => {
                let decl = slice(&module.tables).get(import.type_index as usize).ok_or_else(malformed)?;
                let max = limits(decl.flags, decl.max);
                if decl.flags & limits_flags::MEMORY64 != t.flags & limits_flags::MEMORY64 {
                    return Err(incompatible("table index types differ".into()));
                }
                if slice(&decl.ref_type) != t.ref_type {
                    return Err(incompatible("table element types differ".into()));
                }
                if !limits_match(t.table.len(), t.max, decl.min, max) {
                    return Err(incompatible(format!(
                        "table of {} elements (max {:?}) does not fit limits {}..{:?}",
                        t.table.len(),
                        t.max,
                        decl.min,
                        max
                    )));
                }
                out.tables.push(t.clone());
            }
            (extern_kind::GLOBAL, Extern::Global(g)) => {
                let decl: &GlobalDecl = slice(&module.globals).get(import.type_index as usize).ok_or_else(malformed)?;
                let want = slice(&decl.full_type);
                // Mutable globals are shared both ways, so their types must
                // be equal; an immutable one may provide a subtype.
                let matches = if g.mutable { want == g.full_type } else { canon::valtype_subtype(g.full_type, want) };
                if !matches || (decl.mutable != 0) != g.mutable {
                    return Err(incompatible("global types differ".into()));
                }
                out.globals.push(g.clone());
            }
            (extern_kind::TAG, Extern::Tag(t)) => {
                let decl = slice(&module.tags).get(import.type_index as usize).ok_or_else(malformed)?;
                let ty = types.get(decl.type_index as usize).ok_or_else(malformed)?;
                if !same_signature(ty, t.ty) {
                    return Err(incompatible("tag types differ".into()));
                }
                out.tags.push(t.clone());
            }
            (kind, _) => return Err(incompatible(format!("expected a {}", kind_name(kind)))),
        }
    }
    Ok(out)
}

/// Function types match when they are equal: every type kiln compiles is
/// final, so subtyping between function types is equality.
fn same_signature(a: &'static FuncType, b: &'static FuncType) -> bool {
    slice(&a.canon) == slice(&b.canon)
}

fn kind_name(kind: u8) -> &'static str {
    match kind {
        extern_kind::FUNC => "function",
        extern_kind::TABLE => "table",
        extern_kind::MEMORY => "memory",
        extern_kind::GLOBAL => "global",
        extern_kind::TAG => "tag",
        _ => "thing of unknown kind",
    }
}

/// The const-expression environment during initialization: globals below
/// `ready` hold their values.
struct InitEnv<'a> {
    instance: &'a LinkedInstance,
    ready: u32,
}

impl ConstEnv for InitEnv<'_> {
    fn global(&self, index: u32) -> Option<u128> {
        (index < self.ready).then(|| self.instance.globals.get(index as usize).map(|g| g.cell.get())).flatten()
    }
    fn func_ref(&self, index: u32) -> Option<usize> {
        self.instance.funcref(index).map(|p| p as usize)
    }
    fn type_identity(&self, index: u32) -> Option<&'static [u8]> {
        let ty = slice(&self.instance.module.types).get(index as usize)?;
        Some(slice(&ty.canon))
    }
}

impl LinkedInstance {
    /// Links `module` against `imports` (in the module's import order) and
    /// creates its own memories, tables and globals. Nothing is initialized
    /// yet: call [`LinkedInstance::initialize`], then
    /// [`LinkedInstance::run_start`]. The stack limit is set for the calling
    /// thread.
    pub fn new(module: &'static ModuleInfo, imports: &[Extern]) -> Result<Pin<Box<LinkedInstance>>, LinkError> {
        let offsets = check_header(module)?;
        let resolved = resolve_imports(module, imports)?;
        let name = str_of(&module.name);

        let mut imported = resolved.memories.into_iter();
        let mut memories = Vec::with_capacity(module.memories.len);
        for (i, decl) in slice(&module.memories).iter().enumerate() {
            let index = i as u32;
            if decl.imported != 0 {
                let m = imported.next().ok_or(InstantiateError::Malformed {
                    module: name,
                    what: "more imported memories than memory imports",
                    index,
                })?;
                memories.push(m);
                continue;
            }
            let unsupported = |feature| InstantiateError::Unsupported { module: name, feature, item: "memory", index };
            if decl.flags & limits_flags::MEMORY64 != 0 {
                return Err(unsupported("a 64-bit memory (memory64)").into());
            }
            if decl.flags & limits_flags::SHARED != 0 {
                return Err(unsupported("a shared memory (threads)").into());
            }
            let max = limits(decl.flags, decl.max);
            let memory = Memory::new(decl.min, max).map_err(|e| match e {
                MemoryError::TooLarge => unsupported("a memory larger than 65536 pages"),
                MemoryError::Reserve(errno) => InstantiateError::MemoryReserve { module: name, index, errno },
                MemoryError::Commit(errno) => {
                    InstantiateError::MemoryCommit { module: name, index, pages: decl.min, errno }
                }
            })?;
            memories.push(SharedMemory { memory: Rc::new(memory), max });
        }

        let mut imported = resolved.tables.into_iter();
        let mut tables = Vec::with_capacity(module.tables.len);
        for (i, decl) in slice(&module.tables).iter().enumerate() {
            let index = i as u32;
            if decl.imported != 0 {
                let t = imported.next().ok_or(InstantiateError::Malformed {
                    module: name,
                    what: "more imported tables than table imports",
                    index,
                })?;
                tables.push(t);
                continue;
            }
            let max = limits(decl.flags, decl.max);
            let too_large =
                InstantiateError::TableTooLarge { module: name, index, elements: decl.min, limit: MAX_TABLE_ELEMENTS };
            let table = Table::new(decl.min, max).ok_or(too_large)?;
            let ref_type = slice(&decl.ref_type);
            let flags = decl.flags & limits_flags::MEMORY64;
            tables.push(SharedTable { table: Rc::new(table), elem_type: decl.elem_type, ref_type, max, flags });
        }

        let mut imported = resolved.globals.into_iter();
        let mut globals = Vec::with_capacity(module.globals.len);
        for (i, decl) in slice(&module.globals).iter().enumerate() {
            if decl.imported != 0 {
                let g = imported.next().ok_or(InstantiateError::Malformed {
                    module: name,
                    what: "more imported globals than global imports",
                    index: i as u32,
                })?;
                globals.push(g);
            } else {
                globals.push(SharedGlobal {
                    cell: Rc::new(GlobalCell::default()),
                    ty: decl.ty,
                    full_type: slice(&decl.full_type),
                    mutable: decl.mutable != 0,
                });
            }
        }

        let mut imported = resolved.tags.into_iter();
        let mut tags = Vec::with_capacity(module.tags.len);
        for (i, decl) in slice(&module.tags).iter().enumerate() {
            let malformed = |what| InstantiateError::Malformed { module: name, what, index: i as u32 };
            if decl.imported != 0 {
                tags.push(imported.next().ok_or(malformed("more imported tags than tag imports"))?);
            } else {
                let ty =
                    slice(&module.types).get(decl.type_index as usize).ok_or(malformed("tag type out of range"))?;
                tags.push(SharedTag { identity: Rc::new(TagIdentity), ty });
            }
        }

        let layout = vmctx_layout(&offsets);
        // SAFETY: the layout has a non-zero size (at least the header).
        let vmctx = NonNull::new(unsafe { alloc_zeroed(layout) }).unwrap_or_else(|| handle_alloc_error(layout));
        let instance = Box::pin(LinkedInstance {
            module,
            offsets,
            vmctx,
            type_ids: types::canonical_ids(module),
            memories: memories.into_boxed_slice(),
            tables: tables.into_boxed_slice(),
            globals: globals.into_boxed_slice(),
            tags: tags.into_boxed_slice(),
            elem_values: OnceCell::new(),
            dropped_elems: (0..module.elems.len).map(|_| Cell::new(false)).collect(),
            dropped_data: (0..module.data.len).map(|_| Cell::new(false)).collect(),
            _pinned: PhantomPinned,
        });
        instance.fill_vmctx(&resolved.funcs);
        instance.set_stack_limit(sys::stack::wasm_stack_limit());
        trap::register(module);
        Ok(instance)
    }

    /// Writes a value into the vmctx.
    ///
    /// # Safety
    /// `offset` must be a field of type `T` in this module's vmctx layout.
    unsafe fn write_vmctx<T>(&self, offset: u32, value: T) {
        // SAFETY: guaranteed by the caller; fields are naturally aligned.
        unsafe { self.vmctx.as_ptr().add(offset as usize).cast::<T>().write(value) }
    }

    fn fill_vmctx(&self, funcs: &[(*const u8, *mut VMContext, u32)]) {
        let o = &self.offsets;
        let own = self.vmctx();
        // SAFETY (all writes): offsets come from this module's VMOffsets and
        // each write has its field's type.
        unsafe {
            self.write_vmctx(VMOffsets::INSTANCE, self as *const LinkedInstance as usize);
            self.write_vmctx(VMOffsets::TYPE_IDS, self.type_ids.as_ptr());
            for (index, &(func_ptr, vmctx, type_id)) in funcs.iter().enumerate() {
                let vmctx = if vmctx.is_null() { own } else { vmctx };
                self.write_vmctx(o.imported_func(index as u32), VMFuncImport { func_ptr, vmctx });
                self.write_vmctx(o.funcref(index as u32), VMFuncRef { func_ptr, type_id, _pad: 0, vmctx });
            }
            for (i, m) in self.memories.iter().enumerate() {
                self.write_vmctx(o.memory(i as u32), m.memory.vm_ptr());
            }
            for (i, t) in self.tables.iter().enumerate() {
                self.write_vmctx(o.table(i as u32), t.table.vm_ptr());
            }
            for (i, g) in self.globals.iter().enumerate() {
                self.write_vmctx(o.global(i as u32), g.cell.vm_ptr());
            }
            for (i, f) in slice(&self.module.funcs).iter().enumerate() {
                let type_id = self.type_ids[f.type_index as usize];
                let index = self.module.num_imported_funcs + i as u32;
                self.write_vmctx(o.funcref(index), VMFuncRef { func_ptr: f.ptr, type_id, _pad: 0, vmctx: own });
            }
            for (i, t) in self.tags.iter().enumerate() {
                self.write_vmctx(o.tag(i as u32), Rc::as_ptr(&t.identity));
            }
        }
    }

    fn eval(
        &self,
        expr: &'static ConstExpr,
        ready: u32,
        item: &'static str,
        index: u32,
    ) -> Result<u128, InstantiateError> {
        constexpr::eval(slice(expr), &InitEnv { instance: self, ready }).map_err(|e| InstantiateError::ConstExpr {
            module: str_of(&self.module.name),
            item,
            index,
            op: e.op,
            reason: e.reason,
        })
    }

    fn trap(&self, kind: TrapKind) -> InstantiateError {
        InstantiateError::Trap(Trap { kind, module: self.module, func_index: None, wasm_offset: None })
    }

    /// Evaluates the module's globals and table initializers, then applies
    /// active element and data segments in order. A segment out of bounds
    /// stops initialization with a trap; what earlier segments wrote (into
    /// imported tables and memories too) stays, so the instance must be
    /// kept alive. Call once.
    pub fn initialize(&self) -> Result<(), InstantiateError> {
        let module = self.module;
        let nglobals = self.globals.len() as u32;
        for (i, decl) in slice(&module.globals).iter().enumerate() {
            if decl.imported != 0 {
                continue;
            }
            let value = self.eval(&decl.init, i as u32, "global", i as u32)?;
            // SAFETY: no compiled code runs yet; the cell is this instance's own.
            unsafe { (*self.globals[i].cell.vm_ptr()).bytes = value.to_le_bytes() };
        }
        for (i, decl) in slice(&module.tables).iter().enumerate() {
            if decl.imported == 0 && decl.init.len > 0 {
                let value = self.eval(&decl.init, nglobals, "table initializer", i as u32)? as usize;
                let table = &self.tables[i].table;
                table.fill(0, value, table.len());
            }
        }
        self.apply_segments(nglobals)
    }

    fn apply_segments(&self, nglobals: u32) -> Result<(), InstantiateError> {
        let module = self.module;
        let malformed = |what, index| InstantiateError::Malformed { module: str_of(&module.name), what, index };
        let mut elem_values: Vec<Box<[usize]>> = Vec::with_capacity(self.dropped_elems.len());
        let mut outcome = Ok(());
        for (i, seg) in slice(&module.elems).iter().enumerate() {
            let index = i as u32;
            let items = slice(&seg.items)
                .iter()
                .map(|item| self.eval(item, nglobals, "element segment", index).map(|v| v as usize))
                .collect::<Result<Box<[usize]>, _>>()?;
            match seg.mode {
                segment_mode::PASSIVE => elem_values.push(items),
                segment_mode::DECLARED => {
                    self.dropped_elems[i].set(true);
                    elem_values.push(Box::default());
                }
                _ => {
                    let table = self.tables.get(seg.table as usize).ok_or(malformed("element table", index))?;
                    let offset = self.eval(&seg.offset, nglobals, "element segment offset", index)? as u32;
                    self.dropped_elems[i].set(true);
                    elem_values.push(Box::default());
                    if !table.table.init(u64::from(offset), &items) {
                        outcome = Err(self.trap(TrapKind::TableOutOfBounds));
                        break;
                    }
                }
            }
        }
        elem_values.resize(self.dropped_elems.len(), Box::default());
        self.elem_values.get_or_init(|| elem_values.into_boxed_slice());
        outcome?;

        for (i, seg) in slice(&module.data).iter().enumerate() {
            if seg.mode != segment_mode::ACTIVE {
                continue;
            }
            let index = i as u32;
            let memory = &self.memories.get(seg.memory as usize).ok_or(malformed("data memory", index))?.memory;
            let offset = u64::from(self.eval(&seg.offset, nglobals, "data segment offset", index)? as u32);
            let bytes = slice(&seg.bytes);
            self.dropped_data[i].set(true);
            if !memory.in_bounds(offset, bytes.len() as u64) {
                return Err(self.trap(TrapKind::MemoryOutOfBounds));
            }
            // SAFETY: in bounds of the committed memory; segments are
            // read-only module data, never inside a linear memory.
            unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), memory.base().add(offset as usize), bytes.len()) };
        }
        Ok(())
    }

    /// Runs the start function, if any.
    ///
    /// # Safety
    /// Calls compiled code: the trap handlers must be installed on this
    /// thread (with a policy that returns control on a trap) and the stack
    /// limit must be valid for it.
    pub unsafe fn run_start(&self) {
        if self.module.start_func == u32::MAX {
            return;
        }
        if let Some(f) = self.func(self.module.start_func) {
            // SAFETY: validation gives the start function type [] -> [].
            let code = unsafe { core::mem::transmute::<*const u8, extern "C" fn(*mut VMContext)>(f.func_ptr) };
            code(f.vmctx);
        }
    }

    /// The instance a vmctx of a linked module belongs to.
    ///
    /// # Safety
    /// `vmctx` must be the vmctx of a live `LinkedInstance`.
    pub unsafe fn from_vmctx<'a>(vmctx: *mut VMContext) -> &'a LinkedInstance {
        // SAFETY: vmctx[INSTANCE] holds the pinned instance's address.
        unsafe { &*vmctx.cast::<u8>().add(VMOffsets::INSTANCE as usize).cast::<*const LinkedInstance>().read() }
    }

    pub fn module(&self) -> &'static ModuleInfo {
        self.module
    }

    pub fn vmctx(&self) -> *mut VMContext {
        self.vmctx.as_ptr().cast()
    }

    /// Sets the lowest SP wasm code may use (see [`sys::stack`]).
    pub fn set_stack_limit(&self, limit: usize) {
        // SAFETY: field 0 of every vmctx is the stack limit word.
        unsafe { self.write_vmctx(VMOffsets::STACK_LIMIT, limit) }
    }

    pub fn memory(&self, index: u32) -> Option<&Memory> {
        self.memories.get(index as usize).map(|m| &*m.memory)
    }

    pub fn table(&self, index: u32) -> Option<&Table> {
        self.tables.get(index as usize).map(|t| &*t.table)
    }

    /// The funcref of function `index` (what `ref.func index` yields).
    pub fn funcref(&self, index: u32) -> Option<*const VMFuncRef> {
        (index < self.offsets.counts.funcs)
            // SAFETY: inside the vmctx allocation.
            .then(|| unsafe { self.vmctx.as_ptr().add(self.offsets.funcref(index) as usize).cast_const().cast() })
    }

    fn func_type(&self, index: u32) -> Option<&'static FuncType> {
        let type_index = match index.checked_sub(self.module.num_imported_funcs) {
            Some(defined) => slice(&self.module.funcs).get(defined as usize)?.type_index,
            None => {
                let import: &Import =
                    slice(&self.module.imports).iter().find(|i| i.kind == extern_kind::FUNC && i.index == index)?;
                import.type_index
            }
        };
        slice(&self.module.types).get(type_index as usize)
    }

    /// Function `index` as its funcref calls it.
    pub fn func(&self, index: u32) -> Option<FuncRef> {
        let ty = self.func_type(index)?;
        // SAFETY: `funcref` points to an initialized VMFuncRef.
        let r = unsafe { &*self.funcref(index)? };
        Some(FuncRef { func_ptr: r.func_ptr, vmctx: r.vmctx, ty })
    }

    /// The export called `name`.
    pub fn export(&self, name: &str) -> Option<Extern> {
        let export = slice(&self.module.exports).iter().find(|e| str_of(&e.name) == name)?;
        let i = export.index as usize;
        Some(match export.kind {
            extern_kind::FUNC => Extern::Func(self.func(export.index)?),
            extern_kind::MEMORY => Extern::Memory(self.memories.get(i)?.clone()),
            extern_kind::TABLE => Extern::Table(self.tables.get(i)?.clone()),
            extern_kind::GLOBAL => Extern::Global(self.globals.get(i)?.clone()),
            extern_kind::TAG => Extern::Tag(self.tags.get(i)?.clone()),
            _ => return None,
        })
    }

    /// Bytes of data segment `index`: empty once dropped.
    pub fn data_segment(&self, index: u32) -> Option<&'static [u8]> {
        let seg = slice(&self.module.data).get(index as usize)?;
        Some(if self.dropped_data[index as usize].get() { &[] } else { slice(&seg.bytes) })
    }

    pub fn drop_data(&self, index: u32) {
        if let Some(d) = self.dropped_data.get(index as usize) {
            d.set(true);
        }
    }

    /// Values of element segment `index`: empty once dropped.
    pub fn elem_segment(&self, index: u32) -> Option<&[usize]> {
        let values = self.elem_values.get()?.get(index as usize)?;
        Some(if self.dropped_elems[index as usize].get() { &[] } else { values })
    }

    pub fn drop_elem(&self, index: u32) {
        if let Some(d) = self.dropped_elems.get(index as usize) {
            d.set(true);
        }
    }
}

impl Drop for LinkedInstance {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with the same layout; the owner drops
        // instances only when no code or table can reach them any more.
        unsafe { dealloc(self.vmctx.as_ptr(), vmctx_layout(&self.offsets)) };
    }
}
