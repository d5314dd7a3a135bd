//! Exception handling: tags, `throw`, `throw_ref`, `try_table`, and the
//! legacy `try`/`catch`/`catch_all`/`rethrow`/`delegate`.
//!
//! An exception is a runtime-allocated object (`kiln_abi::VMExn`: its
//! tag's identity and its values); an `exnref` points to it. Throwing
//! allocates and fills one (`throw`) and calls the module's throw thunk
//! (`crate::trampolines::throw_thunk`), which has the runtime walk the
//! frames above for a handler and resume there; when the thunk returns,
//! nothing caught the exception and the thrower traps.
//!
//! Handlers cost nothing until something throws: every call inside a
//! `try_table` or a legacy `try` body is a Cranelift `try_call` whose
//! exception table lists the enclosing catch clauses, innermost first
//! (with the frame's vmctx as the context in which their tag indices are
//! resolved). The compiled tables become `kiln_abi::CallSite`s and
//! `Handler`s, which the runtime's unwinder reads. Each clause has one
//! landing block, entered with the exception object: for `try_table` it
//! loads the values and branches to the clause's label (at the
//! `try_table`'s `end`), for a legacy `try` it starts the `catch` block.
//!
//! A legacy `try` lists its clauses after its body, but the body's calls
//! need them, so the function's legacy `try`s are scanned ahead once
//! ([`LegacyTries`]).

use super::control::{ControlFrame, FrameKind, TryPhase};
use super::FuncCx;
use crate::error::Result;
use cranelift_codegen::ir::{
    self, Block, BlockArg, ExceptionTableData, ExceptionTableItem, ExceptionTag, InstBuilder, SigRef, Value,
};
use kiln_abi::{Libcall, TrapKind, VMOffsets, VALUE_SLOT_SIZE};
use std::collections::HashSet;
use wasmparser::{BlockType, Catch, Operator, OperatorsReader, TryTable};

/// One catch clause of an open `try_table` or legacy `try`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clause {
    /// The tag it catches; `None`: every exception.
    pub tag: Option<u32>,
    /// For `try_table`: the label it branches to (counted from outside the
    /// `try_table`) and whether it passes the exnref along.
    pub label: Option<(u32, bool)>,
    /// Its landing block (one parameter: the exception object), created
    /// when a call first needs it.
    pub land: Option<Block>,
}

/// The clauses and `delegate`s of a function's legacy `try`s, in the order
/// their `try` operators appear, scanned ahead of translation.
#[derive(Default)]
pub(crate) struct LegacyTries {
    scanned: bool,
    /// Per `try`: its clauses' tags (`None` for `catch_all`) and its
    /// delegate label. (A `try` nested in the `catch` of another puts its
    /// clauses between the other's, so each `try` keeps its own list.)
    tries: Vec<(Vec<Option<u32>>, Option<u32>)>,
    /// `try`s translated so far.
    next: usize,
}

impl LegacyTries {
    pub fn clear(&mut self) {
        self.scanned = false;
        self.tries.clear();
        self.next = 0;
    }

    /// Whether the body's `try`s were scanned.
    pub fn scanned(&self) -> bool {
        self.scanned
    }

    /// Records the `try`s of the rest of the body; `reader` is positioned
    /// just after the first one.
    pub fn scan(&mut self, mut reader: OperatorsReader<'_>) -> Result<()> {
        self.scanned = true;
        // Open blocks: the index of each open `try`, `None` for others.
        let mut open: Vec<Option<usize>> = vec![Some(0)];
        self.tries.push((Vec::new(), None));
        while !reader.eof() {
            match reader.read()? {
                Operator::Try { .. } => {
                    open.push(Some(self.tries.len()));
                    self.tries.push((Vec::new(), None));
                }
                Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } | Operator::TryTable { .. } => {
                    open.push(None)
                }
                Operator::Catch { tag_index } => {
                    if let Some(&Some(t)) = open.last() {
                        self.tries[t].0.push(Some(tag_index));
                    }
                }
                Operator::CatchAll => {
                    if let Some(&Some(t)) = open.last() {
                        self.tries[t].0.push(None);
                    }
                }
                Operator::Delegate { relative_depth } => {
                    if let Some(Some(t)) = open.pop() {
                        self.tries[t].1 = Some(relative_depth);
                    }
                }
                Operator::End => {
                    open.pop();
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Skips a `try` in unreachable code.
    pub fn skip(&mut self) {
        self.next += 1;
    }

    /// The clauses and delegate of the next `try`.
    fn take(&mut self) -> (Vec<Option<u32>>, Option<u32>) {
        let next = self.tries.get_mut(self.next).map(std::mem::take).unwrap_or_default();
        self.next += 1;
        next
    }
}

impl FuncCx<'_, '_> {
    /// The number of values tag `tag` carries, and its type index.
    fn tag_arity(&self, tag: u32) -> (usize, u32) {
        let type_index = self.env.tags[tag as usize].type_index;
        (self.env.types[type_index as usize].as_ref().map_or(0, |t| t.params().len()), type_index)
    }

    pub(super) fn op_try_table(&mut self, table: &TryTable) {
        let (num_params, num_results) = self.block_arity(table.ty);
        let base = self.stack.len() - num_params;
        let start = self.clauses.len() as u32;
        for catch in &table.catches {
            let (tag, label, with_ref) = match *catch {
                Catch::One { tag, label } => (Some(tag), label, false),
                Catch::OneRef { tag, label } => (Some(tag), label, true),
                Catch::All { label } => (None, label, false),
                Catch::AllRef { label } => (None, label, true),
            };
            self.clauses.push(Clause { tag, label: Some((label, with_ref)), land: None });
        }
        let kind = FrameKind::TryTable { clauses_start: start, clauses_len: table.catches.len() as u32 };
        self.control.push(ControlFrame { kind, blockty: table.ty, num_params, num_results, base, dest: None });
    }

    /// The `end` of `try_table` frame `idx` (still open): each clause some
    /// call can reach gets its landing code, which loads the exception's
    /// values and branches to the clause's label.
    pub(super) fn end_try_table(&mut self, idx: usize, start: u32, len: u32) {
        let used: Vec<(Clause, Block)> =
            self.clauses[start as usize..(start + len) as usize].iter().filter_map(|c| Some((*c, c.land?))).collect();
        self.clauses.truncate(start as usize);
        if used.is_empty() {
            return;
        }
        // The landing code goes in blocks of its own: close this one.
        let frame = self.control[idx];
        if self.reachable {
            let (dest, n) = self.branch_target(idx);
            self.jump_with_top(dest, n);
            self.reachable = false;
        }
        self.stack.truncate(frame.base);
        for (clause, land) in used {
            self.builder.switch_to_block(land);
            self.builder.seal_block(land);
            let exn = self.builder.block_params(land)[0];
            let height = self.stack.len();
            let (label, with_ref) = clause.label.expect("try_table clauses have labels");
            if let Some(tag) = clause.tag {
                self.push_exn_values(exn, tag);
            }
            if with_ref {
                self.stack.push(exn);
            }
            let n = self.stack.len() - height;
            self.branch_to_frame(idx - 1 - label as usize, n);
            self.stack.truncate(height);
        }
    }

    /// Pushes the values exception object `exn` of tag `tag` carries.
    fn push_exn_values(&mut self, exn: Value, tag: u32) {
        let (_, type_index) = self.tag_arity(tag);
        let env = self.env;
        let params = env.types[type_index as usize].as_ref().map_or(&[][..], |t| t.params());
        let flags = ir::MemFlagsData::trusted();
        for (i, p) in params.iter().enumerate() {
            let ty = super::value_type(self.isa, *p);
            let offset = VMOffsets::EXN_VALUES as i32 + (i * VALUE_SLOT_SIZE) as i32;
            let v = self.builder.ins().load(ty, flags, exn, offset);
            self.stack.push(v);
        }
    }

    /// The landing block of clause `c`, created on first use.
    fn clause_land(&mut self, c: usize) -> Block {
        if let Some(land) = self.clauses[c].land {
            return land;
        }
        let land = self.builder.create_block();
        self.builder.append_block_param(land, self.isa.pointer_type());
        self.builder.set_cold_block(land);
        self.clauses[c].land = Some(land);
        land
    }

    /// The exception table items of a call here: the vmctx as context, then
    /// every clause of the enclosing handlers, innermost first, up to the
    /// first that catches everything. `None` when nothing here catches.
    fn exception_items(&mut self) -> Option<Vec<ExceptionTableItem>> {
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        let mut idx = self.control.len() - 1;
        while idx > 0 {
            let (start, len) = match self.control[idx].kind {
                FrameKind::TryTable { clauses_start, clauses_len }
                | FrameKind::Try { clauses_start, clauses_len, delegate: None, phase: TryPhase::Body } => {
                    (clauses_start as usize, clauses_len as usize)
                }
                FrameKind::Try { delegate: Some(depth), phase: TryPhase::Body, .. } => {
                    // The body's exceptions go to the frame `depth` labels out.
                    match idx.checked_sub(1 + depth as usize) {
                        Some(target) => {
                            idx = target;
                            continue;
                        }
                        None => break,
                    }
                }
                _ => (0, 0),
            };
            for c in start..start + len {
                let tag = self.clauses[c].tag;
                // A later clause for a tag already listed never runs.
                if !seen.insert(tag) {
                    continue;
                }
                let land = self.clause_land(c);
                let call = self.builder.func.dfg.block_call(land, &[BlockArg::TryCallExn(0)]);
                match tag {
                    Some(t) => items.push(ExceptionTableItem::Tag(ExceptionTag::from_u32(t), call)),
                    None => {
                        items.push(ExceptionTableItem::Default(call));
                        return Some(self.with_context(items));
                    }
                }
            }
            idx -= 1;
        }
        (!items.is_empty()).then(|| self.with_context(items))
    }

    fn with_context(&self, mut items: Vec<ExceptionTableItem>) -> Vec<ExceptionTableItem> {
        items.insert(0, ExceptionTableItem::Context(self.vmctx));
        items
    }

    /// Calls `callee` (a direct callee or a code pointer) of signature `sig`
    /// with `call_args`: a `try_call` when it `may_throw` and an enclosing
    /// clause may catch what it throws, else a plain call. Returns the
    /// results.
    pub(super) fn emit_call(&mut self, callee: Callee, sig: SigRef, may_throw: bool) -> Vec<Value> {
        let items = if may_throw { self.exception_items() } else { None };
        let Some(items) = items else {
            let call = match callee {
                Callee::Direct(f) => self.builder.ins().call(f, &self.call_args),
                Callee::Indirect(code) => self.builder.ins().call_indirect(sig, code, &self.call_args),
            };
            return self.builder.inst_results(call).to_vec();
        };
        let returns: Vec<ir::Type> =
            self.builder.func.dfg.signatures[sig].returns.iter().map(|p| p.value_type).collect();
        let cont = self.builder.create_block();
        for &ty in &returns {
            self.builder.append_block_param(cont, ty);
        }
        let rets: Vec<BlockArg> = (0..returns.len() as u32).map(BlockArg::TryCallRet).collect();
        let normal = self.builder.func.dfg.block_call(cont, &rets);
        let table = self.builder.func.dfg.exception_tables.push(ExceptionTableData::new(sig, normal, items));
        match callee {
            Callee::Direct(f) => self.builder.ins().try_call(f, &self.call_args, table),
            Callee::Indirect(code) => self.builder.ins().try_call_indirect(code, &self.call_args, table),
        };
        self.builder.switch_to_block(cont);
        self.builder.seal_block(cont);
        self.builder.block_params(cont).to_vec()
    }

    /// Throws exception object `exn` through the throw thunk; traps with
    /// `uncaught exception` if the thunk returns.
    fn throw_exn(&mut self, exn: Value) {
        let (thunk, sig) = self.throw_thunk();
        self.call_args.clear();
        self.call_args.extend([self.vmctx, exn]);
        self.emit_call(Callee::Direct(thunk), sig, true);
        self.trap(TrapKind::UncaughtException);
        self.reachable = false;
    }

    pub(super) fn op_throw(&mut self, tag: u32) {
        let (n, _) = self.tag_arity(tag);
        let tag_index = self.i32_const(tag);
        let exn = self.call_libcall(Libcall::ExnNew, &[tag_index]).expect("exn_new returns the object");
        let flags = ir::MemFlagsData::trusted();
        let start = self.stack.len() - n;
        for i in 0..n {
            let v = self.stack[start + i];
            let offset = VMOffsets::EXN_VALUES as i32 + (i * VALUE_SLOT_SIZE) as i32;
            self.builder.ins().store(flags, v, exn, offset);
        }
        self.stack.truncate(start);
        self.throw_exn(exn);
    }

    pub(super) fn op_throw_ref(&mut self) {
        let exn = self.pop();
        self.trapz(exn, TrapKind::NullReference);
        self.throw_exn(exn);
    }

    /// A legacy `try`: a block whose clauses come from the scan ahead.
    pub(super) fn op_try(&mut self, blockty: BlockType) {
        let (num_params, num_results) = self.block_arity(blockty);
        let base = self.stack.len() - num_params;
        let start = self.clauses.len() as u32;
        let (tags, delegate) = self.legacy.take();
        for tag in &tags {
            self.clauses.push(Clause { tag: *tag, label: None, land: None });
        }
        let kind =
            FrameKind::Try { clauses_start: start, clauses_len: tags.len() as u32, delegate, phase: TryPhase::Body };
        self.control.push(ControlFrame { kind, blockty, num_params, num_results, base, dest: None });
    }

    /// `catch` and `catch_all` of a legacy `try`: the previous block (body
    /// or catch) ends, and the clause's landing block begins with the
    /// exception's values; a clause no call can reach is unreachable.
    pub(super) fn op_catch(&mut self) {
        let idx = self.control.len() - 1;
        let frame = self.control[idx];
        let FrameKind::Try { clauses_start, clauses_len, delegate, phase } = frame.kind else {
            // A catch of a `try` in dead code is dead too.
            self.stack.truncate(frame.base);
            return;
        };
        if self.reachable {
            let (dest, n) = self.branch_target(idx);
            self.jump_with_top(dest, n);
        }
        self.stack.truncate(frame.base);
        let index = match phase {
            TryPhase::Body => 0,
            TryPhase::Catch { index, .. } => index + 1,
        };
        let clause = (index < clauses_len).then(|| self.clauses[(clauses_start + index) as usize]);
        let land = clause.and_then(|c| c.land);
        let exn = land.map(|land| {
            self.builder.switch_to_block(land);
            self.builder.seal_block(land);
            self.builder.block_params(land)[0]
        });
        self.reachable = exn.is_some();
        if let (Some(exn), Some(tag)) = (exn, clause.and_then(|c| c.tag)) {
            self.push_exn_values(exn, tag);
        }
        let phase = TryPhase::Catch { index, exn };
        self.control[idx].kind = FrameKind::Try { clauses_start, clauses_len, delegate, phase };
    }

    /// `rethrow`: throws again the exception caught by the `catch` block
    /// `depth` labels out.
    pub(super) fn op_rethrow(&mut self, depth: u32) {
        let idx = self.control.len() - 1 - depth as usize;
        match self.control[idx].kind {
            FrameKind::Try { phase: TryPhase::Catch { exn: Some(exn), .. }, .. } => self.throw_exn(exn),
            // Validation makes the target a catch block; one nothing
            // reaches cannot be executing.
            _ => {
                self.trap(TrapKind::Unreachable);
                self.reachable = false;
            }
        }
    }
}

/// What a call calls.
#[derive(Clone, Copy)]
pub(crate) enum Callee {
    /// A function the object defines or imports by name.
    Direct(ir::FuncRef),
    /// A code pointer.
    Indirect(Value),
}
