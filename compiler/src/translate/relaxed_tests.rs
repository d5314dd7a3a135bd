//! Unit tests of the relaxed-SIMD translation: every operator verifies and
//! compiles for each target and x86_64 baseline, the choices follow the ISA
//! flags, and the x86 lowerings are the instructions the choices name.

use super::*;
use crate::target::Target;
use crate::OptLevel;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::{AbiParam, Function, Signature, UserFuncName};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_codegen::{verify_function, Context};
use cranelift_frontend::FunctionBuilderContext;

/// Every relaxed operator with its number of v128 operands.
fn operators() -> Vec<(Operator<'static>, usize)> {
    use Operator as O;
    vec![
        (O::I8x16RelaxedSwizzle, 2),
        (O::I32x4RelaxedTruncF32x4S, 1),
        (O::I32x4RelaxedTruncF32x4U, 1),
        (O::I32x4RelaxedTruncF64x2SZero, 1),
        (O::I32x4RelaxedTruncF64x2UZero, 1),
        (O::F32x4RelaxedMadd, 3),
        (O::F32x4RelaxedNmadd, 3),
        (O::F64x2RelaxedMadd, 3),
        (O::F64x2RelaxedNmadd, 3),
        (O::I8x16RelaxedLaneselect, 3),
        (O::I16x8RelaxedLaneselect, 3),
        (O::I32x4RelaxedLaneselect, 3),
        (O::I64x2RelaxedLaneselect, 3),
        (O::F32x4RelaxedMin, 2),
        (O::F32x4RelaxedMax, 2),
        (O::F64x2RelaxedMin, 2),
        (O::F64x2RelaxedMax, 2),
        (O::I16x8RelaxedQ15mulrS, 2),
        (O::I16x8RelaxedDotI8x16I7x16S, 2),
        (O::I32x4RelaxedDotI8x16I7x16AddS, 3),
    ]
}

fn isa(target: &str, cpu: Option<&str>, features: &[&str]) -> OwnedTargetIsa {
    let features: Vec<String> = features.iter().map(|f| f.to_string()).collect();
    let target = Target::parse(target).and_then(|t| t.with_cpu(cpu, &features)).expect("known target and baseline");
    target.isa(OptLevel::Speed).expect("ISA")
}

/// `(v128 x arity) -> v128` applying `op` for `isa`, verified.
fn build(isa: &OwnedTargetIsa, op: &Operator<'_>, arity: usize) -> Function {
    let mut sig = Signature::new(CallConv::SystemV);
    sig.params.extend(std::iter::repeat_n(AbiParam::new(I8X16), arity));
    sig.returns.push(AbiParam::new(I8X16));
    let mut func = Function::with_name_signature(UserFuncName::testcase("relaxed"), sig);
    let mut ctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut ctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let mut stack = b.block_params(block).to_vec();
    assert!(translate_relaxed(op, &mut b, &mut stack, Choices::for_isa(isa.as_ref())), "{op:?} is relaxed");
    assert_eq!(stack.len(), 1, "{op:?} leaves one result");
    assert_eq!(b.func.dfg.value_type(stack[0]), I8X16, "{op:?} pushes an i8x16");
    b.ins().return_(&stack);
    b.finalize(isa.frontend_config());
    if let Err(e) = verify_function(&func, isa.as_ref()) {
        panic!("{op:?}: {}", cranelift_codegen::print_errors::pretty_verifier_error(&func, None, e));
    }
    func
}

/// The machine code listing of `op` compiled for `isa`.
fn listing(isa: &OwnedTargetIsa, op: &Operator<'_>, arity: usize) -> String {
    let mut ctx = Context::for_function(build(isa, op, arity));
    ctx.set_disasm(true);
    match ctx.compile(isa.as_ref(), &mut ControlPlane::default()) {
        Ok(code) => code.vcode.clone().unwrap_or_default(),
        Err(e) => panic!("{op:?} does not compile for {}: {:?}", isa.triple(), e.inner),
    }
}

#[test]
fn every_operator_compiles_for_every_target_and_x86_baseline() {
    let isas = [
        isa("x86_64-linux", Some("x86-64"), &[]),
        isa("x86_64-linux", None, &[]),
        isa("x86_64-linux", Some("x86-64-v3"), &[]),
        isa("aarch64-linux", None, &[]),
        isa("riscv64-linux", None, &["+v"]),
    ];
    for isa in &isas {
        for (op, arity) in operators() {
            assert!(!listing(isa, &op, arity).is_empty(), "{op:?} on {}", isa.triple());
        }
    }
}

#[test]
fn choices_follow_the_target_and_baseline() {
    let sse2 = Choices::for_isa(isa("x86_64-linux", Some("x86-64"), &[]).as_ref());
    assert_eq!(sse2, Choices { x86: true, fused: false, ssse3: false, sse41: false });
    let v2 = Choices::for_isa(isa("x86_64-linux", None, &[]).as_ref());
    assert_eq!(v2, Choices { x86: true, fused: false, ssse3: true, sse41: true });
    let v3 = Choices::for_isa(isa("x86_64-linux", Some("x86-64-v3"), &[]).as_ref());
    assert_eq!(v3, Choices { x86: true, fused: true, ssse3: true, sse41: true });
    // FMA without AVX is not Cranelift's native fma: rounded twice.
    assert!(!Choices::for_isa(isa("x86_64-linux", None, &["+fma"]).as_ref()).fused);
    for (target, features) in [("aarch64-linux", &[][..]), ("riscv64-linux", &["+v"][..])] {
        let choices = Choices::for_isa(isa(target, None, features).as_ref());
        assert!(!choices.x86 && choices.fused, "{target}: {choices:?}");
    }
}

#[test]
fn x86_lowerings_are_the_chosen_instructions() {
    use Operator as O;
    let v2 = isa("x86_64-linux", None, &[]);
    let v3 = isa("x86_64-linux", Some("x86-64-v3"), &[]);
    let swizzle = listing(&v2, &O::I8x16RelaxedSwizzle, 2);
    assert!(swizzle.contains("pshufb") && !swizzle.contains("paddusb"), "{swizzle}");
    let trunc = listing(&v2, &O::I32x4RelaxedTruncF64x2SZero, 1);
    assert!(trunc.contains("cvttpd2dq"), "{trunc}");
    assert!(listing(&v2, &O::I32x4RelaxedTruncF32x4S, 1).contains("cvttps2dq"));
    assert!(listing(&v2, &O::I16x8RelaxedQ15mulrS, 2).contains("pmulhrsw"));
    assert!(listing(&v2, &O::I16x8RelaxedDotI8x16I7x16S, 2).contains("pmaddubsw"));
    assert!(listing(&v2, &O::I32x4RelaxedLaneselect, 3).contains("blendvps"));
    assert!(listing(&v2, &O::F32x4RelaxedMin, 2).contains("minps"));
    let unfused = listing(&v2, &O::F32x4RelaxedMadd, 3);
    assert!(unfused.contains("mulps") && unfused.contains("addps") && !unfused.contains("fmadd"), "{unfused}");
    let fused = listing(&v3, &O::F64x2RelaxedNmadd, 3);
    assert!(fused.contains("vfnmadd"), "{fused}");
}

#[test]
fn other_operators_are_left_alone() {
    let mut func = Function::new();
    let mut ctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut ctx);
    let mut stack = Vec::new();
    let choices = Choices { x86: false, fused: true, ssse3: false, sse41: false };
    assert!(!translate_relaxed(&Operator::I8x16Swizzle, &mut b, &mut stack, choices));
    assert!(!translate_relaxed(&Operator::I64Add128, &mut b, &mut stack, choices));
    assert!(stack.is_empty());
}
