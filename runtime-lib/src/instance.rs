//! Instances: a module's VM context plus the memories, tables, globals and
//! segment state it points to.
//!
//! Data flow: [`Instance::new`] checks the `ModuleInfo` against this
//! runtime's ABI, creates memories/tables/global storage, fills the vmctx
//! (header, imported functions, pointer arrays, funcrefs), then initializes
//! globals, tables, active element and data segments in module order
//! (a segment out of bounds is returned as a [`Trap`]). Compiled code and
//! libcalls then reach the instance through `vmctx[INSTANCE]`, which is why
//! instances are pinned; all state they mutate is behind cells.

use crate::constexpr::{self, ConstEnv};
use crate::error::InstantiateError;
use crate::memory::{Memory, MemoryError};
use crate::table::{Table, MAX_TABLE_ELEMENTS};
use crate::trap::Trap;
use crate::{sys, trap, types};
use alloc::alloc::{alloc_zeroed, dealloc, handle_alloc_error, Layout};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::cell::{Cell, OnceCell, UnsafeCell};
use core::marker::PhantomPinned;
use core::pin::Pin;
use core::ptr::NonNull;
use kiln_abi::{
    extern_kind, limits_flags, segment_mode, ConstExpr, Export, FuncType, ModuleInfo, TrapKind, VMContext,
    VMFuncImport, VMFuncRef, VMGlobal, VMOffsets, ABI_VERSION, MODULE_MAGIC,
};

/// A function of an instance, ready to call as
/// `extern "C" fn(vmctx, params..) -> results`.
#[derive(Debug, Clone, Copy)]
pub struct Func {
    /// Wasm function index.
    pub index: u32,
    pub ty: &'static FuncType,
    pub func_ptr: *const u8,
    pub vmctx: *mut VMContext,
}

pub struct Instance {
    module: &'static ModuleInfo,
    offsets: VMOffsets,
    vmctx: NonNull<u8>,
    type_ids: Box<[u32]>,
    memories: Box<[Memory]>,
    tables: Box<[Table]>,
    globals: Box<[UnsafeCell<VMGlobal>]>,
    /// Element values of passive segments (empty for active/declared
    /// ones), set once initialization has evaluated them.
    elem_values: OnceCell<Box<[Box<[usize]>]>>,
    dropped_elems: Box<[Cell<bool>]>,
    dropped_data: Box<[Cell<bool>]>,
    /// vmctx and compiled code hold the instance's address.
    _pinned: PhantomPinned,
}

/// The module's name for messages (`<unnamed>` when it has none).
fn module_name(module: &'static ModuleInfo) -> &'static str {
    // SAFETY: module tables are immutable, live for the process, and UTF-8.
    let name = unsafe { module.name.as_str() };
    if name.is_empty() {
        "<unnamed>"
    } else {
        name
    }
}

/// Views a table of the module.
fn slice<T>(s: &'static kiln_abi::Slice<T>) -> &'static [T] {
    // SAFETY: module tables are immutable and live for the process.
    unsafe { s.as_slice() }
}

fn str_of(s: &'static kiln_abi::Str) -> &'static str {
    // SAFETY: as `slice`; the compiler emits UTF-8.
    unsafe { s.as_str() }
}

fn vmctx_layout(offsets: &VMOffsets) -> Layout {
    // 16-byte alignment; the size is at least the 32-byte header.
    Layout::from_size_align(offsets.size as usize, 16).unwrap_or(Layout::new::<[u128; 2]>())
}

/// Checks the tables the rest of instantiation relies on.
fn check_module(module: &'static ModuleInfo) -> Result<VMOffsets, InstantiateError> {
    if module.magic != MODULE_MAGIC {
        return Err(InstantiateError::BadMagic { address: module as *const _ as usize, found: module.magic });
    }
    let name = module_name(module);
    if module.abi_version != ABI_VERSION {
        return Err(InstantiateError::AbiVersion { module: name, found: module.abi_version, expected: ABI_VERSION });
    }
    let offsets = VMOffsets::new(module.vm_counts());
    if module.vmctx_size != offsets.size {
        return Err(InstantiateError::VmctxSize { module: name, found: module.vmctx_size, expected: offsets.size });
    }
    let malformed = |what, index: usize| InstantiateError::Malformed { module: name, what, index: index as u32 };
    let ntypes = module.types.len;
    let ntraps = module.traps.len;
    let mut prev_end = 0usize;
    for (i, f) in slice(&module.funcs).iter().enumerate() {
        if f.type_index as usize >= ntypes {
            return Err(malformed("function type index out of range", i));
        }
        if (f.ptr as usize) < prev_end {
            return Err(malformed("functions are not in ascending address order", i));
        }
        prev_end = f.ptr as usize + f.code_len as usize;
        if f.traps_start as usize + f.traps_len as usize > ntraps {
            return Err(malformed("function trap range out of range", i));
        }
    }
    for (i, import) in slice(&module.imports).iter().enumerate() {
        let import_module = str_of(&import.module);
        let import_name = str_of(&import.name);
        let kind = match import.kind {
            extern_kind::FUNC => {
                if import.index >= module.num_imported_funcs || import.type_index as usize >= ntypes {
                    return Err(malformed("function import index out of range", i));
                }
                if import.host_func.is_null() {
                    return Err(InstantiateError::UnresolvedImport {
                        module: name,
                        import_module,
                        name: import_name,
                        index: import.index,
                    });
                }
                continue;
            }
            extern_kind::MEMORY => "memory",
            extern_kind::TABLE => "table",
            extern_kind::GLOBAL => "global",
            extern_kind::TAG => "tag",
            _ => return Err(malformed("unknown import kind", i)),
        };
        return Err(InstantiateError::UnsupportedImport {
            module: name,
            import_module,
            name: import_name,
            kind,
            index: i as u32,
        });
    }
    if module.start_func != u32::MAX && module.start_func >= offsets.counts.funcs {
        return Err(malformed("start function index out of range", module.start_func as usize));
    }
    Ok(offsets)
}

/// The const-expression environment during initialization: globals below
/// `ready` are initialized.
struct InitEnv<'a> {
    instance: &'a Instance,
    ready: u32,
}

impl ConstEnv for InitEnv<'_> {
    fn global(&self, index: u32) -> Option<u128> {
        (index < self.ready).then(|| self.instance.global_bits(index)).flatten()
    }
    fn func_ref(&self, index: u32) -> Option<usize> {
        self.instance.funcref(index).map(|p| p as usize)
    }
    fn type_identity(&self, index: u32) -> Option<&'static [u8]> {
        let ty = slice(&self.instance.module.types).get(index as usize)?;
        Some(slice(&ty.canon))
    }
}

impl Instance {
    /// Instantiates `module` up to, not including, its start function (see
    /// [`Instance::run_start`]). The stack limit is set for the calling
    /// thread. Traps do not need the handlers: segment bounds are checked.
    pub fn new(module: &'static ModuleInfo) -> Result<Pin<Box<Instance>>, InstantiateError> {
        let offsets = check_module(module)?;
        let name = module_name(module);

        let mut memories = Vec::with_capacity(module.memories.len);
        for (i, decl) in slice(&module.memories).iter().enumerate() {
            let index = i as u32;
            let unsupported = |feature| InstantiateError::Unsupported { module: name, feature, item: "memory", index };
            if decl.flags & limits_flags::MEMORY64 != 0 {
                return Err(unsupported("a 64-bit memory (memory64)"));
            }
            if decl.flags & limits_flags::SHARED != 0 {
                return Err(unsupported("a shared memory (threads)"));
            }
            let max = (decl.flags & limits_flags::HAS_MAX != 0).then_some(decl.max);
            memories.push(Memory::new(decl.min, max).map_err(|e| match e {
                MemoryError::TooLarge => unsupported("a memory larger than 65536 pages"),
                MemoryError::Reserve(errno) => InstantiateError::MemoryReserve { module: name, index, errno },
                MemoryError::Commit(errno) => {
                    InstantiateError::MemoryCommit { module: name, index, pages: decl.min, errno }
                }
            })?);
        }

        let mut tables = Vec::with_capacity(module.tables.len);
        for (i, decl) in slice(&module.tables).iter().enumerate() {
            let index = i as u32;
            let max = (decl.flags & limits_flags::HAS_MAX != 0).then_some(decl.max);
            let too_large =
                InstantiateError::TableTooLarge { module: name, index, elements: decl.min, limit: MAX_TABLE_ELEMENTS };
            tables.push(Table::new(decl.min, max).ok_or(too_large)?);
        }

        let globals = (0..module.globals.len).map(|_| UnsafeCell::new(VMGlobal::default())).collect();
        let layout = vmctx_layout(&offsets);
        // SAFETY: the layout has a non-zero size (at least the header).
        let vmctx = NonNull::new(unsafe { alloc_zeroed(layout) }).unwrap_or_else(|| handle_alloc_error(layout));
        let ndata = module.data.len;
        let nelems = module.elems.len;
        let instance = Box::pin(Instance {
            module,
            offsets,
            vmctx,
            type_ids: types::canonical_ids(module),
            memories: memories.into_boxed_slice(),
            tables: tables.into_boxed_slice(),
            globals,
            elem_values: OnceCell::new(),
            dropped_elems: (0..nelems).map(|_| Cell::new(false)).collect(),
            dropped_data: (0..ndata).map(|_| Cell::new(false)).collect(),
            _pinned: PhantomPinned,
        });
        instance.fill_vmctx();
        instance.set_stack_limit(sys::stack::wasm_stack_limit());
        let elem_values = instance.initialize()?;
        instance.elem_values.get_or_init(|| elem_values);
        trap::register(module);
        Ok(instance)
    }

    /// Writes a value into the vmctx.
    ///
    /// # Safety
    /// `offset` must be a field of type `T` in this module's vmctx layout.
    unsafe fn write_vmctx<T>(&self, offset: u32, value: T) {
        // SAFETY: guaranteed by the caller; the vmctx is 16-byte aligned and
        // every field is naturally aligned.
        unsafe { self.vmctx.as_ptr().add(offset as usize).cast::<T>().write(value) }
    }

    fn fill_vmctx(&self) {
        let module = self.module;
        let o = &self.offsets;
        let vmctx = self.vmctx();
        // SAFETY (all writes below): offsets come from this module's
        // VMOffsets and each write has the type of its field.
        unsafe {
            self.write_vmctx(VMOffsets::INSTANCE, self as *const Instance as usize);
            self.write_vmctx(VMOffsets::TYPE_IDS, self.type_ids.as_ptr());
            let mut imported: Vec<(u32, *const u8, u32)> = Vec::new();
            for import in slice(&module.imports).iter().filter(|i| i.kind == extern_kind::FUNC) {
                let func_import = VMFuncImport { func_ptr: import.host_func, vmctx };
                self.write_vmctx(o.imported_func(import.index), func_import);
                imported.push((import.index, import.host_func, import.type_index));
            }
            for (i, m) in self.memories.iter().enumerate() {
                self.write_vmctx(o.memory(i as u32), m.vm_ptr());
            }
            for (i, t) in self.tables.iter().enumerate() {
                self.write_vmctx(o.table(i as u32), t.vm_ptr());
            }
            for (i, g) in self.globals.iter().enumerate() {
                self.write_vmctx(o.global(i as u32), g.get());
            }
            for (index, func_ptr, type_index) in imported {
                let type_id = self.type_ids[type_index as usize];
                self.write_vmctx(o.funcref(index), VMFuncRef { func_ptr, type_id, _pad: 0, vmctx });
            }
            for (i, f) in slice(&module.funcs).iter().enumerate() {
                let type_id = self.type_ids[f.type_index as usize];
                let index = module.num_imported_funcs + i as u32;
                self.write_vmctx(o.funcref(index), VMFuncRef { func_ptr: f.ptr, type_id, _pad: 0, vmctx });
            }
            // A standalone module imports no tags, so each of its tags is
            // its own: the address of its slot is a unique identity.
            for i in 0..module.tags.len as u32 {
                let slot = self.vmctx.as_ptr().add(o.tag(i) as usize);
                self.write_vmctx(o.tag(i), slot as usize);
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
            module: module_name(self.module),
            item,
            index,
            op: e.op,
            reason: e.reason,
        })
    }

    fn trap(&self, kind: TrapKind) -> InstantiateError {
        InstantiateError::Trap(Trap { kind, module: self.module, func_index: None, wasm_offset: None })
    }

    /// Globals, table initializers, then active element and data segments;
    /// returns the values of passive element segments.
    fn initialize(&self) -> Result<Box<[Box<[usize]>]>, InstantiateError> {
        let module = self.module;
        let nglobals = self.globals.len() as u32;
        for (i, decl) in slice(&module.globals).iter().enumerate() {
            let value = self.eval(&decl.init, i as u32, "global", i as u32)?;
            // SAFETY: no compiled code runs yet; the cell is ours.
            unsafe { (*self.globals[i].get()).bytes = value.to_le_bytes() };
        }
        for (i, decl) in slice(&module.tables).iter().enumerate() {
            if decl.init.len > 0 {
                let value = self.eval(&decl.init, nglobals, "table initializer", i as u32)? as usize;
                self.tables[i].fill(0, value, self.tables[i].len());
            }
        }

        let mut elem_values: Vec<Box<[usize]>> = Vec::with_capacity(self.dropped_elems.len());
        for (i, seg) in slice(&module.elems).iter().enumerate() {
            let index = i as u32;
            if seg.mode == segment_mode::DECLARED {
                self.dropped_elems[i].set(true);
                elem_values.push(Box::default());
                continue;
            }
            let items = slice(&seg.items)
                .iter()
                .map(|item| self.eval(item, nglobals, "element segment", index).map(|v| v as usize))
                .collect::<Result<Box<[usize]>, _>>()?;
            if seg.mode == segment_mode::PASSIVE {
                elem_values.push(items);
                continue;
            }
            let table = self.tables.get(seg.table as usize).ok_or(InstantiateError::Malformed {
                module: module_name(module),
                what: "element segment table index out of range",
                index,
            })?;
            let offset = self.eval(&seg.offset, nglobals, "element segment offset", index)? as u32;
            if !table.init(u64::from(offset), &items) {
                return Err(self.trap(TrapKind::TableOutOfBounds));
            }
            self.dropped_elems[i].set(true);
            elem_values.push(Box::default());
        }

        for (i, seg) in slice(&module.data).iter().enumerate() {
            if seg.mode != segment_mode::ACTIVE {
                continue;
            }
            let index = i as u32;
            let memory = self.memories.get(seg.memory as usize).ok_or(InstantiateError::Malformed {
                module: module_name(module),
                what: "data segment memory index out of range",
                index,
            })?;
            let offset = u64::from(self.eval(&seg.offset, nglobals, "data segment offset", index)? as u32);
            let bytes = slice(&seg.bytes);
            if !memory.in_bounds(offset, bytes.len() as u64) {
                return Err(self.trap(TrapKind::MemoryOutOfBounds));
            }
            // SAFETY: in bounds of the committed memory; the segment is
            // read-only module data, never inside a linear memory.
            unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), memory.base().add(offset as usize), bytes.len()) };
            self.dropped_data[i].set(true);
        }
        Ok(elem_values.into_boxed_slice())
    }

    /// Runs the start function, if the module has one. A trap in it goes to
    /// the trap handler (installed by [`crate::instantiate`]).
    ///
    /// # Safety
    /// Calls compiled code: the trap handlers must be installed on this
    /// thread and the stack limit must be valid for it.
    pub unsafe fn run_start(&self) {
        if self.module.start_func == u32::MAX {
            return;
        }
        if let Some(func) = self.func(self.module.start_func) {
            // SAFETY: validation gives the start function type [] -> [];
            // every wasm function takes the vmctx first.
            let f = unsafe { core::mem::transmute::<*const u8, extern "C" fn(*mut VMContext)>(func.func_ptr) };
            f(func.vmctx);
        }
    }

    /// The instance a vmctx belongs to.
    ///
    /// # Safety
    /// `vmctx` must be the vmctx of a live instance.
    pub unsafe fn from_vmctx<'a>(vmctx: *mut VMContext) -> &'a Instance {
        // SAFETY: vmctx[INSTANCE] holds the pinned instance's address.
        unsafe { &*vmctx.cast::<u8>().add(VMOffsets::INSTANCE as usize).cast::<*const Instance>().read() }
    }

    pub fn module(&self) -> &'static ModuleInfo {
        self.module
    }

    pub fn offsets(&self) -> &VMOffsets {
        &self.offsets
    }

    /// The vmctx to pass as the first argument of the module's functions.
    pub fn vmctx(&self) -> *mut VMContext {
        self.vmctx.as_ptr().cast()
    }

    /// Sets the lowest SP wasm code may use (see [`sys::stack`]); needed when
    /// calling into wasm from another thread than the instantiating one.
    pub fn set_stack_limit(&self, limit: usize) {
        // SAFETY: field 0 of every vmctx is the stack limit word.
        unsafe { self.write_vmctx(VMOffsets::STACK_LIMIT, limit) }
    }

    pub fn stack_limit(&self) -> usize {
        // SAFETY: field 0 of every vmctx is the stack limit word.
        unsafe { self.vmctx.as_ptr().cast::<usize>().read() }
    }

    pub fn memory(&self, index: u32) -> Option<&Memory> {
        self.memories.get(index as usize)
    }

    pub fn table(&self, index: u32) -> Option<&Table> {
        self.tables.get(index as usize)
    }

    /// The storage of global `index` (compiled code reads and writes it).
    pub fn global_ptr(&self, index: u32) -> Option<*mut VMGlobal> {
        self.globals.get(index as usize).map(UnsafeCell::get)
    }

    /// The current value of global `index`, as little-endian bits.
    pub fn global_bits(&self, index: u32) -> Option<u128> {
        // SAFETY: a plain read; instances are single-threaded.
        self.global_ptr(index).map(|g| u128::from_le_bytes(unsafe { (*g).bytes }))
    }

    /// The funcref of function `index` (what `ref.func index` yields).
    pub fn funcref(&self, index: u32) -> Option<*const VMFuncRef> {
        (index < self.offsets.counts.funcs)
            // SAFETY: inside the vmctx allocation.
            .then(|| unsafe { self.vmctx.as_ptr().add(self.offsets.funcref(index) as usize).cast_const().cast() })
    }

    /// The type index of function `index`.
    pub fn func_type_index(&self, index: u32) -> Option<u32> {
        match index.checked_sub(self.module.num_imported_funcs) {
            Some(defined) => slice(&self.module.funcs).get(defined as usize).map(|f| f.type_index),
            None => slice(&self.module.imports)
                .iter()
                .find(|i| i.kind == extern_kind::FUNC && i.index == index)
                .map(|i| i.type_index),
        }
    }

    /// Function `index`, callable through its funcref's code and vmctx.
    pub fn func(&self, index: u32) -> Option<Func> {
        let ty = slice(&self.module.types).get(self.func_type_index(index)? as usize)?;
        // SAFETY: `funcref` returns a pointer to an initialized VMFuncRef.
        let r = unsafe { &*self.funcref(index)? };
        Some(Func { index, ty, func_ptr: r.func_ptr, vmctx: r.vmctx })
    }

    /// The export called `name`.
    pub fn export(&self, name: &str) -> Option<&'static Export> {
        slice(&self.module.exports).iter().find(|e| str_of(&e.name) == name)
    }

    /// The exported function called `name`.
    pub fn exported_func(&self, name: &str) -> Option<Func> {
        self.export(name).filter(|e| e.kind == extern_kind::FUNC).and_then(|e| self.func(e.index))
    }

    /// Bytes of data segment `index`: empty once dropped.
    pub fn data_segment(&self, index: u32) -> Option<&'static [u8]> {
        let seg = slice(&self.module.data).get(index as usize)?;
        Some(if self.dropped_data[index as usize].get() { &[] } else { slice(&seg.bytes) })
    }

    /// `data.drop`.
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

    /// `elem.drop`.
    pub fn drop_elem(&self, index: u32) {
        if let Some(d) = self.dropped_elems.get(index as usize) {
            d.set(true);
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with the same layout; nothing runs on
        // this instance any more.
        unsafe { dealloc(self.vmctx.as_ptr(), vmctx_layout(&self.offsets)) };
    }
}
