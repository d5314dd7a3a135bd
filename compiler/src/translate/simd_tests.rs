//! Unit tests of the SIMD lane translation: every operator leaves a
//! well-typed result (an `i8x16` for vectors) that the verifier accepts.

use super::*;
use cranelift_codegen::ir::{types, AbiParam, Function, Signature, UserFuncName};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::FunctionBuilderContext;
use target_lexicon::PointerWidth;

/// Builds `(v128, v128, v128, i32) -> result` around `op` applied to the
/// operands `args` picks from those parameters, and verifies it.
fn check(op: Operator<'_>, args: &[usize], result: Type) {
    let mut sig = Signature::new(CallConv::SystemV);
    sig.params.extend([I8X16, I8X16, I8X16, I32].map(AbiParam::new));
    sig.returns.push(AbiParam::new(result));
    let mut func = Function::with_name_signature(UserFuncName::user(0, 0), sig);
    let mut ctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut ctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let params = b.block_params(block).to_vec();
    let mut stack: Vec<Value> = args.iter().map(|&i| params[i]).collect();
    assert!(translate_simd(&op, &mut b, &mut stack), "{op:?} is a lane operator");
    assert_eq!(stack.len(), 1, "{op:?} leaves one result");
    assert_eq!(b.func.dfg.value_type(stack[0]), result, "{op:?}");
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
}

#[test]
fn lane_operators_verify() {
    use Operator as O;
    let v = I8X16;
    for op in [O::I32x4Add, O::I64x2Mul, O::I8x16Swizzle, O::F32x4PMin, O::F64x2PMax, O::I8x16NarrowI16x8U] {
        check(op, &[0, 1], v);
    }
    for op in [O::I16x8ExtMulHighI8x16U, O::I32x4DotI16x8S, O::I16x8Q15MulrSatS, O::F32x4Lt, O::I64x2GeS] {
        check(op, &[0, 1], v);
    }
    for op in [O::I32x4TruncSatF64x2UZero, O::F64x2ConvertLowI32x4U, O::F32x4DemoteF64x2Zero, O::I8x16Popcnt] {
        check(op, &[0], v);
    }
    for op in [O::I32x4ExtAddPairwiseI16x8S, O::F32x4Nearest, O::V128Not, O::I64x2ExtendHighI32x4S] {
        check(op, &[0], v);
    }
    check(O::V128Bitselect, &[0, 1, 2], v);
    check(O::I8x16Shuffle { lanes: [31, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16] }, &[0, 1], v);
    check(O::I16x8Shl, &[0, 3], v);
    check(O::I8x16Splat, &[3], v);
    check(O::I16x8ReplaceLane { lane: 7 }, &[0, 3], v);
}

#[test]
fn scalar_results_are_i32() {
    use Operator as O;
    for op in [O::V128AnyTrue, O::I64x2AllTrue, O::I16x8Bitmask, O::I8x16ExtractLaneS { lane: 15 }] {
        check(op, &[0], I32);
    }
    check(O::I64x2ExtractLane { lane: 1 }, &[0], types::I64);
    check(O::F64x2ExtractLane { lane: 0 }, &[0], types::F64);
}

#[test]
fn other_operators_are_left_alone() {
    let mut func = Function::new();
    let mut ctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut ctx);
    let mut stack = Vec::new();
    assert!(!translate_simd(&Operator::I32Add, &mut b, &mut stack));
    assert!(!translate_simd(&Operator::I8x16RelaxedSwizzle, &mut b, &mut stack));
    assert!(stack.is_empty());
}
