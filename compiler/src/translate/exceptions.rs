//! Exception handling, within one function: `try_table` and `throw`.
//!
//! A `throw` becomes a branch to the catch clause that takes it. kiln
//! compiles a `throw` only when an enclosing `try_table` of the same
//! function is certain to catch it (a `catch_all`, or a `catch` of the same
//! tag index); a `throw` that could leave its function is refused as
//! unsupported. So no exception ever crosses a call, and a `try_table`
//! needs no handler around the calls in its body. Clauses whose tag may or
//! may not be the thrown one (two imported tags can be the same tag)
//! compare tag identities from the vmctx at run time.

use super::control::{ControlFrame, FrameKind};
use super::FuncCx;
use crate::error::{CompileError, Result};
use cranelift_codegen::ir::{condcodes::IntCC, InstBuilder};
use wasmparser::{Catch, TryTable};

impl FuncCx<'_, '_> {
    pub(super) fn op_try_table(&mut self, table: &TryTable, offset: u64) -> Result<()> {
        for catch in &table.catches {
            if matches!(catch, Catch::OneRef { .. } | Catch::AllRef { .. }) {
                return Err(CompileError::unsupported(
                    "exception handling: catch_ref and catch_all_ref (exnref values)",
                    offset,
                ));
            }
        }
        let (num_params, num_results) = self.block_arity(table.ty);
        let base = self.stack.len() - num_params;
        let start = self.catches.len() as u32;
        self.catches.extend(table.catches.iter().cloned());
        let kind = FrameKind::TryTable { catches_start: start, catches_len: table.catches.len() as u32 };
        let blockty = table.ty;
        self.control.push(ControlFrame { kind, blockty, num_params, num_results, base, dest: None });
        Ok(())
    }

    /// Whether tags `a` and `b` are certainly different: both defined by
    /// this module (imported tags may be one tag imported twice).
    fn tags_differ(&self, a: u32, b: u32) -> bool {
        let defined = |t: u32| self.env.tags.get(t as usize).is_some_and(|d| !d.imported);
        a != b && defined(a) && defined(b)
    }

    pub(super) fn op_throw(&mut self, tag: u32, offset: u64) -> Result<()> {
        let type_index = self.env.tags[tag as usize].type_index;
        let n = self.env.types[type_index as usize].as_ref().map_or(0, |t| t.params().len());
        for frame_idx in (1..self.control.len()).rev() {
            let FrameKind::TryTable { catches_start, catches_len } = self.control[frame_idx].kind else {
                continue;
            };
            for c in catches_start..catches_start + catches_len {
                // Catch labels count from outside the `try_table`.
                let (catch_tag, label, args) = match self.catches[c as usize] {
                    Catch::One { tag, label } => (Some(tag), label, n),
                    Catch::All { label } => (None, label, 0),
                    Catch::OneRef { .. } | Catch::AllRef { .. } => continue,
                };
                let target_idx = frame_idx - 1 - label as usize;
                match catch_tag {
                    Some(t) if self.tags_differ(t, tag) => continue,
                    Some(t) if t != tag => {
                        // Maybe the same tag: compare identities.
                        let ptr = self.ptr_type();
                        let (thrown_slot, catch_slot) = (self.offsets.tag(tag), self.offsets.tag(t));
                        let thrown = self.vmctx_load(thrown_slot);
                        let caught = self.vmctx_load(catch_slot);
                        let same = self.builder.ins().icmp(IntCC::Equal, thrown, caught);
                        debug_assert_eq!(self.builder.func.dfg.value_type(thrown), ptr);
                        let (target, _) = self.branch_target(target_idx);
                        self.set_block_args(args);
                        let next = self.builder.create_block();
                        self.builder.ins().brif(same, target, &self.block_args, next, &[]);
                        self.builder.switch_to_block(next);
                        self.builder.seal_block(next);
                    }
                    _ => {
                        if target_idx == 0 {
                            self.op_return_values(args);
                        } else {
                            let (target, _) = self.branch_target(target_idx);
                            self.jump_with_top(target, args);
                        }
                        self.reachable = false;
                        return Ok(());
                    }
                }
            }
        }
        Err(CompileError::unsupported(
            "exception handling: a `throw` that can leave its function (kiln catches exceptions only in the \
             function that throws them)",
            offset,
        ))
    }
}
