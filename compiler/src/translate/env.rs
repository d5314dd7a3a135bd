//! Access to the VM context and to things outside the function: memory
//! flags with alias regions, signatures, callee references and libcalls
//! (signatures from `kiln_abi::foreach_libcall!`),
//! each created once per function and cached.

use super::{FuncCx, NS_LIBCALL, NS_WASM_FUNC};
use cranelift_codegen::ir::{
    self, AliasRegion, AliasRegionData, Endianness, ExtFuncData, ExternalName, FuncRef, InstBuilder, MemFlagsData,
    SigRef, UserExternalName, Value,
};
use cranelift_codegen::isa::TargetIsa;
use kiln_abi::builtins::AbiType;
use kiln_abi::{Libcall, TrapKind};
use std::collections::HashMap;

/// Disjoint kinds of memory, so alias analysis knows that (say) a store to
/// linear memory cannot change a table's length.
#[derive(Clone, Copy)]
enum Region {
    /// Linear memories.
    Heap,
    /// Table elements.
    Table,
    /// Global values.
    Global,
    /// The VM context and the runtime records it points to.
    VmCtx,
}

impl Region {
    const ALL: usize = 4;

    fn name(self) -> &'static str {
        match self {
            Region::Heap => "heap",
            Region::Table => "table",
            Region::Global => "globals",
            Region::VmCtx => "vmctx",
        }
    }
}

/// The kinds of memory access compiled code makes.
#[derive(Clone, Copy)]
pub(crate) enum Access {
    /// A wasm load or store: may fault (caught by the guard pages and
    /// reported as out of bounds), little-endian, any alignment.
    Heap,
    /// A VM context field fixed for the instance's life (memory and table
    /// record pointers, memory bases, imported callees, type ids): may be
    /// hoisted and merged freely.
    VmConst,
    /// A field only the runtime changes, during a call (memory length,
    /// table base and length).
    VmVar,
    /// A field of a non-null `VMFuncRef`: immutable, but only valid where
    /// its null check dominates.
    FuncRef,
    /// The type id of a possibly null `VMFuncRef`: the load itself is the
    /// null check, since the null page is never mapped (it faults and the
    /// trap table reports an uninitialized element).
    FuncRefTypeId,
    /// A table element, after its bounds check.
    TableElem,
    /// An immutable global's value.
    GlobalConst,
    /// A mutable global's value.
    GlobalMut,
    /// A field of the object's read-only copy of a table
    /// ([`crate::static_tables`]), after its bounds check.
    StaticTable,
}

impl Access {
    const ALL: usize = 9;

    /// The flags of a linear-memory access outside any alias region (an
    /// atomic access, which orders every other).
    pub(super) fn heap_flags_unaliased() -> MemFlagsData {
        Access::Heap.flags().0
    }

    fn flags(self) -> (MemFlagsData, Region) {
        let trusted = MemFlagsData::trusted();
        match self {
            Access::Heap => (
                MemFlagsData::new()
                    .with_endianness(Endianness::Little)
                    .with_trap_code(Some(crate::traps::trap_code(TrapKind::MemoryOutOfBounds))),
                Region::Heap,
            ),
            Access::VmConst => (trusted.with_readonly().with_can_move(), Region::VmCtx),
            Access::VmVar => (trusted, Region::VmCtx),
            Access::FuncRef => (trusted.with_readonly(), Region::VmCtx),
            Access::FuncRefTypeId => (
                MemFlagsData::new()
                    .with_aligned()
                    .with_readonly()
                    .with_trap_code(Some(crate::traps::trap_code(TrapKind::UninitializedElement))),
                Region::VmCtx,
            ),
            Access::TableElem => (trusted, Region::Table),
            Access::GlobalConst => (trusted.with_readonly().with_can_move(), Region::Global),
            Access::GlobalMut => (trusted, Region::Global),
            Access::StaticTable => (trusted.with_readonly().with_can_move(), Region::Table),
        }
    }
}

/// The Cranelift type of a libcall parameter or result (`Ptr` is the
/// target's pointer type).
fn abi_type(ty: AbiType, ptr: ir::Type) -> ir::Type {
    match ty {
        AbiType::I32 => ir::types::I32,
        AbiType::I64 => ir::types::I64,
        AbiType::Ptr => ptr,
    }
}

/// The signature compiled code calls `libcall` with: the vmctx, then the
/// parameters `kiln_abi::foreach_libcall!` lists, in the target's C
/// calling convention.
pub(crate) fn libcall_signature(isa: &dyn TargetIsa, libcall: Libcall) -> ir::Signature {
    let ptr = isa.pointer_type();
    let mut sig = ir::Signature::new(isa.default_call_conv());
    sig.params.push(ir::AbiParam::new(ptr));
    sig.params.extend(libcall.params().iter().map(|&t| ir::AbiParam::new(abi_type(t, ptr))));
    sig.returns.extend(libcall.result().map(|t| ir::AbiParam::new(abi_type(t, ptr))));
    sig
}

/// Per-function caches of declarations; cleared between functions.
#[derive(Default)]
pub(crate) struct Caches {
    sigs: HashMap<u32, SigRef>,
    funcs: HashMap<u32, FuncRef>,
    libcalls: [Option<FuncRef>; Libcall::ALL.len()],
    regions: [Option<AliasRegion>; Region::ALL],
    flags: [Option<ir::MemFlags>; Access::ALL],
    static_tables: HashMap<u32, ir::GlobalValue>,
    throw_thunk: Option<(FuncRef, SigRef)>,
}

impl Caches {
    pub fn clear(&mut self) {
        self.sigs.clear();
        self.funcs.clear();
        self.libcalls = Default::default();
        self.regions = Default::default();
        self.flags = Default::default();
        self.static_tables.clear();
        self.throw_thunk = None;
    }
}

impl FuncCx<'_, '_> {
    pub fn ptr_type(&self) -> ir::Type {
        self.isa.pointer_type()
    }

    /// The memory flags for an access of kind `access`.
    pub(super) fn mem_flags(&mut self, access: Access) -> ir::MemFlags {
        if let Some(flags) = self.caches.flags[access as usize] {
            return flags;
        }
        let (data, region) = access.flags();
        let region = match self.caches.regions[region as usize] {
            Some(r) => r,
            None => {
                let data = AliasRegionData { user_id: region as u32 + 1, description: region.name().into() };
                let r = self.builder.func.dfg.alias_regions.insert(data);
                self.caches.regions[region as usize] = Some(r);
                r
            }
        };
        // At most `Access::ALL` flag sets exist per function.
        let flags = self.builder.func.dfg.mem_flags.insert_unchecked(data.with_alias_region(Some(region)));
        self.caches.flags[access as usize] = Some(flags);
        flags
    }

    /// Loads a `ty` from `addr + offset`.
    pub fn load(&mut self, ty: ir::Type, access: Access, addr: Value, offset: u32) -> Value {
        self.load_op(ir::Opcode::Load, ty, access, addr, offset as i32)
    }

    /// A load of any width (`load`, `uload8`, `sload16`, ...).
    pub fn load_op(&mut self, opcode: ir::Opcode, ty: ir::Type, access: Access, addr: Value, offset: i32) -> Value {
        let flags = self.mem_flags(access);
        let (inst, dfg) = self.builder.ins().Load(opcode, ty, flags, offset.into(), addr);
        dfg.first_result(inst)
    }

    /// A store of any width (`store`, `istore8`, ...) of `value` to `addr + offset`.
    pub fn store_op(&mut self, opcode: ir::Opcode, access: Access, value: Value, addr: Value, offset: i32) {
        let flags = self.mem_flags(access);
        let ty = self.builder.func.dfg.value_type(value);
        self.builder.ins().Store(opcode, ty, flags, offset.into(), value, addr);
    }

    /// Loads a pointer-sized field of the VM context that never changes.
    pub fn vmctx_load(&mut self, offset: u32) -> Value {
        let ptr = self.ptr_type();
        self.load(ptr, Access::VmConst, self.vmctx, offset)
    }

    /// The address of the object's read-only copy of table `table`
    /// ([`crate::static_tables`]), a symbol in namespace
    /// [`super::NS_STATIC_TABLE`].
    pub fn static_table_base(&mut self, table: u32) -> Value {
        let gv = match self.caches.static_tables.get(&table) {
            Some(&gv) => gv,
            None => {
                let name = self
                    .builder
                    .func
                    .declare_imported_user_function(UserExternalName::new(super::NS_STATIC_TABLE, table));
                let gv = self.builder.create_global_value(ir::GlobalValueData::Symbol {
                    name: ExternalName::User(name),
                    offset: ir::immediates::Imm64::new(0),
                    colocated: true,
                    tls: false,
                });
                self.caches.static_tables.insert(table, gv);
                gv
            }
        };
        let ptr = self.ptr_type();
        self.builder.ins().symbol_value(ptr, gv)
    }

    /// The signature of wasm function type `type_index`.
    pub fn sig_ref(&mut self, type_index: u32) -> SigRef {
        if let Some(&sig) = self.caches.sigs.get(&type_index) {
            return sig;
        }
        let ty = self.env.types[type_index as usize].as_ref().expect("validated: a function type");
        let sig = self.builder.import_signature(super::wasm_signature(self.isa, ty));
        self.caches.sigs.insert(type_index, sig);
        sig
    }

    /// A direct-call reference to defined function `func_index`.
    pub fn func_ref(&mut self, func_index: u32) -> FuncRef {
        if let Some(&f) = self.caches.funcs.get(&func_index) {
            return f;
        }
        let signature = self.sig_ref(self.env.func_types[func_index as usize]);
        let name = self.builder.func.declare_imported_user_function(UserExternalName::new(NS_WASM_FUNC, func_index));
        // Defined functions live in the same object.
        let data = ExtFuncData { name: ExternalName::User(name), signature, colocated: true, patchable: false };
        let f = self.builder.import_function(data);
        self.caches.funcs.insert(func_index, f);
        f
    }

    /// The module's throw thunk (`crate::trampolines::throw_thunk`) and its
    /// signature.
    pub fn throw_thunk(&mut self) -> (FuncRef, SigRef) {
        if let Some(t) = self.caches.throw_thunk {
            return t;
        }
        let signature = self.builder.import_signature(crate::trampolines::throw_thunk_signature(self.isa));
        let name = UserExternalName::new(crate::trampolines::NS_THROW, 0);
        let name = self.builder.func.declare_imported_user_function(name);
        let data = ExtFuncData { name: ExternalName::User(name), signature, colocated: true, patchable: false };
        let f = self.builder.import_function(data);
        self.caches.throw_thunk = Some((f, signature));
        (f, signature)
    }

    /// Calls runtime function `libcall` with vmctx and `args`; returns its
    /// result, if it has one.
    pub fn call_libcall(&mut self, libcall: Libcall, args: &[Value]) -> Option<Value> {
        let func = match self.caches.libcalls[libcall as usize] {
            Some(f) => f,
            None => {
                let signature = self.builder.import_signature(libcall_signature(self.isa, libcall));
                let name = UserExternalName::new(NS_LIBCALL, libcall as u32);
                let name = self.builder.func.declare_imported_user_function(name);
                // The runtime is linked in from another object.
                let data =
                    ExtFuncData { name: ExternalName::User(name), signature, colocated: false, patchable: false };
                let f = self.builder.import_function(data);
                self.caches.libcalls[libcall as usize] = Some(f);
                f
            }
        };
        self.call_args.clear();
        self.call_args.push(self.vmctx);
        self.call_args.extend_from_slice(args);
        let call = self.builder.ins().call(func, &self.call_args);
        self.builder.inst_results(call).first().copied()
    }

    /// Calls a bulk-operation libcall, trapping with `kind` when it reports failure.
    pub fn call_checked_libcall(&mut self, libcall: Libcall, args: &[Value], kind: TrapKind) {
        if let Some(status) = self.call_libcall(libcall, args) {
            self.trapnz(status, kind);
        }
    }

    /// An `i32` constant.
    pub fn i32_const(&mut self, v: u32) -> Value {
        self.builder.ins().iconst(ir::types::I32, i64::from(v))
    }

    /// Zero-extends a wasm `i32` to 64 bits.
    pub fn extend_u64(&mut self, v: Value) -> Value {
        // Indexes of 64-bit tables already are.
        if self.builder.func.dfg.value_type(v) == ir::types::I64 {
            return v;
        }
        self.builder.ins().uextend(ir::types::I64, v)
    }
}
