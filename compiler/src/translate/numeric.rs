//! Numeric operators: constants, integer and float arithmetic, comparisons,
//! conversions, sign extension and saturating truncation.
//!
//! Every wasm numeric operator maps onto one Cranelift instruction (two for
//! comparisons, whose Cranelift result is `i8`, and sign extensions),
//! because Cranelift's semantics already match wasm's where it matters:
//! - `sdiv` traps with `INTEGER_DIVISION_BY_ZERO` / `INTEGER_OVERFLOW`
//!   (`MIN / -1`), `udiv`/`urem`/`srem` with `INTEGER_DIVISION_BY_ZERO`,
//!   and `srem(MIN, -1)` is 0 on every backend.
//! - `fcvt_to_{s,u}int` trap with `BAD_CONVERSION_TO_INTEGER` on NaN and
//!   `INTEGER_OVERFLOW` out of range; `crate::traps` maps both to wasm's kinds.
//! - Shift counts are taken modulo the bit width; rotates are modular.
//! - `fmin`/`fmax` follow the wasm NaN and signed-zero rules; `fabs`,
//!   `fneg` and `fcopysign` are pure bit operations.
//!
//! Operators are classified by [`shape`] into a small table entry (how many
//! operands, which builder call); [`translate_numeric`] pops, emits, pushes.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::immediates::{Ieee32, Ieee64};
use cranelift_codegen::ir::types::{F32, F64, I16, I32, I64, I8};
use cranelift_codegen::ir::{InstBuilder, InstructionData, MemFlagsData, Opcode, Type, Value};
use cranelift_frontend::FunctionBuilder;
use wasmparser::Operator;

/// Emits the result of a one-operand operator.
type UnaryFn = fn(&mut FunctionBuilder<'_>, Value) -> Value;
/// Emits the result of a two-operand operator (`x` was pushed first).
type BinaryFn = fn(&mut FunctionBuilder<'_>, Value, Value) -> Value;

/// How a numeric operator is translated.
enum Shape {
    Const(Constant),
    Unary(UnaryFn),
    Binary(BinaryFn),
    /// Integer comparison producing an `i32` 0 or 1.
    Icmp(IntCC),
    /// Float comparison producing an `i32` 0 or 1.
    Fcmp(FloatCC),
}

/// An immediate of a `*.const` operator, bits as written in the module.
enum Constant {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
}

/// Translates `op` if it is a numeric operator, popping its operands from
/// and pushing its result onto `stack`. Returns false (touching nothing)
/// for any other operator.
///
/// The operands must be on `stack` (the validator guarantees this for
/// reachable code; callers skip unreachable code).
pub fn translate_numeric(op: &Operator<'_>, builder: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>) -> bool {
    let Some(shape) = shape(op) else {
        return false;
    };
    let result = match shape {
        Shape::Const(c) => match c {
            // `iconst` immediates must be zero-extended to 64 bits.
            Constant::I32(v) => builder.ins().iconst(I32, i64::from(v as u32)),
            Constant::I64(v) => builder.ins().iconst(I64, v),
            Constant::F32(bits) => builder.ins().f32const(Ieee32::with_bits(bits)),
            Constant::F64(bits) => builder.ins().f64const(Ieee64::with_bits(bits)),
        },
        Shape::Unary(emit) => {
            let x = pop(stack);
            emit(builder, x)
        }
        Shape::Binary(emit) => {
            let y = pop(stack);
            let x = pop(stack);
            emit(builder, x, y)
        }
        Shape::Icmp(cc) => {
            let y = pop(stack);
            let x = pop(stack);
            let flag = builder.ins().icmp(cc, x, y);
            builder.ins().uextend(I32, flag)
        }
        Shape::Fcmp(cc) => {
            let y = pop(stack);
            let x = pop(stack);
            let flag = builder.ins().fcmp(cc, x, y);
            builder.ins().uextend(I32, flag)
        }
    };
    stack.push(result);
    true
}

/// `x & y`. A mask of the low 8, 16 (or, for i64, 32) bits is a zero
/// extension of the narrow value: x86 then uses one `movzx`, where `and`
/// with an immediate needs a copy first whenever `x` stays live.
fn band(b: &mut FunctionBuilder<'_>, x: Value, y: Value) -> Value {
    let ty = b.func.dfg.value_type(x);
    let width_mask = if ty == I32 { 0xffff_ffff } else { u64::MAX };
    let narrow_of = |mask: Value| match const_of(b, mask)? & width_mask {
        0xff => Some(I8),
        0xffff => Some(I16),
        0xffff_ffff if ty == I64 => Some(I32),
        _ => None,
    };
    let narrowed = match (narrow_of(y), narrow_of(x)) {
        (Some(narrow), _) => Some((narrow, x)),
        (None, Some(narrow)) => Some((narrow, y)),
        (None, None) => None,
    };
    if let Some((narrow, value)) = narrowed {
        let low = b.ins().ireduce(narrow, value);
        return b.ins().uextend(ty, low);
    }
    if let Some(v) = scaled_index(b, x, y).or_else(|| scaled_index(b, y, x)) {
        return v;
    }
    b.ins().band(x, y)
}

/// The value of `value` if it is an `iconst`.
fn const_of(b: &FunctionBuilder<'_>, value: Value) -> Option<u64> {
    super::wide_index::const_bits(&b.func.dfg, value)
}

/// `(v >> k) & mask`, where the mask clears the low 1 to 3 bits (and only
/// bits the shift already cleared above), as `(v >> (k + s)) << s`. That is
/// how a bitmap's word offset (`(bit >> 5) * 4`, which clang emits as
/// `(bit >> 3) & ~3`) reads, and x86 folds `<< s` into the scaled index of
/// the address's `lea` or load, where `and` is an instruction of its own.
fn scaled_index(b: &mut FunctionBuilder<'_>, shifted: Value, mask: Value) -> Option<Value> {
    let ty = b.func.dfg.value_type(shifted);
    let bits = ty.bits();
    let width_mask = if ty == I32 { 0xffff_ffff } else { u64::MAX };
    let mask = const_of(b, mask)? & width_mask;
    let inst = b.func.dfg.value_def(shifted).inst()?;
    let InstructionData::Binary { opcode: Opcode::Ushr, args: [v, amount] } = b.func.dfg.insts[inst] else {
        return None;
    };
    let k = (const_of(b, amount)? % u64::from(bits)) as u32;
    (1..=3u32).find_map(|s| {
        let expected = (width_mask >> k) & !((1u64 << s) - 1);
        if k == 0 || k + s >= bits || mask != expected {
            return None;
        }
        let wide = b.ins().ushr_imm_u(v, i64::from(k + s));
        Some(b.ins().ishl_imm_u(wide, i64::from(s)))
    })
}

fn pop(stack: &mut Vec<Value>) -> Value {
    // Validation checked the operand stack before translation got here.
    stack.pop().expect("validated wasm has the operator's operands on the stack")
}

/// The translation of `op`, or `None` if it is not a numeric operator.
/// Cranelift instructions are polymorphic, so the i32 and i64 (f32 and f64)
/// forms of an operator share an entry.
fn shape(op: &Operator<'_>) -> Option<Shape> {
    use Operator as O;
    use Shape::{Binary, Fcmp, Icmp, Unary};
    Some(match *op {
        O::I32Const { value } => Shape::Const(Constant::I32(value)),
        O::I64Const { value } => Shape::Const(Constant::I64(value)),
        O::F32Const { value } => Shape::Const(Constant::F32(value.bits())),
        O::F64Const { value } => Shape::Const(Constant::F64(value.bits())),

        // Integer arithmetic. Division and remainder trap inside Cranelift.
        O::I32Add | O::I64Add => Binary(|b, x, y| b.ins().iadd(x, y)),
        O::I32Sub | O::I64Sub => Binary(|b, x, y| b.ins().isub(x, y)),
        O::I32Mul | O::I64Mul => Binary(|b, x, y| b.ins().imul(x, y)),
        O::I32DivS | O::I64DivS => Binary(|b, x, y| b.ins().sdiv(x, y)),
        O::I32DivU | O::I64DivU => Binary(|b, x, y| b.ins().udiv(x, y)),
        O::I32RemS | O::I64RemS => Binary(|b, x, y| b.ins().srem(x, y)),
        O::I32RemU | O::I64RemU => Binary(|b, x, y| b.ins().urem(x, y)),
        O::I32And | O::I64And => Binary(band),
        O::I32Or | O::I64Or => Binary(|b, x, y| b.ins().bor(x, y)),
        O::I32Xor | O::I64Xor => Binary(|b, x, y| b.ins().bxor(x, y)),
        O::I32Shl | O::I64Shl => Binary(|b, x, y| b.ins().ishl(x, y)),
        O::I32ShrS | O::I64ShrS => Binary(|b, x, y| b.ins().sshr(x, y)),
        O::I32ShrU | O::I64ShrU => Binary(|b, x, y| b.ins().ushr(x, y)),
        O::I32Rotl | O::I64Rotl => Binary(|b, x, y| b.ins().rotl(x, y)),
        O::I32Rotr | O::I64Rotr => Binary(|b, x, y| b.ins().rotr(x, y)),
        O::I32Clz | O::I64Clz => Unary(|b, x| b.ins().clz(x)),
        O::I32Ctz | O::I64Ctz => Unary(|b, x| b.ins().ctz(x)),
        O::I32Popcnt | O::I64Popcnt => Unary(|b, x| b.ins().popcnt(x)),
        O::I32Eqz | O::I64Eqz => Unary(|b, x| {
            let flag = b.ins().icmp_imm_u(IntCC::Equal, x, 0);
            b.ins().uextend(I32, flag)
        }),

        // Integer comparisons.
        O::I32Eq | O::I64Eq => Icmp(IntCC::Equal),
        O::I32Ne | O::I64Ne => Icmp(IntCC::NotEqual),
        O::I32LtS | O::I64LtS => Icmp(IntCC::SignedLessThan),
        O::I32LtU | O::I64LtU => Icmp(IntCC::UnsignedLessThan),
        O::I32GtS | O::I64GtS => Icmp(IntCC::SignedGreaterThan),
        O::I32GtU | O::I64GtU => Icmp(IntCC::UnsignedGreaterThan),
        O::I32LeS | O::I64LeS => Icmp(IntCC::SignedLessThanOrEqual),
        O::I32LeU | O::I64LeU => Icmp(IntCC::UnsignedLessThanOrEqual),
        O::I32GeS | O::I64GeS => Icmp(IntCC::SignedGreaterThanOrEqual),
        O::I32GeU | O::I64GeU => Icmp(IntCC::UnsignedGreaterThanOrEqual),

        // Float arithmetic.
        O::F32Abs | O::F64Abs => Unary(|b, x| b.ins().fabs(x)),
        O::F32Neg | O::F64Neg => Unary(|b, x| b.ins().fneg(x)),
        O::F32Ceil | O::F64Ceil => Unary(|b, x| b.ins().ceil(x)),
        O::F32Floor | O::F64Floor => Unary(|b, x| b.ins().floor(x)),
        O::F32Trunc | O::F64Trunc => Unary(|b, x| b.ins().trunc(x)),
        O::F32Nearest | O::F64Nearest => Unary(|b, x| b.ins().nearest(x)),
        O::F32Sqrt | O::F64Sqrt => Unary(|b, x| b.ins().sqrt(x)),
        O::F32Add | O::F64Add => Binary(|b, x, y| b.ins().fadd(x, y)),
        O::F32Sub | O::F64Sub => Binary(|b, x, y| b.ins().fsub(x, y)),
        O::F32Mul | O::F64Mul => Binary(|b, x, y| b.ins().fmul(x, y)),
        O::F32Div | O::F64Div => Binary(|b, x, y| b.ins().fdiv(x, y)),
        O::F32Min | O::F64Min => Binary(|b, x, y| b.ins().fmin(x, y)),
        O::F32Max | O::F64Max => Binary(|b, x, y| b.ins().fmax(x, y)),
        O::F32Copysign | O::F64Copysign => Binary(|b, x, y| b.ins().fcopysign(x, y)),

        // Float comparisons: all ordered except `ne`, which is true for NaN.
        O::F32Eq | O::F64Eq => Fcmp(FloatCC::Equal),
        O::F32Ne | O::F64Ne => Fcmp(FloatCC::NotEqual),
        O::F32Lt | O::F64Lt => Fcmp(FloatCC::LessThan),
        O::F32Gt | O::F64Gt => Fcmp(FloatCC::GreaterThan),
        O::F32Le | O::F64Le => Fcmp(FloatCC::LessThanOrEqual),
        O::F32Ge | O::F64Ge => Fcmp(FloatCC::GreaterThanOrEqual),

        // Integer width conversions and sign extension.
        O::I32WrapI64 => Unary(|b, x| b.ins().ireduce(I32, x)),
        O::I64ExtendI32S => Unary(|b, x| b.ins().sextend(I64, x)),
        O::I64ExtendI32U => Unary(|b, x| b.ins().uextend(I64, x)),
        O::I32Extend8S | O::I64Extend8S => Unary(|b, x| sign_extend_low(b, x, I8)),
        O::I32Extend16S | O::I64Extend16S => Unary(|b, x| sign_extend_low(b, x, I16)),
        O::I64Extend32S => Unary(|b, x| sign_extend_low(b, x, I32)),

        // Trapping float -> int truncation.
        O::I32TruncF32S | O::I32TruncF64S => Unary(|b, x| b.ins().fcvt_to_sint(I32, x)),
        O::I32TruncF32U | O::I32TruncF64U => Unary(|b, x| b.ins().fcvt_to_uint(I32, x)),
        O::I64TruncF32S | O::I64TruncF64S => Unary(|b, x| b.ins().fcvt_to_sint(I64, x)),
        O::I64TruncF32U | O::I64TruncF64U => Unary(|b, x| b.ins().fcvt_to_uint(I64, x)),

        // Saturating float -> int truncation (NaN -> 0).
        O::I32TruncSatF32S | O::I32TruncSatF64S => Unary(|b, x| b.ins().fcvt_to_sint_sat(I32, x)),
        O::I32TruncSatF32U | O::I32TruncSatF64U => Unary(|b, x| b.ins().fcvt_to_uint_sat(I32, x)),
        O::I64TruncSatF32S | O::I64TruncSatF64S => Unary(|b, x| b.ins().fcvt_to_sint_sat(I64, x)),
        O::I64TruncSatF32U | O::I64TruncSatF64U => Unary(|b, x| b.ins().fcvt_to_uint_sat(I64, x)),

        // int -> float conversions, rounding to nearest, ties to even.
        O::F32ConvertI32S | O::F32ConvertI64S => Unary(|b, x| b.ins().fcvt_from_sint(F32, x)),
        O::F32ConvertI32U | O::F32ConvertI64U => Unary(|b, x| b.ins().fcvt_from_uint(F32, x)),
        O::F64ConvertI32S | O::F64ConvertI64S => Unary(|b, x| b.ins().fcvt_from_sint(F64, x)),
        O::F64ConvertI32U | O::F64ConvertI64U => Unary(|b, x| b.ins().fcvt_from_uint(F64, x)),
        O::F32DemoteF64 => Unary(|b, x| b.ins().fdemote(F32, x)),
        O::F64PromoteF32 => Unary(|b, x| b.ins().fpromote(F64, x)),

        // Reinterpretation keeps every bit, NaN payloads included.
        O::I32ReinterpretF32 => Unary(|b, x| b.ins().bitcast(I32, MemFlagsData::new(), x)),
        O::I64ReinterpretF64 => Unary(|b, x| b.ins().bitcast(I64, MemFlagsData::new(), x)),
        O::F32ReinterpretI32 => Unary(|b, x| b.ins().bitcast(F32, MemFlagsData::new(), x)),
        O::F64ReinterpretI64 => Unary(|b, x| b.ins().bitcast(F64, MemFlagsData::new(), x)),

        _ => return None,
    })
}

/// Sign-extends the low `narrow` bits of `x` back to `x`'s own type.
fn sign_extend_low(builder: &mut FunctionBuilder<'_>, x: Value, narrow: Type) -> Value {
    let ty = builder.func.dfg.value_type(x);
    let low = builder.ins().ireduce(narrow, x);
    builder.ins().sextend(ty, low)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Target;
    use crate::OptLevel;
    use cranelift_codegen::control::ControlPlane;
    use cranelift_codegen::ir::{AbiParam, Function, InstructionData, Signature, UserFuncName};
    use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
    use cranelift_codegen::{verify_function, Context};
    use cranelift_frontend::FunctionBuilderContext;
    use kiln_abi::TrapKind;
    use std::collections::{BTreeSet, HashSet};
    use wasmparser::{Ieee32 as WIeee32, Ieee64 as WIeee64};

    fn isa() -> OwnedTargetIsa {
        Target::host().isa(OptLevel::Speed).expect("host ISA")
    }

    /// A function taking `params`, applying `ops` to them and returning
    /// whatever they leave on the stack.
    fn build(isa: &OwnedTargetIsa, params: &[Type], ops: &[Operator<'_>]) -> Function {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.extend(params.iter().map(|&t| AbiParam::new(t)));
        let mut func = Function::with_name_signature(UserFuncName::testcase("numeric"), sig);
        let mut fctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut fctx);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let mut stack = b.block_params(entry).to_vec();
        for op in ops {
            assert!(translate_numeric(op, &mut b, &mut stack), "{op:?} not translated");
        }
        for &v in &stack {
            let ty = b.func.dfg.value_type(v);
            b.func.signature.returns.push(AbiParam::new(ty));
        }
        b.ins().return_(&stack);
        b.seal_all_blocks();
        b.finalize(isa.frontend_config());
        if let Err(e) = verify_function(&func, isa.as_ref()) {
            panic!("{ops:?}: invalid IR: {e}\n{}", func.display());
        }
        func
    }

    /// Compiles `func` for the host and returns the wasm trap kinds its
    /// code can raise and its number of relocations (libcalls).
    fn compile(isa: &OwnedTargetIsa, func: Function) -> (HashSet<TrapKind>, usize) {
        let mut ctx = Context::for_function(func);
        let code = match ctx.compile(isa.as_ref(), &mut ControlPlane::default()) {
            Ok(code) => code,
            Err(e) => panic!("compile failed: {:?}", e.inner),
        };
        let kinds = code
            .buffer
            .traps()
            .iter()
            .map(|t| crate::traps::trap_kind(t.code).unwrap_or_else(|| panic!("unknown trap code {}", t.code)))
            .collect();
        (kinds, code.buffer.relocs().len())
    }

    /// Every numeric operator except the constants, with its operand and
    /// result types.
    fn signatures() -> Vec<(Operator<'static>, Vec<Type>, Type)> {
        use Operator as O;
        let mut all = Vec::new();
        let mut group = |ops: &[Operator<'static>], params: &[Type], result: Type| {
            all.extend(ops.iter().map(|op| (op.clone(), params.to_vec(), result)));
        };
        let int_bin = |w: bool| -> Vec<Operator<'static>> {
            if w {
                vec![O::I64Add, O::I64Sub, O::I64Mul, O::I64DivS, O::I64DivU, O::I64RemS, O::I64RemU, O::I64And]
                    .into_iter()
                    .chain([O::I64Or, O::I64Xor, O::I64Shl, O::I64ShrS, O::I64ShrU, O::I64Rotl, O::I64Rotr])
                    .collect()
            } else {
                vec![O::I32Add, O::I32Sub, O::I32Mul, O::I32DivS, O::I32DivU, O::I32RemS, O::I32RemU, O::I32And]
                    .into_iter()
                    .chain([O::I32Or, O::I32Xor, O::I32Shl, O::I32ShrS, O::I32ShrU, O::I32Rotl, O::I32Rotr])
                    .collect()
            }
        };
        group(&int_bin(false), &[I32, I32], I32);
        group(&int_bin(true), &[I64, I64], I64);
        let i32_rel = [O::I32Eq, O::I32Ne, O::I32LtS, O::I32LtU, O::I32GtS, O::I32GtU, O::I32LeS, O::I32LeU];
        group(&i32_rel, &[I32, I32], I32);
        group(&[O::I32GeS, O::I32GeU], &[I32, I32], I32);
        let i64_rel = [O::I64Eq, O::I64Ne, O::I64LtS, O::I64LtU, O::I64GtS, O::I64GtU, O::I64LeS, O::I64LeU];
        group(&i64_rel, &[I64, I64], I32);
        group(&[O::I64GeS, O::I64GeU], &[I64, I64], I32);
        group(&[O::I32Clz, O::I32Ctz, O::I32Popcnt, O::I32Eqz, O::I32Extend8S, O::I32Extend16S], &[I32], I32);
        group(&[O::I64Clz, O::I64Ctz, O::I64Popcnt, O::I64Extend8S, O::I64Extend16S, O::I64Extend32S], &[I64], I64);
        group(&[O::I64Eqz], &[I64], I32);
        for (t, ops) in [
            (F32, [O::F32Abs, O::F32Neg, O::F32Ceil, O::F32Floor, O::F32Trunc, O::F32Nearest, O::F32Sqrt]),
            (F64, [O::F64Abs, O::F64Neg, O::F64Ceil, O::F64Floor, O::F64Trunc, O::F64Nearest, O::F64Sqrt]),
        ] {
            group(&ops, &[t], t);
        }
        for (t, ops) in [
            (F32, [O::F32Add, O::F32Sub, O::F32Mul, O::F32Div, O::F32Min, O::F32Max, O::F32Copysign]),
            (F64, [O::F64Add, O::F64Sub, O::F64Mul, O::F64Div, O::F64Min, O::F64Max, O::F64Copysign]),
        ] {
            group(&ops, &[t, t], t);
        }
        group(&[O::F32Eq, O::F32Ne, O::F32Lt, O::F32Gt, O::F32Le, O::F32Ge], &[F32, F32], I32);
        group(&[O::F64Eq, O::F64Ne, O::F64Lt, O::F64Gt, O::F64Le, O::F64Ge], &[F64, F64], I32);
        let conversions = [
            (O::I32WrapI64, I64, I32),
            (O::I64ExtendI32S, I32, I64),
            (O::I64ExtendI32U, I32, I64),
            (O::F32DemoteF64, F64, F32),
            (O::F64PromoteF32, F32, F64),
            (O::I32ReinterpretF32, F32, I32),
            (O::I64ReinterpretF64, F64, I64),
            (O::F32ReinterpretI32, I32, F32),
            (O::F64ReinterpretI64, I64, F64),
            (O::F32ConvertI32S, I32, F32),
            (O::F32ConvertI32U, I32, F32),
            (O::F32ConvertI64S, I64, F32),
            (O::F32ConvertI64U, I64, F32),
            (O::F64ConvertI32S, I32, F64),
            (O::F64ConvertI32U, I32, F64),
            (O::F64ConvertI64S, I64, F64),
            (O::F64ConvertI64U, I64, F64),
        ];
        for (op, from, to) in conversions {
            group(&[op], &[from], to);
        }
        for (op, from, to) in truncations(false).into_iter().chain(truncations(true)) {
            group(&[op], &[from], to);
        }
        all
    }

    /// The eight trapping (or, with `sat`, saturating) truncations.
    fn truncations(sat: bool) -> Vec<(Operator<'static>, Type, Type)> {
        use Operator as O;
        if sat {
            vec![
                (O::I32TruncSatF32S, F32, I32),
                (O::I32TruncSatF32U, F32, I32),
                (O::I32TruncSatF64S, F64, I32),
                (O::I32TruncSatF64U, F64, I32),
                (O::I64TruncSatF32S, F32, I64),
                (O::I64TruncSatF32U, F32, I64),
                (O::I64TruncSatF64S, F64, I64),
                (O::I64TruncSatF64U, F64, I64),
            ]
        } else {
            vec![
                (O::I32TruncF32S, F32, I32),
                (O::I32TruncF32U, F32, I32),
                (O::I32TruncF64S, F64, I32),
                (O::I32TruncF64U, F64, I32),
                (O::I64TruncF32S, F32, I64),
                (O::I64TruncF32U, F32, I64),
                (O::I64TruncF64S, F64, I64),
                (O::I64TruncF64U, F64, I64),
            ]
        }
    }

    fn ir(func: &Function) -> String {
        func.display().to_string()
    }

    #[test]
    fn every_numeric_operator_translates_verifies_and_compiles() {
        let isa = isa();
        let all = signatures();
        // Wasm 1.0 has 123 non-constant numeric opcodes (0x45..=0xbf), plus
        // 5 sign-extension and 8 saturating-truncation operators.
        assert_eq!(all.len(), 123 + 5 + 8);
        let distinct: BTreeSet<String> = all.iter().map(|(op, _, _)| format!("{op:?}")).collect();
        assert_eq!(distinct.len(), all.len(), "an operator is listed twice");
        for (op, params, result) in all {
            let func = build(&isa, &params, std::slice::from_ref(&op));
            assert_eq!(func.signature.returns, vec![AbiParam::new(result)], "{op:?}");
            compile(&isa, func);
        }
    }

    #[test]
    fn non_numeric_operators_are_left_alone() {
        let isa = isa();
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(I32));
        let mut func = Function::with_name_signature(UserFuncName::testcase("other"), sig);
        let mut fctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut fctx);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let mut stack = b.block_params(entry).to_vec();
        let before = stack.clone();
        let others = [
            Operator::Nop,
            Operator::Drop,
            Operator::LocalGet { local_index: 0 },
            Operator::MemorySize { mem: 0 },
            Operator::Call { function_index: 0 },
            Operator::Select,
            Operator::RefIsNull,
        ];
        for op in &others {
            assert!(!translate_numeric(op, &mut b, &mut stack), "{op:?}");
            assert_eq!(stack, before, "{op:?}");
        }
        assert_eq!(b.func.layout.block_insts(entry).count(), 0);
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(isa.frontend_config());
    }

    #[test]
    fn constants_keep_their_exact_bits() {
        let isa = isa();
        let nan_payload = 0x7fa0_0001u32;
        let f64_bits = 0xfff0_0000_0000_0123u64;
        let ops = [
            Operator::I32Const { value: -1 },
            Operator::I32Const { value: i32::MIN },
            Operator::I64Const { value: i64::MIN },
            Operator::F32Const { value: WIeee32::from(f32::from_bits(nan_payload)) },
            Operator::F64Const { value: WIeee64::from(f64::from_bits(f64_bits)) },
        ];
        // Also checks that negative i32 immediates pass `iconst` bounds.
        let func = build(&isa, &[], &ops);
        let mut seen = Vec::new();
        for inst in func.layout.block_insts(func.layout.entry_block().expect("entry")) {
            match func.dfg.insts[inst] {
                InstructionData::UnaryImm { imm, .. } => seen.push(imm.bits() as u64),
                InstructionData::UnaryIeee32 { imm, .. } => seen.push(u64::from(imm.bits())),
                InstructionData::UnaryIeee64 { imm, .. } => seen.push(imm.bits()),
                _ => {}
            }
        }
        assert_eq!(seen, [0xffff_ffff, 0x8000_0000, 1 << 63, u64::from(nan_payload), f64_bits]);
    }

    #[test]
    fn operands_are_taken_in_push_order() {
        let isa = isa();
        for op in [Operator::I32Sub, Operator::I64ShrS, Operator::F64Div, Operator::F32Copysign] {
            let (_, params, _) = signatures().into_iter().find(|(o, _, _)| *o == op).expect("listed");
            let func = build(&isa, &params, std::slice::from_ref(&op));
            let entry = func.layout.entry_block().expect("entry");
            let args = func.dfg.block_params(entry).to_vec();
            let first = func.layout.first_inst(entry).expect("an instruction");
            assert_eq!(func.dfg.inst_args(first), args.as_slice(), "{op:?}");
        }
    }

    #[test]
    fn trapping_truncations_report_wasm_trap_kinds() {
        let isa = isa();
        for (op, from, _) in truncations(false) {
            let func = build(&isa, &[from], std::slice::from_ref(&op));
            let text = ir(&func);
            let want = if format!("{op:?}").ends_with('S') { "fcvt_to_sint." } else { "fcvt_to_uint." };
            assert!(text.contains(want), "{op:?}:\n{text}");
            let (kinds, _) = compile(&isa, func);
            let expected = HashSet::from([TrapKind::InvalidConversionToInteger, TrapKind::IntegerOverflow]);
            assert_eq!(kinds, expected, "{op:?}");
        }
    }

    #[test]
    fn saturating_truncations_never_trap() {
        let isa = isa();
        for (op, from, _) in truncations(true) {
            let func = build(&isa, &[from], std::slice::from_ref(&op));
            let text = ir(&func);
            let want = if format!("{op:?}").ends_with('S') { "fcvt_to_sint_sat." } else { "fcvt_to_uint_sat." };
            assert!(text.contains(want), "{op:?}:\n{text}");
            let (kinds, _) = compile(&isa, func);
            assert!(kinds.is_empty(), "{op:?} traps: {kinds:?}");
        }
    }

    #[test]
    fn division_traps_match_wasm() {
        use Operator as O;
        let isa = isa();
        let zero = HashSet::from([TrapKind::IntegerDivideByZero]);
        let zero_or_overflow = HashSet::from([TrapKind::IntegerDivideByZero, TrapKind::IntegerOverflow]);
        let cases = [
            (O::I32DivS, I32, "sdiv", &zero_or_overflow),
            (O::I64DivS, I64, "sdiv", &zero_or_overflow),
            (O::I32DivU, I32, "udiv", &zero),
            (O::I64DivU, I64, "udiv", &zero),
            // rem_s of MIN by -1 is 0: only a zero divisor may trap.
            (O::I32RemS, I32, "srem", &zero),
            (O::I64RemS, I64, "srem", &zero),
            (O::I32RemU, I32, "urem", &zero),
            (O::I64RemU, I64, "urem", &zero),
        ];
        for (op, ty, inst, traps) in cases {
            let func = build(&isa, &[ty, ty], std::slice::from_ref(&op));
            assert!(ir(&func).contains(inst), "{op:?}");
            let (kinds, _) = compile(&isa, func);
            assert_eq!(&kinds, traps, "{op:?}");
        }
    }

    #[test]
    fn shifts_rotates_and_min_max_use_wasm_semantics_instructions() {
        use Operator as O;
        let isa = isa();
        let cases = [
            (O::I32Shl, I32, "ishl"),
            (O::I64ShrS, I64, "sshr"),
            (O::I32ShrU, I32, "ushr"),
            (O::I64Rotl, I64, "rotl"),
            (O::I32Rotr, I32, "rotr"),
            (O::F32Min, F32, "fmin"),
            (O::F64Max, F64, "fmax"),
            (O::F64Copysign, F64, "fcopysign"),
        ];
        for (op, ty, inst) in cases {
            let func = build(&isa, &[ty, ty], std::slice::from_ref(&op));
            let text = ir(&func);
            assert!(text.contains(inst), "{op:?}:\n{text}");
            // Cranelift masks counts itself; no extra `band` is emitted.
            assert!(!text.contains("band"), "{op:?}:\n{text}");
            let (kinds, _) = compile(&isa, func);
            assert!(kinds.is_empty(), "{op:?} traps: {kinds:?}");
        }
    }

    #[test]
    fn sign_extension_reduces_then_extends() {
        let isa = isa();
        let func = build(&isa, &[I64], &[Operator::I64Extend16S]);
        let text = ir(&func);
        assert!(text.contains("ireduce.i16") && text.contains("sextend.i64"), "{text}");
    }

    #[test]
    fn a_shifted_value_masked_to_a_multiple_of_2_4_or_8_is_shifted_back() {
        use Operator as O;
        let isa = isa();
        // (x >> 3) & 0x1ffffffc: a bitmap's word offset.
        let ops = [O::I32Const { value: 3 }, O::I32ShrU];
        let scaled = |mask: i32| {
            let mut all = ops.to_vec();
            all.extend([O::I32Const { value: mask }, O::I32And]);
            ir(&build(&isa, &[I32], &all))
        };
        let text = scaled(0x1fff_fffc);
        let shifted_back = text.contains("ushr v0, v4  ; v4 = 5") && text.contains("ishl v5, v6  ; v6 = 2");
        assert!(shifted_back && !text.contains("band"), "{text}");
        // Masks that keep a bit the shift cleared, or that clear more than
        // the low 3 bits, stay `band`.
        for mask in [0x3fff_fffc, 0x1fff_fff0] {
            assert!(scaled(mask).contains("band"), "{mask:#x}:\n{}", scaled(mask));
        }
    }

    #[test]
    fn float_rounding_needs_no_libcalls() {
        use Operator as O;
        let isa = isa();
        for (op, ty) in [(O::F32Ceil, F32), (O::F64Floor, F64), (O::F32Trunc, F32), (O::F64Nearest, F64)] {
            let func = build(&isa, &[ty], std::slice::from_ref(&op));
            let (_, relocs) = compile(&isa, func);
            assert_eq!(relocs, 0, "{op:?} calls out of line");
        }
    }
}
