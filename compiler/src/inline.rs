//! Partial inlining of early exits, as GCC's `ipa-split` does: a function
//! whose entry only tests its parameters and then either returns something
//! computed from them (the fast path) or goes on to the real work is split,
//! and every direct caller inlines the test and the fast path, calling the
//! function only for the rest. Recursive functions with a base case (`fib`,
//! `tak`, tree walks that stop at null) spend most calls on the base case,
//! and each such call then costs a compare instead of a call, a prologue
//! that saves registers and a stack check.
//!
//! Data flow: `emit::compile` translates every function to CLIF, then asks
//! [`guard`] for each one's *guard*: a copy of the function cut down to its
//! entry block (without its stack check), the fast path, and, on the other
//! branch, a call of the whole function with the same arguments. Before a
//! function is compiled, [`inline_guards`] has Cranelift's inliner
//! (`Context::inline`) inline the callee's guard at each direct call. The
//! guard calls the real function, which keeps its full body, so nothing
//! else changes: traps, stack checks and backtraces of the slow path are
//! the function's own. Only instructions that cannot trap, touch mutable
//! memory or have effects are copied, so running the test and the fast path
//! in the caller is exactly what the call would have done.

use crate::translate::NS_WASM_FUNC;
use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::inline::{Inline, InlineCommand};
use cranelift_codegen::ir::{
    self, Block, DebugTag, ExtFuncData, ExternalName, Function, Inst, InstBuilder, InstructionData, Opcode, TrapCode,
    UserExternalName,
};
use cranelift_codegen::{CodegenResult, Context};
use std::borrow::Cow;
use std::collections::HashSet;

/// Most instructions (besides the stack check) the entry test and the fast
/// path may have together: each inlined copy costs code size at every call.
const MAX_INSTS: usize = 24;

/// Most blocks the fast path may pass through (jumps to a join block).
const MAX_BLOCKS: usize = 4;

/// Whether `inst` computes its results from its operands alone: no trap, no
/// call, no store or other effect, and no load except one that cannot trap
/// from memory that never changes (vmctx fields).
pub(crate) fn is_pure(func: &Function, inst: Inst) -> bool {
    let data = &func.dfg.insts[inst];
    let op = data.opcode();
    if op.is_call()
        || op.is_branch()
        || op.is_terminator()
        || op.can_trap()
        || op.can_store()
        || op.other_side_effects()
        || func.dfg.inst_results(inst).len() != 1
    {
        return false;
    }
    // Instructions that name the frame, symbols or other per-function
    // entities, which mean something else (or need legalizing) elsewhere.
    if matches!(
        op,
        Opcode::StackAddr
            | Opcode::DynamicStackAddr
            | Opcode::FuncAddr
            | Opcode::SymbolValue
            | Opcode::TlsValue
            | Opcode::GetPinnedReg
            | Opcode::GetFramePointer
            | Opcode::GetStackPointer
            | Opcode::GetReturnAddress
    ) {
        return false;
    }
    if op.can_load() {
        let InstructionData::Load { opcode: Opcode::Load, flags, .. } = *data else { return false };
        let flags = func.dfg.mem_flags[flags];
        return flags.readonly() && flags.notrap();
    }
    true
}

/// The entry block's stack check (`translate`'s `entry_stack_check`) and
/// interruption check (`translate`'s `limit_checks`, whose atomic load is
/// the only one kiln emits: it rejects the threads proposal): the guard
/// leaves them out, since the guard runs in its caller's frame, and its
/// fast path neither loops nor calls, so it needs no interruption point.
fn is_stack_check(func: &Function, inst: Inst, stack_overflow: TrapCode) -> bool {
    match func.dfg.insts[inst] {
        InstructionData::CondTrap { opcode: Opcode::Trapnz, code, .. } => {
            code == stack_overflow || code == INTERRUPTED || code == OUT_OF_FUEL
        }
        InstructionData::NullAry { opcode: Opcode::GetStackPointer } => true,
        InstructionData::LoadNoOffset { opcode: Opcode::AtomicLoad, .. } => true,
        _ => false,
    }
}

/// The trap code of the interruption check.
const INTERRUPTED: TrapCode = crate::traps::trap_code(kiln_abi::TrapKind::Interrupted);
/// The trap code of the fuel check.
const OUT_OF_FUEL: TrapCode = crate::traps::trap_code(kiln_abi::TrapKind::OutOfFuel);

/// A load or store of the function's own `vmctx.fuel` (fuel metering,
/// `translate`'s `limits`). The guard may keep these: a caller stores its
/// fuel there before every call and reloads it after, so the guard's fast
/// path spending fuel in the caller is exactly what the call would do.
fn is_fuel_access(func: &Function, inst: Inst) -> bool {
    let Some(vmctx) = func.layout.entry_block().and_then(|b| func.dfg.block_params(b).first().copied()) else {
        return false;
    };
    let fuel = i32::try_from(kiln_abi::VMOffsets::FUEL).unwrap_or(i32::MAX);
    match func.dfg.insts[inst] {
        InstructionData::Load { opcode: Opcode::Load, arg, offset, .. } => {
            arg == vmctx
                && i32::from(offset) == fuel
                && func.dfg.value_type(func.dfg.first_result(inst)) == ir::types::I64
        }
        InstructionData::Store { opcode: Opcode::Store, args: [value, addr], offset, .. } => {
            addr == vmctx && i32::from(offset) == fuel && func.dfg.value_type(value) == ir::types::I64
        }
        _ => false,
    }
}

/// The block a `jump` goes to.
fn jump_target(func: &Function, inst: Inst) -> Option<Block> {
    match func.dfg.insts[inst] {
        InstructionData::Jump { destination, .. } => Some(destination.block(&func.dfg.value_lists)),
        _ => None,
    }
}

/// The number of instructions from `block` to a `return`, if every block on
/// the way is pure and ends in a jump (or the return).
fn fast_path_len(func: &Function, mut block: Block) -> Option<usize> {
    let mut insts = 0;
    let mut seen = Vec::new();
    loop {
        if seen.contains(&block) || seen.len() == MAX_BLOCKS {
            return None;
        }
        seen.push(block);
        let last = func.layout.last_inst(block)?;
        for inst in func.layout.block_insts(block) {
            if inst == last {
                break;
            }
            if !is_pure(func, inst) && !is_fuel_access(func, inst) {
                return None;
            }
            insts += 1;
        }
        match func.dfg.insts[last].opcode() {
            Opcode::Return => return Some(insts),
            Opcode::Jump => block = jump_target(func, last)?,
            _ => return None,
        }
    }
}

/// The guard of function `func_index` (see the module docs), or `None` when
/// its entry is not a cheap test with a fast path. `stack_overflow` is the
/// trap code of the entry stack check. [`tag_guard`] must tag it before
/// [`inline_guards`] uses it.
pub fn guard(func: &Function, func_index: u32, stack_overflow: TrapCode) -> Option<Function> {
    let entry = func.layout.entry_block()?;
    let brif = func.layout.last_inst(entry)?;
    let InstructionData::Brif { blocks: [then_call, else_call], .. } = func.dfg.insts[brif] else { return None };
    let mut insts = 0;
    for inst in func.layout.block_insts(entry) {
        if inst == brif || is_stack_check(func, inst, stack_overflow) {
            continue;
        }
        if !is_pure(func, inst) && !is_fuel_access(func, inst) {
            return None;
        }
        insts += 1;
    }
    let (then_block, else_block) = (then_call.block(&func.dfg.value_lists), else_call.block(&func.dfg.value_lists));
    // The fast path is the branch that returns at once; the other must do
    // more (otherwise the whole function is a small leaf, left to be called).
    let (fast_len, slow_side) = match (fast_path_len(func, then_block), fast_path_len(func, else_block)) {
        (Some(n), None) => (n, 1),
        (None, Some(n)) => (n, 0),
        _ => return None,
    };
    if insts + fast_len > MAX_INSTS {
        return None;
    }

    let mut g = func.clone();
    // Nothing the guard keeps uses the frame.
    g.sized_stack_slots.clear();
    g.dynamic_stack_slots.clear();
    g.stack_limit = None;
    // The slow side: call the whole function with the entry's arguments.
    let params = g.dfg.block_params(entry).to_vec();
    let slow = g.dfg.make_block();
    g.layout.append_block(slow);
    let own_signature = g.signature.clone();
    let signature = g.import_signature(own_signature);
    let name = g.declare_imported_user_function(UserExternalName::new(NS_WASM_FUNC, func_index));
    let callee =
        g.import_function(ExtFuncData { name: ExternalName::User(name), signature, colocated: true, patchable: false });
    let mut pos = FuncCursor::new(&mut g).at_bottom(slow);
    let call = pos.ins().call(callee, &params);
    let results = pos.func.dfg.inst_results(call).to_vec();
    pos.ins().return_(&results);
    let slow_call = ir::BlockCall::new(slow, [], &mut g.dfg.value_lists);
    match &mut g.dfg.insts[brif] {
        InstructionData::Brif { blocks, .. } => blocks[slow_side] = slow_call,
        _ => unreachable!("checked above"),
    }
    // Drop the stack check, then every block the guard no longer reaches.
    let checks: Vec<Inst> = g.layout.block_insts(entry).filter(|&i| is_stack_check(&g, i, stack_overflow)).collect();
    for inst in checks {
        g.layout.remove_inst(inst);
    }
    let mut reached = HashSet::from([entry, slow]);
    let mut work = vec![entry];
    while let Some(block) = work.pop() {
        let Some(last) = g.layout.last_inst(block) else { continue };
        let next = match g.dfg.insts[last] {
            InstructionData::Brif { blocks, .. } => blocks.iter().map(|c| c.block(&g.dfg.value_lists)).collect(),
            InstructionData::Jump { destination, .. } => vec![destination.block(&g.dfg.value_lists)],
            _ => Vec::new(),
        };
        for b in next {
            if reached.insert(b) {
                work.push(b);
            }
        }
    }
    let unreached: Vec<Block> = g.layout.blocks().filter(|b| !reached.contains(b)).collect();
    for block in unreached {
        while let Some(inst) = g.layout.first_inst(block) {
            g.layout.remove_inst(inst);
        }
        g.layout.remove_block(block);
    }
    remove_dead_code(&mut g);
    Some(g)
}

/// Removes pure instructions whose results nothing uses (the stack and
/// interruption checks' loads and compares once their traps are gone),
/// until none is left.
fn remove_dead_code(g: &mut Function) {
    loop {
        let mut used = HashSet::new();
        for block in g.layout.blocks() {
            for inst in g.layout.block_insts(block) {
                used.extend(g.dfg.inst_values(inst));
            }
        }
        let dead: Vec<Inst> = g
            .layout
            .blocks()
            .flat_map(|b| g.layout.block_insts(b))
            .filter(|&i| {
                let results = g.dfg.inst_results(i);
                !results.is_empty()
                    && results.iter().all(|r| !used.contains(r))
                    && (is_pure(g, i)
                        || matches!(g.dfg.insts[i].opcode(), Opcode::GetStackPointer | Opcode::AtomicLoad))
            })
            .collect();
        if dead.is_empty() {
            return;
        }
        for inst in dead {
            g.layout.remove_inst(inst);
        }
    }
}

/// Marks every instruction of a guard (a debug tag), so that after inlining
/// its copies can be found and given their call site's source location.
const GUARD_TAG: u32 = 0xffff_fffe;

/// Inlines the guard of the callee at every direct call in `ctx.func` that
/// has one (`guards` is indexed by function index, `None` for imports and
/// functions without). Returns whether anything was inlined.
pub fn inline_guards(ctx: &mut Context, guards: &[Option<Function>]) -> CodegenResult<bool> {
    let func = &mut ctx.func;
    let insts: Vec<Inst> = func.layout.blocks().flat_map(|b| func.layout.block_insts(b)).collect();
    // Cranelift's inliner leaves inlined instructions without a source
    // location, but prefixes the call's debug tags to the tags each copied
    // instruction has: the call's tag carries its source location.
    for &inst in &insts {
        if matches!(func.dfg.insts[inst].opcode(), Opcode::Call | Opcode::TryCall) {
            let loc = func.srcloc(inst);
            func.debug_tags.set(inst, [DebugTag::User(loc.bits())]);
        }
    }
    let inlined = ctx.inline(GuardInliner { guards })?;
    let func = &mut ctx.func;
    let insts: Vec<Inst> = func.layout.blocks().flat_map(|b| func.layout.block_insts(b)).collect();
    for inst in insts {
        if let [DebugTag::User(loc), DebugTag::User(GUARD_TAG)] = *func.debug_tags.get(inst) {
            func.set_srcloc(inst, ir::SourceLoc::new(loc));
        }
        if !func.debug_tags.get(inst).is_empty() {
            func.debug_tags.set(inst, []);
        }
    }
    Ok(inlined)
}

/// Tags every instruction of guard `g` with [`GUARD_TAG`], for
/// [`inline_guards`] (after any verification: the verifier allows debug
/// tags on calls only).
pub fn tag_guard(g: &mut Function) {
    let insts: Vec<Inst> = g.layout.blocks().flat_map(|b| g.layout.block_insts(b)).collect();
    for inst in insts {
        g.debug_tags.set(inst, [DebugTag::User(GUARD_TAG)]);
    }
}

/// Cranelift's inliner hook: the callee's guard at a direct call (or
/// `try_call`), if it has one and the call's signature is the guard's.
struct GuardInliner<'a> {
    guards: &'a [Option<Function>],
}

impl Inline for GuardInliner<'_> {
    fn inline(
        &mut self,
        caller: &Function,
        _call_inst: Inst,
        call_opcode: Opcode,
        callee: ir::FuncRef,
        _call_args: &[ir::Value],
    ) -> InlineCommand<'_> {
        // At a `try_call` (a call inside a `try_table`), Cranelift turns the
        // guard's call of the whole function into a `try_call` with the same
        // handlers; the rest of the guard cannot throw.
        if !matches!(call_opcode, Opcode::Call | Opcode::TryCall) {
            return InlineCommand::KeepCall;
        }
        let ext = &caller.dfg.ext_funcs[callee];
        let ExternalName::User(name) = ext.name else { return InlineCommand::KeepCall };
        let UserExternalName { namespace, index } = caller.params.user_named_funcs()[name];
        let Some(Some(guard)) = (namespace == NS_WASM_FUNC).then(|| self.guards.get(index as usize)).flatten() else {
            return InlineCommand::KeepCall;
        };
        if caller.dfg.signatures[ext.signature] != guard.signature {
            return InlineCommand::KeepCall;
        }
        InlineCommand::Inline { callee: Cow::Borrowed(guard), visit_callee: false }
    }
}
