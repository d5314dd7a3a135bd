//! Linear memory and globals.
//!
//! Every 32-bit memory is a fixed reservation of `MEMORY_RESERVATION` bytes
//! whose inaccessible tail catches any out-of-bounds access, so an access is
//! just `base + zext(index) + offset` with no bounds check: the faulting
//! instruction carries the out-of-bounds trap code in the trap table. The
//! base never moves, so its loads are marked movable and Cranelift hoists
//! and merges them. Bulk operations are runtime libcalls.

use super::env::{Access, Libcall};
use super::FuncCx;
use crate::error::{CompileError, Result};
use cranelift_codegen::ir::{self, InstBuilder, Value};
use kiln_abi::{TrapKind, VMOffsets};
use wasmparser::{MemArg, MemArgTarget};

impl FuncCx<'_, '_> {
    /// The `VMMemory` record of memory `mem`.
    fn memory_record(&mut self, mem: u32) -> Value {
        self.vmctx_load(self.offsets.memory(mem))
    }

    /// Pops the index operand and computes the accessed address, returning
    /// it with the static offset left for the instruction's immediate.
    fn heap_addr(&mut self, memarg: &MemArg, offset: u64) -> Result<(Value, i32)> {
        let MemArgTarget::Memory(mem) = memarg.target else {
            return Err(CompileError::unsupported("gc: array access through a memory instruction", offset));
        };
        let index = self.pop();
        let record = self.memory_record(mem);
        let ptr = self.ptr_type();
        let base = self.load(ptr, Access::VmConst, record, VMOffsets::VMMEMORY_BASE);
        let index = self.extend_u64(index);
        let addr = self.builder.ins().iadd(base, index);
        // Validation bounds 32-bit memory offsets by u32::MAX.
        Ok(match i32::try_from(memarg.offset) {
            Ok(imm) => (addr, imm),
            Err(_) => (self.builder.ins().iadd_imm_u(addr, memarg.offset as i64), 0),
        })
    }

    /// A load of any width: `opcode` is `load`, `uload8`, `sload16`, ...
    pub(super) fn op_load(&mut self, memarg: &MemArg, opcode: ir::Opcode, ty: ir::Type, offset: u64) -> Result<()> {
        let (addr, imm) = self.heap_addr(memarg, offset)?;
        let v = self.load_op(opcode, ty, Access::Heap, addr, imm);
        self.stack.push(v);
        Ok(())
    }

    /// A store of any width: `opcode` is `store`, `istore8`, ...
    pub(super) fn op_store(&mut self, memarg: &MemArg, opcode: ir::Opcode, offset: u64) -> Result<()> {
        let value = self.pop();
        let (addr, imm) = self.heap_addr(memarg, offset)?;
        self.store_op(opcode, Access::Heap, value, addr, imm);
        Ok(())
    }

    pub(super) fn op_memory_size(&mut self, mem: u32) {
        let record = self.memory_record(mem);
        let bytes = self.load(ir::types::I64, Access::VmVar, record, VMOffsets::VMMEMORY_LENGTH);
        let pages = self.builder.ins().ushr_imm_u(bytes, kiln_abi::WASM_PAGE_SIZE.trailing_zeros() as i64);
        let pages = self.builder.ins().ireduce(ir::types::I32, pages);
        self.stack.push(pages);
    }

    pub(super) fn op_memory_grow(&mut self, mem: u32) {
        let delta = self.pop();
        let delta = self.extend_u64(delta);
        let mem = self.i32_const(mem);
        let old = self.call_libcall(Libcall::MemoryGrow, &[mem, delta]).expect("memory.grow returns a value");
        // -1 (failure) truncates to the wasm result -1.
        let old = self.builder.ins().ireduce(ir::types::I32, old);
        self.stack.push(old);
    }

    pub(super) fn op_memory_fill(&mut self, mem: u32) {
        let len = self.pop();
        let val = self.pop();
        let dst = self.pop();
        let (dst, len) = (self.extend_u64(dst), self.extend_u64(len));
        let mem = self.i32_const(mem);
        self.call_checked_libcall(Libcall::MemoryFill, &[mem, dst, val, len], TrapKind::MemoryOutOfBounds);
    }

    pub(super) fn op_memory_copy(&mut self, dst_mem: u32, src_mem: u32) {
        let len = self.pop();
        let src = self.pop();
        let dst = self.pop();
        let (dst, src, len) = (self.extend_u64(dst), self.extend_u64(src), self.extend_u64(len));
        let (dst_mem, src_mem) = (self.i32_const(dst_mem), self.i32_const(src_mem));
        self.call_checked_libcall(Libcall::MemoryCopy, &[dst_mem, src_mem, dst, src, len], TrapKind::MemoryOutOfBounds);
    }

    pub(super) fn op_memory_init(&mut self, data_index: u32, mem: u32) {
        let len = self.pop();
        let src = self.pop();
        let dst = self.pop();
        let dst = self.extend_u64(dst);
        let (mem, data) = (self.i32_const(mem), self.i32_const(data_index));
        self.call_checked_libcall(Libcall::MemoryInit, &[mem, data, dst, src, len], TrapKind::MemoryOutOfBounds);
    }

    pub(super) fn op_data_drop(&mut self, data_index: u32) {
        let data = self.i32_const(data_index);
        self.call_libcall(Libcall::DataDrop, &[data]);
    }

    /// Globals live behind a pointer in the VM context (defined and
    /// imported alike); immutable ones load like constants.
    pub(super) fn op_global_get(&mut self, global_index: u32) {
        let ty = self.env.globals[global_index as usize].ty;
        let ptr = self.vmctx_load(self.offsets.global(global_index));
        let access = if ty.mutable { Access::GlobalMut } else { Access::GlobalConst };
        let vt = super::value_type(self.isa, ty.content_type);
        let v = self.load(vt, access, ptr, 0);
        self.stack.push(v);
    }

    pub(super) fn op_global_set(&mut self, global_index: u32) {
        let v = self.pop();
        let ptr = self.vmctx_load(self.offsets.global(global_index));
        self.store_op(ir::Opcode::Store, Access::GlobalMut, v, ptr, 0);
    }
}
