//! Linking: modules instantiated against the exports of other instances
//! and of host modules, as the spec test suite and embedders need.
//!
//! Data flow: the embedder resolves each import of a module to an
//! [`Extern`] (a function's code and vmctx, or a shared memory, table,
//! global or tag) and calls [`crate::Instance::link`], which has
//! [`resolve_imports`] check every import's kind and type against the
//! module ("unlinkable" otherwise) before it builds the instance. The
//! standalone path ([`crate::Instance::new`]) makes the same `Extern`s from
//! the functions the object's symbols bound.

use crate::error::InstantiateError;
use crate::memory::Memory;
use crate::table::Table;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::ptr::NonNull;
use kiln_abi::{canon, extern_kind, limits_flags, FuncType, GlobalDecl, ModuleInfo, VMContext, VMGlobal};

fn slice<T>(s: &'static kiln_abi::Slice<T>) -> &'static [T] {
    // SAFETY: module tables are immutable and live for the process.
    unsafe { s.as_slice() }
}

fn str_of(s: &'static kiln_abi::Str) -> &'static str {
    // SAFETY: as `slice`; the compiler emits UTF-8.
    unsafe { s.as_str() }
}

fn limits(flags: u32, max: u64) -> Option<u64> {
    (flags & limits_flags::HAS_MAX != 0).then_some(max)
}

/// A function to import: its code, the vmctx to call it with, and its type.
/// A null vmctx marks a host function: its code takes the C calling
/// convention and the importing instance's own vmctx, and the importer
/// calls it through its adapter (`kiln_abi::Import::adapter`). Otherwise
/// the code is a wasm function (the wasm calling convention).
#[derive(Debug, Clone, Copy)]
pub struct FuncRef {
    pub func_ptr: *const u8,
    pub vmctx: *mut VMContext,
    pub ty: &'static FuncType,
}

/// Storage of one global, shareable between instances: its own, or (for a
/// private global, `GlobalDecl::in_vmctx`) a slot in its instance's vmctx.
#[derive(Debug, Default)]
pub struct GlobalCell {
    own: UnsafeCell<VMGlobal>,
    /// The vmctx slot, if the global lives there.
    slot: Option<NonNull<VMGlobal>>,
}

impl GlobalCell {
    pub fn new(bits: u128) -> GlobalCell {
        GlobalCell { own: UnsafeCell::new(VMGlobal { bytes: bits.to_le_bytes() }), slot: None }
    }

    /// A global stored in a vmctx slot.
    ///
    /// # Safety
    /// `slot` must stay valid for the cell's life: the instance owning the
    /// vmctx owns the cell and never hands it out (the global is private).
    pub(crate) unsafe fn in_slot(slot: NonNull<VMGlobal>) -> GlobalCell {
        GlobalCell { own: UnsafeCell::new(VMGlobal::default()), slot: Some(slot) }
    }

    /// The record compiled code reads and writes.
    pub fn vm_ptr(&self) -> *mut VMGlobal {
        self.slot.map_or(self.own.get(), NonNull::as_ptr)
    }

    /// The current value as little-endian bits.
    pub fn get(&self) -> u128 {
        // SAFETY: a plain read of live storage (see `in_slot`); instances
        // are single-threaded and no wasm runs while the host reads.
        u128::from_le_bytes(unsafe { (*self.vm_ptr()).bytes })
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
/// the same tag only when they are the same allocation. Its address is what
/// the vmctx's tag words and exception objects (`kiln_abi::VMExn::tag`)
/// hold.
#[derive(Debug)]
pub struct TagIdentity {
    /// The module that defines the tag, and its declaration there (for the
    /// tag's name in reports).
    pub module: &'static ModuleInfo,
    pub decl: &'static kiln_abi::TagDecl,
}

impl TagIdentity {
    /// The tag's name for reports: the defining module's name for it, or
    /// `tag N` of that module.
    pub fn describe(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let name = str_of(&self.decl.name);
        if !name.is_empty() {
            return f.write_str(name);
        }
        let index = slice(&self.module.tags).iter().position(|d| core::ptr::eq(d, self.decl)).unwrap_or(0);
        let module = str_of(&self.module.name);
        if module.is_empty() {
            write!(f, "tag {index}")
        } else {
            write!(f, "tag {index} of module `{module}`")
        }
    }
}

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

/// How a provided extern fails to match an import. (Kept free of
/// allocation: `alloc::format!` would pull unwinding into the static
/// runtime.)
#[derive(Debug)]
pub enum Mismatch {
    Signature,
    NoCode,
    /// A memory (`what` = "memory", in pages) or table (in elements) whose
    /// size and maximum do not fit the import's limits.
    Limits {
        what: &'static str,
        size: u64,
        max: Option<u64>,
        min: u64,
        want_max: Option<u64>,
    },
    TableIndexType,
    TableElementType,
    /// A 32-bit memory for a 64-bit import or the reverse.
    MemoryIndexType,
    /// A shared memory for an unshared import or the reverse.
    MemoryShared,
    /// Memories of different page sizes (bytes).
    MemoryPageSize {
        want: u64,
        got: u64,
    },
    GlobalType,
    TagType,
    /// The import wants another kind of extern.
    Kind(&'static str),
}

impl core::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Mismatch::Signature => f.write_str("function signatures differ"),
            Mismatch::NoCode => f.write_str("the provided function has no code"),
            Mismatch::Limits { what, size, max, min, want_max } => {
                write!(f, "{what} of size {size} (max {max:?}) does not fit limits {min}..{want_max:?}")
            }
            Mismatch::TableIndexType => f.write_str("table index types differ"),
            Mismatch::TableElementType => f.write_str("table element types differ"),
            Mismatch::MemoryIndexType => f.write_str("memory index types differ (i32 and i64)"),
            Mismatch::MemoryShared => f.write_str("one memory is shared and the other is not"),
            Mismatch::MemoryPageSize { want, got } => {
                write!(f, "the import wants a memory of {want}-byte pages, the provided one has {got}-byte pages")
            }
            Mismatch::GlobalType => f.write_str("global types differ"),
            Mismatch::TagType => f.write_str("tag types differ"),
            Mismatch::Kind(kind) => write!(f, "expected a {kind}"),
        }
    }
}

/// Why a module could not be linked or set up.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("module `{module}` has {expected} imports, but {provided} were provided")]
    ImportCount { module: &'static str, expected: usize, provided: usize },
    #[error("incompatible import type for `{import_module}`.`{name}` (import {index}): {reason}")]
    Incompatible { import_module: &'static str, name: &'static str, index: u32, reason: Mismatch },
    #[error(transparent)]
    Instantiate(#[from] InstantiateError),
}

/// Whether limits `(min, max)` of what is provided fit the import's.
fn limits_match(actual_min: u64, actual_max: Option<u64>, min: u64, max: Option<u64>) -> bool {
    actual_min >= min && max.is_none_or(|m| actual_max.is_some_and(|a| a <= m))
}

/// The imports, sorted by kind, after type checking.
#[derive(Default)]
pub(crate) struct Resolved {
    /// Per imported function (in function index order): code, vmctx (null
    /// for a host function, which gets the importer's own), canonical type
    /// id, and the importer's adapter for it (`kiln_abi::Import::adapter`).
    pub funcs: Vec<(*const u8, *mut VMContext, u32, *const u8)>,
    pub memories: Vec<SharedMemory>,
    pub tables: Vec<SharedTable>,
    pub globals: Vec<SharedGlobal>,
    pub tags: Vec<SharedTag>,
}

pub(crate) fn resolve_imports(module: &'static ModuleInfo, imports: &[Extern]) -> Result<Resolved, LinkError> {
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
        let incompatible = |reason: Mismatch| LinkError::Incompatible {
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
                    return Err(incompatible(Mismatch::Signature));
                }
                if f.func_ptr.is_null() {
                    return Err(incompatible(Mismatch::NoCode));
                }
                out.funcs.push((f.func_ptr, f.vmctx, crate::types::canonical_id(ty), import.adapter));
            }
            (extern_kind::MEMORY, Extern::Memory(m)) => {
                let decl = slice(&module.memories).get(import.type_index as usize).ok_or_else(malformed)?;
                let max = limits(decl.flags, decl.max);
                // Compiled code relies on both: a 64-bit index and the page
                // size decide how accesses are checked and counted.
                if (decl.flags & limits_flags::MEMORY64 != 0) != m.memory.ty().memory64 {
                    return Err(incompatible(Mismatch::MemoryIndexType));
                }
                if (decl.flags & limits_flags::SHARED != 0) != m.memory.ty().shared {
                    return Err(incompatible(Mismatch::MemoryShared));
                }
                if decl.page_size_log2 != m.memory.ty().page_size_log2 {
                    return Err(incompatible(Mismatch::MemoryPageSize {
                        want: 1 << decl.page_size_log2.min(63),
                        got: 1 << m.memory.ty().page_size_log2,
                    }));
                }
                if !limits_match(m.memory.pages(), m.max, decl.min, max) {
                    return Err(incompatible(Mismatch::Limits {
                        what: "memory",
                        size: m.memory.pages(),
                        max: m.max,
                        min: decl.min,
                        want_max: max,
                    }));
                }
                out.memories.push(m.clone());
            }
            (extern_kind::TABLE, Extern::Table(t)) => {
                let decl = slice(&module.tables).get(import.type_index as usize).ok_or_else(malformed)?;
                let max = limits(decl.flags, decl.max);
                if decl.flags & limits_flags::MEMORY64 != t.flags & limits_flags::MEMORY64 {
                    return Err(incompatible(Mismatch::TableIndexType));
                }
                if slice(&decl.ref_type) != t.ref_type {
                    return Err(incompatible(Mismatch::TableElementType));
                }
                if !limits_match(t.table.len(), t.max, decl.min, max) {
                    return Err(incompatible(Mismatch::Limits {
                        what: "table",
                        size: t.table.len(),
                        max: t.max,
                        min: decl.min,
                        want_max: max,
                    }));
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
                    return Err(incompatible(Mismatch::GlobalType));
                }
                out.globals.push(g.clone());
            }
            (extern_kind::TAG, Extern::Tag(t)) => {
                let decl = slice(&module.tags).get(import.type_index as usize).ok_or_else(malformed)?;
                let ty = types.get(decl.type_index as usize).ok_or_else(malformed)?;
                if !same_signature(ty, t.ty) {
                    return Err(incompatible(Mismatch::TagType));
                }
                out.tags.push(t.clone());
            }
            (kind, _) => return Err(incompatible(Mismatch::Kind(kind_name(kind)))),
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
