//! Translating wasm DWARF location expressions into native ones.
//!
//! Wasm DWARF names wasm locals and globals (`DW_OP_WASM_location`), and
//! its addresses are linear-memory addresses. Natively: a local is where its
//! value label says at that PC (a register, or a spill slot at CFA+offset);
//! vmctx is read from its keyed spill slot; a global is
//! `*vmctx.globals[i]`; and a linear-memory address `a` is
//! `vmctx.memories[0]->base + (a mod 2^32)` (`+ a` for a 64-bit memory 0). Since label locations change
//! along the code, one wasm expression becomes a location list: one entry
//! per native range over which every location it needs is fixed. Anything
//! untranslatable (operand-stack values, branches, typed ops) yields no
//! location rather than a wrong one.

use super::{LabelRange, Loc, Reader, VMCTX_LABEL};
use gimli::constants::{self as dw, DwOp};
use gimli::read::Operation;
use std::cell::RefCell;
use std::collections::HashMap;
use wasmparser::ValType;

/// A parsed wasm expression.
pub(super) type Ops<'a> = Vec<Operation<Reader<'a>>>;

/// Parses `expr` (in the wasm unit's `encoding`); `None` if malformed.
pub(super) fn parse<'a>(expr: gimli::read::Expression<Reader<'a>>, encoding: gimli::Encoding) -> Option<Ops<'a>> {
    let mut ops = Vec::new();
    let mut iter = expr.operations(encoding);
    while let Some(op) = iter.next().ok()? {
        ops.push(op);
    }
    Some(ops)
}

/// What a function's code offers for locating values.
pub(super) struct Frame<'x> {
    pub labels: &'x HashMap<u32, Vec<LabelRange>>,
    /// Local types, parameters first.
    pub locals: &'x [ValType],
}

/// VM context offsets the expressions use.
pub(super) struct Vm {
    /// Offset of memory 0's `*mut VMMemory`, if the module has a memory.
    pub memory0: Option<u32>,
    /// Whether memory 0 is 64-bit (its addresses do not wrap at 4 GiB).
    pub memory0_64: bool,
    /// Per global: offset of its `*mut VMGlobal` and the value's size
    /// (0 = not readable as an integer).
    pub globals: Vec<(u32, u8)>,
}

impl Vm {
    pub fn new(env: &crate::module::ModuleEnv<'_>) -> Vm {
        let offsets = env.vm_offsets();
        let globals = env
            .globals
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let size = match g.ty.content_type {
                    ValType::I32 | ValType::F32 => 4,
                    ValType::I64 | ValType::F64 => 8,
                    _ => 0,
                };
                (offsets.global(i as u32), size)
            })
            .collect();
        let memory0_64 = env.memories.first().is_some_and(|m| m.ty.memory64);
        Vm { memory0: (!env.memories.is_empty()).then(|| offsets.memory(0)), memory0_64, globals }
    }
}

/// Native location-list entries `(start, end, expression)` for `ops` with
/// frame base `fb`, over native `scope` ranges (sorted, disjoint).
pub(super) fn locate(
    ops: &[Operation<Reader<'_>>],
    fb: Option<&[Operation<Reader<'_>>]>,
    scope: &[(u32, u32)],
    frame: &Frame<'_>,
    vm: &Vm,
) -> Vec<(u32, u32, Vec<u8>)> {
    // A dry run finds the labels the expression needs (and whether it
    // can be translated at all).
    let needed = RefCell::new(Vec::new());
    let probe = |label: u32| {
        needed.borrow_mut().push(label);
        Some(Loc::Reg(0))
    };
    if compile(ops, fb, frame, vm, &probe).is_none() {
        return Vec::new();
    }
    let mut needed = needed.into_inner();
    needed.sort_unstable();
    needed.dedup();

    let mut points: Vec<u32> = scope.iter().flat_map(|&(s, e)| [s, e]).collect();
    for label in &needed {
        let Some(ranges) = frame.labels.get(label) else { return Vec::new() };
        points.extend(ranges.iter().flat_map(|r| [r.start, r.end]));
    }
    points.sort_unstable();
    points.dedup();
    let mut out: Vec<(u32, u32, Vec<u8>)> = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !scope.iter().any(|&(s, e)| s <= a && b <= e) {
            continue;
        }
        let locs: Option<Vec<Loc>> = needed.iter().map(|l| loc_over(frame.labels.get(l)?, a, b)).collect();
        let Some(locs) = locs else { continue };
        let at = |label: u32| needed.iter().position(|&l| l == label).map(|i| locs[i]);
        let Some(bytes) = compile(ops, fb, frame, vm, &at) else { continue };
        match out.last_mut() {
            Some(last) if last.1 == a && last.2 == bytes => last.1 = b,
            _ => out.push((a, b, bytes)),
        }
    }
    out
}

/// Where a value lives over all of `[a, b)`, from its ranges (sorted by
/// start; `a` and `b` are consecutive range boundaries, so no range starts
/// or ends strictly inside).
fn loc_over(ranges: &[LabelRange], a: u32, b: u32) -> Option<Loc> {
    let i = ranges.partition_point(|r| r.start <= a).checked_sub(1)?;
    let r = &ranges[i];
    (b <= r.end).then_some(r.loc)
}

/// Compiles a whole expression given where each label lives.
fn compile(
    ops: &[Operation<Reader<'_>>],
    fb: Option<&[Operation<Reader<'_>>]>,
    frame: &Frame<'_>,
    vm: &Vm,
    locs: &dyn Fn(u32) -> Option<Loc>,
) -> Option<Vec<u8>> {
    let mut cx = Cx { out: Vec::new(), frame, vm, locs };
    let mut start = 0;
    for (i, op) in ops.iter().enumerate() {
        if let Operation::Piece { size_in_bits, bit_offset } = op {
            cx.segment(&ops[start..i], fb)?;
            match bit_offset {
                None if size_in_bits % 8 == 0 => {
                    cx.op(dw::DW_OP_piece);
                    cx.uleb(size_in_bits / 8);
                }
                _ => {
                    cx.op(dw::DW_OP_bit_piece);
                    cx.uleb(*size_in_bits);
                    cx.uleb(bit_offset.unwrap_or(0));
                }
            }
            start = i + 1;
        }
    }
    cx.segment(&ops[start..], fb)?;
    (!cx.out.is_empty()).then_some(cx.out)
}

struct Cx<'c, 'x> {
    out: Vec<u8>,
    frame: &'c Frame<'x>,
    vm: &'c Vm,
    locs: &'c dyn Fn(u32) -> Option<Loc>,
}

impl Cx<'_, '_> {
    fn op(&mut self, op: DwOp) {
        self.out.push(op.0);
    }
    fn uleb(&mut self, v: u64) {
        // Writing to a Vec cannot fail.
        if gimli::leb128::write::unsigned(&mut self.out, v).is_err() {}
    }
    fn sleb(&mut self, v: i64) {
        if gimli::leb128::write::signed(&mut self.out, v).is_err() {}
    }
    fn constu(&mut self, v: u64) {
        self.op(dw::DW_OP_constu);
        self.uleb(v);
    }

    /// `DW_OP_regN`: the location is the register itself.
    fn reg(&mut self, r: u16) {
        if r < 32 {
            self.out.push(dw::DW_OP_reg0.0 + r as u8);
        } else {
            self.op(dw::DW_OP_regx);
            self.uleb(r as u64);
        }
    }

    /// Pushes register `r` plus `offset`.
    fn breg(&mut self, r: u16, offset: i64) {
        if r < 32 {
            self.out.push(dw::DW_OP_breg0.0 + r as u8);
        } else {
            self.op(dw::DW_OP_bregx);
            self.uleb(r as u64);
        }
        self.sleb(offset);
    }

    /// Pushes the address CFA + `offset`.
    fn cfa(&mut self, offset: i64) {
        self.op(dw::DW_OP_call_frame_cfa);
        if offset != 0 {
            self.op(dw::DW_OP_consts);
            self.sleb(offset);
            self.op(dw::DW_OP_plus);
        }
    }

    fn deref(&mut self, size: u8) {
        if size == 8 {
            self.op(dw::DW_OP_deref);
        } else {
            self.op(dw::DW_OP_deref_size);
            self.out.push(size);
        }
    }

    /// Truncates the top of the stack to 32 bits (wasm addresses wrap; i32
    /// values in 64-bit registers have undefined upper halves).
    fn mask32(&mut self) {
        self.op(dw::DW_OP_const4u);
        self.out.extend_from_slice(&u32::MAX.to_le_bytes());
        self.op(dw::DW_OP_and);
    }

    /// Pushes the 64-bit value labelled `label`.
    fn push_label(&mut self, label: u32, size: u8) -> Option<()> {
        match (self.locs)(label)? {
            Loc::Reg(r) => {
                self.breg(r, 0);
                if size == 4 {
                    self.mask32();
                }
            }
            Loc::Cfa(offset) => {
                self.cfa(offset);
                self.deref(size);
            }
        }
        Some(())
    }

    /// Pushes the base address of memory 0.
    fn memory_base(&mut self) -> Option<()> {
        let offset = self.vm.memory0?;
        self.push_label(VMCTX_LABEL, 8)?;
        self.op(dw::DW_OP_plus_uconst);
        self.uleb(offset as u64);
        self.op(dw::DW_OP_deref);
        self.op(dw::DW_OP_deref);
        Some(())
    }

    /// Turns the wasm address on top of the stack into a native one.
    fn wasm_to_native(&mut self) -> Option<()> {
        if !self.vm.memory0_64 {
            self.mask32();
        }
        self.memory_base()?;
        self.op(dw::DW_OP_plus);
        Some(())
    }

    /// One piece's location.
    fn segment(&mut self, ops: &[Operation<Reader<'_>>], fb: Option<&[Operation<Reader<'_>>]>) -> Option<()> {
        match ops {
            [] => return Some(()),
            // The value is a local itself: name its register or slot.
            [Operation::WasmLocal { index }] | [Operation::WasmLocal { index }, Operation::StackValue] => {
                self.frame.locals.get(*index as usize)?;
                match (self.locs)(*index)? {
                    Loc::Reg(r) => self.reg(r),
                    Loc::Cfa(offset) => self.cfa(offset),
                }
                return Some(());
            }
            [Operation::ImplicitValue { data }] => {
                self.op(dw::DW_OP_implicit_value);
                self.uleb(data.len() as u64);
                self.out.extend_from_slice(data.slice());
                return Some(());
            }
            _ => {}
        }
        let value = matches!(ops.last(), Some(Operation::StackValue));
        let body = if value { &ops[..ops.len() - 1] } else { ops };
        for op in body {
            self.operation(op, fb)?;
        }
        if value {
            self.op(dw::DW_OP_stack_value);
            Some(())
        } else {
            self.wasm_to_native()
        }
    }

    /// Translates one operation inside an expression.
    fn operation(&mut self, op: &Operation<Reader<'_>>, fb: Option<&[Operation<Reader<'_>>]>) -> Option<()> {
        use Operation as O;
        match *op {
            O::WasmLocal { index } => {
                let size = match self.frame.locals.get(index as usize)? {
                    ValType::I32 => 4,
                    ValType::I64 => 8,
                    _ => return None,
                };
                self.push_label(index, size)?;
            }
            O::WasmGlobal { index } => {
                let &(offset, size) = self.vm.globals.get(index as usize)?;
                if size == 0 {
                    return None;
                }
                self.push_label(VMCTX_LABEL, 8)?;
                self.op(dw::DW_OP_plus_uconst);
                self.uleb(offset as u64);
                self.op(dw::DW_OP_deref);
                self.deref(size);
            }
            O::FrameOffset { offset } => {
                // The frame base is a value (the C stack pointer, a wasm
                // address); its own operations cannot refer to it again.
                let fb = fb?;
                let fb = match fb.last() {
                    Some(O::StackValue) => &fb[..fb.len() - 1],
                    _ => fb,
                };
                if fb.is_empty() {
                    return None;
                }
                for op in fb {
                    self.operation(op, None)?;
                }
                self.op(dw::DW_OP_consts);
                self.sleb(offset);
                self.op(dw::DW_OP_plus);
            }
            O::Deref { base_type, size, space: false } if base_type.0 == 0 => {
                self.wasm_to_native()?;
                self.deref(size);
            }
            O::Address { address } => self.constu(address),
            O::UnsignedConstant { value } => self.constu(value),
            O::SignedConstant { value } => {
                self.op(dw::DW_OP_consts);
                self.sleb(value);
            }
            O::PlusConstant { value } => {
                self.op(dw::DW_OP_plus_uconst);
                self.uleb(value);
            }
            O::Pick { index } => {
                self.op(dw::DW_OP_pick);
                self.out.push(index);
            }
            O::Nop => {}
            O::Drop => self.op(dw::DW_OP_drop),
            O::Swap => self.op(dw::DW_OP_swap),
            O::Rot => self.op(dw::DW_OP_rot),
            O::Abs => self.op(dw::DW_OP_abs),
            O::And => self.op(dw::DW_OP_and),
            O::Div => self.op(dw::DW_OP_div),
            O::Minus => self.op(dw::DW_OP_minus),
            O::Mod => self.op(dw::DW_OP_mod),
            O::Mul => self.op(dw::DW_OP_mul),
            O::Neg => self.op(dw::DW_OP_neg),
            O::Not => self.op(dw::DW_OP_not),
            O::Or => self.op(dw::DW_OP_or),
            O::Plus => self.op(dw::DW_OP_plus),
            O::Shl => self.op(dw::DW_OP_shl),
            O::Shr => self.op(dw::DW_OP_shr),
            O::Shra => self.op(dw::DW_OP_shra),
            O::Xor => self.op(dw::DW_OP_xor),
            O::Eq => self.op(dw::DW_OP_eq),
            O::Ge => self.op(dw::DW_OP_ge),
            O::Gt => self.op(dw::DW_OP_gt),
            O::Le => self.op(dw::DW_OP_le),
            O::Lt => self.op(dw::DW_OP_lt),
            O::Ne => self.op(dw::DW_OP_ne),
            // Operand-stack values, branches (their targets are byte
            // offsets that change here), typed and entry values, and
            // anything naming native state cannot be translated.
            _ => return None,
        }
        Some(())
    }
}
