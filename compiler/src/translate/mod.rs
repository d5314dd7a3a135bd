//! Function translation: one wasm function body → one Cranelift IR function.
//!
//! Data flow: `translate_function` reads operators from the body, validates
//! each with the function's validator, and drives a `FunctionBuilder` with
//! one match arm per operator; numeric operators are delegated to
//! `numeric`. Calls to other wasm functions use `UserExternalName`s in
//! namespace [`NS_WASM_FUNC`]; runtime libcalls use namespace
//! [`NS_LIBCALL`] with an index into `kiln_abi::symbols::libcall::ALL`.

pub mod numeric;

use crate::error::Result;
use crate::module::{FuncBodyData, ModuleEnv};
use cranelift_codegen::ir;
use cranelift_codegen::isa::TargetIsa;

/// External-name namespace of wasm functions (index = wasm function index).
pub const NS_WASM_FUNC: u32 = 0;
/// External-name namespace of runtime libcalls (index into
/// `kiln_abi::symbols::libcall::ALL`).
pub const NS_LIBCALL: u32 = 1;

/// Translates defined function `func_index` (a wasm function index, so
/// imported functions come before it) into Cranelift IR.
pub fn translate_function(
    env: &ModuleEnv<'_>,
    isa: &dyn TargetIsa,
    func_index: u32,
    body: &FuncBodyData<'_>,
) -> Result<ir::Function> {
    let _ = (env, isa, func_index, body);
    Err(crate::error::CompileError::unsupported("function translation (not written yet)", 0))
}

/// The Cranelift signature of wasm function type `ty`: `(vmctx, params..)
/// -> results`, in the ISA's default calling convention.
pub fn wasm_signature(isa: &dyn TargetIsa, ty: &wasmparser::FuncType) -> ir::Signature {
    let mut sig = ir::Signature::new(isa.default_call_conv());
    sig.params.push(ir::AbiParam::special(isa.pointer_type(), ir::ArgumentPurpose::VMContext));
    for p in ty.params() {
        sig.params.push(ir::AbiParam::new(value_type(isa, *p)));
    }
    for r in ty.results() {
        sig.returns.push(ir::AbiParam::new(value_type(isa, *r)));
    }
    sig
}

/// The Cranelift type a wasm value is held in. References are pointers.
pub fn value_type(isa: &dyn TargetIsa, ty: wasmparser::ValType) -> ir::Type {
    use wasmparser::ValType;
    match ty {
        ValType::I32 => ir::types::I32,
        ValType::I64 => ir::types::I64,
        ValType::F32 => ir::types::F32,
        ValType::F64 => ir::types::F64,
        ValType::V128 => ir::types::I8X16,
        ValType::Ref(_) => isa.pointer_type(),
    }
}
