//! The VM context: the block of memory whose address compiled code receives
//! as its first argument, and the records it points to.
//!
//! Layout (all fields 8-byte aligned, offsets from [`VMOffsets`]):
//! ```text
//! 0   stack_limit    usize               lowest stack address wasm may use
//! 8   instance       *mut c_void         the runtime's instance (libcalls)
//! 16  type_ids       *const u32          module type index -> canonical id
//! 24  reserved       usize
//! 32  global_storage [VMGlobal; n]       used by private globals
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
/// fixed reservation of [`crate::MEMORY_RESERVATION`] bytes), so compiled code
/// may load it once per function; `length` changes on `memory.grow`.
#[repr(C)]
#[derive(Debug)]
pub struct VMMemory {
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
    pub base: *mut usize,
    /// Current number of elements.
    pub length: u64,
}

/// Storage for one global, big enough for a v128. Scalars live at offset 0
/// in little-endian order; references are stored as one word.
#[repr(C, align(16))]
#[derive(Debug, Clone, Copy, Default)]
pub struct VMGlobal {
    pub bytes: [u8; 16],
}

/// A function reference: what `ref.func` produces and what funcref table
/// elements point to. Calling it means calling `func_ptr(vmctx, args..)`.
#[repr(C)]
#[derive(Debug)]
pub struct VMFuncRef {
    pub func_ptr: *const u8,
    /// Canonical signature id, compared by `call_indirect`.
    pub type_id: u32,
    pub _pad: u32,
    pub vmctx: *mut VMContext,
}

/// How an imported function is called: its code and the vmctx to pass.
#[repr(C)]
#[derive(Debug)]
pub struct VMFuncImport {
    pub func_ptr: *const u8,
    pub vmctx: *mut VMContext,
}

/// Opaque: compiled code only ever sees a pointer to it.
#[repr(C)]
pub struct VMContext {
    _opaque: [u8; 0],
}

/// Counts that determine the layout of a module's VM context.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VMCounts {
    pub imported_funcs: u32,
    pub memories: u32,
    pub tables: u32,
    pub globals: u32,
    /// All functions, imported and defined.
    pub funcs: u32,
    /// All exception tags, imported and defined.
    pub tags: u32,
}

/// Byte offsets of every field of a module's VM context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VMOffsets {
    pub counts: VMCounts,
    pub global_storage: u32,
    pub imported_funcs: u32,
    pub memories: u32,
    pub tables: u32,
    pub globals: u32,
    pub funcrefs: u32,
    pub tags: u32,
    pub size: u32,
}

/// The largest frame of a function that skips the prologue stack check:
/// one that calls nothing (no wasm call, no libcall) cannot recurse, so
/// its frame is all it adds below its caller's checked SP. The runtime
/// keeps at least twice this much usable stack below `stack_limit`.
pub const LEAF_FRAME_MAX: u32 = 64 << 10;

impl VMOffsets {
    pub const STACK_LIMIT: u32 = 0;
    pub const INSTANCE: u32 = 8;
    pub const TYPE_IDS: u32 = 16;
    const HEADER: u32 = 32;

    pub const FUNC_IMPORT_SIZE: u32 = core::mem::size_of::<VMFuncImport>() as u32;
    pub const FUNCREF_SIZE: u32 = core::mem::size_of::<VMFuncRef>() as u32;
    pub const PTR_SIZE: u32 = 8;
    pub const GLOBAL_SIZE: u32 = core::mem::size_of::<VMGlobal>() as u32;

    pub const VMMEMORY_BASE: u32 = core::mem::offset_of!(VMMemory, base) as u32;
    pub const VMMEMORY_LENGTH: u32 = core::mem::offset_of!(VMMemory, length) as u32;
    pub const VMTABLE_BASE: u32 = core::mem::offset_of!(VMTable, base) as u32;
    pub const VMTABLE_LENGTH: u32 = core::mem::offset_of!(VMTable, length) as u32;
    pub const FUNCREF_FUNC_PTR: u32 = core::mem::offset_of!(VMFuncRef, func_ptr) as u32;
    pub const FUNCREF_TYPE_ID: u32 = core::mem::offset_of!(VMFuncRef, type_id) as u32;
    pub const FUNCREF_VMCTX: u32 = core::mem::offset_of!(VMFuncRef, vmctx) as u32;
    pub const FUNC_IMPORT_FUNC_PTR: u32 = core::mem::offset_of!(VMFuncImport, func_ptr) as u32;
    pub const FUNC_IMPORT_VMCTX: u32 = core::mem::offset_of!(VMFuncImport, vmctx) as u32;

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
    pub const fn imported_func(&self, index: u32) -> u32 {
        self.imported_funcs + index * Self::FUNC_IMPORT_SIZE
    }
    pub const fn memory(&self, index: u32) -> u32 {
        self.memories + index * Self::PTR_SIZE
    }
    pub const fn table(&self, index: u32) -> u32 {
        self.tables + index * Self::PTR_SIZE
    }
    pub const fn global(&self, index: u32) -> u32 {
        self.globals + index * Self::PTR_SIZE
    }
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
        assert_eq!(o.global_storage, 32);
        assert_eq!(o.global_slot(3), 32 + 3 * 16);
        assert_eq!(o.imported_funcs, 32 + 4 * 16);
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
