//! A 32-bit memory index widened to 64 bits without losing its constants.
//!
//! `heap_addr` needs `zext(index)`. When the index was computed as
//! `(x << k) + c` in i32, `zext` of that sum hides the constant and the shift
//! from the backend: x86 then spends an `add` (and a `shl`) per access, where
//! `table[(crc >> 8) & 0xff]` natively is one load with a displacement and
//! a scaled index. Wrapping is what forbids moving the constant outside the
//! `zext`, so this does so only where the value's known upper bound (from
//! masks, shifts and narrow loads) proves the i32 arithmetic cannot wrap:
//! then `zext((x << k) + c) == (zext(x) << k) + c` exactly.

use cranelift_codegen::ir::{self, InstBuilder, InstructionData, Opcode, Value};
use cranelift_frontend::FunctionBuilder;

/// How deep the bound and widening follow operands; index expressions are
/// short, and this keeps a long chain from costing more than it saves.
const MAX_DEPTH: u32 = 6;

/// Largest value a 32-bit type holds.
const U32_MAX: u64 = u32::MAX as u64;

/// The bits of the constant `value` holds, if it is an `iconst`.
pub(super) fn const_bits(dfg: &ir::DataFlowGraph, value: Value) -> Option<u64> {
    let inst = dfg.value_def(value).inst()?;
    let InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } = dfg.insts[inst] else { return None };
    Some(imm.bits() as u64)
}

/// The constant `value` holds, as unsigned 32 bits, if it is an `iconst`.
pub(super) fn const_u32(dfg: &ir::DataFlowGraph, value: Value) -> Option<u64> {
    const_bits(dfg, value).map(|c| c & U32_MAX)
}

/// The second operand of a binary instruction.
#[derive(Clone, Copy)]
enum Rhs {
    Const(u64),
    Value(Value),
}

/// `value`'s defining instruction as `(opcode, x, rhs)`, with a constant
/// moved to the right of a commutative operation.
fn binary(dfg: &ir::DataFlowGraph, value: Value) -> Option<(Opcode, Value, Rhs)> {
    let inst = dfg.value_def(value).inst()?;
    match dfg.insts[inst] {
        InstructionData::Binary { opcode, args: [x, y] } => Some(match (const_u32(dfg, x), const_u32(dfg, y)) {
            (_, Some(c)) => (opcode, x, Rhs::Const(c)),
            (Some(c), None) if matches!(opcode, Opcode::Iadd | Opcode::Band | Opcode::Bor | Opcode::Bxor) => {
                (opcode, y, Rhs::Const(c))
            }
            _ => (opcode, x, Rhs::Value(y)),
        }),
        _ => None,
    }
}

/// An upper bound of the i32 `value`, read off the instructions that
/// computed it; `U32_MAX` when nothing is known.
pub(super) fn max_u32(dfg: &ir::DataFlowGraph, value: Value, depth: u32) -> u64 {
    if depth > MAX_DEPTH || dfg.value_type(value) != ir::types::I32 {
        return U32_MAX;
    }
    let Some(inst) = dfg.value_def(value).inst() else { return U32_MAX };
    match dfg.insts[inst] {
        InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } => return imm.bits() as u64 & U32_MAX,
        InstructionData::Load { opcode: Opcode::Uload8, .. } => return 0xff,
        InstructionData::Load { opcode: Opcode::Uload16, .. } => return 0xffff,
        // `x & 0xff` is translated as the extension of its low byte.
        InstructionData::Unary { opcode: Opcode::Uextend, arg } => {
            return u64::MAX >> (64 - dfg.value_type(arg).bits().min(32));
        }
        _ => {}
    }
    let Some((opcode, x, rhs)) = binary(dfg, value) else { return U32_MAX };
    let bx = max_u32(dfg, x, depth + 1);
    let by = match rhs {
        Rhs::Const(c) => c,
        Rhs::Value(y) => max_u32(dfg, y, depth + 1),
    };
    let fits = |v: u64| if v <= U32_MAX { v } else { U32_MAX };
    match (opcode, rhs) {
        (Opcode::Band, _) => bx.min(by),
        // Both below 2^n, so is their union.
        (Opcode::Bor | Opcode::Bxor, _) => U32_MAX >> (bx | by).leading_zeros().saturating_sub(32),
        (Opcode::Iadd, _) => fits(bx + by),
        // Shift amounts are taken modulo 32, as in wasm.
        (Opcode::Ushr, Rhs::Const(k)) => bx >> (k & 31),
        (Opcode::Ishl, Rhs::Const(k)) => fits(bx << (k & 31)),
        (Opcode::Urem, Rhs::Const(d)) if d > 0 => (d - 1).min(bx),
        _ => U32_MAX,
    }
}

/// A 64-bit value equal to `zext(index)` for an i32 `index`, with any
/// `+ c` and `<< k` that provably do not wrap moved outside the extension,
/// where the backend folds them into the address.
pub(super) fn widen(b: &mut FunctionBuilder<'_>, index: Value) -> Value {
    widen_at(b, index, 0)
}

fn widen_at(b: &mut FunctionBuilder<'_>, index: Value, depth: u32) -> Value {
    let dfg = &b.func.dfg;
    match binary(dfg, index).filter(|_| depth < MAX_DEPTH) {
        Some((Opcode::Iadd, x, Rhs::Const(c))) if max_u32(dfg, x, 0) + c <= U32_MAX => {
            let wide = widen_at(b, x, depth + 1);
            b.ins().iadd_imm_u(wide, c as i64)
        }
        // Only shifts an address can scale by; a wider one gains nothing.
        Some((Opcode::Ishl, x, Rhs::Const(k))) if k & 31 <= 3 && max_u32(dfg, x, 0) << (k & 31) <= U32_MAX => {
            let wide = widen_at(b, x, depth + 1);
            b.ins().ishl_imm_u(wide, (k & 31) as i64)
        }
        _ => b.ins().uextend(ir::types::I64, index),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_codegen::ir::{types::I32, AbiParam, Function, MemFlagsData, Signature, UserFuncName};
    use cranelift_codegen::isa::CallConv;
    use cranelift_frontend::FunctionBuilderContext;

    /// Runs `body` on a builder positioned in the entry block of
    /// `f(p: i32, q: i64)`, with `p` and `q`.
    fn with_builder(body: impl FnOnce(&mut FunctionBuilder<'_>, Value, Value)) {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(I32));
        sig.params.push(AbiParam::new(ir::types::I64));
        let mut func = Function::with_name_signature(UserFuncName::testcase("f"), sig);
        let mut ctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut ctx);
        let block = b.create_block();
        b.append_block_params_for_function_params(block);
        b.switch_to_block(block);
        let (p, q) = (b.block_params(block)[0], b.block_params(block)[1]);
        body(&mut b, p, q);
    }

    /// The operand of `value` if it is `uextend.i64` of something.
    fn extended(dfg: &ir::DataFlowGraph, value: Value) -> Option<Value> {
        match dfg.insts[dfg.value_def(value).inst()?] {
            InstructionData::Unary { opcode: Opcode::Uextend, arg } if dfg.value_type(value) == ir::types::I64 => {
                Some(arg)
            }
            _ => None,
        }
    }

    /// `(opcode, x, constant)` of a binary instruction with a constant operand.
    fn with_const(dfg: &ir::DataFlowGraph, value: Value) -> (Opcode, Value, u64) {
        match binary(dfg, value) {
            Some((op, x, Rhs::Const(c))) => (op, x, c),
            _ => panic!("{value} is not an operation with a constant"),
        }
    }

    #[test]
    fn a_masked_table_index_keeps_its_constant_and_scale_outside_the_extension() {
        // table[(p >> 8) & 0x3ff] at 0x16b0, as clang writes it:
        // ((p >> 8) & 0x3ff) << 2 + 0x16b0, the constant on either side.
        for constant_first in [false, true] {
            with_builder(|b, p, _| {
                let s = b.ins().ushr_imm_u(p, 8);
                let m = b.ins().band_imm_u(s, 0x3ff);
                let x = b.ins().ishl_imm_u(m, 2);
                let c = b.ins().iconst(I32, 0x16b0);
                let index = if constant_first { b.ins().iadd(c, x) } else { b.ins().iadd(x, c) };
                let wide = widen(b, index);
                let dfg = &b.func.dfg;
                assert_eq!(dfg.value_type(wide), ir::types::I64);
                let (op, shifted, c) = with_const(dfg, wide);
                assert_eq!((op, c), (Opcode::Iadd, 0x16b0));
                let (op, ext, k) = with_const(dfg, shifted);
                assert_eq!((op, k), (Opcode::Ishl, 2));
                assert_eq!(extended(dfg, ext), Some(m), "the mask itself is extended");
            });
        }
    }

    #[test]
    fn a_sum_that_may_wrap_is_extended_whole() {
        with_builder(|b, p, _| {
            // p + 16 wraps for p near 2^32, so zext(p + 16) != zext(p) + 16.
            let index = b.ins().iadd_imm_u(p, 16);
            let wide = widen(b, index);
            assert_eq!(extended(&b.func.dfg, wide), Some(index));
            // -48 is 2^32 - 48 unsigned: only an index below 48 survives it.
            let m = b.ins().band_imm_u(p, 0xff);
            let index = b.ins().iadd_imm_s(m, -48);
            let wide = widen(b, index);
            assert_eq!(extended(&b.func.dfg, wide), Some(index));
            // The largest sum that cannot wrap is moved out; one more is not.
            let m = b.ins().band_imm_u(p, 0xffff);
            let index = b.ins().iadd_imm_u(m, 0xffff_0000);
            let wide = widen(b, index);
            assert_eq!(with_const(&b.func.dfg, wide).2, 0xffff_0000);
            let index = b.ins().iadd_imm_u(m, 0xffff_0001);
            let wide = widen(b, index);
            assert_eq!(extended(&b.func.dfg, wide), Some(index));
        });
    }

    #[test]
    fn a_shift_that_may_overflow_or_cannot_scale_is_extended_whole() {
        with_builder(|b, p, _| {
            let m = b.ins().band_imm_u(p, 0x7fff_ffff);
            let index = b.ins().ishl_imm_u(m, 2);
            let wide = widen(b, index);
            assert_eq!(extended(&b.func.dfg, wide), Some(index));
            let m = b.ins().band_imm_u(p, 0xff);
            let index = b.ins().ishl_imm_u(m, 4);
            let wide = widen(b, index);
            assert_eq!(extended(&b.func.dfg, wide), Some(index));
            // A shift by 35 is one by 3 in wasm and in CLIF alike.
            let index = b.ins().ishl_imm_u(m, 35);
            let wide = widen(b, index);
            let (op, _, k) = with_const(&b.func.dfg, wide);
            assert_eq!((op, k), (Opcode::Ishl, 3));
        });
    }

    #[test]
    fn bounds_follow_masks_shifts_narrow_values_and_remainders() {
        with_builder(|b, p, q| {
            let byte = b.ins().uload8(I32, MemFlagsData::trusted(), q, 0);
            let half = b.ins().uload16(I32, MemFlagsData::trusted(), q, 0);
            let low = b.ins().ireduce(ir::types::I8, p);
            let low = b.ins().uextend(I32, low);
            let shifted = b.ins().ushr_imm_u(p, 24);
            let masked = b.ins().band_imm_u(p, 0x3fc);
            let ored = b.ins().bor(byte, masked);
            let sum = b.ins().iadd(byte, half);
            let rem = b.ins().urem_imm_u(p, 1000);
            let wrapping = b.ins().iadd(p, byte);
            let dfg = &b.func.dfg;
            assert_eq!(max_u32(dfg, byte, 0), 0xff);
            assert_eq!(max_u32(dfg, half, 0), 0xffff);
            assert_eq!(max_u32(dfg, low, 0), 0xff);
            assert_eq!(max_u32(dfg, shifted, 0), 0xff);
            assert_eq!(max_u32(dfg, masked, 0), 0x3fc);
            assert_eq!(max_u32(dfg, ored, 0), 0x3ff);
            assert_eq!(max_u32(dfg, sum, 0), 0xff + 0xffff);
            assert_eq!(max_u32(dfg, rem, 0), 999);
            assert_eq!(max_u32(dfg, wrapping, 0), U32_MAX);
            assert_eq!(max_u32(dfg, p, 0), U32_MAX);
        });
    }
}
