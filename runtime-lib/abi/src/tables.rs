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
    /// The first element; may be null (or dangling) when `len` is 0.
    pub ptr: *const T,
    /// Number of elements (bytes, for a [`Str`]).
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
    /// `i32`.
    pub const I32: u8 = 0;
    /// `i64`.
    pub const I64: u8 = 1;
    /// `f32`.
    pub const F32: u8 = 2;
    /// `f64`.
    pub const F64: u8 = 3;
    /// `v128`.
    pub const V128: u8 = 4;
    /// `funcref`, and every other reference type that is not an
    /// `externref` (typed function, GC and exception references); the
    /// exact type is in its [`crate::canon`] encoding.
    pub const FUNCREF: u8 = 5;
    /// `externref`, nullable or not.
    pub const EXTERNREF: u8 = 6;
}

/// A function signature.
#[repr(C)]
#[derive(Debug)]
pub struct FuncType {
    /// Parameter types as [`valtype`] codes; empty for an array or struct
    /// type, which has no function type.
    pub params: Slice<u8>,
    /// Result types as [`valtype`] codes; empty for an array or struct type.
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
    /// The operation, one of [`constop`].
    pub op: u32,
    /// Padding; always 0.
    pub _pad: u32,
    /// Immediate: the constant's bits (low 64), or an index.
    pub a: u64,
    /// High 64 bits of a v128 constant.
    pub b: u64,
}

/// Opcodes of [`ConstOp::op`].
pub mod constop {
    /// `a` = the value, zero-extended from 32 bits.
    pub const I32_CONST: u32 = 1;
    /// `a` = the value.
    pub const I64_CONST: u32 = 2;
    /// `a` = the value's bits, zero-extended from 32 bits.
    pub const F32_CONST: u32 = 3;
    /// `a` = the value's bits.
    pub const F64_CONST: u32 = 4;
    /// `a` = the low 64 bits of the value, `b` the high 64 bits.
    pub const V128_CONST: u32 = 5;
    /// `a` = global index.
    pub const GLOBAL_GET: u32 = 6;
    /// Null reference (any reference type).
    pub const REF_NULL: u32 = 7;
    /// `a` = function index.
    pub const REF_FUNC: u32 = 8;
    /// Pops two `i32`s, pushes their wrapping sum.
    pub const I32_ADD: u32 = 9;
    /// Pops two `i32`s, pushes their wrapping difference.
    pub const I32_SUB: u32 = 10;
    /// Pops two `i32`s, pushes their wrapping product.
    pub const I32_MUL: u32 = 11;
    /// Pops two `i64`s, pushes their wrapping sum.
    pub const I64_ADD: u32 = 12;
    /// Pops two `i64`s, pushes their wrapping difference.
    pub const I64_SUB: u32 = 13;
    /// Pops two `i64`s, pushes their wrapping product.
    pub const I64_MUL: u32 = 14;
    /// `a` = array type index; pops the length, pushes a new array whose
    /// elements are zero (null).
    pub const ARRAY_NEW_DEFAULT: u32 = 15;
}

/// A constant expression: its operations in order, which leave exactly one
/// value on the stack.
pub type ConstExpr = Slice<ConstOp>;

/// External kinds, for imports and exports.
pub mod extern_kind {
    /// A function.
    pub const FUNC: u8 = 0;
    /// A table.
    pub const TABLE: u8 = 1;
    /// A linear memory.
    pub const MEMORY: u8 = 2;
    /// A global.
    pub const GLOBAL: u8 = 3;
    /// An exception tag.
    pub const TAG: u8 = 4;
}

/// An import. Imports of each kind come first in their index space, in
/// module order.
#[repr(C)]
#[derive(Debug)]
pub struct Import {
    /// The module name it is imported from.
    pub module: Str,
    /// The name of the item within that module.
    pub name: Str,
    /// What is imported, one of [`extern_kind`].
    pub kind: u8,
    /// Padding; always 0.
    pub _pad: [u8; 3],
    /// Index within its kind's index space (function index, memory index..).
    pub index: u32,
    /// For functions: the type index. For globals/tables/memories/tags: the
    /// index of the entry in `globals`/`tables`/`memories`/`tags` describing
    /// its type.
    pub type_index: u32,
    /// Padding; always 0.
    pub _pad2: u32,
    /// For functions: address of the symbol
    /// [`crate::symbols::import_symbol`] names, or null if a loader left it
    /// unresolved for its linker to supply.
    pub host_func: *const u8,
    /// For functions: the module's adapter for this import, which the
    /// runtime binds the import to when a host (C) function provides it:
    /// wasm functions use another calling convention than C, and the
    /// adapter calls the host function through the pointer the runtime
    /// stores in the import's [`crate::VMFuncImport::host_func`]. Null for
    /// other imports, and in tables whose functions all use the C
    /// convention (hand-made modules), which call host functions directly.
    pub adapter: *const u8,
}

/// A function defined by the module (index = wasm index - imported funcs).
#[repr(C)]
#[derive(Debug)]
pub struct FuncEntry {
    /// Address of the function's code. Entries must ascend in address
    /// order: the runtime binary-searches them to find the function at a PC.
    pub ptr: *const u8,
    /// Length of the function's code in bytes.
    pub code_len: u32,
    /// Index of its type in `ModuleInfo::types`.
    pub type_index: u32,
    /// Its name for trap reports and backtraces: from the DWARF (with
    /// `-g`) or the name section, else `wasm-function[N]`.
    pub name: Str,
    /// Range of this function's entries in `ModuleInfo::traps`.
    pub traps_start: u32,
    /// Number of those entries.
    pub traps_len: u32,
    /// Range of this function's entries in `ModuleInfo::lines`.
    pub lines_start: u32,
    /// Number of those entries.
    pub lines_len: u32,
    /// Range of this function's entries in `ModuleInfo::call_sites`.
    pub calls_start: u32,
    /// Number of those entries.
    pub calls_len: u32,
}

/// A call inside a `try_table` (or a legacy `try`) of its function: where
/// an exception thrown by the callee may be caught in this frame. Sorted
/// by `ret_offset` within a function.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallSite {
    /// Offset of the call's return address from the start of the function.
    pub ret_offset: u32,
    /// Where the frame keeps its vmctx during the call, as an offset from
    /// the stack pointer at the call: the instance whose tags the handlers'
    /// tag indices name.
    pub vmctx_sp_offset: u32,
    /// Range of this call's handlers in `ModuleInfo::handlers`, tried in
    /// order.
    pub handlers_start: u32,
    /// Number of those handlers.
    pub handlers_len: u32,
}

/// One handler of a [`CallSite`].
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handler {
    /// The tag index (in the module's tag index space) it catches, or
    /// [`CATCH_ALL`].
    pub tag: u32,
    /// Offset of the handler's code from the start of the function. It is
    /// entered with the stack and frame pointers of the call and the
    /// exception object (a [`crate::VMExn`]) in the target's first
    /// exception payload register.
    pub code_offset: u32,
}

/// [`Handler::tag`] of a handler that catches every exception.
pub const CATCH_ALL: u32 = u32::MAX;

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
    /// Offset of the trapping instruction from the start of its function;
    /// a function's entries are sorted by it.
    pub code_offset: u32,
    /// Byte offset in the wasm binary of the instruction it came from.
    pub wasm_offset: u32,
    /// The trap raised, a [`crate::TrapKind`] as `u8`.
    pub kind: u8,
    /// Padding; always 0.
    pub _pad: [u8; 3],
}

/// Limits flags.
pub mod limits_flags {
    /// The `max` field holds a maximum; without it there is none.
    pub const HAS_MAX: u32 = 1;
    /// A shared memory (threads): an import of one accepts only a shared
    /// memory, and the reverse.
    pub const SHARED: u32 = 2;
    /// 64-bit indices: a `memory64` memory or a `table64` table.
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
    /// [`limits_flags`].
    pub flags: u32,
    /// 1 if imported, 0 if defined.
    pub imported: u32,
    /// The address the code was compiled to find this (defined) memory at,
    /// or 0: any address, the code loads the base from its `VMMemory`. A
    /// non-zero address is part of the code, so the runtime must place the
    /// memory there or refuse to instantiate.
    pub fixed_base: u64,
    /// Log2 of the page size in bytes: [`crate::WASM_PAGE_SIZE_LOG2`] (64 KiB,
    /// the default) or 0 (1-byte pages, the custom-page-sizes proposal).
    /// `min` and `max` count these pages.
    pub page_size_log2: u32,
    /// Padding; always 0.
    pub _pad: u32,
}

/// A table, defined or imported.
#[repr(C)]
#[derive(Debug)]
pub struct TableDecl {
    /// Initial (minimum) number of elements.
    pub min: u64,
    /// Maximum number of elements; meaningful with `limits_flags::HAS_MAX`.
    pub max: u64,
    /// [`limits_flags`]: `HAS_MAX`, and `MEMORY64` for a 64-bit table.
    pub flags: u32,
    /// `valtype::FUNCREF` or `valtype::EXTERNREF`.
    pub elem_type: u8,
    /// 1 if the element type is nullable.
    pub nullable: u8,
    /// 1 if imported, 0 if defined.
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
    /// The value type, as a [`valtype`] code.
    pub ty: u8,
    /// 1 if mutable.
    pub mutable: u8,
    /// 1 if imported, 0 if defined.
    pub imported: u8,
    /// Defined and not exported: compiled code keeps it in the vmctx's
    /// `global_storage` slot, where the runtime must put it.
    pub in_vmctx: u8,
    /// Padding; always 0.
    pub _pad: u32,
    /// Empty for imports.
    pub init: ConstExpr,
    /// The value type, fully encoded ([`crate::canon`]).
    pub full_type: Slice<u8>,
}

/// An exception tag, defined or imported (imports describe the required
/// type).
#[repr(C)]
#[derive(Debug)]
pub struct TagDecl {
    /// Index of its function type in `ModuleInfo::types`: its parameters
    /// are the values an exception of this tag carries.
    pub type_index: u32,
    /// 1 if imported, 0 if defined.
    pub imported: u32,
    /// Its name for reports: from the name section, else the import's
    /// `module.name` or empty.
    pub name: Str,
}

/// An export.
#[repr(C)]
#[derive(Debug)]
pub struct Export {
    /// The export name.
    pub name: Str,
    /// What is exported, one of [`extern_kind`].
    pub kind: u8,
    /// Padding; always 0.
    pub _pad: [u8; 3],
    /// Index within its kind's index space (function index, memory index..).
    pub index: u32,
}

/// Segment modes.
pub mod segment_mode {
    /// Copied into its memory or table at instantiation, then dropped.
    pub const ACTIVE: u32 = 0;
    /// Kept for `memory.init` or `table.init` until dropped.
    pub const PASSIVE: u32 = 1;
    /// Element segments only: declares functions for `ref.func`; dropped
    /// at instantiation.
    pub const DECLARED: u32 = 2;
}

/// A data segment.
#[repr(C)]
#[derive(Debug)]
pub struct DataSegment {
    /// One of [`segment_mode`].
    pub mode: u32,
    /// Index of the memory an active segment initializes (0 otherwise).
    pub memory: u32,
    /// Active segments only.
    pub offset: ConstExpr,
    /// The segment's contents.
    pub bytes: Slice<u8>,
}

/// An element segment.
#[repr(C)]
#[derive(Debug)]
pub struct ElemSegment {
    /// One of [`segment_mode`].
    pub mode: u32,
    /// Index of the table an active segment initializes (0 otherwise).
    pub table: u32,
    /// Active segments only: the index of the first element written.
    pub offset: ConstExpr,
    /// One constant expression per element (`ref.func`, `ref.null`, ...).
    pub items: Slice<ConstExpr>,
    /// `valtype::FUNCREF` or `valtype::EXTERNREF`.
    pub elem_type: u8,
    /// Padding; always 0.
    pub _pad: [u8; 7],
}

/// Bits of [`ModuleInfo::checks`].
pub mod checks {
    /// Function entries and loop headers test the word
    /// [`crate::VMOffsets::INTERRUPT`] points to and trap with
    /// [`crate::TrapKind::Interrupted`] when it is non-zero (`--timeout`).
    pub const INTERRUPT: u32 = 1;
    /// Function entries and loop headers charge fuel from
    /// [`crate::VMOffsets::FUEL`] and trap with [`crate::TrapKind::OutOfFuel`]
    /// when it runs out (`--fuel`).
    pub const FUEL: u32 = 2;
}

/// Everything needed to instantiate a compiled module.
#[repr(C)]
#[derive(Debug)]
pub struct ModuleInfo {
    /// [`MODULE_MAGIC`].
    pub magic: u32,
    /// The [`crate::ABI_VERSION`] the compiler used; the runtime refuses
    /// any other.
    pub abi_version: u32,
    /// The module's name from its name section, or empty.
    pub name: Str,
    /// Every type, by type index.
    pub types: Slice<FuncType>,
    /// Imports, in module order.
    pub imports: Slice<Import>,
    /// Defined functions, in wasm index order.
    pub funcs: Slice<FuncEntry>,
    /// Memories by memory index, imported ones first.
    pub memories: Slice<MemoryDecl>,
    /// Tables by table index, imported ones first.
    pub tables: Slice<TableDecl>,
    /// Globals by global index, imported ones first.
    pub globals: Slice<GlobalDecl>,
    /// Exports, in module order.
    pub exports: Slice<Export>,
    /// Data segments, by data index.
    pub data: Slice<DataSegment>,
    /// Element segments, by element index.
    pub elems: Slice<ElemSegment>,
    /// Trap entries of all functions (see [`FuncEntry::traps_start`]).
    pub traps: Slice<TrapEntry>,
    /// Function index of the start function, or `u32::MAX`.
    pub start_func: u32,
    /// Number of imported functions: `funcs[i]` has function index
    /// `num_imported_funcs + i`.
    pub num_imported_funcs: u32,
    /// Number of imported memories.
    pub num_imported_memories: u32,
    /// Number of imported tables.
    pub num_imported_tables: u32,
    /// Number of imported globals.
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
    /// Number of imported tags.
    pub num_imported_tags: u32,
    /// The checks compiled into the code ([`checks`] bits): what run-time
    /// limits the code can honour.
    pub checks: u32,
    /// Calls with exception handlers, of all functions (see
    /// [`FuncEntry::calls_start`]).
    pub call_sites: Slice<CallSite>,
    /// The handlers [`CallSite::handlers_start`] indexes.
    pub handlers: Slice<Handler>,
    /// The export a standalone program runs (`kiln build --entry`), after
    /// `_initialize` if the module exports one; empty: `_start`.
    pub entry: Str,
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

// SAFETY: as for `ModuleInfo`: a tag declaration is immutable emitted data,
// and its name points into the same object.
unsafe impl Sync for TagDecl {}
