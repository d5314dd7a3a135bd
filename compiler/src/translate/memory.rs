//! Linear memory and globals.
//!
//! A 32-bit memory of 64 KiB pages is a fixed reservation of
//! `MEMORY_RESERVATION` bytes whose inaccessible tail catches any
//! out-of-bounds access, so an access is just `base + zext(index) + offset`
//! with no bounds check: the faulting instruction carries the out-of-bounds
//! trap code in the trap table. A 64-bit memory, or one of 1-byte pages,
//! checks each access against its length first (`bounds`), then computes
//! the address the same way. The base never moves, so its loads are marked
//! movable and Cranelift hoists and merges them; with `--memory-base fixed`
//! memory 0's base is a constant instead (`ModuleEnv::memory0_fixed_base`).
//! `memory.size` and `memory.grow` count pages of the memory's page size,
//! as `i64` for a 64-bit memory. Bulk operations are runtime libcalls,
//! except `memory.copy`/`memory.fill` of a short constant length (struct
//! copies, small memsets), which are inline: an explicit bounds check (they
//! must trap before writing anything), then every load, then every store.

use super::env::Access;
use super::FuncCx;
use crate::error::{CompileError, Result};
use cranelift_codegen::ir::{self, InstBuilder, Opcode, Value};
use kiln_abi::Libcall;
use kiln_abi::{TrapKind, VMOffsets};
use target_lexicon::Architecture;
use wasmparser::{MemArg, MemArgTarget};

/// Longest constant-length `memory.copy`/`memory.fill` compiled inline.
const INLINE_BULK_MAX: u64 = 128;

/// The accesses that cover `[0, len)` for an inline bulk operation: chunks
/// of the widest type that fits (16 bytes where the baseline has vectors),
/// the last one moved back to end at `len`, so chunks may overlap.
fn bulk_chunks(len: u64, vectors: bool) -> Vec<(u64, ir::Type)> {
    use ir::types::{I16, I32, I64, I8, I8X16};
    let ty = match len {
        0 => return Vec::new(),
        16.. if vectors => I8X16,
        8.. => I64,
        4.. => I32,
        2.. => I16,
        _ => I8,
    };
    let width = u64::from(ty.bytes());
    (0..len.div_ceil(width)).map(|i| ((i * width).min(len - width), ty)).collect()
}

impl FuncCx<'_, '_> {
    /// The `VMMemory` record of memory `mem`.
    fn memory_record(&mut self, mem: u32) -> Value {
        self.vmctx_load(self.offsets.memory(mem))
    }

    /// Memory `mem`'s base address: a constant for a memory compiled at a
    /// fixed address (x86-64 folds it into each access's displacement),
    /// else through its record (a memory never moves, so both loads are
    /// hoisted and merged).
    fn memory_base(&mut self, mem: u32) -> Value {
        if let Some(base) = self.env.memory0_fixed_base.filter(|_| mem == 0) {
            let ptr = self.ptr_type();
            return self.builder.ins().iconst(ptr, base as i64);
        }
        let record = self.memory_record(mem);
        let ptr = self.ptr_type();
        self.load(ptr, Access::VmConst, record, VMOffsets::VMMEMORY_BASE)
    }

    /// Pops the index operand of an access of `size` bytes and computes the
    /// accessed address, returning it with the static offset left for the
    /// instruction's immediate; `None` when the access can never be in
    /// bounds (it traps, and what follows is unreachable).
    pub(super) fn heap_addr(&mut self, memarg: &MemArg, size: u32, offset: u64) -> Result<Option<(Value, i32)>> {
        let MemArgTarget::Memory(mem) = memarg.target else {
            return Err(CompileError::unsupported("gc: array access through a memory instruction", offset));
        };
        let index = self.pop();
        let base = self.memory_base(mem);
        let narrow = self.builder.func.dfg.value_type(index) == ir::types::I32;
        let index = if narrow && self.widen_indexes() {
            super::wide_index::widen(&mut self.builder, index)
        } else {
            self.extend_u64(index)
        };
        if self.env.memories[mem as usize].bounds_checked()
            && !self.bounds_check(mem, index, narrow, memarg.offset, size)
        {
            return Ok(None);
        }
        let addr = self.builder.ins().iadd(base, index);
        // Validation bounds 32-bit memory offsets by u32::MAX; a 64-bit
        // memory's offset beyond i32 was bounds-checked with the index.
        Ok(Some(match i32::try_from(memarg.offset) {
            Ok(imm) => (addr, imm),
            Err(_) => (self.builder.ins().iadd_imm_u(addr, memarg.offset as i64), 0),
        }))
    }

    /// A load of any width: `opcode` is `load`, `uload8`, `sload16`, ...
    pub(super) fn op_load(&mut self, memarg: &MemArg, opcode: ir::Opcode, ty: ir::Type, offset: u64) -> Result<()> {
        let Some((addr, imm)) = self.heap_addr(memarg, access_bytes(opcode, ty), offset)? else { return Ok(()) };
        let v = self.load_op(opcode, ty, Access::Heap, addr, imm);
        self.stack.push(v);
        Ok(())
    }

    /// A store of any width: `opcode` is `store`, `istore8`, ...
    pub(super) fn op_store(&mut self, memarg: &MemArg, opcode: ir::Opcode, offset: u64) -> Result<()> {
        let value = self.pop();
        let size = access_bytes(opcode, self.builder.func.dfg.value_type(value));
        let Some((addr, imm)) = self.heap_addr(memarg, size, offset)? else { return Ok(()) };
        self.store_op(opcode, Access::Heap, value, addr, imm);
        Ok(())
    }

    /// `memory.size`: the length in pages of the memory's page size, an
    /// `i64` for a 64-bit memory.
    pub(super) fn op_memory_size(&mut self, mem: u32) {
        let desc = &self.env.memories[mem as usize];
        let (page_size_log2, memory64) = (desc.page_size_log2(), desc.ty.memory64);
        let bytes = self.memory_length(mem);
        let pages = self.builder.ins().ushr_imm_u(bytes, i64::from(page_size_log2));
        let pages = if memory64 { pages } else { self.builder.ins().ireduce(ir::types::I32, pages) };
        self.stack.push(pages);
    }

    /// `memory.grow`: the old size in pages, or -1; `i64` for a 64-bit memory.
    pub(super) fn op_memory_grow(&mut self, mem: u32) {
        let memory64 = self.env.memories[mem as usize].ty.memory64;
        let delta = self.pop();
        let delta = self.extend_u64(delta);
        let mem = self.i32_const(mem);
        let old = self.call_libcall(Libcall::MemoryGrow, &[mem, delta]).expect("memory.grow returns a value");
        // -1 (failure) truncates to the wasm result -1.
        let old = if memory64 { old } else { self.builder.ins().ireduce(ir::types::I32, old) };
        self.stack.push(old);
    }

    /// The value of `v` if it is a constant length: an `i32.const`, or an
    /// `i64.const` for 64-bit memories.
    fn const_len(&self, v: Value) -> Option<u64> {
        let dfg = &self.builder.func.dfg;
        if dfg.value_type(v) == ir::types::I32 {
            super::wide_index::const_u32(dfg, v)
        } else {
            super::wide_index::const_bits(dfg, v)
        }
    }

    /// Whether a 32-bit index's provably non-wrapping `+ c` and `<< k` are
    /// moved outside its extension ([`super::wide_index`]). aarch64 gains
    /// nothing: it adds and scales in 32 bits and extends inside the
    /// address (`ldr w0, [x0, w1, uxtw]`), and would pay a `mov` to extend.
    fn widen_indexes(&self) -> bool {
        !matches!(self.isa.triple().architecture, Architecture::Aarch64(_))
    }

    /// Whether inline bulk operations may use 16-byte vector accesses
    /// (riscv64's baseline has no vector extension).
    fn bulk_vectors(&self) -> bool {
        !matches!(self.isa.triple().architecture, Architecture::Riscv64(_))
    }

    /// Traps unless `[index, index + len)` lies inside memory `mem`;
    /// returns the address of `index`, or `None` if the range can never be
    /// in bounds (the code after the trap is unreachable).
    fn checked_bulk_addr(&mut self, mem: u32, index: Value, len: u64) -> Option<Value> {
        let narrow = self.builder.func.dfg.value_type(index) == ir::types::I32;
        let index = self.extend_u64(index);
        // `len` is at most INLINE_BULK_MAX.
        if !self.bounds_check(mem, index, narrow, 0, len as u32) {
            return None;
        }
        let base = self.memory_base(mem);
        Some(self.builder.ins().iadd(base, index))
    }

    pub(super) fn op_memory_fill(&mut self, mem: u32) {
        let len = self.pop();
        let val = self.pop();
        let dst = self.pop();
        if let Some(n) = self.const_len(len).filter(|&n| n <= INLINE_BULK_MAX) {
            let Some(addr) = self.checked_bulk_addr(mem, dst, n) else { return };
            let byte = self.builder.ins().ireduce(ir::types::I8, val);
            let chunks = bulk_chunks(n, self.bulk_vectors());
            let Some(&(_, ty)) = chunks.first() else { return };
            let pattern = if ty.is_vector() {
                self.builder.ins().splat(ty, byte)
            } else if ty == ir::types::I8 {
                byte
            } else {
                let wide = self.builder.ins().uextend(ty, byte);
                let ones = ((u64::MAX >> (64 - ty.bits())) / 0xff) as i64;
                self.builder.ins().imul_imm_u(wide, ones)
            };
            for (offset, _) in chunks {
                self.store_op(Opcode::Store, Access::Heap, pattern, addr, offset as i32);
            }
            return;
        }
        let (dst, len) = (self.extend_u64(dst), self.extend_u64(len));
        let mem = self.i32_const(mem);
        self.call_checked_libcall(Libcall::MemoryFill, &[mem, dst, val, len], TrapKind::MemoryOutOfBounds);
    }

    pub(super) fn op_memory_copy(&mut self, dst_mem: u32, src_mem: u32) {
        let len = self.pop();
        let src = self.pop();
        let dst = self.pop();
        if let Some(n) = self.const_len(len).filter(|&n| n <= INLINE_BULK_MAX) {
            // The spec checks the destination first, but either check
            // failing traps with the same kind before any write.
            let Some(dst_addr) = self.checked_bulk_addr(dst_mem, dst, n) else { return };
            let Some(src_addr) = self.checked_bulk_addr(src_mem, src, n) else { return };
            // All loads before any store: overlapping ranges copy as memmove.
            let chunks = bulk_chunks(n, self.bulk_vectors());
            let values: Vec<Value> = chunks
                .iter()
                .map(|&(offset, ty)| self.load_op(Opcode::Load, ty, Access::Heap, src_addr, offset as i32))
                .collect();
            for (&(offset, _), v) in chunks.iter().zip(values) {
                self.store_op(Opcode::Store, Access::Heap, v, dst_addr, offset as i32);
            }
            return;
        }
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

    /// Where global `global_index` lives, as (address, offset): in the
    /// vmctx itself for a private global, else behind its pointer there
    /// (imported and exported globals may be shared with other instances).
    fn global_addr(&mut self, global_index: u32) -> (Value, i32) {
        if self.env.globals[global_index as usize].in_vmctx {
            (self.vmctx, self.offsets.global_slot(global_index) as i32)
        } else {
            (self.vmctx_load(self.offsets.global(global_index)), 0)
        }
    }

    /// Refuses a v128 global on a target without vector registers.
    fn check_global_simd(&self, global_index: u32, offset: u64) -> Result<()> {
        let ty = self.env.globals[global_index as usize].ty.content_type;
        if ty == wasmparser::ValType::V128 && !self.simd {
            return Err(super::no_simd("v128 global", offset));
        }
        Ok(())
    }

    /// Immutable globals load like constants.
    pub(super) fn op_global_get(&mut self, global_index: u32, offset: u64) -> Result<()> {
        self.check_global_simd(global_index, offset)?;
        let ty = self.env.globals[global_index as usize].ty;
        let (addr, offset) = self.global_addr(global_index);
        let access = if ty.mutable { Access::GlobalMut } else { Access::GlobalConst };
        let vt = super::value_type(self.isa, ty.content_type);
        let v = self.load_op(ir::Opcode::Load, vt, access, addr, offset);
        self.stack.push(v);
        Ok(())
    }

    pub(super) fn op_global_set(&mut self, global_index: u32, offset: u64) -> Result<()> {
        self.check_global_simd(global_index, offset)?;
        let v = self.pop();
        let (addr, offset) = self.global_addr(global_index);
        self.store_op(ir::Opcode::Store, Access::GlobalMut, v, addr, offset);
        Ok(())
    }
}

/// Bytes a load or store of `opcode` moves; `ty` is its value type.
fn access_bytes(opcode: Opcode, ty: ir::Type) -> u32 {
    match opcode {
        Opcode::Uload8 | Opcode::Sload8 | Opcode::Istore8 => 1,
        Opcode::Uload16 | Opcode::Sload16 | Opcode::Istore16 => 2,
        Opcode::Uload32 | Opcode::Sload32 | Opcode::Istore32 => 4,
        Opcode::Uload8x8
        | Opcode::Sload8x8
        | Opcode::Uload16x4
        | Opcode::Sload16x4
        | Opcode::Uload32x2
        | Opcode::Sload32x2 => 8,
        _ => ty.bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::bulk_chunks;
    use cranelift_codegen::ir::types::{I16, I32, I64, I8, I8X16};

    #[test]
    fn bulk_chunks_cover_exactly_the_range() {
        assert!(bulk_chunks(0, true).is_empty());
        assert_eq!(bulk_chunks(1, true), [(0, I8)]);
        assert_eq!(bulk_chunks(3, true), [(0, I16), (1, I16)]);
        assert_eq!(bulk_chunks(7, true), [(0, I32), (3, I32)]);
        assert_eq!(bulk_chunks(24, false), [(0, I64), (8, I64), (16, I64)]);
        assert_eq!(bulk_chunks(20, true), [(0, I8X16), (4, I8X16)]);
        assert_eq!(bulk_chunks(96, true).len(), 6);
        for len in 0..=super::INLINE_BULK_MAX {
            for vectors in [false, true] {
                let mut covered = vec![false; len as usize];
                for (offset, ty) in bulk_chunks(len, vectors) {
                    let end = offset + u64::from(ty.bytes());
                    assert!(end <= len, "len {len}: chunk at {offset} overruns");
                    covered[offset as usize..end as usize].iter_mut().for_each(|c| *c = true);
                }
                assert!(covered.iter().all(|&c| c), "len {len} vectors {vectors}");
            }
        }
    }
}
