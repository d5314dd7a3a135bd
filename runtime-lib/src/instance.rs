//! Instances: a module's VM context plus the memories, tables, globals,
//! tags and segment state it points to -- one type for the standalone
//! runtime and for linked modules (`kiln run`, `kiln wast`, embedders).
//!
//! Data flow: [`Instance::link`] checks the `ModuleInfo` against this
//! runtime's ABI and the given imports against the module
//! ([`crate::linker`]), creates the module's own memories, tables, globals
//! and tags, and fills the vmctx: header, imported functions (host
//! functions get the importer's own vmctx), pointer arrays, funcrefs and tag
//! identities. [`Instance::initialize`] then evaluates globals and applies
//! element and data segments in module order (a segment out of bounds is a
//! [`Trap`], but what earlier segments wrote into shared tables and
//! memories stays, as the spec requires). [`Instance::new`] does both for a
//! standalone module, whose only imports are functions bound by symbol.
//! Compiled code and the libcalls reach the instance through
//! `vmctx[INSTANCE]`, which is why instances are pinned; all state they
//! mutate is behind cells.

use crate::constexpr::{self, ConstEnv};
use crate::error::InstantiateError;
pub use crate::func::Func;
use crate::limits::InstanceLimits;
use crate::linker::{
    resolve_imports, Extern, FuncRef, GlobalCell, LinkError, SharedGlobal, SharedMemory, SharedTable, SharedTag,
    TagIdentity,
};
use crate::memory::Memory;
use crate::table::{Table, MAX_TABLE_ELEMENTS};
use crate::trap::Trap;
use crate::wasi::WasiCtx;
use crate::{sys, trap, types};
use alloc::alloc::{alloc_zeroed, dealloc, handle_alloc_error, Layout};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::{Cell, OnceCell};
use core::marker::PhantomPinned;
use core::pin::Pin;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicU32, Ordering};
use kiln_abi::{
    extern_kind, limits_flags, segment_mode, ConstExpr, Export, ModuleInfo, TrapKind, VMContext, VMFuncImport,
    VMFuncRef, VMGlobal, VMOffsets, ABI_VERSION, MODULE_MAGIC,
};

/// An instantiated module.
pub struct Instance {
    module: &'static ModuleInfo,
    offsets: VMOffsets,
    type_ids: Box<[u32]>,
    memories: Box<[SharedMemory]>,
    tables: Box<[SharedTable]>,
    globals: Box<[SharedGlobal]>,
    tags: Box<[SharedTag]>,
    /// Values of passive element segments, once initialization evaluated them.
    elem_values: OnceCell<Box<[Box<[usize]>]>>,
    dropped_elems: Box<[Cell<bool>]>,
    dropped_data: Box<[Cell<bool>]>,
    /// The WASI context its host functions use; unset: the process default.
    wasi: OnceCell<Arc<WasiCtx>>,
    /// The instance's own interruption word, which `vmctx[INTERRUPT]`
    /// points to after [`Instance::use_own_interrupt`] (else the process's
    /// timeout word).
    interrupt: AtomicU32,
    /// Declared last so it is freed last: private globals' cells point
    /// into it.
    vmctx: VmctxAlloc,
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

/// The zeroed VM context memory, freed on drop.
struct VmctxAlloc {
    ptr: NonNull<u8>,
    layout: Layout,
}

impl VmctxAlloc {
    fn new(offsets: &VMOffsets) -> VmctxAlloc {
        let layout = Layout::from_size_align(offsets.size as usize, 16).unwrap_or(Layout::new::<[u128; 2]>());
        // SAFETY: the layout has a non-zero size (at least the header).
        let ptr = NonNull::new(unsafe { alloc_zeroed(layout) }).unwrap_or_else(|| handle_alloc_error(layout));
        VmctxAlloc { ptr, layout }
    }

    fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }
}

impl Drop for VmctxAlloc {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout; the owner drops
        // instances only when no code or table can reach them any more.
        unsafe { dealloc(self.ptr.as_ptr(), self.layout) };
    }
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
    // Code built for a newer CPU would die on its first such instruction.
    let mut cpu = crate::sys::cpu::Cpu::default();
    for feature in str_of(&module.cpu_features).split(',').filter(|f| !f.is_empty()) {
        if cpu.has(feature) == Some(false) {
            return Err(InstantiateError::MissingCpuFeature { module: name, feature });
        }
    }
    let ntypes = module.types.len;
    let mut prev_end = 0usize;
    for (i, f) in slice(&module.funcs).iter().enumerate() {
        let malformed = |what| InstantiateError::Malformed { module: name, what, index: i as u32 };
        if f.type_index as usize >= ntypes || f.traps_start as usize + f.traps_len as usize > module.traps.len {
            return Err(malformed("bad function entry"));
        }
        // Trap and backtrace lookups binary-search functions by address.
        if (f.ptr as usize) < prev_end {
            return Err(malformed("functions are not in ascending address order"));
        }
        prev_end = f.ptr as usize + f.code_len as usize;
    }
    if module.start_func != u32::MAX && module.start_func >= offsets.counts.funcs {
        return Err(InstantiateError::Malformed { module: name, what: "start function out of range", index: 0 });
    }
    Ok(offsets)
}

/// The imports of a standalone module: functions the object's symbols
/// bound (`Import::host_func`); anything else cannot be provided.
fn standalone_imports(module: &'static ModuleInfo) -> Result<Vec<Extern>, InstantiateError> {
    let name = str_of(&module.name);
    let types = slice(&module.types);
    let mut imports = Vec::with_capacity(module.imports.len);
    for (i, import) in slice(&module.imports).iter().enumerate() {
        let import_module = str_of(&import.module);
        let import_name = str_of(&import.name);
        let kind = match import.kind {
            extern_kind::FUNC => {
                let ty = types.get(import.type_index as usize).ok_or(InstantiateError::Malformed {
                    module: name,
                    what: "function import type out of range",
                    index: i as u32,
                })?;
                if import.host_func.is_null() {
                    return Err(InstantiateError::UnresolvedImport {
                        module: name,
                        import_module,
                        name: import_name,
                        index: import.index,
                    });
                }
                // A null vmctx: host functions get the importer's own.
                let func = FuncRef { func_ptr: import.host_func, vmctx: core::ptr::null_mut(), ty };
                imports.push(Extern::Func(func));
                continue;
            }
            extern_kind::MEMORY => "memory",
            extern_kind::TABLE => "table",
            extern_kind::GLOBAL => "global",
            extern_kind::TAG => "tag",
            _ => "thing of unknown kind",
        };
        return Err(InstantiateError::UnsupportedImport {
            module: name,
            import_module,
            name: import_name,
            kind,
            index: i as u32,
        });
    }
    Ok(imports)
}

/// The const-expression environment during initialization: globals below
/// `ready` hold their values.
struct InitEnv<'a> {
    instance: &'a Instance,
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

impl Instance {
    /// Instantiates a standalone module (imports bound by symbol) up to,
    /// not including, its start function (see [`Instance::run_start`]). The
    /// stack limit is set for the calling thread. Traps do not need the
    /// handlers: segment bounds are checked.
    pub fn new(module: &'static ModuleInfo) -> Result<Pin<Box<Instance>>, InstantiateError> {
        Instance::new_limited(module, None)
    }

    /// [`Instance::new`] with limits of its own (`None`: the process's).
    pub fn new_limited(
        module: &'static ModuleInfo,
        limits: Option<&InstanceLimits>,
    ) -> Result<Pin<Box<Instance>>, InstantiateError> {
        check_header(module)?;
        let imports = standalone_imports(module)?;
        let instance = Instance::link_limited(module, &imports, limits).map_err(|e| match e {
            LinkError::Instantiate(e) => e,
            // The imports were made from the module's own declarations.
            _ => InstantiateError::Malformed {
                module: str_of(&module.name),
                what: "standalone imports do not match the module",
                index: 0,
            },
        })?;
        instance.initialize()?;
        Ok(instance)
    }

    /// Links `module` against `imports` (in the module's import order) and
    /// creates its own memories, tables and globals. Nothing is initialized
    /// yet: call [`Instance::initialize`], then
    /// [`Instance::run_start`]. The stack limit is set for the calling
    /// thread.
    pub fn link(module: &'static ModuleInfo, imports: &[Extern]) -> Result<Pin<Box<Instance>>, LinkError> {
        Instance::link_limited(module, imports, None)
    }

    /// [`Instance::link`] with limits of its own (`None`: the process's):
    /// its memories' `--max-memory` and its fuel.
    pub fn link_limited(
        module: &'static ModuleInfo,
        imports: &[Extern],
        own: Option<&InstanceLimits>,
    ) -> Result<Pin<Box<Instance>>, LinkError> {
        let offsets = check_header(module)?;
        let resolved = resolve_imports(module, imports)?;
        let name = str_of(&module.name);
        crate::limits::check_module(module, name)?;
        if own.is_some_and(|l| l.fuel.is_some()) && module.checks & kiln_abi::checks::FUEL == 0 {
            let e = InstantiateError::NotCompiledFor { module: name, limit: "--fuel", flag: "--fuel-metering" };
            return Err(e.into());
        }

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
            memories.push(crate::memory::instantiate(name, index, decl, own)?);
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
            if let Some(limit) = crate::limits::max_table_elements().filter(|&l| decl.min > l) {
                return Err(InstantiateError::TableLimit { module: name, index, elements: decl.min, limit }.into());
            }
            let too_large =
                InstantiateError::TableTooLarge { module: name, index, elements: decl.min, limit: MAX_TABLE_ELEMENTS };
            let table = Table::new(decl.min, max).ok_or(too_large)?;
            let ref_type = slice(&decl.ref_type);
            let flags = decl.flags & limits_flags::MEMORY64;
            tables.push(SharedTable { table: Rc::new(table), elem_type: decl.elem_type, ref_type, max, flags });
        }

        // Private globals live in the vmctx, so it exists before them.
        let vmctx = VmctxAlloc::new(&offsets);
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
                let cell = if decl.in_vmctx != 0 {
                    let slot = offsets.global_slot(i as u32) as usize;
                    // SAFETY: the slot is inside the vmctx allocation,
                    // 16-aligned (VMOffsets); the instance owns both the
                    // vmctx and this cell, which it never exports.
                    unsafe { GlobalCell::in_slot(NonNull::new_unchecked(vmctx.as_ptr().add(slot).cast())) }
                } else {
                    GlobalCell::default()
                };
                globals.push(SharedGlobal {
                    cell: Rc::new(cell),
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
                tags.push(SharedTag { identity: Rc::new(TagIdentity { module, decl }), ty });
            }
        }

        let instance = Box::pin(Instance {
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
            wasi: OnceCell::new(),
            interrupt: AtomicU32::new(0),
            _pinned: PhantomPinned,
        });
        instance.fill_vmctx(&resolved.funcs, own.map_or_else(crate::limits::initial_fuel, |l| l.initial_fuel()));
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

    fn fill_vmctx(&self, funcs: &[(*const u8, *mut VMContext, u32, *const u8)], fuel: i64) {
        let o = &self.offsets;
        let own = self.vmctx();
        // SAFETY: offsets (of all the writes below) come from this module's
        // VMOffsets and each write has its field's type.
        unsafe {
            self.write_vmctx(VMOffsets::INSTANCE, self as *const Instance as usize);
            self.write_vmctx(VMOffsets::TYPE_IDS, self.type_ids.as_ptr());
            self.write_vmctx(VMOffsets::INTERRUPT, crate::limits::interrupt_word());
            self.write_vmctx(VMOffsets::FUEL, fuel);
            for (index, &(func_ptr, vmctx, type_id, adapter)) in funcs.iter().enumerate() {
                // A host function is called through the importer's adapter
                // (hand-made tables without one call it directly).
                let import = match (vmctx.is_null(), adapter.is_null()) {
                    (false, _) => VMFuncImport { func_ptr, vmctx, host_func: core::ptr::null() },
                    (true, false) => VMFuncImport { func_ptr: adapter, vmctx: own, host_func: func_ptr },
                    (true, true) => VMFuncImport { func_ptr, vmctx: own, host_func: func_ptr },
                };
                let funcref = VMFuncRef { func_ptr: import.func_ptr, type_id, _pad: 0, vmctx: import.vmctx };
                self.write_vmctx(o.imported_func(index as u32), import);
                self.write_vmctx(o.funcref(index as u32), funcref);
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
        InstantiateError::Trap(Trap { kind, module: self.module, func_index: None, wasm_offset: None, tag: None })
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
            let offset = self.eval(&seg.offset, nglobals, "data segment offset", index)?;
            // An i64.const for a 64-bit memory, else i32.
            let offset = if memory.ty().memory64 { offset as u64 } else { u64::from(offset as u32) };
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
            // SAFETY: validation gives the start function type [] -> [], so
            // it needs no value slots; the caller guarantees the rest.
            unsafe { f.call_nullary() };
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

    /// The WASI context of this instance's host function calls: its own
    /// if [`Instance::set_wasi`] gave it one, else the process default.
    pub fn wasi(&self) -> &WasiCtx {
        self.wasi.get().map_or(crate::wasi::default_ctx(), |cx| cx)
    }

    /// Gives the instance its own WASI context (arguments, environment,
    /// descriptors), before it runs any code; false if it already has one.
    pub fn set_wasi(&self, cx: Arc<WasiCtx>) -> bool {
        self.wasi.set(cx).is_ok()
    }

    /// Makes compiled code test this instance's own interruption word
    /// (which [`Instance::interrupt`] sets) instead of the process's
    /// `--timeout` word. Call it before the instance runs.
    pub fn use_own_interrupt(&self) {
        // SAFETY: INTERRUPT is a pointer-sized field of every vmctx layout;
        // the word lives as long as the instance, which is pinned.
        unsafe { self.write_vmctx(VMOffsets::INTERRUPT, self.interrupt.as_ptr().cast_const()) };
    }

    /// Requests that the instance stop, from any thread: code compiled with
    /// `--interruptible` traps with `interrupted` at its next function
    /// entry or loop header, and keeps doing so. False when that code has
    /// no such checks or the instance tests the process's word
    /// ([`Instance::use_own_interrupt`] was not called): nothing happens.
    pub fn interrupt(&self) -> bool {
        self.interrupt.store(1, Ordering::Release);
        let own = self.interrupt.as_ptr().cast_const();
        // SAFETY: INTERRUPT is a pointer-sized field of every vmctx layout.
        let word = unsafe { self.vmctx.as_ptr().add(VMOffsets::INTERRUPT as usize).cast::<*const u32>().read() };
        self.module.checks & kiln_abi::checks::INTERRUPT != 0 && core::ptr::eq(word, own)
    }

    pub fn offsets(&self) -> &VMOffsets {
        &self.offsets
    }

    pub fn stack_limit(&self) -> usize {
        // SAFETY: field 0 of every vmctx is the stack limit word.
        unsafe { self.vmctx.as_ptr().cast::<usize>().read() }
    }

    /// The storage of global `index` (compiled code reads and writes it).
    pub fn global_ptr(&self, index: u32) -> Option<*mut VMGlobal> {
        self.globals.get(index as usize).map(|g| g.cell.vm_ptr())
    }

    /// The current value of global `index`, as little-endian bits.
    pub fn global_bits(&self, index: u32) -> Option<u128> {
        self.globals.get(index as usize).map(|g| g.cell.get())
    }

    pub fn module(&self) -> &'static ModuleInfo {
        self.module
    }

    pub fn vmctx(&self) -> *mut VMContext {
        self.vmctx.as_ptr().cast()
    }

    /// Sets the lowest SP wasm code may use (see [`sys::stack`]); at least
    /// `2 * kiln_abi::LEAF_FRAME_MAX` bytes of stack must stay usable below it.
    pub fn set_stack_limit(&self, limit: usize) {
        // SAFETY: field 0 of every vmctx is the stack limit word.
        unsafe { self.write_vmctx(VMOffsets::STACK_LIMIT, limit) }
    }

    pub fn memory(&self, index: u32) -> Option<&Memory> {
        self.memories.get(index as usize).map(|m| &*m.memory)
    }

    /// Table `index`. Only exported (or imported) tables may be changed
    /// through it: `call_indirect` through a table the module neither
    /// exports nor writes reads a copy the compiler made of its initial
    /// contents (see the compiler's `static_tables`), as the wasm spec
    /// allows, since nothing outside the module can reach such a table.
    pub fn table(&self, index: u32) -> Option<&Table> {
        self.tables.get(index as usize).map(|t| &*t.table)
    }

    /// Tag `index` (imported ones first).
    pub fn tag(&self, index: u32) -> Option<&SharedTag> {
        self.tags.get(index as usize)
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
        // SAFETY: `funcref` points to an initialized VMFuncRef.
        let r = unsafe { &*self.funcref(index)? };
        Some(Func { index, ty, func_ptr: r.func_ptr, vmctx: r.vmctx })
    }

    /// The declaration of the export called `name`.
    pub fn export_decl(&self, name: &str) -> Option<&'static Export> {
        slice(&self.module.exports).iter().find(|e| str_of(&e.name) == name)
    }

    /// The exported function called `name`.
    pub fn exported_func(&self, name: &str) -> Option<Func> {
        self.export_decl(name).filter(|e| e.kind == extern_kind::FUNC).and_then(|e| self.func(e.index))
    }

    /// The export called `name`, as another instance would import it.
    pub fn export(&self, name: &str) -> Option<Extern> {
        let export = self.export_decl(name)?;
        let i = export.index as usize;
        Some(match export.kind {
            extern_kind::FUNC => {
                let f = self.func(export.index)?;
                Extern::Func(FuncRef { func_ptr: f.func_ptr, vmctx: f.vmctx, ty: f.ty })
            }
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
