//! The checks that let run-time limits stop code: compiled in only when
//! the module is compiled for them (`kiln_abi::checks`, from
//! `CompileOptions::interruptible` and `CompileOptions::fuel`), so code
//! compiled without them is unchanged.
//!
//! Both run at every function entry and loop header, so that any
//! unbounded execution (recursion or a loop, with or without calls) passes
//! one check per call or iteration:
//! - interruption: an atomic load of the word `vmctx.interrupt` points to,
//!   trapping with `interrupted (timeout)` when it is non-zero (the
//!   runtime's timer sets it). The load is atomic so that Cranelift never
//!   merges it with an earlier one: the word changes behind the code's back.
//! - fuel: `vmctx.fuel` minus one, stored back, trapping with `all fuel
//!   consumed` when the result is negative. One unit is one function call
//!   or one loop iteration.

use super::env::Access;
use super::FuncCx;
use cranelift_codegen::ir::{self, condcodes::IntCC, InstBuilder};
use kiln_abi::{checks, TrapKind, VMOffsets};

impl FuncCx<'_, '_> {
    /// Emits the checks the module is compiled with, at the current
    /// position (a function entry or a loop header).
    pub(super) fn limit_checks(&mut self) {
        let enabled = self.env.checks;
        if enabled & checks::INTERRUPT != 0 {
            let word = self.vmctx_load(VMOffsets::INTERRUPT);
            let flags = self.mem_flags(Access::VmVar);
            let (load, dfg) = self.builder.ins().LoadNoOffset(ir::Opcode::AtomicLoad, ir::types::I32, flags, word);
            let flag = dfg.first_result(load);
            self.trapnz(flag, TrapKind::Interrupted);
        }
        if enabled & checks::FUEL != 0 {
            let vmctx = self.vmctx;
            let fuel = self.load(ir::types::I64, Access::VmVar, vmctx, VMOffsets::FUEL);
            let left = self.builder.ins().iadd_imm_s(fuel, -1);
            self.store_op(ir::Opcode::Store, Access::VmVar, left, vmctx, VMOffsets::FUEL as i32);
            let out = self.builder.ins().icmp_imm_s(IntCC::SignedLessThan, left, 0);
            self.trapnz(out, TrapKind::OutOfFuel);
        }
    }
}
