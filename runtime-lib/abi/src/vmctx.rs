//! The VM context: the block of memory whose address compiled code receives
//! as its first argument, and the records it points to.
//!
//! Layout (all fields 8-byte aligned, offsets from [`VMOffsets`]):
//! ```text
//! 0   stack_limit    usize               lowest stack address wasm may use
//! 8   instance       *mut c_void         the runtime's instance (libcalls)
//! 16  type_ids       *const u32          module type index -> canonical id
//! 24  interrupt      *const u32          non-zero: interrupt (`--timeout`)
//! 32  fuel           i64                 fuel left (`--fuel`)
//! 40  reserved       usize
//! 48  global_storage [VMGlobal; n]       used by private globals
//! ..  imported_funcs [VMFuncImport; n]   callee pointer + callee vmctx
//! ..  memories       [*mut VMMemory; n]  defined and imported alike
//! ..  tables         [*mut VMTable; n]
//! ..  globals        [*mut VMGlobal; n]
//! ..  funcrefs       [VMFuncRef; n]      one per function (ref.func, tables)
//! ..  tags           [*const u8; n]      tag identities, imported ones first
//! ```
//!
//! A global that is defined and not exported (`GlobalDecl::in_vmctx`, such
//! as the C shadow-stack pointer) lives in `global_storage` itself, so
//! reading it takes one load instead of two. Every global still has its
//! `globals` pointer, which for those points into `global_storage`.
//! (Copies of the memory bases here too, one load instead of two per heap
//! base, made call-heavy code 10% slower on the benchmarks, for no gain
//! elsewhere: heap bases are loaded through `memories`.)

use core::ffi::c_void;

/// A linear memory. `base` never moves for the life of the memory (it is a
/// fixed reservation: [`crate::MEMORY_RESERVATION`] bytes, or for a
/// bounds-checked memory ([`crate::memory_bounds_checked`]) what it may grow
/// to), so compiled code may load it once per function; `length` changes on
/// `memory.grow`, and bounds-checked accesses compare against it.
#[repr(C)]
#[derive(Debug)]
pub struct VMMemory {
    /// Address of byte 0 of the memory: the start of its reservation.
    pub base: *mut u8,
    /// Current size in bytes.
    pub length: u64,
}

/// A table of references. Each element is one pointer-sized reference:
/// a `*const VMFuncRef` for funcref tables, an opaque non-zero word for
/// externref; null is 0. `base` may move on `table.grow`.
#[repr(C)]
#[derive(Debug)]
pub struct VMTable {
    /// The element array, `length` words.
    pub base: *mut usize,
    /// Current number of elements.
    pub length: u64,
}

/// Storage for one global, big enough for a v128. Scalars live at offset 0
/// in little-endian order; references are stored as one word.
#[repr(C, align(16))]
#[derive(Debug, Clone, Copy, Default)]
pub struct VMGlobal {
    /// The value; bytes past a scalar's width are unused.
    pub bytes: [u8; 16],
}

/// A function reference: what `ref.func` produces and what funcref table
/// elements point to. Calling it means calling `func_ptr(vmctx, args..)`.
#[repr(C)]
#[derive(Debug)]
pub struct VMFuncRef {
    /// The function's code.
    pub func_ptr: *const u8,
    /// Canonical signature id, compared by `call_indirect`.
    pub type_id: u32,
    /// Padding; always 0.
    pub _pad: u32,
    /// The vmctx to pass: that of the instance defining the function, or
    /// the importer's own for a host function.
    pub vmctx: *mut VMContext,
}

/// How an imported function is called: its code and the vmctx to pass.
#[repr(C)]
#[derive(Debug)]
pub struct VMFuncImport {
    /// The callee's code, in the wasm calling convention: another
    /// instance's function, or for a host function the importer's adapter
    /// for this import (`crate::Import::adapter`).
    pub func_ptr: *const u8,
    /// The callee's vmctx: its defining instance's, or the importer's own
    /// for a host function.
    pub vmctx: *mut VMContext,
    /// For a host function: its address, which the adapter calls in the C
    /// convention with the importer's vmctx first. Null otherwise.
    pub host_func: *const u8,
}

/// The header of an exception object, which an `exnref` points to. The
/// values the exception carries (its tag's parameters) follow at
/// [`VMOffsets::EXN_VALUES`], one [`crate::VALUE_SLOT_SIZE`]-byte slot each
/// (scalars little-endian at the slot's start, references as one word).
/// The runtime allocates it (16-byte aligned); compiled code stores the
/// values before throwing it and loads them in a handler.
#[repr(C)]
#[derive(Debug)]
pub struct VMExn {
    /// The identity of its tag (what the vmctx's `tags` words hold).
    pub tag: *const u8,
    /// Number of value slots.
    pub num_values: u32,
    /// Padding; always 0.
    pub _pad: u32,
}

/// Opaque: compiled code only ever sees a pointer to it.
#[repr(C)]
pub struct VMContext {
    _opaque: [u8; 0],
}

/// Counts that determine the layout of a module's VM context.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VMCounts {
    /// Imported functions.
    pub imported_funcs: u32,
    /// All memories, imported and defined.
    pub memories: u32,
    /// All tables, imported and defined.
    pub tables: u32,
    /// All globals, imported and defined.
    pub globals: u32,
    /// All functions, imported and defined.
    pub funcs: u32,
    /// All exception tags, imported and defined.
    pub tags: u32,
}

/// Byte offsets of every field of a module's VM context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VMOffsets {
    /// The counts the layout was computed from.
    pub counts: VMCounts,
    /// Start of the `[VMGlobal; globals]` inline storage.
    pub global_storage: u32,
    /// Start of the `[VMFuncImport; imported_funcs]` array.
    pub imported_funcs: u32,
    /// Start of the `[*mut VMMemory; memories]` array.
    pub memories: u32,
    /// Start of the `[*mut VMTable; tables]` array.
    pub tables: u32,
    /// Start of the `[*mut VMGlobal; globals]` array.
    pub globals: u32,
    /// Start of the `[VMFuncRef; funcs]` array.
    pub funcrefs: u32,
    /// Start of the `[*const u8; tags]` array of tag identities.
    pub tags: u32,
    /// Size of the whole VM context in bytes (`ModuleInfo::vmctx_size`).
    pub size: u32,
}

/// The largest frame of a function that skips the prologue stack check:
/// one that calls nothing (no wasm call, no libcall) cannot recurse, so
/// its frame is all it adds below its caller's checked SP. The runtime
/// keeps at least twice this much usable stack below `stack_limit`.
pub const LEAF_FRAME_MAX: u32 = 64 << 10;

impl VMOffsets {
    /// Offset of `stack_limit`, the lowest stack address wasm code may use:
    /// the runtime sets it for the calling thread, and compiled code traps
    /// with a stack overflow when SP would go below it.
    pub const STACK_LIMIT: u32 = 0;
    /// Offset of `instance`, the runtime's [`InstancePtr`], which libcalls
    /// use to find their instance.
    pub const INSTANCE: u32 = 8;
    /// Offset of `type_ids`: a pointer to the `u32` canonical signature ids,
    /// indexed by module type index, that `call_indirect` compares with
    /// [`VMFuncRef::type_id`].
    pub const TYPE_IDS: u32 = 16;
    /// Offset of `interrupt`: a pointer to a `u32` that the runtime sets
    /// non-zero to interrupt the code (`--timeout`). Code compiled with
    /// [`crate::checks::INTERRUPT`] tests it at function entries and loop
    /// headers.
    pub const INTERRUPT: u32 = 24;
    /// Offset of `fuel`: the `i64` fuel left (`--fuel`). Code compiled with
    /// [`crate::checks::FUEL`] subtracts from it at function entries and
    /// loop headers and traps when the result is negative.
    pub const FUEL: u32 = 32;
    /// The header's size: global storage starts here, 16-byte aligned.
    const HEADER: u32 = 48;

    /// Size of a [`VMFuncImport`] in bytes.
    pub const FUNC_IMPORT_SIZE: u32 = core::mem::size_of::<VMFuncImport>() as u32;
    /// Size of a [`VMFuncRef`] in bytes.
    pub const FUNCREF_SIZE: u32 = core::mem::size_of::<VMFuncRef>() as u32;
    /// Size of a pointer (and of a table element) in bytes.
    pub const PTR_SIZE: u32 = 8;
    /// Size of a [`VMGlobal`] in bytes.
    pub const GLOBAL_SIZE: u32 = core::mem::size_of::<VMGlobal>() as u32;

    /// Offset of [`VMMemory::base`].
    pub const VMMEMORY_BASE: u32 = core::mem::offset_of!(VMMemory, base) as u32;
    /// Offset of [`VMMemory::length`].
    pub const VMMEMORY_LENGTH: u32 = core::mem::offset_of!(VMMemory, length) as u32;
    /// Offset of [`VMTable::base`].
    pub const VMTABLE_BASE: u32 = core::mem::offset_of!(VMTable, base) as u32;
    /// Offset of [`VMTable::length`].
    pub const VMTABLE_LENGTH: u32 = core::mem::offset_of!(VMTable, length) as u32;
    /// Offset of [`VMFuncRef::func_ptr`].
    pub const FUNCREF_FUNC_PTR: u32 = core::mem::offset_of!(VMFuncRef, func_ptr) as u32;
    /// Offset of [`VMFuncRef::type_id`].
    pub const FUNCREF_TYPE_ID: u32 = core::mem::offset_of!(VMFuncRef, type_id) as u32;
    /// Offset of [`VMFuncRef::vmctx`].
    pub const FUNCREF_VMCTX: u32 = core::mem::offset_of!(VMFuncRef, vmctx) as u32;
    /// Offset of [`VMFuncImport::func_ptr`].
    pub const FUNC_IMPORT_FUNC_PTR: u32 = core::mem::offset_of!(VMFuncImport, func_ptr) as u32;
    /// Offset of [`VMFuncImport::vmctx`].
    pub const FUNC_IMPORT_VMCTX: u32 = core::mem::offset_of!(VMFuncImport, vmctx) as u32;
    /// Offset of [`VMFuncImport::host_func`].
    pub const FUNC_IMPORT_HOST_FUNC: u32 = core::mem::offset_of!(VMFuncImport, host_func) as u32;
    /// Offset of an exception object's first value slot from its start.
    pub const EXN_VALUES: u32 = core::mem::size_of::<VMExn>() as u32;
    /// Offset of [`VMExn::tag`].
    pub const EXN_TAG: u32 = core::mem::offset_of!(VMExn, tag) as u32;

    /// Computes the layout. Counts come from a validated module, whose
    /// limits keep every offset far below `u32::MAX`.
    pub const fn new(counts: VMCounts) -> VMOffsets {
        let global_storage = Self::HEADER;
        let imported_funcs = global_storage + counts.globals * Self::GLOBAL_SIZE;
        let memories = imported_funcs + counts.imported_funcs * Self::FUNC_IMPORT_SIZE;
        let tables = memories + counts.memories * Self::PTR_SIZE;
        let globals = tables + counts.tables * Self::PTR_SIZE;
        let funcrefs = globals + counts.globals * Self::PTR_SIZE;
        let tags = funcrefs + counts.funcs * Self::FUNCREF_SIZE;
        let size = tags + counts.tags * Self::PTR_SIZE;
        VMOffsets { counts, global_storage, imported_funcs, memories, tables, globals, funcrefs, tags, size }
    }

    /// Inline storage for global `index` (used only if it is `in_vmctx`).
    pub const fn global_slot(&self, index: u32) -> u32 {
        self.global_storage + index * Self::GLOBAL_SIZE
    }
    /// The [`VMFuncImport`] of imported function `index`.
    pub const fn imported_func(&self, index: u32) -> u32 {
        self.imported_funcs + index * Self::FUNC_IMPORT_SIZE
    }
    /// The pointer to the [`VMMemory`] of memory `index`.
    pub const fn memory(&self, index: u32) -> u32 {
        self.memories + index * Self::PTR_SIZE
    }
    /// The pointer to the [`VMTable`] of table `index`.
    pub const fn table(&self, index: u32) -> u32 {
        self.tables + index * Self::PTR_SIZE
    }
    /// The pointer to the [`VMGlobal`] of global `index` (every global has
    /// one, `in_vmctx` ones too).
    pub const fn global(&self, index: u32) -> u32 {
        self.globals + index * Self::PTR_SIZE
    }
    /// The [`VMFuncRef`] of function `func_index` (imported functions
    /// included in the count).
    pub const fn funcref(&self, func_index: u32) -> u32 {
        self.funcrefs + func_index * Self::FUNCREF_SIZE
    }
    /// The word holding tag `index`'s identity: tags are the same tag
    /// exactly when these words are equal.
    pub const fn tag(&self, index: u32) -> u32 {
        self.tags + index * Self::PTR_SIZE
    }
}

/// The type the runtime's instance pointer field has; kept here so both
/// sides agree it is an untyped word.
pub type InstancePtr = *mut c_void;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_packed_in_order() {
        let o = VMOffsets::new(VMCounts { imported_funcs: 2, memories: 1, tables: 3, globals: 4, funcs: 5, tags: 2 });
        assert_eq!(o.global_storage, 48);
        assert_eq!(o.global_slot(3), 48 + 3 * 16);
        assert_eq!(o.imported_funcs, 48 + 4 * 16);
        assert_eq!(o.memories, o.imported_funcs + 2 * VMOffsets::FUNC_IMPORT_SIZE);
        assert_eq!(o.tables, o.memories + 8);
        assert_eq!(o.globals, o.tables + 24);
        assert_eq!(o.funcrefs, o.globals + 32);
        assert_eq!(o.tags, o.funcrefs + 5 * 24);
        assert_eq!(o.size, o.tags + 2 * 8);
        assert_eq!(o.funcref(1), o.funcrefs + 24);
        assert_eq!(VMOffsets::FUNCREF_VMCTX, 16);
        assert_eq!(core::mem::size_of::<VMGlobal>(), 16);
    }
}
