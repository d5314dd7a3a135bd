//! Explicit bounds checks, for the memories guard pages cannot cover
//! (`kiln_abi::memory_bounds_checked`: a 64-bit index, or 1-byte pages, whose
//! memory may end anywhere inside a host page), and for the inline bulk
//! operations of every memory.
//!
//! An access of `size` bytes at `index + offset` is in bounds when
//! `index + offset + size <= length`, where `length` is the memory's current
//! size in bytes (its `VMMemory::length`). With `k = offset + size`, a
//! constant:
//! - `k` above the most the memory can ever hold: the access always traps;
//! - `k` at most the memory's minimum size, so that `length - k` cannot
//!   wrap (memories never shrink, and an imported one is at least as large
//!   as the import's minimum): trap when `index > length - k`, one compare
//!   with nothing added to the index, so nothing can overflow;
//! - otherwise `end = index + k`, trapping if that overflows (only a 64-bit
//!   index can), then trap when `end > length`.
//!
//! The length is loaded as `Access::VmVar`, from the vmctx alias region,
//! which wasm stores never write: Cranelift's alias analysis reuses one load
//! for every check between two calls (a call may grow the memory), in loops
//! too when a load before the loop dominates them. (Loading it as a
//! constant in functions that call nothing, so that Cranelift hoists it to
//! their entry, was tried: it executed 3% fewer instructions on one kernel
//! of `benches/memory64` and up to 4% more on three, since Cranelift then
//! recomputes `length - k` in every block that uses it, while a load inside
//! an outer loop keeps `length - k` in a register through the inner one.)

use super::env::Access;
use super::FuncCx;
use cranelift_codegen::ir::{self, condcodes::IntCC, InstBuilder, Value};
use kiln_abi::{TrapKind, VMOffsets};

impl FuncCx<'_, '_> {
    /// Memory `mem`'s current size in bytes.
    pub(super) fn memory_length(&mut self, mem: u32) -> Value {
        let record = self.vmctx_load(self.offsets.memory(mem));
        self.load(ir::types::I64, Access::VmVar, record, VMOffsets::VMMEMORY_LENGTH)
    }

    /// Traps with "out of bounds memory access" unless `[index + offset,
    /// index + offset + size)` lies inside memory `mem`. `index` is 64 bits
    /// wide; `narrow` says it is a zero-extended 32-bit value. Returns false,
    /// after an unconditional trap that leaves the rest unreachable, for an
    /// access that can never be in bounds.
    pub(super) fn bounds_check(&mut self, mem: u32, index: Value, narrow: bool, offset: u64, size: u32) -> bool {
        let desc = &self.env.memories[mem as usize];
        let (min_bytes, max_bytes) = (desc.min_bytes(), desc.max_bytes());
        let k = u128::from(offset) + u128::from(size);
        if k > max_bytes || k > u128::from(u64::MAX) {
            self.trap(TrapKind::MemoryOutOfBounds);
            self.reachable = false;
            return false;
        }
        let k = k as u64;
        let length = self.memory_length(mem);
        let out_of_bounds = if u128::from(k) <= min_bytes {
            let bound = self.builder.ins().iadd_imm_s(length, (k as i64).wrapping_neg());
            self.builder.ins().icmp(IntCC::UnsignedGreaterThan, index, bound)
        } else {
            // A zero-extended 32-bit index plus at most 2^32 + 2^32 cannot
            // wrap; a 64-bit one can.
            let end = if narrow && k <= 1 << 33 {
                self.builder.ins().iadd_imm_u(index, k as i64)
            } else {
                let k = self.builder.ins().iconst(ir::types::I64, k as i64);
                let code = crate::traps::trap_code(TrapKind::MemoryOutOfBounds);
                self.builder.ins().uadd_overflow_trap(index, k, code)
            };
            self.builder.ins().icmp(IntCC::UnsignedGreaterThan, end, length)
        };
        self.trapnz(out_of_bounds, TrapKind::MemoryOutOfBounds);
        true
    }
}
