//! Fixed-width SIMD lane operators (the Wasm 2.0 `simd` proposal) that do
//! not touch memory; loads and stores are in `simd_mem`.
//!
//! As in Wasmtime, every v128 value on the operand stack, in a local, a
//! global, a block parameter or a signature is an `i8x16`; an operator
//! bitcasts its operands to the lane type it works on and its result back.
//! Bitcasts that change the lane count must name a byte order, and wasm's
//! is little-endian.
//!
//! Most operators are one Cranelift instruction, whose semantics were made
//! to match wasm's: `swizzle` gives 0 for out-of-range lanes, shifts mask
//! the count by the lane width, `fmin`/`fmax` propagate NaN, the `*_sat`
//! conversions and narrows saturate. The rest (pseudo-min/max, dot
//! products, extended multiplies and pairwise adds, the `_zero` and `_low`
//! conversions) are short sequences of those.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::types::{F32X4, F64X2, I16, I16X8, I32, I32X4, I64X2, I8, I8X16};
use cranelift_codegen::ir::{ConstantData, Endianness, InstBuilder, MemFlagsData, Type, Value};
use cranelift_codegen::isa::TargetIsa;
use cranelift_frontend::FunctionBuilder;
use target_lexicon::Architecture;
use wasmparser::Operator;

/// Whether `isa` can compile v128 values: riscv64 needs the V extension.
pub fn simd_available(isa: &dyn TargetIsa) -> bool {
    match isa.triple().architecture {
        Architecture::Riscv64(_) => isa.isa_flags().iter().any(|f| f.name == "has_v" && f.as_bool() == Some(true)),
        _ => true,
    }
}

/// Flags for a bitcast between vector types: wasm lanes are little-endian.
pub(crate) fn lane_order() -> MemFlagsData {
    MemFlagsData::new().with_endianness(Endianness::Little)
}

/// `v` as a `ty` vector (the same bits).
pub(crate) fn cast(b: &mut FunctionBuilder<'_>, v: Value, ty: Type) -> Value {
    if b.func.dfg.value_type(v) == ty {
        v
    } else {
        b.ins().bitcast(ty, lane_order(), v)
    }
}

/// An all-zero `ty` vector.
pub(crate) fn zeros(b: &mut FunctionBuilder<'_>, ty: Type) -> Value {
    let c = b.func.dfg.constants.insert(ConstantData::from(vec![0u8; 16]));
    b.ins().vconst(ty, c)
}

/// The builder and operand stack of one operator's translation.
pub(super) struct Lanes<'a, 'f> {
    pub b: &'a mut FunctionBuilder<'f>,
    stack: &'a mut Vec<Value>,
}

impl<'a, 'f> Lanes<'a, 'f> {
    pub fn new(b: &'a mut FunctionBuilder<'f>, stack: &'a mut Vec<Value>) -> Self {
        Lanes { b, stack }
    }

    /// Pops a v128 operand as a `ty` vector (or a scalar when `ty` is one).
    pub fn pop(&mut self, ty: Type) -> Value {
        // Validation checked the operand stack before translation got here.
        let v = self.stack.pop().expect("validated wasm has the operator's operands on the stack");
        if ty.is_vector() {
            cast(self.b, v, ty)
        } else {
            v
        }
    }

    /// Pushes a vector result, as the stack's `i8x16`.
    pub fn push(&mut self, v: Value) {
        let v = cast(self.b, v, I8X16);
        self.stack.push(v);
    }

    pub fn un(&mut self, ty: Type, f: impl FnOnce(&mut FunctionBuilder<'f>, Value) -> Value) {
        let x = self.pop(ty);
        let r = f(self.b, x);
        self.push(r);
    }

    pub fn bin(&mut self, ty: Type, f: impl FnOnce(&mut FunctionBuilder<'f>, Value, Value) -> Value) {
        let y = self.pop(ty);
        let x = self.pop(ty);
        let r = f(self.b, x, y);
        self.push(r);
    }

    /// A lane-wise integer comparison: all ones where `cc` holds.
    fn icmp(&mut self, ty: Type, cc: IntCC) {
        self.bin(ty, |b, x, y| b.ins().icmp(cc, x, y));
    }

    fn fcmp(&mut self, ty: Type, cc: FloatCC) {
        self.bin(ty, |b, x, y| b.ins().fcmp(cc, x, y));
    }

    /// A shift of every lane by an `i32` count (Cranelift masks it by the
    /// lane width, as wasm does).
    fn shift(&mut self, ty: Type, f: impl FnOnce(&mut FunctionBuilder<'f>, Value, Value) -> Value) {
        let count = self.pop(I32);
        let x = self.pop(ty);
        let r = f(self.b, x, count);
        self.push(r);
    }

    /// An operator with a scalar result (lane extraction, tests, bitmask).
    fn scalar_op(&mut self, ty: Type, f: impl FnOnce(&mut FunctionBuilder<'f>, Value) -> Value) {
        let x = self.pop(ty);
        let r = f(self.b, x);
        self.stack.push(r);
    }

    fn splat(&mut self, ty: Type) {
        let x = self.pop(I32);
        let lane = ty.lane_type();
        // i8 and i16 lanes take the low bits of an i32 operand.
        let x = if lane == I8 || lane == I16 { self.b.ins().ireduce(lane, x) } else { x };
        let r = self.b.ins().splat(ty, x);
        self.push(r);
    }

    fn replace_lane(&mut self, ty: Type, lane: u8) {
        let x = self.pop(I32);
        let v = self.pop(ty);
        let lane_ty = ty.lane_type();
        let x = if lane_ty == I8 || lane_ty == I16 { self.b.ins().ireduce(lane_ty, x) } else { x };
        let r = self.b.ins().insertlane(v, x, lane);
        self.push(r);
    }

    /// A lane, sign- or zero-extended to i32 for i8/i16 lanes.
    fn extract_lane(&mut self, ty: Type, lane: u8, signed: bool) {
        self.scalar_op(ty, |b, v| {
            let x = b.ins().extractlane(v, lane);
            match ty.lane_type() {
                I8 | I16 if signed => b.ins().sextend(I32, x),
                I8 | I16 => b.ins().uextend(I32, x),
                _ => x,
            }
        });
    }

    /// A boolean test of the whole vector as an i32 0 or 1.
    fn test(&mut self, ty: Type, all: bool) {
        self.scalar_op(ty, |b, v| {
            let t = if all { b.ins().vall_true(v) } else { b.ins().vany_true(v) };
            b.ins().uextend(I32, t)
        });
    }

    /// `extmul_{low,high}`: widen both operands' halves, then multiply.
    fn ext_mul(&mut self, narrow: Type, high: bool, signed: bool) {
        self.bin(narrow, |b, x, y| {
            let (x, y) = (widen(b, x, high, signed), widen(b, y, high, signed));
            b.ins().imul(x, y)
        });
    }

    /// `extadd_pairwise`: the sum of each adjacent pair of lanes, widened.
    fn ext_add_pairwise(&mut self, narrow: Type, signed: bool) {
        self.un(narrow, |b, x| {
            let (lo, hi) = (widen(b, x, false, signed), widen(b, x, true, signed));
            b.ins().iadd_pairwise(lo, hi)
        });
    }
}

/// The low or high half of `x`'s lanes, extended to twice the width.
fn widen(b: &mut FunctionBuilder<'_>, x: Value, high: bool, signed: bool) -> Value {
    match (high, signed) {
        (false, true) => b.ins().swiden_low(x),
        (true, true) => b.ins().swiden_high(x),
        (false, false) => b.ins().uwiden_low(x),
        (true, false) => b.ins().uwiden_high(x),
    }
}

/// Translates `op` if it is a SIMD lane operator (not a memory access),
/// popping its operands from and pushing its result onto `stack`. Returns
/// false, touching nothing, for any other operator.
pub fn translate_simd(op: &Operator<'_>, b: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>) -> bool {
    use IntCC::*;
    use Operator as O;
    let mut l = Lanes::new(b, stack);
    match *op {
        O::V128Const { value } => {
            let c = l.b.func.dfg.constants.insert(ConstantData::from(value.bytes().to_vec()));
            let v = l.b.ins().vconst(I8X16, c);
            l.push(v);
        }
        O::I8x16Shuffle { lanes } => {
            let mask = l.b.func.dfg.immediates.push(ConstantData::from(lanes.to_vec()));
            l.bin(I8X16, |b, x, y| b.ins().shuffle(x, y, mask));
        }
        O::I8x16Swizzle => l.bin(I8X16, |b, x, y| b.ins().swizzle(x, y)),

        O::I8x16Splat => l.splat(I8X16),
        O::I16x8Splat => l.splat(I16X8),
        O::I32x4Splat => l.splat(I32X4),
        O::I64x2Splat => l.splat(I64X2),
        O::F32x4Splat => l.splat(F32X4),
        O::F64x2Splat => l.splat(F64X2),

        O::I8x16ExtractLaneS { lane } => l.extract_lane(I8X16, lane, true),
        O::I8x16ExtractLaneU { lane } => l.extract_lane(I8X16, lane, false),
        O::I16x8ExtractLaneS { lane } => l.extract_lane(I16X8, lane, true),
        O::I16x8ExtractLaneU { lane } => l.extract_lane(I16X8, lane, false),
        O::I32x4ExtractLane { lane } => l.extract_lane(I32X4, lane, false),
        O::I64x2ExtractLane { lane } => l.extract_lane(I64X2, lane, false),
        O::F32x4ExtractLane { lane } => l.extract_lane(F32X4, lane, false),
        O::F64x2ExtractLane { lane } => l.extract_lane(F64X2, lane, false),
        O::I8x16ReplaceLane { lane } => l.replace_lane(I8X16, lane),
        O::I16x8ReplaceLane { lane } => l.replace_lane(I16X8, lane),
        O::I32x4ReplaceLane { lane } => l.replace_lane(I32X4, lane),
        O::I64x2ReplaceLane { lane } => l.replace_lane(I64X2, lane),
        O::F32x4ReplaceLane { lane } => l.replace_lane(F32X4, lane),
        O::F64x2ReplaceLane { lane } => l.replace_lane(F64X2, lane),

        O::I8x16Eq => l.icmp(I8X16, Equal),
        O::I8x16Ne => l.icmp(I8X16, NotEqual),
        O::I8x16LtS => l.icmp(I8X16, SignedLessThan),
        O::I8x16LtU => l.icmp(I8X16, UnsignedLessThan),
        O::I8x16GtS => l.icmp(I8X16, SignedGreaterThan),
        O::I8x16GtU => l.icmp(I8X16, UnsignedGreaterThan),
        O::I8x16LeS => l.icmp(I8X16, SignedLessThanOrEqual),
        O::I8x16LeU => l.icmp(I8X16, UnsignedLessThanOrEqual),
        O::I8x16GeS => l.icmp(I8X16, SignedGreaterThanOrEqual),
        O::I8x16GeU => l.icmp(I8X16, UnsignedGreaterThanOrEqual),
        O::I16x8Eq => l.icmp(I16X8, Equal),
        O::I16x8Ne => l.icmp(I16X8, NotEqual),
        O::I16x8LtS => l.icmp(I16X8, SignedLessThan),
        O::I16x8LtU => l.icmp(I16X8, UnsignedLessThan),
        O::I16x8GtS => l.icmp(I16X8, SignedGreaterThan),
        O::I16x8GtU => l.icmp(I16X8, UnsignedGreaterThan),
        O::I16x8LeS => l.icmp(I16X8, SignedLessThanOrEqual),
        O::I16x8LeU => l.icmp(I16X8, UnsignedLessThanOrEqual),
        O::I16x8GeS => l.icmp(I16X8, SignedGreaterThanOrEqual),
        O::I16x8GeU => l.icmp(I16X8, UnsignedGreaterThanOrEqual),
        O::I32x4Eq => l.icmp(I32X4, Equal),
        O::I32x4Ne => l.icmp(I32X4, NotEqual),
        O::I32x4LtS => l.icmp(I32X4, SignedLessThan),
        O::I32x4LtU => l.icmp(I32X4, UnsignedLessThan),
        O::I32x4GtS => l.icmp(I32X4, SignedGreaterThan),
        O::I32x4GtU => l.icmp(I32X4, UnsignedGreaterThan),
        O::I32x4LeS => l.icmp(I32X4, SignedLessThanOrEqual),
        O::I32x4LeU => l.icmp(I32X4, UnsignedLessThanOrEqual),
        O::I32x4GeS => l.icmp(I32X4, SignedGreaterThanOrEqual),
        O::I32x4GeU => l.icmp(I32X4, UnsignedGreaterThanOrEqual),
        O::I64x2Eq => l.icmp(I64X2, Equal),
        O::I64x2Ne => l.icmp(I64X2, NotEqual),
        O::I64x2LtS => l.icmp(I64X2, SignedLessThan),
        O::I64x2GtS => l.icmp(I64X2, SignedGreaterThan),
        O::I64x2LeS => l.icmp(I64X2, SignedLessThanOrEqual),
        O::I64x2GeS => l.icmp(I64X2, SignedGreaterThanOrEqual),
        // `NotEqual` is unordered-or-unequal: true for NaN, as in wasm.
        O::F32x4Eq => l.fcmp(F32X4, FloatCC::Equal),
        O::F32x4Ne => l.fcmp(F32X4, FloatCC::NotEqual),
        O::F32x4Lt => l.fcmp(F32X4, FloatCC::LessThan),
        O::F32x4Gt => l.fcmp(F32X4, FloatCC::GreaterThan),
        O::F32x4Le => l.fcmp(F32X4, FloatCC::LessThanOrEqual),
        O::F32x4Ge => l.fcmp(F32X4, FloatCC::GreaterThanOrEqual),
        O::F64x2Eq => l.fcmp(F64X2, FloatCC::Equal),
        O::F64x2Ne => l.fcmp(F64X2, FloatCC::NotEqual),
        O::F64x2Lt => l.fcmp(F64X2, FloatCC::LessThan),
        O::F64x2Gt => l.fcmp(F64X2, FloatCC::GreaterThan),
        O::F64x2Le => l.fcmp(F64X2, FloatCC::LessThanOrEqual),
        O::F64x2Ge => l.fcmp(F64X2, FloatCC::GreaterThanOrEqual),

        O::V128Not => l.un(I8X16, |b, x| b.ins().bnot(x)),
        O::V128And => l.bin(I8X16, |b, x, y| b.ins().band(x, y)),
        O::V128AndNot => l.bin(I8X16, |b, x, y| b.ins().band_not(x, y)),
        O::V128Or => l.bin(I8X16, |b, x, y| b.ins().bor(x, y)),
        O::V128Xor => l.bin(I8X16, |b, x, y| b.ins().bxor(x, y)),
        O::V128Bitselect => {
            let c = l.pop(I8X16);
            l.bin(I8X16, |b, x, y| b.ins().bitselect(c, x, y));
        }
        O::V128AnyTrue => l.test(I8X16, false),
        O::I8x16AllTrue => l.test(I8X16, true),
        O::I16x8AllTrue => l.test(I16X8, true),
        O::I32x4AllTrue => l.test(I32X4, true),
        O::I64x2AllTrue => l.test(I64X2, true),
        O::I8x16Bitmask => l.scalar_op(I8X16, |b, x| b.ins().vhigh_bits(I32, x)),
        O::I16x8Bitmask => l.scalar_op(I16X8, |b, x| b.ins().vhigh_bits(I32, x)),
        O::I32x4Bitmask => l.scalar_op(I32X4, |b, x| b.ins().vhigh_bits(I32, x)),
        O::I64x2Bitmask => l.scalar_op(I64X2, |b, x| b.ins().vhigh_bits(I32, x)),

        O::I8x16Abs => l.un(I8X16, |b, x| b.ins().iabs(x)),
        O::I16x8Abs => l.un(I16X8, |b, x| b.ins().iabs(x)),
        O::I32x4Abs => l.un(I32X4, |b, x| b.ins().iabs(x)),
        O::I64x2Abs => l.un(I64X2, |b, x| b.ins().iabs(x)),
        O::I8x16Neg => l.un(I8X16, |b, x| b.ins().ineg(x)),
        O::I16x8Neg => l.un(I16X8, |b, x| b.ins().ineg(x)),
        O::I32x4Neg => l.un(I32X4, |b, x| b.ins().ineg(x)),
        O::I64x2Neg => l.un(I64X2, |b, x| b.ins().ineg(x)),
        O::I8x16Popcnt => l.un(I8X16, |b, x| b.ins().popcnt(x)),

        O::I8x16Shl => l.shift(I8X16, |b, x, n| b.ins().ishl(x, n)),
        O::I16x8Shl => l.shift(I16X8, |b, x, n| b.ins().ishl(x, n)),
        O::I32x4Shl => l.shift(I32X4, |b, x, n| b.ins().ishl(x, n)),
        O::I64x2Shl => l.shift(I64X2, |b, x, n| b.ins().ishl(x, n)),
        O::I8x16ShrS => l.shift(I8X16, |b, x, n| b.ins().sshr(x, n)),
        O::I16x8ShrS => l.shift(I16X8, |b, x, n| b.ins().sshr(x, n)),
        O::I32x4ShrS => l.shift(I32X4, |b, x, n| b.ins().sshr(x, n)),
        O::I64x2ShrS => l.shift(I64X2, |b, x, n| b.ins().sshr(x, n)),
        O::I8x16ShrU => l.shift(I8X16, |b, x, n| b.ins().ushr(x, n)),
        O::I16x8ShrU => l.shift(I16X8, |b, x, n| b.ins().ushr(x, n)),
        O::I32x4ShrU => l.shift(I32X4, |b, x, n| b.ins().ushr(x, n)),
        O::I64x2ShrU => l.shift(I64X2, |b, x, n| b.ins().ushr(x, n)),

        O::I8x16Add => l.bin(I8X16, |b, x, y| b.ins().iadd(x, y)),
        O::I16x8Add => l.bin(I16X8, |b, x, y| b.ins().iadd(x, y)),
        O::I32x4Add => l.bin(I32X4, |b, x, y| b.ins().iadd(x, y)),
        O::I64x2Add => l.bin(I64X2, |b, x, y| b.ins().iadd(x, y)),
        O::I8x16Sub => l.bin(I8X16, |b, x, y| b.ins().isub(x, y)),
        O::I16x8Sub => l.bin(I16X8, |b, x, y| b.ins().isub(x, y)),
        O::I32x4Sub => l.bin(I32X4, |b, x, y| b.ins().isub(x, y)),
        O::I64x2Sub => l.bin(I64X2, |b, x, y| b.ins().isub(x, y)),
        O::I16x8Mul => l.bin(I16X8, |b, x, y| b.ins().imul(x, y)),
        O::I32x4Mul => l.bin(I32X4, |b, x, y| b.ins().imul(x, y)),
        O::I64x2Mul => l.bin(I64X2, |b, x, y| b.ins().imul(x, y)),
        O::I8x16AddSatS => l.bin(I8X16, |b, x, y| b.ins().sadd_sat(x, y)),
        O::I16x8AddSatS => l.bin(I16X8, |b, x, y| b.ins().sadd_sat(x, y)),
        O::I8x16AddSatU => l.bin(I8X16, |b, x, y| b.ins().uadd_sat(x, y)),
        O::I16x8AddSatU => l.bin(I16X8, |b, x, y| b.ins().uadd_sat(x, y)),
        O::I8x16SubSatS => l.bin(I8X16, |b, x, y| b.ins().ssub_sat(x, y)),
        O::I16x8SubSatS => l.bin(I16X8, |b, x, y| b.ins().ssub_sat(x, y)),
        O::I8x16SubSatU => l.bin(I8X16, |b, x, y| b.ins().usub_sat(x, y)),
        O::I16x8SubSatU => l.bin(I16X8, |b, x, y| b.ins().usub_sat(x, y)),
        O::I8x16MinS => l.bin(I8X16, |b, x, y| b.ins().smin(x, y)),
        O::I16x8MinS => l.bin(I16X8, |b, x, y| b.ins().smin(x, y)),
        O::I32x4MinS => l.bin(I32X4, |b, x, y| b.ins().smin(x, y)),
        O::I8x16MinU => l.bin(I8X16, |b, x, y| b.ins().umin(x, y)),
        O::I16x8MinU => l.bin(I16X8, |b, x, y| b.ins().umin(x, y)),
        O::I32x4MinU => l.bin(I32X4, |b, x, y| b.ins().umin(x, y)),
        O::I8x16MaxS => l.bin(I8X16, |b, x, y| b.ins().smax(x, y)),
        O::I16x8MaxS => l.bin(I16X8, |b, x, y| b.ins().smax(x, y)),
        O::I32x4MaxS => l.bin(I32X4, |b, x, y| b.ins().smax(x, y)),
        O::I8x16MaxU => l.bin(I8X16, |b, x, y| b.ins().umax(x, y)),
        O::I16x8MaxU => l.bin(I16X8, |b, x, y| b.ins().umax(x, y)),
        O::I32x4MaxU => l.bin(I32X4, |b, x, y| b.ins().umax(x, y)),
        O::I8x16AvgrU => l.bin(I8X16, |b, x, y| b.ins().avg_round(x, y)),
        O::I16x8AvgrU => l.bin(I16X8, |b, x, y| b.ins().avg_round(x, y)),
        O::I16x8Q15MulrSatS => l.bin(I16X8, |b, x, y| b.ins().sqmul_round_sat(x, y)),

        // Narrowing reads signed lanes; `unarrow` saturates them to unsigned.
        O::I8x16NarrowI16x8S => l.bin(I16X8, |b, x, y| b.ins().snarrow(x, y)),
        O::I8x16NarrowI16x8U => l.bin(I16X8, |b, x, y| b.ins().unarrow(x, y)),
        O::I16x8NarrowI32x4S => l.bin(I32X4, |b, x, y| b.ins().snarrow(x, y)),
        O::I16x8NarrowI32x4U => l.bin(I32X4, |b, x, y| b.ins().unarrow(x, y)),
        O::I16x8ExtendLowI8x16S => l.un(I8X16, |b, x| widen(b, x, false, true)),
        O::I16x8ExtendHighI8x16S => l.un(I8X16, |b, x| widen(b, x, true, true)),
        O::I16x8ExtendLowI8x16U => l.un(I8X16, |b, x| widen(b, x, false, false)),
        O::I16x8ExtendHighI8x16U => l.un(I8X16, |b, x| widen(b, x, true, false)),
        O::I32x4ExtendLowI16x8S => l.un(I16X8, |b, x| widen(b, x, false, true)),
        O::I32x4ExtendHighI16x8S => l.un(I16X8, |b, x| widen(b, x, true, true)),
        O::I32x4ExtendLowI16x8U => l.un(I16X8, |b, x| widen(b, x, false, false)),
        O::I32x4ExtendHighI16x8U => l.un(I16X8, |b, x| widen(b, x, true, false)),
        O::I64x2ExtendLowI32x4S => l.un(I32X4, |b, x| widen(b, x, false, true)),
        O::I64x2ExtendHighI32x4S => l.un(I32X4, |b, x| widen(b, x, true, true)),
        O::I64x2ExtendLowI32x4U => l.un(I32X4, |b, x| widen(b, x, false, false)),
        O::I64x2ExtendHighI32x4U => l.un(I32X4, |b, x| widen(b, x, true, false)),
        O::I16x8ExtAddPairwiseI8x16S => l.ext_add_pairwise(I8X16, true),
        O::I16x8ExtAddPairwiseI8x16U => l.ext_add_pairwise(I8X16, false),
        O::I32x4ExtAddPairwiseI16x8S => l.ext_add_pairwise(I16X8, true),
        O::I32x4ExtAddPairwiseI16x8U => l.ext_add_pairwise(I16X8, false),
        O::I16x8ExtMulLowI8x16S => l.ext_mul(I8X16, false, true),
        O::I16x8ExtMulHighI8x16S => l.ext_mul(I8X16, true, true),
        O::I16x8ExtMulLowI8x16U => l.ext_mul(I8X16, false, false),
        O::I16x8ExtMulHighI8x16U => l.ext_mul(I8X16, true, false),
        O::I32x4ExtMulLowI16x8S => l.ext_mul(I16X8, false, true),
        O::I32x4ExtMulHighI16x8S => l.ext_mul(I16X8, true, true),
        O::I32x4ExtMulLowI16x8U => l.ext_mul(I16X8, false, false),
        O::I32x4ExtMulHighI16x8U => l.ext_mul(I16X8, true, false),
        O::I64x2ExtMulLowI32x4S => l.ext_mul(I32X4, false, true),
        O::I64x2ExtMulHighI32x4S => l.ext_mul(I32X4, true, true),
        O::I64x2ExtMulLowI32x4U => l.ext_mul(I32X4, false, false),
        O::I64x2ExtMulHighI32x4U => l.ext_mul(I32X4, true, false),
        // Products of the low and of the high halves, then adjacent sums.
        O::I32x4DotI16x8S => l.bin(I16X8, |b, x, y| {
            let lo_x = b.ins().swiden_low(x);
            let lo_y = b.ins().swiden_low(y);
            let lo = b.ins().imul(lo_x, lo_y);
            let hi_x = b.ins().swiden_high(x);
            let hi_y = b.ins().swiden_high(y);
            let hi = b.ins().imul(hi_x, hi_y);
            b.ins().iadd_pairwise(lo, hi)
        }),

        O::F32x4Add => l.bin(F32X4, |b, x, y| b.ins().fadd(x, y)),
        O::F64x2Add => l.bin(F64X2, |b, x, y| b.ins().fadd(x, y)),
        O::F32x4Sub => l.bin(F32X4, |b, x, y| b.ins().fsub(x, y)),
        O::F64x2Sub => l.bin(F64X2, |b, x, y| b.ins().fsub(x, y)),
        O::F32x4Mul => l.bin(F32X4, |b, x, y| b.ins().fmul(x, y)),
        O::F64x2Mul => l.bin(F64X2, |b, x, y| b.ins().fmul(x, y)),
        O::F32x4Div => l.bin(F32X4, |b, x, y| b.ins().fdiv(x, y)),
        O::F64x2Div => l.bin(F64X2, |b, x, y| b.ins().fdiv(x, y)),
        O::F32x4Min => l.bin(F32X4, |b, x, y| b.ins().fmin(x, y)),
        O::F64x2Min => l.bin(F64X2, |b, x, y| b.ins().fmin(x, y)),
        O::F32x4Max => l.bin(F32X4, |b, x, y| b.ins().fmax(x, y)),
        O::F64x2Max => l.bin(F64X2, |b, x, y| b.ins().fmax(x, y)),
        O::F32x4PMin => l.bin(F32X4, |b, x, y| pseudo_min_max(b, x, y, F32X4, false)),
        O::F64x2PMin => l.bin(F64X2, |b, x, y| pseudo_min_max(b, x, y, F64X2, false)),
        O::F32x4PMax => l.bin(F32X4, |b, x, y| pseudo_min_max(b, x, y, F32X4, true)),
        O::F64x2PMax => l.bin(F64X2, |b, x, y| pseudo_min_max(b, x, y, F64X2, true)),
        O::F32x4Sqrt => l.un(F32X4, |b, x| b.ins().sqrt(x)),
        O::F64x2Sqrt => l.un(F64X2, |b, x| b.ins().sqrt(x)),
        O::F32x4Neg => l.un(F32X4, |b, x| b.ins().fneg(x)),
        O::F64x2Neg => l.un(F64X2, |b, x| b.ins().fneg(x)),
        O::F32x4Abs => l.un(F32X4, |b, x| b.ins().fabs(x)),
        O::F64x2Abs => l.un(F64X2, |b, x| b.ins().fabs(x)),
        O::F32x4Ceil => l.un(F32X4, |b, x| b.ins().ceil(x)),
        O::F64x2Ceil => l.un(F64X2, |b, x| b.ins().ceil(x)),
        O::F32x4Floor => l.un(F32X4, |b, x| b.ins().floor(x)),
        O::F64x2Floor => l.un(F64X2, |b, x| b.ins().floor(x)),
        O::F32x4Trunc => l.un(F32X4, |b, x| b.ins().trunc(x)),
        O::F64x2Trunc => l.un(F64X2, |b, x| b.ins().trunc(x)),
        O::F32x4Nearest => l.un(F32X4, |b, x| b.ins().nearest(x)),
        O::F64x2Nearest => l.un(F64X2, |b, x| b.ins().nearest(x)),

        O::F32x4ConvertI32x4S => l.un(I32X4, |b, x| b.ins().fcvt_from_sint(F32X4, x)),
        O::F32x4ConvertI32x4U => l.un(I32X4, |b, x| b.ins().fcvt_from_uint(F32X4, x)),
        O::F64x2ConvertLowI32x4S => l.un(I32X4, |b, x| {
            let wide = b.ins().swiden_low(x);
            b.ins().fcvt_from_sint(F64X2, wide)
        }),
        O::F64x2ConvertLowI32x4U => l.un(I32X4, |b, x| {
            let wide = b.ins().uwiden_low(x);
            b.ins().fcvt_from_uint(F64X2, wide)
        }),
        O::I32x4TruncSatF32x4S => l.un(F32X4, |b, x| b.ins().fcvt_to_sint_sat(I32X4, x)),
        O::I32x4TruncSatF32x4U => l.un(F32X4, |b, x| b.ins().fcvt_to_uint_sat(I32X4, x)),
        // Saturate to i64 lanes, then narrow (saturating again, which
        // changes nothing) beside zero lanes.
        O::I32x4TruncSatF64x2SZero => l.un(F64X2, |b, x| {
            let wide = b.ins().fcvt_to_sint_sat(I64X2, x);
            let zero = zeros(b, I64X2);
            b.ins().snarrow(wide, zero)
        }),
        O::I32x4TruncSatF64x2UZero => l.un(F64X2, |b, x| {
            let wide = b.ins().fcvt_to_uint_sat(I64X2, x);
            let zero = zeros(b, I64X2);
            b.ins().uunarrow(wide, zero)
        }),
        O::F32x4DemoteF64x2Zero => l.un(F64X2, |b, x| b.ins().fvdemote(x)),
        O::F64x2PromoteLowF32x4 => l.un(F32X4, |b, x| b.ins().fvpromote_low(x)),

        _ => return false,
    }
    true
}

/// wasm's `pmin` is `y < x ? y : x` and `pmax` is `x < y ? y : x` (lane-wise,
/// so a NaN or equal operand gives `x`), unlike `fmin`/`fmax`.
pub(super) fn pseudo_min_max(b: &mut FunctionBuilder<'_>, x: Value, y: Value, ty: Type, max: bool) -> Value {
    let take_y = if max { b.ins().fcmp(FloatCC::LessThan, x, y) } else { b.ins().fcmp(FloatCC::LessThan, y, x) };
    let take_y = cast(b, take_y, ty);
    b.ins().bitselect(take_y, y, x)
}

#[cfg(test)]
#[path = "simd_tests.rs"]
mod tests;
