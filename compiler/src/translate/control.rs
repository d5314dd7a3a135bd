//! Structured control flow: `block`, `loop`, `if`/`else`, `end` and the
//! branches.
//!
//! Every wasm block is a [`ControlFrame`]. A frame's merge block (`dest`,
//! carrying the block's results as block parameters) is created only when
//! something branches to it; a block that is merely fallen out of keeps
//! going in the current Cranelift block with its results on the operand
//! stack. Loops branch back to their header, whose parameters are the
//! loop's parameters. Branches to the function body's frame return.
//!
//! After an unconditional transfer (`br`, `br_table`, `return`,
//! `unreachable`) nothing is translated until control flow merges again at
//! an `else` or `end`; frames opened meanwhile are [`FrameKind::Dead`].

use super::FuncCx;
use crate::error::Result;
use cranelift_codegen::ir::{Block, BlockArg, InstBuilder, JumpTableData};
use wasmparser::{BlockType, BrTable, Operator};

#[derive(Clone, Copy, Debug)]
pub(crate) enum FrameKind {
    /// The function body; branching to it returns.
    Function,
    Block,
    Loop {
        header: Block,
    },
    If {
        else_block: Block,
        saw_else: bool,
        /// Where this `if`'s parameters start in `FuncCx::saved` (until
        /// the `else` arm has taken them).
        saved: usize,
    },
    /// A `try_table`: a block whose catch clauses are
    /// `FuncCx::clauses[clauses_start..][..clauses_len]`.
    TryTable {
        clauses_start: u32,
        clauses_len: u32,
    },
    /// A legacy `try`: a block whose `catch` clauses (known in advance, see
    /// `exceptions::LegacyTries`) are `FuncCx::clauses[clauses_start..]
    /// [..clauses_len]`, or which delegates its exceptions to the frame
    /// `delegate` labels out.
    Try {
        clauses_start: u32,
        clauses_len: u32,
        delegate: Option<u32>,
        phase: TryPhase,
    },
    /// Opened in unreachable code: neither it nor anything inside runs.
    Dead,
}

/// Where translation is inside a legacy `try`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum TryPhase {
    /// In the body, where its clauses catch.
    Body,
    /// In its `index`th `catch`/`catch_all` block, which `rethrow` can
    /// rethrow from (`exn`: the caught exception; `None` in a block nothing
    /// can reach).
    Catch { index: u32, exn: Option<cranelift_codegen::ir::Value> },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct ControlFrame {
    pub kind: FrameKind,
    pub blockty: BlockType,
    pub num_params: usize,
    pub num_results: usize,
    /// Operand stack height below the frame's parameters.
    pub base: usize,
    /// The merge block after `end`, once something branches to it.
    pub dest: Option<Block>,
}

impl FuncCx<'_, '_> {
    pub(super) fn push_function_frame(&mut self, type_index: u32) {
        let num_results = self.env.types[type_index as usize].as_ref().map_or(0, |t| t.results().len());
        self.control.push(ControlFrame {
            kind: FrameKind::Function,
            blockty: BlockType::FuncType(type_index),
            num_params: 0,
            num_results,
            base: 0,
            dest: None,
        });
    }

    /// Operators in unreachable code only track block nesting.
    pub(super) fn translate_unreachable_op(&mut self, op: &Operator<'_>) {
        match op {
            Operator::Try { .. } => {
                self.legacy.skip();
                self.push_dead_frame();
            }
            Operator::Catch { .. } | Operator::CatchAll => self.op_catch(),
            Operator::Delegate { .. } => self.op_end(),
            Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } | Operator::TryTable { .. } => {
                self.push_dead_frame()
            }
            Operator::Else => self.op_else(),
            Operator::End => self.op_end(),
            _ => {}
        }
    }

    fn push_dead_frame(&mut self) {
        self.control.push(ControlFrame {
            kind: FrameKind::Dead,
            blockty: BlockType::Empty,
            num_params: 0,
            num_results: 0,
            base: self.stack.len(),
            dest: None,
        });
    }

    pub(super) fn op_block(&mut self, blockty: BlockType) {
        let (num_params, num_results) = self.block_arity(blockty);
        let base = self.stack.len() - num_params;
        self.control.push(ControlFrame { kind: FrameKind::Block, blockty, num_params, num_results, base, dest: None });
    }

    pub(super) fn op_loop(&mut self, blockty: BlockType) {
        let (num_params, num_results) = self.block_arity(blockty);
        let header = self.builder.create_block();
        self.append_block_types(header, blockty, false);
        self.jump_with_top(header, num_params);
        self.builder.switch_to_block(header);
        let base = self.stack.len() - num_params;
        self.stack.truncate(base);
        self.stack.extend_from_slice(self.builder.block_params(header));
        self.limit_checks();
        let kind = FrameKind::Loop { header };
        self.control.push(ControlFrame { kind, blockty, num_params, num_results, base, dest: None });
    }

    /// `if`; `offset` locates its branch hint, if the module gives one: the
    /// arm hinted not to run is laid out as cold.
    pub(super) fn op_if(&mut self, blockty: BlockType, offset: u64) {
        let cond = self.pop();
        let (num_params, num_results) = self.block_arity(blockty);
        let then_block = self.builder.create_block();
        let else_block = self.builder.create_block();
        match self.branch_hint(offset) {
            Some(true) => self.builder.set_cold_block(else_block),
            Some(false) => self.builder.set_cold_block(then_block),
            None => {}
        }
        self.builder.ins().brif(cond, then_block, &[], else_block, &[]);
        self.builder.switch_to_block(then_block);
        self.builder.seal_block(then_block);
        let base = self.stack.len() - num_params;
        let saved = self.saved.len();
        self.saved.extend_from_slice(&self.stack[base..]);
        let kind = FrameKind::If { else_block, saw_else: false, saved };
        self.control.push(ControlFrame { kind, blockty, num_params, num_results, base, dest: None });
    }

    pub(super) fn op_else(&mut self) {
        let idx = self.control.len() - 1;
        let frame = self.control[idx];
        let FrameKind::If { else_block, saw_else: false, saved } = frame.kind else {
            // The `else` of an `if` in dead code is dead too.
            self.stack.truncate(frame.base);
            return;
        };
        if self.reachable {
            let dest = self.ensure_dest(idx);
            self.jump_with_top(dest, frame.num_results);
        }
        self.stack.truncate(frame.base);
        self.stack.extend_from_slice(&self.saved[saved..]);
        self.saved.truncate(saved);
        self.builder.switch_to_block(else_block);
        self.builder.seal_block(else_block);
        self.control[idx].kind = FrameKind::If { else_block, saw_else: true, saved };
        // The `if` itself was reachable, or it would be a dead frame.
        self.reachable = true;
    }

    pub(super) fn op_end(&mut self) {
        let idx = self.control.len() - 1;
        let frame = self.control[idx];
        match frame.kind {
            FrameKind::Loop { header } => self.builder.seal_block(header),
            FrameKind::If { else_block, saw_else: false, saved } => {
                // No `else`: the false edge carries the parameters through
                // as results (validation made their types equal).
                let dest = self.ensure_dest(idx);
                if self.reachable {
                    self.jump_with_top(dest, frame.num_results);
                }
                self.builder.switch_to_block(else_block);
                self.builder.seal_block(else_block);
                self.block_args.clear();
                self.block_args.extend(self.saved[saved..].iter().map(|&v| BlockArg::Value(v)));
                self.builder.ins().jump(dest, &self.block_args);
                self.saved.truncate(saved);
                self.reachable = false;
            }
            FrameKind::TryTable { clauses_start, clauses_len } => self.end_try_table(idx, clauses_start, clauses_len),
            FrameKind::Try { clauses_start, .. } => self.clauses.truncate(clauses_start as usize),
            _ => {}
        }
        let frame = self.control.pop().expect("validated: `end` closes an open frame");
        if let Some(dest) = frame.dest {
            if self.reachable {
                self.jump_with_top(dest, frame.num_results);
            }
            self.stack.truncate(frame.base);
            self.builder.switch_to_block(dest);
            self.builder.seal_block(dest);
            self.stack.extend_from_slice(self.builder.block_params(dest));
            self.reachable = true;
        } else if !self.reachable {
            self.stack.truncate(frame.base);
        }
        // Otherwise only fallthrough reaches the end: the results already
        // sit on the operand stack and translation continues in place.

        if self.control.is_empty() && self.reachable {
            self.op_return_values(frame.num_results);
        }
    }

    pub(super) fn op_br(&mut self, depth: u32) {
        let idx = self.control.len() - 1 - depth as usize;
        if idx == 0 {
            let n = self.control[0].num_results;
            self.op_return_values(n);
            return;
        }
        let (target, n) = self.branch_target(idx);
        self.jump_with_top(target, n);
        self.reachable = false;
    }

    pub(super) fn op_br_if(&mut self, depth: u32) {
        let cond = self.pop();
        let idx = self.control.len() - 1 - depth as usize;
        let (target, n) = self.branch_target(idx);
        self.set_block_args(n);
        let next = self.builder.create_block();
        self.builder.ins().brif(cond, target, &self.block_args, next, &[]);
        self.builder.switch_to_block(next);
        self.builder.seal_block(next);
    }

    pub(super) fn op_br_table(&mut self, targets: &BrTable<'_>) -> Result<()> {
        let index = self.pop();
        let top = self.control.len() - 1;
        let (default, n) = self.branch_target(top - targets.default() as usize);
        if targets.is_empty() {
            self.jump_with_top(default, n);
            self.reachable = false;
            return Ok(());
        }
        self.set_block_args(n);
        let mut calls = Vec::with_capacity(targets.len() as usize);
        for depth in targets.targets() {
            let (block, _) = self.branch_target(top - depth? as usize);
            calls.push(self.builder.func.dfg.block_call(block, &self.block_args));
        }
        let default = self.builder.func.dfg.block_call(default, &self.block_args);
        let table = self.builder.create_jump_table(JumpTableData::new(default, &calls));
        self.builder.ins().br_table(index, table);
        self.reachable = false;
        Ok(())
    }

    pub(super) fn op_return(&mut self) {
        let n = self.control[0].num_results;
        self.op_return_values(n);
    }

    /// Returns the top `n` operands from the function.
    pub(super) fn op_return_values(&mut self, n: usize) {
        self.fuel_store();
        let start = self.stack.len() - n;
        self.builder.ins().return_(&self.stack[start..]);
        self.reachable = false;
    }

    /// `br_on_null`: branch (keeping the operands below the reference) when
    /// the reference is null, else continue with it.
    pub(super) fn op_br_on_null(&mut self, depth: u32) {
        let r = self.pop();
        let idx = self.control.len() - 1 - depth as usize;
        let (target, n) = self.branch_target(idx);
        self.set_block_args(n);
        let next = self.builder.create_block();
        self.builder.ins().brif(r, next, &[], target, &self.block_args);
        self.builder.switch_to_block(next);
        self.builder.seal_block(next);
        self.stack.push(r);
    }

    /// `br_on_non_null`: branch with the reference when it is non-null,
    /// else drop it and continue.
    pub(super) fn op_br_on_non_null(&mut self, depth: u32) {
        let idx = self.control.len() - 1 - depth as usize;
        let (target, n) = self.branch_target(idx);
        self.set_block_args(n);
        let r = self.pop();
        let next = self.builder.create_block();
        self.builder.ins().brif(r, target, &self.block_args, next, &[]);
        self.builder.switch_to_block(next);
        self.builder.seal_block(next);
    }

    /// Branches to frame `idx` with the top `n` operands (returns them from
    /// the function body's frame).
    pub(super) fn branch_to_frame(&mut self, idx: usize, n: usize) {
        if idx == 0 {
            self.op_return_values(n);
        } else {
            let (target, _) = self.branch_target(idx);
            self.jump_with_top(target, n);
        }
        self.reachable = false;
    }

    /// The branch hint of the `if` or `br_if` at byte offset `offset`.
    fn branch_hint(&self, offset: u64) -> Option<bool> {
        let relative = u32::try_from(offset.checked_sub(self.body_start)?).ok()?;
        let hints = self.env.branch_hints.get(&self.func_index)?;
        hints.iter().find(|(o, _)| *o == relative).map(|(_, taken)| *taken)
    }

    /// Where a branch to frame `idx` goes and how many operands it carries.
    pub(super) fn branch_target(&mut self, idx: usize) -> (Block, usize) {
        let frame = self.control[idx];
        match frame.kind {
            FrameKind::Loop { header } => (header, frame.num_params),
            _ => (self.ensure_dest(idx), frame.num_results),
        }
    }

    /// The merge block of frame `idx`, created on first use.
    fn ensure_dest(&mut self, idx: usize) -> Block {
        if let Some(dest) = self.control[idx].dest {
            return dest;
        }
        let dest = self.builder.create_block();
        self.append_block_types(dest, self.control[idx].blockty, true);
        self.control[idx].dest = Some(dest);
        dest
    }

    /// Jumps to `block`, passing the top `n` operands (left on the stack).
    pub(super) fn jump_with_top(&mut self, block: Block, n: usize) {
        self.set_block_args(n);
        self.builder.ins().jump(block, &self.block_args);
    }

    /// Loads the top `n` operands into `block_args`.
    pub(super) fn set_block_args(&mut self, n: usize) {
        let start = self.stack.len() - n;
        self.block_args.clear();
        self.block_args.extend(self.stack[start..].iter().map(|&v| BlockArg::Value(v)));
    }

    /// (parameter count, result count) of a block type.
    pub(super) fn block_arity(&self, blockty: BlockType) -> (usize, usize) {
        match blockty {
            BlockType::Empty => (0, 0),
            BlockType::Type(_) => (0, 1),
            BlockType::FuncType(i) => {
                self.env.types[i as usize].as_ref().map_or((0, 0), |t| (t.params().len(), t.results().len()))
            }
        }
    }

    /// Appends block parameters for a block type's results (or parameters).
    fn append_block_types(&mut self, block: Block, blockty: BlockType, results: bool) {
        let env = self.env;
        let tys = match blockty {
            BlockType::Empty => &[][..],
            BlockType::Type(ty) => {
                if results {
                    let ty = super::value_type(self.isa, ty);
                    self.builder.append_block_param(block, ty);
                }
                return;
            }
            BlockType::FuncType(i) => match &env.types[i as usize] {
                Some(t) if results => t.results(),
                Some(t) => t.params(),
                None => &[][..],
            },
        };
        for &ty in tys {
            let ty = super::value_type(self.isa, ty);
            self.builder.append_block_param(block, ty);
        }
    }
}
