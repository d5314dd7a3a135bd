//! Wide arithmetic (the `wide-arithmetic` proposal): 128-bit addition and
//! subtraction of (low, high) `i64` pairs, and the full 128-bit products of
//! two `i64`s. Each is one Cranelift `i128` operation between an
//! `iconcat`/extension and an `isplit`, which every backend lowers to
//! add-with-carry, subtract-with-borrow and widening-multiply instructions.

use cranelift_codegen::ir::types::I128;
use cranelift_codegen::ir::{InstBuilder, Value};
use cranelift_frontend::FunctionBuilder;
use wasmparser::Operator;

/// Translates `op` if it is a wide-arithmetic operator, popping its
/// operands from and pushing its two results (low, then high) onto
/// `stack`. Returns false, touching nothing, for any other operator.
pub fn translate_wide_arithmetic(op: &Operator<'_>, b: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>) -> bool {
    match op {
        Operator::I64Add128 => {
            let (x, y) = pop_pairs(b, stack);
            let sum = b.ins().iadd(x, y);
            push_split(b, stack, sum);
        }
        Operator::I64Sub128 => {
            let (x, y) = pop_pairs(b, stack);
            let difference = b.ins().isub(x, y);
            push_split(b, stack, difference);
        }
        Operator::I64MulWideS => {
            let (x, y) = pop_two(stack);
            let x = b.ins().sextend(I128, x);
            let y = b.ins().sextend(I128, y);
            let product = b.ins().imul(x, y);
            push_split(b, stack, product);
        }
        Operator::I64MulWideU => {
            let (x, y) = pop_two(stack);
            let x = b.ins().uextend(I128, x);
            let y = b.ins().uextend(I128, y);
            let product = b.ins().imul(x, y);
            push_split(b, stack, product);
        }
        _ => return false,
    }
    true
}

/// The top two operands, in push order.
fn pop_two(stack: &mut Vec<Value>) -> (Value, Value) {
    // Validation checked the operand stack before translation got here.
    let y = stack.pop().expect("validated wasm has the operator's operands on the stack");
    let x = stack.pop().expect("validated wasm has the operator's operands on the stack");
    (x, y)
}

/// The operands `x_lo x_hi y_lo y_hi` as two `i128`s.
fn pop_pairs(b: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>) -> (Value, Value) {
    let (y_lo, y_hi) = pop_two(stack);
    let (x_lo, x_hi) = pop_two(stack);
    (b.ins().iconcat(x_lo, x_hi), b.ins().iconcat(y_lo, y_hi))
}

/// Pushes the low and then the high half of `wide`.
fn push_split(b: &mut FunctionBuilder<'_>, stack: &mut Vec<Value>, wide: Value) {
    let (lo, hi) = b.ins().isplit(wide);
    stack.push(lo);
    stack.push(hi);
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_codegen::ir::types::I64;
    use cranelift_codegen::ir::{AbiParam, Function, Signature, UserFuncName};
    use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
    use cranelift_frontend::FunctionBuilderContext;
    use target_lexicon::PointerWidth;

    /// `(i64 i64 i64 i64) -> (i64 i64)` around `op` on the first `arity`
    /// parameters; returns the verified IR.
    fn build(op: Operator<'_>, arity: usize) -> String {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.extend([I64; 4].map(AbiParam::new));
        sig.returns.extend([I64; 2].map(AbiParam::new));
        let mut func = Function::with_name_signature(UserFuncName::user(0, 0), sig);
        let mut ctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut ctx);
        let block = b.create_block();
        b.append_block_params_for_function_params(block);
        b.switch_to_block(block);
        b.seal_block(block);
        let mut stack = b.block_params(block)[..arity].to_vec();
        assert!(translate_wide_arithmetic(&op, &mut b, &mut stack), "{op:?}");
        assert_eq!(stack.len(), 2, "{op:?} leaves two results");
        assert!(stack.iter().all(|&v| b.func.dfg.value_type(v) == I64), "{op:?} results are i64");
        b.ins().return_(&stack);
        b.finalize(TargetFrontendConfig {
            default_call_conv: CallConv::SystemV,
            pointer_width: PointerWidth::U64,
            page_size_align_log2: 12,
        });
        let flags = cranelift_codegen::settings::Flags::new(cranelift_codegen::settings::builder());
        if let Err(e) = cranelift_codegen::verify_function(&func, &flags) {
            panic!("{op:?}: {}", cranelift_codegen::print_errors::pretty_verifier_error(&func, None, e));
        }
        func.display().to_string()
    }

    #[test]
    fn each_operator_is_one_i128_operation() {
        let add = build(Operator::I64Add128, 4);
        assert!(add.contains("iconcat v0, v1") && add.contains("iconcat v2, v3"), "{add}");
        assert!(add.contains("= iadd") && add.contains("isplit"), "{add}");
        assert!(build(Operator::I64Sub128, 4).contains("= isub"));
        let signed = build(Operator::I64MulWideS, 2);
        assert!(signed.contains("sextend.i128 v0") && signed.contains("= imul"), "{signed}");
        let unsigned = build(Operator::I64MulWideU, 2);
        assert!(unsigned.contains("uextend.i128 v1") && unsigned.contains("isplit"), "{unsigned}");
    }

    #[test]
    fn other_operators_are_left_alone() {
        let mut func = Function::new();
        let mut ctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut ctx);
        let mut stack = Vec::new();
        assert!(!translate_wide_arithmetic(&Operator::I64Add, &mut b, &mut stack));
        assert!(stack.is_empty());
    }
}
