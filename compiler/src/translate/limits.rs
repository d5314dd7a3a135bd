//! The checks that let run-time limits stop code: compiled in only when
//! the module is compiled for them (`kiln_abi::checks`, from
//! `CompileOptions::interruptible` and `CompileOptions::fuel`), so code
//! compiled without them is unchanged.
//!
//! Both are tested at every loop header and at the entry of every function
//! that calls something, so that any unbounded execution (recursion or a
//! loop, with or without calls) passes a check per call or iteration; a
//! function that calls nothing and has no loop runs a bounded time:
//! - interruption: an atomic load of the word `vmctx.interrupt` points to,
//!   trapping with `interrupted (timeout)` when it is non-zero (the
//!   runtime's timer sets it). The load is atomic so that Cranelift never
//!   merges it with an earlier one: the word changes behind the code's back.
//! - fuel, as Wasmtime counts it: every reachable operator costs one unit.
//!   The fuel left lives in a variable (a register), loaded from
//!   `vmctx.fuel` at entry; the operators of a straight-line run are
//!   subtracted in one go before the next control operator (block, loop,
//!   branch, call, return, ...), and the variable goes back to the vmctx
//!   around calls and at returns. A check traps with `all fuel consumed`
//!   when it is negative. (Fuel a callee spent before throwing to a
//!   handler here is given back: the handler resumes with the count from
//!   before the call. Still deterministic.)

use super::env::Access;
use super::FuncCx;
use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::ir::{self, condcodes::IntCC, InstBuilder};
use kiln_abi::{checks, TrapKind, VMOffsets};
use wasmparser::Operator;

impl FuncCx<'_, '_> {
    /// At the function's entry, before its first check: loads the fuel
    /// left into its variable, if the module is metered.
    pub(super) fn fuel_entry(&mut self) {
        if self.env.checks & checks::FUEL == 0 {
            return;
        }
        let var = self.builder.declare_var(ir::types::I64);
        let vmctx = self.vmctx;
        let fuel = self.load(ir::types::I64, Access::VmVar, vmctx, VMOffsets::FUEL);
        self.builder.def_var(var, fuel);
        self.fuel = Some(var);
        self.fuel_at_entry = Some(fuel);
        self.fuel_pending = 0;
    }

    /// After translation: the checks at the top of the entry block (after
    /// the fuel load), for a function that calls something.
    pub(super) fn entry_limit_checks(&mut self, entry: ir::Block, body_offset: u64) {
        let interrupt = self.env.checks & checks::INTERRUPT != 0;
        if !interrupt && self.fuel_at_entry.is_none() {
            return;
        }
        let (vmconst, vmvar) = (self.mem_flags(Access::VmConst), self.mem_flags(Access::VmVar));
        let ptr = self.ptr_type();
        let vmctx = self.vmctx;
        let fuel = self.fuel_at_entry;
        let mut pos = FuncCursor::new(self.builder.func).at_first_insertion_point(entry);
        if let Some(fuel) = fuel {
            // Right after the load that defines it.
            let load = pos.func.dfg.value_def(fuel).unwrap_inst();
            pos.goto_after_inst(load);
        }
        pos.set_srcloc(ir::SourceLoc::new(body_offset as u32));
        if interrupt {
            let offset = (VMOffsets::INTERRUPT as i32).into();
            let (load, dfg) = pos.ins().Load(ir::Opcode::Load, ptr, vmconst, offset, vmctx);
            let word = dfg.first_result(load);
            let (load, dfg) = pos.ins().LoadNoOffset(ir::Opcode::AtomicLoad, ir::types::I32, vmvar, word);
            let flag = dfg.first_result(load);
            pos.ins().trapnz(flag, crate::traps::trap_code(TrapKind::Interrupted));
        }
        if let Some(fuel) = fuel {
            let out = pos.ins().icmp_imm_s(IntCC::SignedLessThan, fuel, 0);
            pos.ins().trapnz(out, crate::traps::trap_code(TrapKind::OutOfFuel));
        }
    }

    /// Emits the checks the module is compiled with, at the current
    /// position (a loop header).
    pub(super) fn limit_checks(&mut self) {
        if self.env.checks & checks::INTERRUPT != 0 {
            let word = self.vmctx_load(VMOffsets::INTERRUPT);
            let flags = self.mem_flags(Access::VmVar);
            let (load, dfg) = self.builder.ins().LoadNoOffset(ir::Opcode::AtomicLoad, ir::types::I32, flags, word);
            let flag = dfg.first_result(load);
            self.trapnz(flag, TrapKind::Interrupted);
        }
        if let Some(var) = self.fuel {
            let left = self.builder.use_var(var);
            let out = self.builder.ins().icmp_imm_s(IntCC::SignedLessThan, left, 0);
            self.trapnz(out, TrapKind::OutOfFuel);
        }
    }

    /// Counts reachable operator `op` (before translating it), and at a
    /// control operator subtracts what the run since the last one cost.
    pub(super) fn fuel_count(&mut self, op: &Operator<'_>) {
        if self.fuel.is_none() || !self.reachable {
            return;
        }
        self.fuel_pending += 1;
        if is_control(op) {
            self.fuel_flush();
        }
    }

    fn fuel_flush(&mut self) {
        let Some(var) = self.fuel else { return };
        if self.fuel_pending == 0 {
            return;
        }
        let left = self.builder.use_var(var);
        let left = self.builder.ins().iadd_imm_s(left, -self.fuel_pending);
        self.builder.def_var(var, left);
        self.fuel_pending = 0;
    }

    /// Before a call or a return: the fuel left goes to the vmctx.
    pub(super) fn fuel_store(&mut self) {
        let Some(var) = self.fuel else { return };
        self.fuel_flush();
        let left = self.builder.use_var(var);
        let vmctx = self.vmctx;
        self.store_op(ir::Opcode::Store, Access::VmVar, left, vmctx, VMOffsets::FUEL as i32);
    }

    /// After a call: the fuel the callee left.
    pub(super) fn fuel_reload(&mut self) {
        let Some(var) = self.fuel else { return };
        let vmctx = self.vmctx;
        let left = self.load(ir::types::I64, Access::VmVar, vmctx, VMOffsets::FUEL);
        self.builder.def_var(var, left);
    }
}

/// Operators that end a straight-line run: control flow, calls, returns.
fn is_control(op: &Operator<'_>) -> bool {
    matches!(
        op,
        Operator::Block { .. }
            | Operator::Loop { .. }
            | Operator::If { .. }
            | Operator::Else
            | Operator::End
            | Operator::Br { .. }
            | Operator::BrIf { .. }
            | Operator::BrTable { .. }
            | Operator::BrOnNull { .. }
            | Operator::BrOnNonNull { .. }
            | Operator::Return
            | Operator::Call { .. }
            | Operator::CallIndirect { .. }
            | Operator::CallRef { .. }
            | Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. }
            | Operator::ReturnCallRef { .. }
            | Operator::Unreachable
            | Operator::Throw { .. }
            | Operator::ThrowRef
            | Operator::TryTable { .. }
            | Operator::Try { .. }
            | Operator::Catch { .. }
            | Operator::CatchAll
            | Operator::Delegate { .. }
            | Operator::Rethrow { .. }
    )
}
