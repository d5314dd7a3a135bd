//! Tables. A `VMTable`'s base and length change when the table grows, so
//! they are reloaded at each access (alias analysis still merges repeated
//! loads between calls). `table.get`/`set` check bounds inline; the bulk
//! operations are runtime libcalls.

use super::env::Access;
use super::FuncCx;
use cranelift_codegen::ir::{self, condcodes::IntCC, InstBuilder, Value};
use kiln_abi::Libcall;
use kiln_abi::{TrapKind, VMOffsets};

impl FuncCx<'_, '_> {
    /// The `VMTable` record of table `table`.
    fn table_record(&mut self, table: u32) -> Value {
        self.vmctx_load(self.offsets.table(table))
    }

    /// Whether `table` is indexed by `i64` (memory64's 64-bit tables).
    fn table64(&self, table: u32) -> bool {
        self.env.tables.get(table as usize).is_some_and(|t| t.ty.table64)
    }

    /// The address of element `index` (a wasm `i32`, or `i64` for 64-bit
    /// tables) of `table`, trapping
    /// with `oob` when it is out of bounds.
    pub(super) fn table_elem_addr(&mut self, table: u32, index: Value, oob: TrapKind) -> Value {
        let record = self.table_record(table);
        let index = self.extend_u64(index);
        let len = self.load(ir::types::I64, Access::VmVar, record, VMOffsets::VMTABLE_LENGTH);
        let out_of_bounds = self.builder.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, index, len);
        self.trapnz(out_of_bounds, oob);
        let ptr = self.ptr_type();
        let base = self.load(ptr, Access::VmVar, record, VMOffsets::VMTABLE_BASE);
        let scaled = self.builder.ins().ishl_imm_u(index, i64::from(VMOffsets::PTR_SIZE.trailing_zeros()));
        self.builder.ins().iadd(base, scaled)
    }

    pub(super) fn op_table_get(&mut self, table: u32) {
        let index = self.pop();
        let addr = self.table_elem_addr(table, index, TrapKind::TableOutOfBounds);
        let ptr = self.ptr_type();
        let v = self.load(ptr, Access::TableElem, addr, 0);
        self.stack.push(v);
    }

    pub(super) fn op_table_set(&mut self, table: u32) {
        let value = self.pop();
        let index = self.pop();
        let addr = self.table_elem_addr(table, index, TrapKind::TableOutOfBounds);
        self.store_op(ir::Opcode::Store, Access::TableElem, value, addr, 0);
    }

    pub(super) fn op_table_size(&mut self, table: u32) {
        let record = self.table_record(table);
        let len = self.load(ir::types::I64, Access::VmVar, record, VMOffsets::VMTABLE_LENGTH);
        let len = if self.table64(table) { len } else { self.builder.ins().ireduce(ir::types::I32, len) };
        self.stack.push(len);
    }

    pub(super) fn op_table_grow(&mut self, table: u32) {
        let delta = self.pop();
        let init = self.pop();
        let delta = self.extend_u64(delta);
        let table64 = self.table64(table);
        let table = self.i32_const(table);
        let old = self.call_libcall(Libcall::TableGrow, &[table, init, delta]).expect("table.grow returns a value");
        // -1 (failure) truncates to the wasm result -1.
        let old = if table64 { old } else { self.builder.ins().ireduce(ir::types::I32, old) };
        self.stack.push(old);
    }

    pub(super) fn op_table_fill(&mut self, table: u32) {
        let len = self.pop();
        let val = self.pop();
        let dst = self.pop();
        let (dst, len) = (self.extend_u64(dst), self.extend_u64(len));
        let table = self.i32_const(table);
        self.call_checked_libcall(Libcall::TableFill, &[table, dst, val, len], TrapKind::TableOutOfBounds);
    }

    pub(super) fn op_table_copy(&mut self, dst_table: u32, src_table: u32) {
        let len = self.pop();
        let src = self.pop();
        let dst = self.pop();
        let (dst, src, len) = (self.extend_u64(dst), self.extend_u64(src), self.extend_u64(len));
        let (dst_table, src_table) = (self.i32_const(dst_table), self.i32_const(src_table));
        let args = [dst_table, src_table, dst, src, len];
        self.call_checked_libcall(Libcall::TableCopy, &args, TrapKind::TableOutOfBounds);
    }

    pub(super) fn op_table_init(&mut self, elem_index: u32, table: u32) {
        let len = self.pop();
        let src = self.pop();
        let dst = self.pop();
        let dst = self.extend_u64(dst);
        let (table, elem) = (self.i32_const(table), self.i32_const(elem_index));
        self.call_checked_libcall(Libcall::TableInit, &[table, elem, dst, src, len], TrapKind::TableOutOfBounds);
    }

    pub(super) fn op_elem_drop(&mut self, elem_index: u32) {
        let elem = self.i32_const(elem_index);
        self.call_libcall(Libcall::ElemDrop, &[elem]);
    }
}
