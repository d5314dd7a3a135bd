//! Code kiln generates besides the wasm functions: the bridges between the
//! calling convention of wasm functions (Cranelift's `tail`, which allows
//! tail calls and leaves no callee-saved register for an unwinder to
//! restore) and the platform's C convention, and the thunk that throws.
//!
//! Data flow: `emit::compile` builds each of these as a Cranelift function
//! here, compiles it like a wasm function and places it in the object as a
//! local symbol (the export trampolines as the global `kiln_export_*`
//! aliases C hosts call):
//! - [`array_call`], one per function type: the host calls any function of
//!   the type with its values in memory (`kiln_abi::FuncType::array_call`);
//! - [`export_trampoline`], one per exported function: a C function with
//!   the wasm signature that calls it (`kiln_abi::symbols::c_export_symbol`);
//! - [`import_adapter`], one per function import: the wasm-convention
//!   function the importer calls when the runtime binds the import to a
//!   host function (a C function), which it calls through the pointer the
//!   runtime stored in the import's `VMFuncImport::host_func`;
//! - [`throw_thunk`], one per module: what wasm code calls to throw (see
//!   `translate::exceptions`).

use crate::module::ModuleEnv;
use crate::translate::{self, NS_LIBCALL, NS_WASM_FUNC};
use cranelift_codegen::ir::{
    self, AbiParam, ExtFuncData, ExternalName, InstBuilder, MemFlagsData, UserExternalName, UserFuncName,
};
use cranelift_codegen::isa::{CallConv, TargetIsa};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use kiln_abi::{Libcall, TrapKind, VMOffsets};

/// Name namespace of array-call trampolines (index: type index).
pub const NS_ARRAY_CALL: u32 = 2;
/// Name namespace of export trampolines (index: function index).
pub const NS_EXPORT: u32 = 4;
/// Name namespace of import adapters (index: function index).
pub const NS_IMPORT_ADAPTER: u32 = 5;
/// Name namespace of the throw thunk (index 0), which wasm code calls.
pub const NS_THROW: u32 = 6;

/// The calling convention of wasm functions.
pub fn wasm_call_conv() -> CallConv {
    CallConv::Tail
}

/// `sig` in the platform's C convention.
fn c_convention(isa: &dyn TargetIsa, mut sig: ir::Signature) -> ir::Signature {
    sig.call_conv = isa.default_call_conv();
    sig
}

/// A function with signature `sig` and one block holding its parameters,
/// handed to `body` to fill.
fn build(
    name: UserFuncName,
    sig: ir::Signature,
    isa: &dyn TargetIsa,
    body: impl FnOnce(&mut FunctionBuilder<'_>, &[ir::Value]),
) -> ir::Function {
    let mut func = ir::Function::with_name_signature(name, sig);
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut fctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let params = b.block_params(block).to_vec();
    body(&mut b, &params);
    b.finalize(isa.frontend_config());
    func
}

/// The `array_call` trampoline of type `type_index` (see
/// `kiln_abi::FuncType::array_call`): `(callee_vmctx, callee, values)` in
/// the C convention.
pub fn array_call(isa: &dyn TargetIsa, type_index: u32, ty: &wasmparser::FuncType) -> ir::Function {
    let ptr = isa.pointer_type();
    let mut sig = ir::Signature::new(isa.default_call_conv());
    sig.params.extend([AbiParam::new(ptr), AbiParam::new(ptr), AbiParam::new(ptr)]);
    build(UserFuncName::user(NS_ARRAY_CALL, type_index), sig, isa, |b, params| {
        let (vmctx, callee, values) = (params[0], params[1], params[2]);
        let slot = kiln_abi::VALUE_SLOT_SIZE as i32;
        let has_v128 = ty.params().iter().chain(ty.results()).any(|t| *t == wasmparser::ValType::V128);
        if has_v128 && !translate::simd::simd_available(isa) {
            // No function of this type compiles for this target (translation
            // refuses v128), so nothing can reach this; it must not mention v128.
            b.ins().trap(crate::traps::trap_code(TrapKind::Unreachable));
            return;
        }
        // The host's slot array is only byte-aligned: a v128 slot needs an
        // unaligned access (scalars are read and written with plain moves).
        let flags = |t: ir::Type| {
            if t.is_vector() {
                MemFlagsData::new().with_notrap()
            } else {
                MemFlagsData::trusted()
            }
        };
        let mut args = vec![vmctx];
        for (i, p) in ty.params().iter().enumerate() {
            let t = translate::value_type(isa, *p);
            args.push(b.ins().load(t, flags(t), values, i as i32 * slot));
        }
        let callee_sig = b.import_signature(translate::wasm_signature(isa, ty));
        let call = b.ins().call_indirect(callee_sig, callee, &args);
        let results = b.inst_results(call).to_vec();
        for (i, r) in results.into_iter().enumerate() {
            let t = b.func.dfg.value_type(r);
            b.ins().store(flags(t), r, values, i as i32 * slot);
        }
        b.ins().return_(&[]);
    })
}

/// The C function `kiln_export_*` a host calls for exported function
/// `func_index`: the wasm signature in the C convention, calling the
/// function directly.
pub fn export_trampoline(isa: &dyn TargetIsa, env: &ModuleEnv<'_>, func_index: u32) -> ir::Function {
    let wasm_sig = translate::wasm_signature(isa, env.func_type(func_index));
    let sig = c_convention(isa, wasm_sig.clone());
    build(UserFuncName::user(NS_EXPORT, func_index), sig, isa, |b, params| {
        let signature = b.import_signature(wasm_sig);
        let name = b.func.declare_imported_user_function(UserExternalName::new(NS_WASM_FUNC, func_index));
        let callee = b.import_function(ExtFuncData {
            name: ExternalName::User(name),
            signature,
            colocated: true,
            patchable: false,
        });
        let call = b.ins().call(callee, params);
        let results = b.inst_results(call).to_vec();
        b.ins().return_(&results);
    })
}

/// The wasm-convention function the importer of function `func_index`
/// calls when the runtime binds it to a host (C) function: it passes its
/// own arguments, vmctx first, to the function whose address the runtime
/// stored in the vmctx's `VMFuncImport::host_func` for this import.
pub fn import_adapter(isa: &dyn TargetIsa, env: &ModuleEnv<'_>, func_index: u32) -> ir::Function {
    let wasm_sig = translate::wasm_signature(isa, env.func_type(func_index));
    let slot = env.vm_offsets().imported_func(func_index) + VMOffsets::FUNC_IMPORT_HOST_FUNC;
    build(UserFuncName::user(NS_IMPORT_ADAPTER, func_index), wasm_sig.clone(), isa, |b, params| {
        let ptr = isa.pointer_type();
        let flags = MemFlagsData::trusted().with_readonly();
        let host = b.ins().load(ptr, flags, params[0], slot as i32);
        let signature = b.import_signature(c_convention(isa, wasm_sig));
        let call = b.ins().call_indirect(signature, host, params);
        let results = b.inst_results(call).to_vec();
        b.ins().return_(&results);
    })
}

/// The signature of the throw thunk: `(vmctx, exn)` in the wasm convention.
pub fn throw_thunk_signature(isa: &dyn TargetIsa) -> ir::Signature {
    let ptr = isa.pointer_type();
    let mut sig = ir::Signature::new(wasm_call_conv());
    sig.params.extend([AbiParam::special(ptr, ir::ArgumentPurpose::VMContext), AbiParam::new(ptr)]);
    sig
}

/// The thunk wasm code calls to throw exception object `exn`:
/// `(vmctx, exn)` in the wasm convention. It hands its own frame pointer to
/// the runtime's `kiln_rt_throw`, which walks the frames above it for a
/// handler and jumps there; when no frame up to the nearest host frame
/// catches the exception, `kiln_rt_throw` and the thunk return, and the
/// caller traps.
pub fn throw_thunk(isa: &dyn TargetIsa) -> ir::Function {
    let ptr = isa.pointer_type();
    build(UserFuncName::user(NS_THROW, 0), throw_thunk_signature(isa), isa, |b, params| {
        let fp = b.ins().get_frame_pointer(ptr);
        let signature = b.import_signature(translate::libcall_signature(isa, Libcall::Throw));
        let name = b.func.declare_imported_user_function(UserExternalName::new(NS_LIBCALL, Libcall::Throw as u32));
        let throw = b.import_function(ExtFuncData {
            name: ExternalName::User(name),
            signature,
            colocated: false,
            patchable: false,
        });
        b.ins().call(throw, &[params[0], params[1], fp]);
        b.ins().return_(&[]);
    })
}
