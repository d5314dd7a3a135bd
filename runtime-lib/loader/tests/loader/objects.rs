//! Test objects built directly with Cranelift and cranelift-object, for
//! every architecture the loader relocates.
//!
//! The module: `answer() -> i32 = 42`; hidden `helper(x) = x + answer()`;
//! `compute(x) = host_add(helper(x), 1) * 2` with `host_add` undefined;
//! `bump()` increments the writable global `counter` (initially 7);
//! `read_ext()` loads the undefined data symbol `ext_value`;
//! `call_missing()` calls `kiln_import_env__missing` (left null); and the
//! read-only `table` holds absolute addresses of answer, compute, host_add
//! and the missing import. `direct(x) = host_add(x, 2)` calls `host_add` as
//! if it were near (a plain call relocation, so the loader must route it
//! through a call stub), and the 300 KiB read-only `big` puts the GOT many
//! pages away from the code.

use cranelift_codegen::ir::{types, AbiParam, Function, InstBuilder, MemFlagsData, Signature, UserFuncName};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{DataDescription, Linkage, Module};
use cranelift_object::{ObjectBuilder, ObjectModule};

pub const COUNTER_INIT: i64 = 7;
pub const BIG_LEN: usize = 300 << 10;
pub const MISSING_IMPORT: &str = "kiln_import_env__missing";

pub fn isa(triple: &str, pic: bool) -> OwnedTargetIsa {
    let mut flags = settings::builder();
    flags.set("is_pic", if pic { "true" } else { "false" }).unwrap();
    flags.set("opt_level", "speed").unwrap();
    let builder = cranelift_codegen::isa::lookup(triple.parse().unwrap()).unwrap();
    builder.finish(settings::Flags::new(flags)).unwrap()
}

fn sig(isa: &OwnedTargetIsa, params: &[types::Type], ret: Option<types::Type>) -> Signature {
    let mut s = Signature::new(isa.default_call_conv());
    s.params.extend(params.iter().map(|&t| AbiParam::new(t)));
    s.returns.extend(ret.map(AbiParam::new));
    s
}

/// Defines function `id` with a body written by `body`.
fn define(
    module: &mut ObjectModule,
    id: cranelift_module::FuncId,
    signature: Signature,
    body: impl FnOnce(&mut ObjectModule, &mut FunctionBuilder<'_>, &[cranelift_codegen::ir::Value]),
) {
    let mut func = Function::with_name_signature(UserFuncName::user(0, id.as_u32()), signature);
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut func, &mut fctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let params = b.block_params(block).to_vec();
    body(module, &mut b, &params);
    b.finalize(module.isa().frontend_config());
    let mut ctx = Context::for_function(func);
    module.define_function(id, &mut ctx).unwrap();
}

pub fn build(triple: &str, pic: bool) -> Vec<u8> {
    let isa = isa(triple, pic);
    let builder = ObjectBuilder::new(isa.clone(), "loader-test", cranelift_module::default_libcall_names()).unwrap();
    let mut m = ObjectModule::new(builder);
    let (i32t, i64t) = (types::I32, types::I64);

    let answer = m.declare_function("answer", Linkage::Export, &sig(&isa, &[], Some(i32t))).unwrap();
    let helper = m.declare_function("helper", Linkage::Hidden, &sig(&isa, &[i64t], Some(i64t))).unwrap();
    let host_add = m.declare_function("host_add", Linkage::Import, &sig(&isa, &[i64t, i64t], Some(i64t))).unwrap();
    let compute = m.declare_function("compute", Linkage::Export, &sig(&isa, &[i64t], Some(i64t))).unwrap();
    let bump = m.declare_function("bump", Linkage::Export, &sig(&isa, &[], Some(i64t))).unwrap();
    let read_ext = m.declare_function("read_ext", Linkage::Export, &sig(&isa, &[], Some(i64t))).unwrap();
    let missing = m.declare_function(MISSING_IMPORT, Linkage::Import, &sig(&isa, &[], None)).unwrap();
    let call_missing = m.declare_function("call_missing", Linkage::Export, &sig(&isa, &[], None)).unwrap();
    let counter = m.declare_data("counter", Linkage::Export, true, false).unwrap();
    let ext_value = m.declare_data("ext_value", Linkage::Import, false, false).unwrap();
    let table = m.declare_data("table", Linkage::Export, false, false).unwrap();
    let direct = m.declare_function("direct", Linkage::Export, &sig(&isa, &[i64t], Some(i64t))).unwrap();
    let big = m.declare_data("big", Linkage::Export, false, false).unwrap();

    define(&mut m, answer, sig(&isa, &[], Some(i32t)), |_, b, _| {
        let v = b.ins().iconst(i32t, 42);
        b.ins().return_(&[v]);
    });
    define(&mut m, helper, sig(&isa, &[i64t], Some(i64t)), |m, b, p| {
        let f = m.declare_func_in_func(answer, b.func);
        let call = b.ins().call(f, &[]);
        let a = b.inst_results(call)[0];
        let a = b.ins().sextend(i64t, a);
        let r = b.ins().iadd(p[0], a);
        b.ins().return_(&[r]);
    });
    define(&mut m, compute, sig(&isa, &[i64t], Some(i64t)), |m, b, p| {
        let h = m.declare_func_in_func(helper, b.func);
        let add = m.declare_func_in_func(host_add, b.func);
        let call = b.ins().call(h, &[p[0]]);
        let x = b.inst_results(call)[0];
        let one = b.ins().iconst(i64t, 1);
        let call = b.ins().call(add, &[x, one]);
        let y = b.inst_results(call)[0];
        let r = b.ins().imul_imm_s(y, 2);
        b.ins().return_(&[r]);
    });
    define(&mut m, bump, sig(&isa, &[], Some(i64t)), |m, b, _| {
        let gv = m.declare_data_in_func(counter, b.func);
        let addr = b.ins().symbol_value(i64t, gv);
        let v = b.ins().load(i64t, MemFlagsData::trusted(), addr, 0);
        let v = b.ins().iadd_imm_s(v, 1);
        b.ins().store(MemFlagsData::trusted(), v, addr, 0);
        b.ins().return_(&[v]);
    });
    define(&mut m, read_ext, sig(&isa, &[], Some(i64t)), |m, b, _| {
        let gv = m.declare_data_in_func(ext_value, b.func);
        let addr = b.ins().symbol_value(i64t, gv);
        let v = b.ins().load(i64t, MemFlagsData::trusted(), addr, 0);
        b.ins().return_(&[v]);
    });
    define(&mut m, call_missing, sig(&isa, &[], None), |m, b, _| {
        let f = m.declare_func_in_func(missing, b.func);
        b.ins().call(f, &[]);
        b.ins().return_(&[]);
    });
    define(&mut m, direct, sig(&isa, &[i64t], Some(i64t)), |m, b, p| {
        let add = m.declare_func_in_func(host_add, b.func);
        b.func.dfg.ext_funcs[add].colocated = true;
        let two = b.ins().iconst(i64t, 2);
        let call = b.ins().call(add, &[p[0], two]);
        let r = b.inst_results(call)[0];
        b.ins().return_(&[r]);
    });

    let mut desc = DataDescription::new();
    desc.define(vec![0x5a; BIG_LEN].into_boxed_slice());
    m.define_data(big, &desc).unwrap();
    let mut desc = DataDescription::new();
    desc.define(COUNTER_INIT.to_le_bytes().to_vec().into_boxed_slice());
    m.define_data(counter, &desc).unwrap();
    let mut desc = DataDescription::new();
    desc.define(vec![0u8; 32].into_boxed_slice());
    desc.set_align(8);
    for (i, f) in [answer, compute, host_add, missing].into_iter().enumerate() {
        let fref = m.declare_func_in_data(f, &mut desc);
        desc.write_function_addr(i as u32 * 8, fref);
    }
    m.define_data(table, &desc).unwrap();
    m.finish().emit().unwrap()
}

/// The Rust side of the test module's imports.
pub extern "C" fn host_add(a: i64, b: i64) -> i64 {
    a + b
}

pub static EXT_VALUE: i64 = 0x1234_5678_9abc;

/// Resolves the test module's undefined symbols (but not the missing import).
pub fn resolve(name: &str) -> Option<usize> {
    match name {
        "host_add" => Some(host_add as extern "C" fn(i64, i64) -> i64 as usize),
        "ext_value" => Some(&EXT_VALUE as *const i64 as usize),
        _ => None,
    }
}
