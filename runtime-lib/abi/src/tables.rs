//! The module tables the compiler emits as data (symbol
//! [`crate::symbols::MODULE_INFO`]) and the runtime instantiates from.
//!
//! Every pointer field is written by the compiler as a relocation, so the
//! tables are valid wherever the linker or loader places them. All strings
//! are UTF-8 and not NUL-terminated.

use crate::vmctx::VMCounts;

/// `ModuleInfo::magic`: "KILN" little-endian.
pub const MODULE_MAGIC: u32 = u32::from_le_bytes(*b"KILN");

/// A pointer and a length: a read-only array in the emitted object.
#[repr(C)]
#[derive(Debug)]
pub struct Slice<T> {
    pub ptr: *const T,
    pub len: usize,
}

impl<T> Slice<T> {
    /// Views the slice.
    ///
    /// # Safety
    /// `ptr` must point to `len` valid `T`s (or `len` is 0) that live as long
    /// as `self`; compiled module tables satisfy this by construction.
    pub unsafe fn as_slice(&self) -> &[T] {
        if self.len == 0 {
            &[]
        } else {
            // SAFETY: the caller guarantees ptr/len describe live data.
            unsafe { core::slice::from_raw_parts(self.ptr, self.len) }
        }
    }
}

/// A UTF-8 string in the emitted object.
pub type Str = Slice<u8>;

impl Str {
    /// # Safety
    /// As [`Slice::as_slice`]; the compiler only emits valid UTF-8.
    pub unsafe fn as_str(&self) -> &str {
        // SAFETY: compiled tables hold UTF-8 names from a validated module;
        // the caller guarantees the pointer is live.
        unsafe { core::str::from_utf8_unchecked(self.as_slice()) }
    }
}

/// Value types as stored in the tables.
pub mod valtype {
    pub const I32: u8 = 0;
    pub const I64: u8 = 1;
    pub const F32: u8 = 2;
    pub const F64: u8 = 3;
    pub const V128: u8 = 4;
    pub const FUNCREF: u8 = 5;
    pub const EXTERNREF: u8 = 6;
}

/// A function signature.
#[repr(C)]
#[derive(Debug)]
pub struct FuncType {
    pub params: Slice<u8>,
    pub results: Slice<u8>,
    /// A trampoline that calls any function of this type from a host with
    /// arguments in memory: `extern "C" fn(callee_vmctx, callee: *const u8,
    /// values: *mut [u8; 16])`. `values` holds one 16-byte slot per
    /// parameter on entry (scalars little-endian at the slot's start,
    /// references as one word) and the results on return; it has
    /// `max(params, results)` slots.
    pub array_call: *const u8,
    /// The full structural encoding ([`crate::canon`]): what canonical
    /// signature ids and import matching compare.
    pub canon: Slice<u8>,
}

/// Size of one value slot of an `array_call` trampoline.
pub const VALUE_SLOT_SIZE: usize = 16;

/// One operation of a constant expression, evaluated by the runtime with a
/// small stack machine at instantiation.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ConstOp {
    pub op: u32,
    pub _pad: u32,
    /// Immediate: the constant's bits (low 64), or an index.
    pub a: u64,
    /// High 64 bits of a v128 constant.
    pub b: u64,
}

/// Opcodes of [`ConstOp::op`].
pub mod constop {
    pub const I32_CONST: u32 = 1;
    pub const I64_CONST: u32 = 2;
    pub const F32_CONST: u32 = 3;
    pub const F64_CONST: u32 = 4;
    pub const V128_CONST: u32 = 5;
    /// `a` = global index.
    pub const GLOBAL_GET: u32 = 6;
    /// Null reference (any reference type).
    pub const REF_NULL: u32 = 7;
    /// `a` = function index.
    pub const REF_FUNC: u32 = 8;
    pub const I32_ADD: u32 = 9;
    pub const I32_SUB: u32 = 10;
    pub const I32_MUL: u32 = 11;
    pub const I64_ADD: u32 = 12;
    pub const I64_SUB: u32 = 13;
    pub const I64_MUL: u32 = 14;
    /// `a` = array type index; pops the length, pushes a new array whose
    /// elements are zero (null).
    pub const ARRAY_NEW_DEFAULT: u32 = 15;
}

pub type ConstExpr = Slice<ConstOp>;

/// External kinds, for imports and exports.
pub mod extern_kind {
    pub const FUNC: u8 = 0;
    pub const TABLE: u8 = 1;
    pub const MEMORY: u8 = 2;
    pub const GLOBAL: u8 = 3;
    pub const TAG: u8 = 4;
}

/// An import. Imports of each kind come first in their index space, in
/// module order.
#[repr(C)]
#[derive(Debug)]
pub struct Import {
    pub module: Str,
    pub name: Str,
    pub kind: u8,
    pub _pad: [u8; 3],
    /// Index within its kind's index space (function index, memory index..).
    pub index: u32,
    /// For functions: the type index. For globals/tables/memories/tags: the
    /// index of the entry in `globals`/`tables`/`memories`/`tags` describing
    /// its type.
    pub type_index: u32,
    pub _pad2: u32,
    /// For functions: address of the symbol
    /// [`crate::symbols::import_symbol`] names, or null if a loader left it
    /// unresolved for its linker to supply.
    pub host_func: *const u8,
}

/// A function defined by the module (index = wasm index - imported funcs).
#[repr(C)]
#[derive(Debug)]
pub struct FuncEntry {
    pub ptr: *const u8,
    pub code_len: u32,
    pub type_index: u32,
    pub name: Str,
    /// Range of this function's entries in `ModuleInfo::traps`.
    pub traps_start: u32,
    pub traps_len: u32,
    /// Range of this function's entries in `ModuleInfo::lines`.
    pub lines_start: u32,
    pub lines_len: u32,
}

/// A code position a backtrace can stop at -- the return address of a
/// call, or a trap site whose source line is known (the trap table has the
/// wasm offsets of the others) -- with the wasm offset it came from and,
/// when the module was compiled with `-g` from DWARF, its source line.
/// Sorted by `code_offset` within a function. Derived from the same data as
/// the object's DWARF.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeLine {
    /// Offset from the start of the function.
    pub code_offset: u32,
    /// Byte offset in the wasm binary.
    pub wasm_offset: u32,
    /// Index into `ModuleInfo::files`, or [`NO_FILE`].
    pub file: u32,
    /// 1-based source line; 0 when unknown.
    pub line: u32,
}

/// `CodeLine::file` when there is no source position.
pub const NO_FILE: u32 = u32::MAX;

/// One trapping instruction: its offset from the start of its function, the
/// wasm byte offset it came from, and what trap it raises.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct TrapEntry {
    pub code_offset: u32,
    pub wasm_offset: u32,
    pub kind: u8,
    pub _pad: [u8; 3],
}

/// Limits flags.
pub mod limits_flags {
    pub const HAS_MAX: u32 = 1;
    pub const SHARED: u32 = 2;
    pub const MEMORY64: u32 = 4;
}

/// A memory, defined or imported (imports describe the required type).
#[repr(C)]
#[derive(Debug)]
pub struct MemoryDecl {
    /// In pages.
    pub min: u64,
    /// In pages; meaningful with `limits_flags::HAS_MAX`.
    pub max: u64,
    pub flags: u32,
    pub imported: u32,
    /// The address the code was compiled to find this (defined) memory at,
    /// or 0: any address, the code loads the base from its `VMMemory`. A
    /// non-zero address is part of the code, so the runtime must place the
    /// memory there or refuse to instantiate.
    pub fixed_base: u64,
}

/// A table, defined or imported.
#[repr(C)]
#[derive(Debug)]
pub struct TableDecl {
    pub min: u64,
    pub max: u64,
    pub flags: u32,
    /// `valtype::FUNCREF` or `valtype::EXTERNREF`.
    pub elem_type: u8,
    pub nullable: u8,
    pub imported: u16,
    /// Initial value of every element (empty = null).
    pub init: ConstExpr,
    /// The element reference type, fully encoded ([`crate::canon`]).
    pub ref_type: Slice<u8>,
}

/// A global, defined or imported.
#[repr(C)]
#[derive(Debug)]
pub struct GlobalDecl {
    pub ty: u8,
    pub mutable: u8,
    pub imported: u8,
    /// Defined and not exported: compiled code keeps it in the vmctx's
    /// `global_storage` slot, where the runtime must put it.
    pub in_vmctx: u8,
    pub _pad: u32,
    /// Empty for imports.
    pub init: ConstExpr,
    /// The value type, fully encoded ([`crate::canon`]).
    pub full_type: Slice<u8>,
}

/// An exception tag, defined or imported (imports describe the required
/// type). Tags only take part in linking: kiln does not compile `throw` or
/// `try_table` yet.
#[repr(C)]
#[derive(Debug)]
pub struct TagDecl {
    /// Index of its function type in `ModuleInfo::types`.
    pub type_index: u32,
    pub imported: u32,
}

/// An export.
#[repr(C)]
#[derive(Debug)]
pub struct Export {
    pub name: Str,
    pub kind: u8,
    pub _pad: [u8; 3],
    pub index: u32,
}

/// Segment modes.
pub mod segment_mode {
    pub const ACTIVE: u32 = 0;
    pub const PASSIVE: u32 = 1;
    pub const DECLARED: u32 = 2;
}

#[repr(C)]
#[derive(Debug)]
pub struct DataSegment {
    pub mode: u32,
    pub memory: u32,
    /// Active segments only.
    pub offset: ConstExpr,
    pub bytes: Slice<u8>,
}

#[repr(C)]
#[derive(Debug)]
pub struct ElemSegment {
    pub mode: u32,
    pub table: u32,
    pub offset: ConstExpr,
    /// One constant expression per element (`ref.func`, `ref.null`, ...).
    pub items: Slice<ConstExpr>,
    pub elem_type: u8,
    pub _pad: [u8; 7],
}

/// Everything needed to instantiate a compiled module.
#[repr(C)]
#[derive(Debug)]
pub struct ModuleInfo {
    pub magic: u32,
    pub abi_version: u32,
    pub name: Str,
    pub types: Slice<FuncType>,
    pub imports: Slice<Import>,
    pub funcs: Slice<FuncEntry>,
    pub memories: Slice<MemoryDecl>,
    pub tables: Slice<TableDecl>,
    pub globals: Slice<GlobalDecl>,
    pub exports: Slice<Export>,
    pub data: Slice<DataSegment>,
    pub elems: Slice<ElemSegment>,
    pub traps: Slice<TrapEntry>,
    /// Function index of the start function, or `u32::MAX`.
    pub start_func: u32,
    pub num_imported_funcs: u32,
    pub num_imported_memories: u32,
    pub num_imported_tables: u32,
    pub num_imported_globals: u32,
    /// Size of the VM context, for a consistency check against
    /// [`crate::VMOffsets`].
    pub vmctx_size: u32,
    /// Backtrace positions of all functions (see [`FuncEntry::lines_start`]).
    pub lines: Slice<CodeLine>,
    /// Source file paths that `CodeLine::file` indexes.
    pub files: Slice<Str>,
    /// Tags, imported ones first.
    pub tags: Slice<TagDecl>,
    /// The CPU features the code was compiled to use beyond the
    /// architecture's base (comma-separated [`crate::cpu_feature_name`]s);
    /// the runtime refuses to run it on a CPU without them.
    pub cpu_features: Str,
    pub num_imported_tags: u32,
    pub _pad: u32,
}

impl ModuleInfo {
    /// The counts that determine this module's VM context layout.
    pub fn vm_counts(&self) -> VMCounts {
        VMCounts {
            imported_funcs: self.num_imported_funcs,
            memories: self.memories.len as u32,
            tables: self.tables.len as u32,
            globals: self.globals.len as u32,
            funcs: self.num_imported_funcs + self.funcs.len as u32,
            tags: self.tags.len as u32,
        }
    }
}

// SAFETY: the tables are immutable once emitted; raw pointers in them only
// refer to other immutable data of the same object.
unsafe impl Sync for ModuleInfo {}
