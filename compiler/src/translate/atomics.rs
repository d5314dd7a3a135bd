//! The threads proposal's memory operators: atomic loads, stores,
//! read-modify-writes and compare-exchanges of every width, `atomic.fence`,
//! and `memory.atomic.wait32`/`wait64`/`notify`.
//!
//! An atomic access first traps with "unaligned atomic" unless its
//! effective address (`index + offset`) is a multiple of its width, then
//! is bounds-checked like any access (guard pages, or an explicit check
//! for the memories that need one), then is one of Cranelift's atomic
//! instructions, sequentially consistent as the proposal requires: on
//! x86_64 plain `mov` loads, `xchg` stores, `lock xadd`/`lock cmpxchg`
//! (and a `cmpxchg` loop for and/or/xor); LL/SC loops or LSE on aarch64
//! (LSE with a `--cpu`/`--features` baseline that has it); the `A`
//! extension on riscv64. A narrow operator works on the low bits of its
//! operands and zero-extends its result; a narrow compare-exchange compares
//! with the expected value wrapped to the access width, as Wasmtime does.
//!
//! `wait` and `notify` check the address the same way, then call the
//! runtime with its native address (`kiln_runtime::atomics`). A wait on a
//! memory that is not shared traps ("expected shared memory": nothing
//! could ever notify it); a notify there wakes nobody and gives 0.

use super::env::Access;
use super::FuncCx;
use crate::error::Result;
use cranelift_codegen::ir::{types, AtomicRmwOp, InstBuilder, MemFlagsData, Type, Value};
use kiln_abi::{Libcall, TrapKind};
use wasmparser::{MemArg, MemArgTarget, Operator};

/// The flags of an atomic access: a heap access (an out-of-bounds fault
/// is that trap) in no alias region, so that it orders every other access.
fn atomic_flags() -> MemFlagsData {
    Access::heap_flags_unaliased()
}

impl FuncCx<'_, '_> {
    /// Translates `op` when it is an operator of the threads proposal;
    /// `Ok(false)` leaves any other operator to the caller.
    pub(super) fn op_atomic(&mut self, op: &Operator<'_>, offset: u64) -> Result<bool> {
        use types::{I16, I32, I64, I8};
        use AtomicRmwOp::{Add, And, Or, Sub, Xchg, Xor};
        match *op {
            Operator::AtomicFence { .. } => {
                self.builder.ins().fence();
            }
            Operator::MemoryAtomicNotify { memarg } => self.op_atomic_notify(&memarg, offset)?,
            Operator::MemoryAtomicWait32 { memarg } => self.op_atomic_wait(&memarg, I32, offset)?,
            Operator::MemoryAtomicWait64 { memarg } => self.op_atomic_wait(&memarg, I64, offset)?,

            Operator::I32AtomicLoad { memarg } => self.op_atomic_load(&memarg, I32, I32, offset)?,
            Operator::I64AtomicLoad { memarg } => self.op_atomic_load(&memarg, I64, I64, offset)?,
            Operator::I32AtomicLoad8U { memarg } => self.op_atomic_load(&memarg, I32, I8, offset)?,
            Operator::I32AtomicLoad16U { memarg } => self.op_atomic_load(&memarg, I32, I16, offset)?,
            Operator::I64AtomicLoad8U { memarg } => self.op_atomic_load(&memarg, I64, I8, offset)?,
            Operator::I64AtomicLoad16U { memarg } => self.op_atomic_load(&memarg, I64, I16, offset)?,
            Operator::I64AtomicLoad32U { memarg } => self.op_atomic_load(&memarg, I64, I32, offset)?,

            Operator::I32AtomicStore { memarg } => self.op_atomic_store(&memarg, I32, offset)?,
            Operator::I64AtomicStore { memarg } => self.op_atomic_store(&memarg, I64, offset)?,
            Operator::I32AtomicStore8 { memarg } => self.op_atomic_store(&memarg, I8, offset)?,
            Operator::I32AtomicStore16 { memarg } => self.op_atomic_store(&memarg, I16, offset)?,
            Operator::I64AtomicStore8 { memarg } => self.op_atomic_store(&memarg, I8, offset)?,
            Operator::I64AtomicStore16 { memarg } => self.op_atomic_store(&memarg, I16, offset)?,
            Operator::I64AtomicStore32 { memarg } => self.op_atomic_store(&memarg, I32, offset)?,

            Operator::I32AtomicRmwAdd { memarg } => self.op_atomic_rmw(&memarg, Add, I32, I32, offset)?,
            Operator::I64AtomicRmwAdd { memarg } => self.op_atomic_rmw(&memarg, Add, I64, I64, offset)?,
            Operator::I32AtomicRmw8AddU { memarg } => self.op_atomic_rmw(&memarg, Add, I32, I8, offset)?,
            Operator::I32AtomicRmw16AddU { memarg } => self.op_atomic_rmw(&memarg, Add, I32, I16, offset)?,
            Operator::I64AtomicRmw8AddU { memarg } => self.op_atomic_rmw(&memarg, Add, I64, I8, offset)?,
            Operator::I64AtomicRmw16AddU { memarg } => self.op_atomic_rmw(&memarg, Add, I64, I16, offset)?,
            Operator::I64AtomicRmw32AddU { memarg } => self.op_atomic_rmw(&memarg, Add, I64, I32, offset)?,

            Operator::I32AtomicRmwSub { memarg } => self.op_atomic_rmw(&memarg, Sub, I32, I32, offset)?,
            Operator::I64AtomicRmwSub { memarg } => self.op_atomic_rmw(&memarg, Sub, I64, I64, offset)?,
            Operator::I32AtomicRmw8SubU { memarg } => self.op_atomic_rmw(&memarg, Sub, I32, I8, offset)?,
            Operator::I32AtomicRmw16SubU { memarg } => self.op_atomic_rmw(&memarg, Sub, I32, I16, offset)?,
            Operator::I64AtomicRmw8SubU { memarg } => self.op_atomic_rmw(&memarg, Sub, I64, I8, offset)?,
            Operator::I64AtomicRmw16SubU { memarg } => self.op_atomic_rmw(&memarg, Sub, I64, I16, offset)?,
            Operator::I64AtomicRmw32SubU { memarg } => self.op_atomic_rmw(&memarg, Sub, I64, I32, offset)?,

            Operator::I32AtomicRmwAnd { memarg } => self.op_atomic_rmw(&memarg, And, I32, I32, offset)?,
            Operator::I64AtomicRmwAnd { memarg } => self.op_atomic_rmw(&memarg, And, I64, I64, offset)?,
            Operator::I32AtomicRmw8AndU { memarg } => self.op_atomic_rmw(&memarg, And, I32, I8, offset)?,
            Operator::I32AtomicRmw16AndU { memarg } => self.op_atomic_rmw(&memarg, And, I32, I16, offset)?,
            Operator::I64AtomicRmw8AndU { memarg } => self.op_atomic_rmw(&memarg, And, I64, I8, offset)?,
            Operator::I64AtomicRmw16AndU { memarg } => self.op_atomic_rmw(&memarg, And, I64, I16, offset)?,
            Operator::I64AtomicRmw32AndU { memarg } => self.op_atomic_rmw(&memarg, And, I64, I32, offset)?,

            Operator::I32AtomicRmwOr { memarg } => self.op_atomic_rmw(&memarg, Or, I32, I32, offset)?,
            Operator::I64AtomicRmwOr { memarg } => self.op_atomic_rmw(&memarg, Or, I64, I64, offset)?,
            Operator::I32AtomicRmw8OrU { memarg } => self.op_atomic_rmw(&memarg, Or, I32, I8, offset)?,
            Operator::I32AtomicRmw16OrU { memarg } => self.op_atomic_rmw(&memarg, Or, I32, I16, offset)?,
            Operator::I64AtomicRmw8OrU { memarg } => self.op_atomic_rmw(&memarg, Or, I64, I8, offset)?,
            Operator::I64AtomicRmw16OrU { memarg } => self.op_atomic_rmw(&memarg, Or, I64, I16, offset)?,
            Operator::I64AtomicRmw32OrU { memarg } => self.op_atomic_rmw(&memarg, Or, I64, I32, offset)?,

            Operator::I32AtomicRmwXor { memarg } => self.op_atomic_rmw(&memarg, Xor, I32, I32, offset)?,
            Operator::I64AtomicRmwXor { memarg } => self.op_atomic_rmw(&memarg, Xor, I64, I64, offset)?,
            Operator::I32AtomicRmw8XorU { memarg } => self.op_atomic_rmw(&memarg, Xor, I32, I8, offset)?,
            Operator::I32AtomicRmw16XorU { memarg } => self.op_atomic_rmw(&memarg, Xor, I32, I16, offset)?,
            Operator::I64AtomicRmw8XorU { memarg } => self.op_atomic_rmw(&memarg, Xor, I64, I8, offset)?,
            Operator::I64AtomicRmw16XorU { memarg } => self.op_atomic_rmw(&memarg, Xor, I64, I16, offset)?,
            Operator::I64AtomicRmw32XorU { memarg } => self.op_atomic_rmw(&memarg, Xor, I64, I32, offset)?,

            Operator::I32AtomicRmwXchg { memarg } => self.op_atomic_rmw(&memarg, Xchg, I32, I32, offset)?,
            Operator::I64AtomicRmwXchg { memarg } => self.op_atomic_rmw(&memarg, Xchg, I64, I64, offset)?,
            Operator::I32AtomicRmw8XchgU { memarg } => self.op_atomic_rmw(&memarg, Xchg, I32, I8, offset)?,
            Operator::I32AtomicRmw16XchgU { memarg } => self.op_atomic_rmw(&memarg, Xchg, I32, I16, offset)?,
            Operator::I64AtomicRmw8XchgU { memarg } => self.op_atomic_rmw(&memarg, Xchg, I64, I8, offset)?,
            Operator::I64AtomicRmw16XchgU { memarg } => self.op_atomic_rmw(&memarg, Xchg, I64, I16, offset)?,
            Operator::I64AtomicRmw32XchgU { memarg } => self.op_atomic_rmw(&memarg, Xchg, I64, I32, offset)?,

            Operator::I32AtomicRmwCmpxchg { memarg } => self.op_atomic_cmpxchg(&memarg, I32, I32, offset)?,
            Operator::I64AtomicRmwCmpxchg { memarg } => self.op_atomic_cmpxchg(&memarg, I64, I64, offset)?,
            Operator::I32AtomicRmw8CmpxchgU { memarg } => self.op_atomic_cmpxchg(&memarg, I32, I8, offset)?,
            Operator::I32AtomicRmw16CmpxchgU { memarg } => self.op_atomic_cmpxchg(&memarg, I32, I16, offset)?,
            Operator::I64AtomicRmw8CmpxchgU { memarg } => self.op_atomic_cmpxchg(&memarg, I64, I8, offset)?,
            Operator::I64AtomicRmw16CmpxchgU { memarg } => self.op_atomic_cmpxchg(&memarg, I64, I16, offset)?,
            Operator::I64AtomicRmw32CmpxchgU { memarg } => self.op_atomic_cmpxchg(&memarg, I64, I32, offset)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Pops the index of an atomic access of `size` bytes, traps unless the
    /// effective address is aligned, bounds-checks it, and returns its
    /// native address; `None` when it can never be in bounds. `explicit`
    /// checks the bounds with instructions even where a guard page would
    /// catch an access: the runtime, not compiled code, reads the address
    /// of a wait, and a notify reads nothing.
    fn atomic_addr(&mut self, memarg: &MemArg, size: u32, explicit: bool, offset: u64) -> Result<Option<Value>> {
        if size > 1 {
            // Only the low bits of `index + offset` matter, so a sum that
            // wraps in the index's width is still right.
            let index = self.peek();
            let low = (memarg.offset & u64::from(size - 1)) as i64;
            let sum = if low == 0 { index } else { self.builder.ins().iadd_imm_u(index, low) };
            let misaligned = self.builder.ins().band_imm_u(sum, i64::from(size - 1));
            self.trapnz(misaligned, TrapKind::UnalignedAtomic);
        }
        if let MemArgTarget::Memory(mem) = memarg.target {
            if explicit && !self.env.memories[mem as usize].bounds_checked() {
                let index = self.peek();
                let narrow = self.builder.func.dfg.value_type(index) == types::I32;
                let index = self.extend_u64(index);
                if !self.bounds_check(mem, index, narrow, memarg.offset, size) {
                    self.pop();
                    return Ok(None);
                }
            }
        }
        let Some((addr, imm)) = self.heap_addr(memarg, size, offset)? else { return Ok(None) };
        Ok(Some(if imm == 0 { addr } else { self.builder.ins().iadd_imm_s(addr, i64::from(imm)) }))
    }

    /// A load of `access` bits, zero-extended to `ty`.
    fn op_atomic_load(&mut self, memarg: &MemArg, ty: Type, access: Type, offset: u64) -> Result<()> {
        let Some(addr) = self.atomic_addr(memarg, access.bytes(), false, offset)? else { return Ok(()) };
        let flags = atomic_flags();
        let v = self.builder.ins().atomic_load(access, flags, addr);
        let v = if access == ty { v } else { self.builder.ins().uextend(ty, v) };
        self.stack.push(v);
        Ok(())
    }

    /// A store of the low `access` bits of the operand.
    fn op_atomic_store(&mut self, memarg: &MemArg, access: Type, offset: u64) -> Result<()> {
        let value = self.pop();
        let Some(addr) = self.atomic_addr(memarg, access.bytes(), false, offset)? else { return Ok(()) };
        let value = self.narrow(value, access);
        let flags = atomic_flags();
        self.builder.ins().atomic_store(flags, value, addr);
        Ok(())
    }

    /// A read-modify-write of `access` bits: the old value, zero-extended.
    fn op_atomic_rmw(&mut self, memarg: &MemArg, rmw: AtomicRmwOp, ty: Type, access: Type, offset: u64) -> Result<()> {
        let value = self.pop();
        let Some(addr) = self.atomic_addr(memarg, access.bytes(), false, offset)? else { return Ok(()) };
        let value = self.narrow(value, access);
        let flags = atomic_flags();
        let old = self.builder.ins().atomic_rmw(access, flags, rmw, addr, value);
        let old = if access == ty { old } else { self.builder.ins().uextend(ty, old) };
        self.stack.push(old);
        Ok(())
    }

    /// A compare-exchange of `access` bits: the old value, zero-extended.
    fn op_atomic_cmpxchg(&mut self, memarg: &MemArg, ty: Type, access: Type, offset: u64) -> Result<()> {
        let replacement = self.pop();
        let expected = self.pop();
        let Some(addr) = self.atomic_addr(memarg, access.bytes(), false, offset)? else { return Ok(()) };
        let (expected, replacement) = (self.narrow(expected, access), self.narrow(replacement, access));
        let flags = atomic_flags();
        let old = self.builder.ins().atomic_cas(flags, addr, expected, replacement);
        let old = if access == ty { old } else { self.builder.ins().uextend(ty, old) };
        self.stack.push(old);
        Ok(())
    }

    /// `memory.atomic.wait32` (`ty` I32) or `wait64`: 0 when woken, 1 when
    /// the value differs, 2 after the timeout (nanoseconds, negative for
    /// none).
    fn op_atomic_wait(&mut self, memarg: &MemArg, ty: Type, offset: u64) -> Result<()> {
        let timeout = self.pop();
        let expected = self.pop();
        let Some(addr) = self.atomic_addr(memarg, ty.bytes(), true, offset)? else { return Ok(()) };
        if !self.memory_shared(memarg) {
            self.trap(TrapKind::AtomicWaitNonShared);
            self.reachable = false;
            return Ok(());
        }
        let libcall = if ty == types::I32 { Libcall::AtomicWait32 } else { Libcall::AtomicWait64 };
        let result = self.call_libcall(libcall, &[addr, expected, timeout]).expect("wait returns a value");
        self.stack.push(result);
        Ok(())
    }

    /// `memory.atomic.notify`: how many waiters it woke.
    fn op_atomic_notify(&mut self, memarg: &MemArg, offset: u64) -> Result<()> {
        let count = self.pop();
        let Some(addr) = self.atomic_addr(memarg, 4, true, offset)? else { return Ok(()) };
        let woken = if self.memory_shared(memarg) {
            self.call_libcall(Libcall::AtomicNotify, &[addr, count]).expect("notify returns a value")
        } else {
            self.builder.ins().iconst(types::I32, 0)
        };
        self.stack.push(woken);
        Ok(())
    }

    /// Whether the memory `memarg` names is shared.
    fn memory_shared(&self, memarg: &MemArg) -> bool {
        let MemArgTarget::Memory(mem) = memarg.target else { return false };
        self.env.memories[mem as usize].ty.shared
    }

    /// The low `access` bits of `v`.
    fn narrow(&mut self, v: Value, access: Type) -> Value {
        if self.builder.func.dfg.value_type(v) == access {
            v
        } else {
            self.builder.ins().ireduce(access, v)
        }
    }
}
