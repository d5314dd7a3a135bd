//! Tail duplication of `br_table` dispatch loops, as LLVM's tail duplicator
//! does for interpreters: each case of the loop gets its own copy of the
//! dispatch (the join after the cases, the opcode load and the `br_table`)
//! instead of jumping back to the one shared copy. The CPU predicts each
//! indirect jump from its own history, so a copy that follows case A learns
//! which case tends to come after A; one shared jump mispredicts whenever the
//! opcode sequence is not a single repeating case.
//!
//! Data flow: `emit::compile_function` hands each function's CLIF, after
//! inlining and before Cranelift optimizes it, to [`duplicate_dispatch`].
//! It picks the dispatch block (a small block ending in a `br_table` with
//! several targets) that the most edges from inside its own loop reach,
//! optionally together with the small join block those edges go through.
//! Each such edge gets a copy of that region as a new block, and the edge
//! jumps there instead. Values the region defines now have one definition
//! per copy, so [`Repair`] rebuilds SSA form for their uses elsewhere,
//! adding block parameters where copies meet (Braun et al.'s on-demand
//! construction); a pure value such as the next `pc` is computed again where
//! it is used instead, so that it does not become a second parameter beside
//! `pc`. The work happens on a copy of the function, which
//! replaces it only when every step succeeded; otherwise the function is
//! left as it was.

use cranelift_codegen::dominator_tree::DominatorTree;
use cranelift_codegen::flowgraph::ControlFlowGraph;
use cranelift_codegen::ir::{
    Block, BlockArg, BlockCall, Function, Inst, InstructionData, JumpTableData, Value, ValueDef,
};
use std::collections::HashMap;

/// Fewest distinct targets a `br_table` needs to count as a dispatch: an
/// interpreter has many opcodes, while a small `switch` in a loop is mostly
/// predictable already and would only grow.
const MIN_TARGETS: usize = 8;

/// Most instructions (besides terminators) the copied region may have:
/// every copy costs this much code.
const MAX_REGION_INSTS: usize = 16;

/// Most copies per function.
const MAX_COPIES: usize = 64;

/// Largest function (in blocks) the pass looks at.
const MAX_BLOCKS: usize = 4096;

/// Deepest recursion of the SSA repair (nested blocks where paths meet)
/// before it gives up, which keeps it well inside a thread's stack.
const MAX_MERGE_DEPTH: usize = 256;

/// A dispatch region: `dispatch` ends in the `br_table`; `join`, if any,
/// is the block the loop's edges reach first, which jumps to `dispatch`.
struct Region {
    join: Option<Block>,
    dispatch: Block,
}

impl Region {
    fn head(&self) -> Block {
        self.join.unwrap_or(self.dispatch)
    }
}

/// One edge (or several that a `br_table` gives the same arguments) into
/// the region's head: the branch instruction and its destination indices.
struct Edge {
    block: Block,
    inst: Inst,
    dests: Vec<usize>,
}

/// Duplicates the dispatch of the function's main `br_table` loop into the
/// edges that reach it (see the module docs). Returns whether it changed
/// anything.
pub fn duplicate_dispatch(func: &mut Function) -> bool {
    if func.dfg.jump_tables.is_empty() || func.dfg.num_blocks() > MAX_BLOCKS {
        return false;
    }
    let cfg = ControlFlowGraph::with_function(func);
    let domtree = DominatorTree::with_function(func, &cfg);
    let Some((region, edges)) = find_region(func, &cfg, &domtree) else { return false };
    // Blocks and instructions keep their names in the copy.
    let mut copy = func.clone();
    copy.dfg.resolve_all_aliases();
    if rewrite(&mut copy, &region, &edges).is_none() {
        return false;
    }
    *func = copy;
    true
}

/// Non-terminator instructions of `block`, if the region may copy them:
/// no calls (their stack maps and exception edges belong to one site).
fn body_len(func: &Function, block: Block) -> Option<usize> {
    let last = func.layout.last_inst(block)?;
    let mut n = 0;
    for inst in func.layout.block_insts(block) {
        if inst == last {
            break;
        }
        let op = func.dfg.insts[inst].opcode();
        if op.is_call() || op.is_branch() || op.is_terminator() {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// The branch targets of `inst`, all of them (a `br_table`'s default too).
fn dests(func: &Function, inst: Inst) -> &[BlockCall] {
    func.dfg.insts[inst].branch_destination(&func.dfg.jump_tables, &func.dfg.exception_tables)
}

/// The loop edges into `head`: from blocks that `dispatch` dominates.
fn loop_edges(
    func: &Function,
    cfg: &ControlFlowGraph,
    domtree: &DominatorTree,
    head: Block,
    dispatch: Block,
) -> Vec<Edge> {
    let pool = &func.dfg.value_lists;
    let mut edges = Vec::new();
    for pred in cfg.pred_iter(head) {
        if !domtree.is_reachable(pred.block) || !domtree.block_dominates(dispatch, pred.block) {
            continue;
        }
        // Plain branches only: a `try_call`'s edges carry its results.
        if func.dfg.insts[pred.inst].opcode().is_call() {
            continue;
        }
        // One copy per distinct argument list: a `br_table` may name the
        // head many times with the same arguments.
        let mut groups: Vec<(Vec<BlockArg>, Vec<usize>)> = Vec::new();
        for (i, call) in dests(func, pred.inst).iter().enumerate() {
            if call.block(pool) != head {
                continue;
            }
            let args: Vec<BlockArg> = call.args(pool).collect();
            match groups.iter_mut().find(|(a, _)| *a == args) {
                Some((_, d)) => d.push(i),
                None => groups.push((args, vec![i])),
            }
        }
        edges.extend(groups.into_iter().map(|(_, dests)| Edge { block: pred.block, inst: pred.inst, dests }));
    }
    edges
}

/// The dispatch region with the most loop edges, and those edges.
fn find_region(func: &Function, cfg: &ControlFlowGraph, domtree: &DominatorTree) -> Option<(Region, Vec<Edge>)> {
    let entry = func.layout.entry_block()?;
    let pool = &func.dfg.value_lists;
    let mut best: Option<(Region, Vec<Edge>)> = None;
    for block in func.layout.blocks() {
        let Some(last) = func.layout.last_inst(block) else { continue };
        let InstructionData::BranchTable { table, .. } = func.dfg.insts[last] else { continue };
        if block == entry || !domtree.is_reachable(block) {
            continue;
        }
        let mut targets: Vec<Block> =
            func.dfg.jump_tables[table].all_branches().iter().map(|c| c.block(pool)).collect();
        targets.sort_unstable();
        targets.dedup();
        let Some(len) = body_len(func, block) else { continue };
        if targets.len() < MIN_TARGETS || len > MAX_REGION_INSTS {
            continue;
        }
        // A single in-loop predecessor that only jumps here is the join
        // the cases meet at (a `for` loop's increment): copy it too.
        let inner: Vec<_> = cfg
            .pred_iter(block)
            .filter(|p| domtree.is_reachable(p.block) && domtree.block_dominates(block, p.block))
            .collect();
        let mut region = Region { join: None, dispatch: block };
        if let [pred] = inner.as_slice() {
            let jumps_here = matches!(func.dfg.insts[pred.inst], InstructionData::Jump { .. });
            let fits = body_len(func, pred.block).is_some_and(|n| n + len <= MAX_REGION_INSTS);
            if jumps_here && fits && pred.block != block && pred.block != entry {
                region.join = Some(pred.block);
            }
        }
        let mut edges = loop_edges(func, cfg, domtree, region.head(), block);
        edges.truncate(MAX_COPIES);
        if edges.len() >= 2 && best.as_ref().is_none_or(|(_, e)| edges.len() > e.len()) {
            best = Some((region, edges));
        }
    }
    best
}

/// Copies the region once per edge, points the edges at the copies, drops
/// a join no edge reaches any more and repairs SSA form. `None` if the
/// repair meets a use it cannot give a definition.
fn rewrite(func: &mut Function, region: &Region, edges: &[Edge]) -> Option<()> {
    let mut copies = HashMap::new();
    for edge in edges {
        let (block, map) = copy_region(func, region, edge.block)?;
        let dfg = &mut func.dfg;
        let calls = dfg.insts[edge.inst].branch_destination_mut(&mut dfg.jump_tables, &mut dfg.exception_tables);
        for &i in &edge.dests {
            calls[i].set_block(block, &mut dfg.value_lists);
        }
        copies.insert(block, map);
    }
    let mut cfg = ControlFlowGraph::with_function(func);
    let mut live = vec![region.dispatch];
    if let Some(join) = region.join {
        if cfg.pred_iter(join).next().is_none() {
            let insts: Vec<Inst> = func.layout.block_insts(join).collect();
            for inst in insts {
                func.layout.remove_inst(inst);
            }
            func.layout.remove_block(join);
            cfg = ControlFlowGraph::with_function(func);
        } else {
            live.push(join);
        }
    }
    // Where each value the region defines was defined before, if that
    // block is still there.
    let mut defs = HashMap::new();
    for &block in &live {
        for &v in func.dfg.block_params(block) {
            defs.insert(v, block);
        }
        for inst in func.layout.block_insts(block) {
            for &v in func.dfg.inst_results(inst) {
                defs.insert(v, block);
            }
        }
    }
    let domtree = DominatorTree::with_function(func, &cfg);
    let mut repair =
        Repair { cfg, defs, copies, live_in: HashMap::new(), remat: HashMap::new(), anchors: HashMap::new(), depth: 0 };
    // Every use of a region value outside its own (surviving) block.
    let mut uses = Vec::new();
    for block in func.layout.blocks() {
        for inst in func.layout.block_insts(block) {
            for v in func.dfg.inst_values(inst) {
                if repair.is_region_value(v) && repair.defs.get(&v) != Some(&block) {
                    if !domtree.is_reachable(block) {
                        return None;
                    }
                    uses.push((block, inst, v));
                }
            }
        }
    }
    for (block, inst, v) in uses {
        let new = repair.value_at(func, block, v)?;
        func.dfg.map_inst_values(inst, |x| if x == v { new } else { x });
    }
    Some(())
}

/// Appends a copy of the region after `after` and returns it with the map
/// from the region's values (parameters and results) to the copy's.
fn copy_region(func: &mut Function, region: &Region, after: Block) -> Option<(Block, HashMap<Value, Value>)> {
    let copy = func.dfg.make_block();
    func.layout.insert_block_after(copy, after);
    let mut map = HashMap::new();
    let params: Vec<Value> = func.dfg.block_params(region.head()).to_vec();
    for p in params {
        let ty = func.dfg.value_type(p);
        let q = func.dfg.append_block_param(copy, ty);
        map.insert(p, q);
    }
    for block in [region.join, Some(region.dispatch)].into_iter().flatten() {
        if Some(block) != region.join && region.join.is_some() {
            // The dispatch's parameters are the join's jump arguments.
            let join_jump = func.layout.last_inst(region.head())?;
            let pool = &func.dfg.value_lists;
            let args: Vec<Value> = dests(func, join_jump).first()?.args(pool).filter_map(|a| a.as_value()).collect();
            let params = func.dfg.block_params(block).to_vec();
            for (p, a) in params.into_iter().zip(args) {
                let mapped = *map.get(&a).unwrap_or(&a);
                map.insert(p, mapped);
            }
        }
        let insts: Vec<Inst> = func.layout.block_insts(block).collect();
        for inst in insts {
            if Some(block) == region.join && func.dfg.insts[inst].opcode().is_terminator() {
                continue;
            }
            let new = func.dfg.clone_inst(inst);
            if let InstructionData::BranchTable { table, .. } = func.dfg.insts[new] {
                // The copy needs its own table: its arguments get repaired
                // separately from the original's.
                let old = func.dfg.jump_tables[table].all_branches().to_vec();
                let calls: Vec<BlockCall> = old.iter().map(|c| c.deep_clone(&mut func.dfg.value_lists)).collect();
                let own = func.dfg.jump_tables.push(JumpTableData::new(calls[0], &calls[1..]));
                if let InstructionData::BranchTable { table, .. } = &mut func.dfg.insts[new] {
                    *table = own;
                }
            }
            func.dfg.map_inst_values(new, |v| *map.get(&v).unwrap_or(&v));
            let results: Vec<(Value, Value)> =
                func.dfg.inst_results(inst).iter().copied().zip(func.dfg.inst_results(new).iter().copied()).collect();
            map.extend(results);
            func.layout.append_inst(new, copy);
            let loc = func.srcloc(inst);
            func.set_srcloc(new, loc);
        }
    }
    Some((copy, map))
}

/// On-demand SSA construction for the values the copies redefined.
struct Repair {
    cfg: ControlFlowGraph,
    /// Original definition block of each region value still defined there.
    defs: HashMap<Value, Block>,
    /// Each copy with its map from region values to its own.
    copies: HashMap<Block, HashMap<Value, Value>>,
    /// The value of a region value on entry to a block.
    live_in: HashMap<(Block, Value), Value>,
    /// A region value computed again at the start of a block.
    remat: HashMap<(Block, Value), Value>,
    /// The instruction each block's recomputed values go before: its first
    /// one before any were added.
    anchors: HashMap<Block, Inst>,
    depth: usize,
}

impl Repair {
    /// Whether the region defined `v`: every copy then defines its own.
    fn is_region_value(&self, v: Value) -> bool {
        self.copies.values().next().is_some_and(|m| m.contains_key(&v))
    }

    /// The definition of `v` for a use in `block` that the region no longer
    /// dominates. A pure instruction's result is computed again there from
    /// its operands, which keeps values such as the next `pc` (`pc + 8`)
    /// from becoming block parameters of their own beside `pc`: two
    /// parameters that swap registers on every edge.
    fn value_at(&mut self, func: &mut Function, block: Block, v: Value) -> Option<Value> {
        let ValueDef::Result(def, _) = func.dfg.value_def(v) else { return self.live_in(func, block, v) };
        if !crate::inline::is_pure(func, def) {
            return self.live_in(func, block, v);
        }
        if let Some(&known) = self.remat.get(&(block, v)) {
            return Some(known);
        }
        let args: Vec<Value> = func.dfg.inst_args(def).to_vec();
        let mut new_args = Vec::with_capacity(args.len());
        for a in args {
            new_args.push(if self.is_region_value(a) { self.value_at(func, block, a)? } else { a });
        }
        let anchor = match self.anchors.get(&block) {
            Some(&anchor) => anchor,
            None => {
                let first = func.layout.first_inst(block)?;
                self.anchors.insert(block, first);
                first
            }
        };
        let new = func.dfg.clone_inst(def);
        let mut next = new_args.into_iter();
        func.dfg.map_inst_values(new, |x| next.next().unwrap_or(x));
        func.layout.insert_inst(new, anchor);
        let loc = func.srcloc(def);
        func.set_srcloc(new, loc);
        let result = func.dfg.first_result(new);
        self.remat.insert((block, v), result);
        Some(result)
    }

    /// The definition of `v` that reaches the end of `block`.
    fn live_out(&mut self, func: &mut Function, block: Block, v: Value) -> Option<Value> {
        if let Some(map) = self.copies.get(&block) {
            return map.get(&v).copied();
        }
        if self.defs.get(&v) == Some(&block) {
            return Some(v);
        }
        self.live_in(func, block, v)
    }

    /// The definition of `v` that reaches the start of `block`: following
    /// single predecessors up to a definition or to a block where several
    /// paths meet, which gets a new parameter that every predecessor passes
    /// its own definition to.
    fn live_in(&mut self, func: &mut Function, block: Block, v: Value) -> Option<Value> {
        let mut walked = Vec::new();
        let mut at = block;
        let found = loop {
            if let Some(&known) = self.live_in.get(&(at, v)) {
                break known;
            }
            let mut preds = self.cfg.pred_iter(at).map(|p| (p.block, p.inst));
            let (Some((pred, _)), None) = (preds.next(), preds.next()) else { break self.merge(func, at, v)? };
            if walked.contains(&at) || walked.len() > MAX_BLOCKS {
                // A cycle of single predecessors: unreachable code.
                return None;
            }
            walked.push(at);
            if let Some(map) = self.copies.get(&pred) {
                break *map.get(&v)?;
            }
            if self.defs.get(&v) == Some(&pred) {
                break v;
            }
            at = pred;
        };
        for b in walked {
            self.live_in.insert((b, v), found);
        }
        Some(found)
    }

    /// The parameter that stands for `v` at `block`, which has several
    /// predecessors (or none: then `v` is undefined on some path).
    fn merge(&mut self, func: &mut Function, block: Block, v: Value) -> Option<Value> {
        let preds: Vec<(Block, Inst)> = self.cfg.pred_iter(block).map(|p| (p.block, p.inst)).collect();
        if preds.is_empty() || self.depth > MAX_MERGE_DEPTH {
            return None;
        }
        self.depth += 1;
        let ty = func.dfg.value_type(v);
        let param = func.dfg.append_block_param(block, ty);
        // Recorded first, so that a loop back to this block finds it.
        self.live_in.insert((block, v), param);
        for (pred, inst) in preds {
            let arg = self.live_out(func, pred, v)?;
            let dfg = &mut func.dfg;
            let calls = dfg.insts[inst].branch_destination_mut(&mut dfg.jump_tables, &mut dfg.exception_tables);
            for call in calls.iter_mut() {
                if call.block(&dfg.value_lists) == block {
                    call.append_argument(arg, &mut dfg.value_lists);
                }
            }
        }
        self.depth -= 1;
        Some(param)
    }
}

#[cfg(test)]
#[path = "taildup_tests.rs"]
mod tests;
