//! Calls and tail calls. Every callee takes its own instance's vmctx
//! first: a defined function gets ours (direct call), an imported one the
//! vmctx stored beside its code pointer in our VM context, and a function
//! reference the one in its `VMFuncRef`. All of them use the wasm calling
//! convention (`crate::trampolines::wasm_call_conv`), which the `return_call`
//! family needs; inside a `try_table` a call is a `try_call`
//! ([`super::exceptions`]).

use super::env::Access;
use super::exceptions::Callee;
use super::FuncCx;
use cranelift_codegen::ir::{self, condcodes::IntCC, InstBuilder, Value};
use kiln_abi::{TrapKind, VMOffsets};

impl FuncCx<'_, '_> {
    fn num_params(&self, type_index: u32) -> usize {
        self.env.types[type_index as usize].as_ref().map_or(0, |t| t.params().len())
    }

    /// `call` (`tail`: `return_call`).
    pub(super) fn op_call(&mut self, func_index: u32, tail: bool) {
        let type_index = self.env.func_types[func_index as usize];
        let n = self.num_params(type_index);
        let sig = self.sig_ref(type_index);
        let may_throw = self.env.may_throw(func_index);
        let callee = if func_index < self.env.num_imported_funcs {
            let import = self.offsets.imported_func(func_index);
            let code = self.vmctx_load(import + VMOffsets::FUNC_IMPORT_FUNC_PTR);
            let callee_vmctx = self.vmctx_load(import + VMOffsets::FUNC_IMPORT_VMCTX);
            self.pop_into_call_args(callee_vmctx, n);
            Callee::Indirect(code)
        } else {
            let callee = self.func_ref(func_index);
            self.pop_into_call_args(self.vmctx, n);
            Callee::Direct(callee)
        };
        self.finish_call(callee, sig, tail, may_throw);
    }

    /// Makes the call `call_args` describes: a tail call, or a call whose
    /// results go on the operand stack (`may_throw`: whether the callee may
    /// throw, so enclosing handlers need a `try_call`).
    fn finish_call(&mut self, callee: Callee, sig: ir::SigRef, tail: bool, may_throw: bool) {
        self.fuel_store();
        if tail {
            match callee {
                Callee::Direct(f) => self.builder.ins().return_call(f, &self.call_args),
                Callee::Indirect(code) => self.builder.ins().return_call_indirect(sig, code, &self.call_args),
            };
            self.reachable = false;
            return;
        }
        let results = self.emit_call(callee, sig, may_throw);
        self.fuel_reload();
        self.stack.extend_from_slice(&results);
    }

    /// `call_indirect`: bounds check, null check and signature check (the
    /// callee's canonical type id against ours for `type_index`), then a call
    /// through the `VMFuncRef`. The null check is the type-id load itself:
    /// a null element makes it fault on the unmapped null page.
    pub(super) fn op_call_indirect(&mut self, type_index: u32, table: u32, tail: bool) {
        if self.env.static_tables.get(table as usize).is_some_and(Option::is_some) {
            return self.call_indirect_static(type_index, table, tail);
        }
        let index = self.pop();
        let addr = self.indirect_elem_addr(table, index);
        let ptr = self.ptr_type();
        let funcref = self.load(ptr, Access::TableElem, addr, 0);
        let actual = self.load(ir::types::I32, Access::FuncRefTypeId, funcref, VMOffsets::FUNCREF_TYPE_ID);
        let type_ids = self.vmctx_load(VMOffsets::TYPE_IDS);
        let expected = self.load(ir::types::I32, Access::VmConst, type_ids, type_index * 4);
        let mismatch = self.builder.ins().icmp(IntCC::NotEqual, actual, expected);
        self.trapnz(mismatch, TrapKind::IndirectCallTypeMismatch);
        self.call_funcref(funcref, type_index, tail);
    }

    /// The address of element `index` of `table` for `call_indirect`. A
    /// table whose minimum equals its maximum never changes size (an
    /// imported one too: import matching bounds its size by both), so its
    /// length is that constant and its base, which only a resize moves, is
    /// fixed for the instance's life: the check compares with an immediate
    /// and the base load can leave loops. (C toolchains emit such tables.)
    fn indirect_elem_addr(&mut self, table: u32, index: Value) -> Value {
        let ty = self.env.tables[table as usize].ty;
        if ty.maximum != Some(ty.initial) {
            return self.table_elem_addr(table, index, TrapKind::UndefinedElement);
        }
        let index = self.extend_u64(index);
        let oob = self.builder.ins().icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, index, ty.initial as i64);
        self.trapnz(oob, TrapKind::UndefinedElement);
        let record = self.vmctx_load(self.offsets.table(table));
        let ptr = self.ptr_type();
        let base = self.load(ptr, Access::VmConst, record, VMOffsets::VMTABLE_BASE);
        let scaled = self.builder.ins().ishl_imm_u(index, i64::from(VMOffsets::PTR_SIZE.trailing_zeros()));
        self.builder.ins().iadd(base, scaled)
    }

    /// `call_indirect` through a table whose contents are known at compile
    /// time ([`crate::static_tables`]): one bounds check against a
    /// constant, one compare of the slot's type class with a constant, and
    /// a call through the slot's code pointer with our own vmctx (every
    /// slot holds a function of this module). A null slot's class never
    /// matches, so null and mismatch share the hot path's one branch, and
    /// a cold block tells them apart.
    fn call_indirect_static(&mut self, type_index: u32, table: u32, tail: bool) {
        let len = self.env.tables[table as usize].ty.initial;
        let index = self.pop();
        let index = self.extend_u64(index);
        let oob = self.builder.ins().icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, index, len as i64);
        self.trapnz(oob, TrapKind::UndefinedElement);
        let ptr = self.ptr_type();
        let slot_shift = i64::from(crate::static_tables::SLOT_SIZE.trailing_zeros());
        let scaled = self.builder.ins().ishl_imm_u(index, slot_shift);
        let base = self.static_table_base(table);
        let slot = self.builder.ins().iadd(base, scaled);
        let class = self.load(ir::types::I32, Access::StaticTable, slot, crate::static_tables::SLOT_CLASS);
        let expected = crate::static_tables::type_class(self.env, type_index);
        let mismatch = self.builder.ins().icmp_imm_u(IntCC::NotEqual, class, i64::from(expected));
        let (bad, good) = (self.builder.create_block(), self.builder.create_block());
        self.builder.ins().brif(mismatch, bad, &[], good, &[]);
        self.builder.set_cold_block(bad);
        self.builder.seal_block(bad);
        self.builder.switch_to_block(bad);
        let null = self.builder.ins().icmp_imm_u(IntCC::Equal, class, i64::from(crate::static_tables::NULL_CLASS));
        self.trapnz(null, TrapKind::UninitializedElement);
        self.trap(TrapKind::IndirectCallTypeMismatch);
        self.builder.seal_block(good);
        self.builder.switch_to_block(good);
        let code = self.load(ptr, Access::StaticTable, slot, 0);
        let sig = self.sig_ref(type_index);
        let n = self.num_params(type_index);
        self.pop_into_call_args(self.vmctx, n);
        self.finish_call(Callee::Indirect(code), sig, tail, true);
    }

    /// `call_ref` (`tail`: `return_call_ref`): validation already proved
    /// the reference's type.
    pub(super) fn op_call_ref(&mut self, type_index: u32, non_null: bool, tail: bool) {
        let funcref = self.pop();
        if !non_null {
            self.trapz(funcref, TrapKind::NullFunctionReference);
        }
        self.call_funcref(funcref, type_index, tail);
    }

    /// Calls through a non-null `*const VMFuncRef`.
    fn call_funcref(&mut self, funcref: Value, type_index: u32, tail: bool) {
        let ptr = self.ptr_type();
        let code = self.load(ptr, Access::FuncRef, funcref, VMOffsets::FUNCREF_FUNC_PTR);
        let callee_vmctx = self.load(ptr, Access::FuncRef, funcref, VMOffsets::FUNCREF_VMCTX);
        let sig = self.sig_ref(type_index);
        let n = self.num_params(type_index);
        self.pop_into_call_args(callee_vmctx, n);
        self.finish_call(Callee::Indirect(code), sig, tail, true);
    }
}
