//! Instantiation from hand-built module tables: checks, vmctx contents,
//! globals (incl. extended constant expressions), tables, segments and the
//! start function.

mod common;

use common::*;
use kiln_abi::{
    constop, extern_kind, segment_mode, valtype, TrapKind, VMContext, VMFuncImport, VMFuncRef, VMOffsets, ABI_VERSION,
};
use kiln_runtime::{Instance, InstantiateError};
use std::sync::atomic::{AtomicUsize, Ordering};

extern "C" fn nop(_vmctx: *mut VMContext) {}

extern "C" fn host_add(_vmctx: *mut VMContext, a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

fn err(module: &'static kiln_abi::ModuleInfo) -> InstantiateError {
    match Instance::new(module) {
        Ok(_) => panic!("instantiation succeeded"),
        Err(e) => e,
    }
}

fn trap_kind(e: InstantiateError) -> TrapKind {
    match e {
        InstantiateError::Trap(t) => {
            assert_eq!(t.func_index, None);
            t.kind
        }
        other => panic!("expected a trap, got {other}"),
    }
}

#[test]
fn globals_evaluate_extended_constant_expressions_in_order() {
    let m = Builder::new("globals")
        .ty(&[], &[])
        .func("f", nop as *const u8, 1, 0)
        .global(valtype::I32, i32c(40))
        // (i32.add (global.get 0) (i32.const 2))
        .global(valtype::I32, [global_get(0), i32c(2), vec![op(constop::I32_ADD, 0)]].concat())
        // (i64.mul (i64.sub (i64.const 10) (i64.const 3)) (i64.const -1))
        .global(
            valtype::I64,
            [i64c(10), i64c(3), vec![op(constop::I64_SUB, 0)], i64c(-1), vec![op(constop::I64_MUL, 0)]].concat(),
        )
        .global(valtype::F64, vec![op(constop::F64_CONST, 1.5f64.to_bits())])
        .global(valtype::FUNCREF, ref_func(0))
        .global(valtype::FUNCREF, ref_null())
        .global(valtype::V128, vec![kiln_abi::ConstOp { op: constop::V128_CONST, _pad: 0, a: 1, b: 2 }])
        .build();
    let inst = Instance::new(m).unwrap();
    assert_eq!(inst.global_bits(0), Some(40));
    assert_eq!(inst.global_bits(1), Some(42));
    assert_eq!(inst.global_bits(2), Some((-7i64) as u64 as u128));
    assert_eq!(inst.global_bits(3), Some(1.5f64.to_bits() as u128));
    let fref = inst.funcref(0).unwrap();
    assert_eq!(inst.global_bits(4), Some(fref as usize as u128));
    assert_eq!(inst.global_bits(5), Some(0));
    assert_eq!(inst.global_bits(6), Some(1 | (2 << 64)));
    assert_eq!(inst.global_bits(7), None);
    // Compiled code reaches each global through the vmctx pointer array.
    let o = VMOffsets::new(m.vm_counts());
    // SAFETY: reading the global pointer slot of a live vmctx.
    let g1 = unsafe { *(inst.vmctx().cast::<u8>().add(o.global(1) as usize) as *const *const u8) };
    assert_eq!(g1, inst.global_ptr(1).unwrap() as *const u8);
}

#[test]
fn a_global_may_not_read_a_later_global() {
    let m = Builder::new("bad-global").global(valtype::I32, global_get(1)).global(valtype::I32, i32c(1)).build();
    match err(m) {
        InstantiateError::ConstExpr { item: "global", index: 0, op: 0, .. } => {}
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn vmctx_holds_imports_funcrefs_and_canonical_type_ids() {
    let m = Builder::new("vmctx")
        .ty(&[valtype::I32, valtype::I32], &[valtype::I32])
        .ty(&[], &[])
        .ty(&[valtype::I32, valtype::I32], &[valtype::I32])
        .import_func("env", "add", 0, host_add as *const u8)
        .func("f", nop as *const u8, 1, 1)
        .build();
    let inst = Instance::new(m).unwrap();
    let o = VMOffsets::new(m.vm_counts());
    let vmctx = inst.vmctx();
    let base = vmctx.cast::<u8>();
    // SAFETY: reads of fields the runtime filled in a live vmctx.
    unsafe {
        let import = &*(base.add(o.imported_func(0) as usize) as *const VMFuncImport);
        assert_eq!(import.func_ptr, host_add as *const u8);
        assert_eq!(import.vmctx, vmctx);
        let type_ids = *(base.add(VMOffsets::TYPE_IDS as usize) as *const *const u32);
        let ids = std::slice::from_raw_parts(type_ids, 3);
        assert_eq!(ids[0], ids[2], "structurally equal types share an id");
        assert_ne!(ids[0], ids[1]);
        let r0 = &*(base.add(o.funcref(0) as usize) as *const VMFuncRef);
        assert_eq!((r0.func_ptr, r0.type_id, r0.vmctx), (host_add as *const u8, ids[0], vmctx));
        let r1 = &*inst.funcref(1).unwrap();
        assert_eq!((r1.func_ptr, r1.type_id, r1.vmctx), (nop as *const u8, ids[1], vmctx));
        assert_eq!(Instance::from_vmctx(vmctx) as *const Instance, &*inst as *const Instance);
        assert_ne!(inst.stack_limit(), 0);
    }
    // Ids agree across modules.
    let other = Builder::new("other").ty(&[], &[]).ty(&[valtype::I32, valtype::I32], &[valtype::I32]).build();
    let inst2 = Instance::new(other).unwrap();
    // SAFETY: as above.
    let ids2 = unsafe {
        let p = *(inst2.vmctx().cast::<u8>().add(VMOffsets::TYPE_IDS as usize) as *const *const u32);
        std::slice::from_raw_parts(p, 2).to_vec()
    };
    // SAFETY: funcrefs of a live instance.
    let (t0, t1) = unsafe { ((*inst.funcref(0).unwrap()).type_id, (*inst.funcref(1).unwrap()).type_id) };
    assert_eq!(ids2, vec![t1, t0]);
    // The exported import is callable through the instance.
    let add = inst.func(0).unwrap();
    // SAFETY: the host function has this signature.
    let f = unsafe { std::mem::transmute::<*const u8, extern "C" fn(*mut VMContext, u32, u32) -> u32>(add.func_ptr) };
    assert_eq!(f(add.vmctx, 2, 3), 5);
}

#[test]
fn unresolved_and_unsupported_imports_are_named() {
    let m = Builder::new("needs-host").ty(&[], &[]).import_func("env", "missing", 0, std::ptr::null()).build();
    let e = err(m);
    assert!(matches!(e, InstantiateError::UnresolvedImport { name: "missing", index: 0, .. }), "{e}");
    let text = e.to_string();
    assert!(text.contains("`needs-host`") && text.contains("`env`.`missing`"), "{text}");

    let mut b = Builder::new("imports-memory");
    b.imports.push(("env", "mem", extern_kind::MEMORY, 0, 0, std::ptr::null()));
    let e = err(b.build());
    assert!(e.to_string().contains("unsupported import `env`.`mem`: memory imports"), "{e}");
}

#[test]
fn abi_mismatches_are_refused() {
    let m = Builder::new("m").build();
    let mut copy = Box::new(unsafe_copy(m));
    copy.abi_version = ABI_VERSION + 1;
    let e = err(Box::leak(copy));
    assert!(matches!(e, InstantiateError::AbiVersion { module: "m", .. }), "{e}");
    let mut copy = Box::new(unsafe_copy(m));
    copy.vmctx_size += 8;
    assert!(matches!(err(Box::leak(copy)), InstantiateError::VmctxSize { .. }));
    let mut copy = Box::new(unsafe_copy(m));
    copy.magic = 0;
    assert!(matches!(err(Box::leak(copy)), InstantiateError::BadMagic { found: 0, .. }));
}

/// A bitwise copy of module tables (they are plain data).
fn unsafe_copy(m: &kiln_abi::ModuleInfo) -> kiln_abi::ModuleInfo {
    // SAFETY: ModuleInfo is plain old data; the copy shares the same
    // immutable leaked arrays.
    unsafe { std::ptr::read(m) }
}

#[test]
fn memories_start_zeroed_with_data_segments_applied() {
    let m = Builder::new("data")
        .memory(1, None)
        .memory(0, Some(0))
        .global(valtype::I32, i32c(100))
        .data(segment_mode::ACTIVE, 0, i32c(8), b"hello")
        .data(segment_mode::PASSIVE, 0, vec![], b"passive")
        // Extended const offset: (i32.add (global.get 0) (i32.const 1)).
        .data(segment_mode::ACTIVE, 0, [global_get(0), i32c(1), vec![op(constop::I32_ADD, 0)]].concat(), b"!")
        .data(segment_mode::ACTIVE, 1, i32c(0), b"")
        .build();
    let inst = Instance::new(m).unwrap();
    let mem = inst.memory(0).unwrap();
    assert_eq!(mem.len(), 65536);
    // SAFETY: no wasm code runs.
    let bytes = unsafe { mem.as_slice() };
    assert_eq!(&bytes[8..13], b"hello");
    assert_eq!(bytes[101], b'!');
    assert!(bytes[..8].iter().chain(&bytes[13..101]).chain(&bytes[102..]).all(|&b| b == 0));
    assert_eq!(inst.memory(1).unwrap().len(), 0);
    // Active segments are dropped after initialization, passive ones kept.
    assert_eq!(inst.data_segment(0), Some(&[][..]));
    assert_eq!(inst.data_segment(1), Some(&b"passive"[..]));
}

#[test]
fn a_memory_with_a_fixed_base_is_placed_there_once_per_process() {
    // Not the address the x86_64 entry uses, so that no other test in this
    // process can hold it.
    const BASE: u64 = 0x3_4000_0000;
    let m = Builder::new("fixed").memory_at(1, BASE).data(segment_mode::ACTIVE, 0, i32c(4), b"at").build();
    let first = Instance::new(m).unwrap();
    let mem = first.memory(0).unwrap();
    assert_eq!(mem.base() as u64, BASE);
    // SAFETY: no wasm code runs.
    assert_eq!(unsafe { &mem.as_slice()[4..6] }, b"at");
    // The address is taken: a second instance is refused, naming it, and
    // the first one's memory is untouched.
    let e = err(m).to_string();
    assert!(e.contains("cannot place memory 0 at 0x340000000"), "{e}");
    assert!(e.contains("one live instance per process"), "{e}");
    // SAFETY: as above.
    assert_eq!(unsafe { &mem.as_slice()[4..6] }, b"at");
    // Dropping the instance frees the address for the next one.
    drop(first);
    let again = Instance::new(m).unwrap();
    assert_eq!(again.memory(0).unwrap().base() as u64, BASE);
    // An address no mapping can start at is refused (EINVAL), not rounded
    // to a page and then reported as taken (EEXIST).
    let odd = Builder::new("odd").memory_at(1, BASE + 0x1_0000_0001).build();
    let e = err(odd).to_string();
    assert!(e.contains("cannot place memory 0 at 0x440000001") && e.contains("os error 22"), "{e}");
}

#[test]
fn out_of_bounds_data_segment_traps_after_earlier_ones_applied() {
    let applied = Builder::new("data-oob").memory(1, None).data(segment_mode::ACTIVE, 0, i32c(0), b"ok");
    assert_eq!(
        trap_kind(err(applied.data(segment_mode::ACTIVE, 0, i32c(65535), b"xy").build())),
        TrapKind::MemoryOutOfBounds
    );
    // An empty segment just past the end is fine; one byte further is not.
    let m = Builder::new("edge").memory(1, None).data(segment_mode::ACTIVE, 0, i32c(65536), b"").build();
    assert!(Instance::new(m).is_ok());
    let m = Builder::new("edge2").memory(1, None).data(segment_mode::ACTIVE, 0, i32c(65537), b"").build();
    assert_eq!(trap_kind(err(m)), TrapKind::MemoryOutOfBounds);
    // Offsets are unsigned: -1 is 4 GiB - 1.
    let m = Builder::new("neg").memory(1, None).data(segment_mode::ACTIVE, 0, i32c(-1), b"x").build();
    assert_eq!(trap_kind(err(m)), TrapKind::MemoryOutOfBounds);
    let e = err(Builder::new("msg").memory(0, None).data(segment_mode::ACTIVE, 0, i32c(0), b"x").build());
    assert_eq!(e.to_string(), "wasm trap: out of bounds memory access");
}

fn three_funcs() -> Builder {
    Builder::new("tables")
        .ty(&[], &[])
        .func("a", 0x1000 as *const u8, 0x10, 0)
        .func("b", 0x1010 as *const u8, 0x10, 0)
        .func("c", 0x1020 as *const u8, 0x10, 0)
}

#[test]
fn tables_get_their_initializer_then_element_segments() {
    let m = three_funcs()
        .table(4, Some(10), vec![])
        .table(3, None, ref_func(2))
        .global(valtype::FUNCREF, ref_func(1))
        .elem(segment_mode::ACTIVE, 0, i32c(1), vec![ref_func(0), global_get(0), ref_null()])
        .elem(segment_mode::PASSIVE, 0, vec![], vec![ref_func(2), ref_func(0)])
        .elem(segment_mode::DECLARED, 0, vec![], vec![ref_func(1)])
        .build();
    let inst = Instance::new(m).unwrap();
    let f = |i| inst.funcref(i).unwrap() as usize;
    let t0 = inst.table(0).unwrap();
    assert_eq!((0..4).map(|i| t0.get(i).unwrap()).collect::<Vec<_>>(), vec![0, f(0), f(1), 0]);
    let t1 = inst.table(1).unwrap();
    assert_eq!((0..3).map(|i| t1.get(i).unwrap()).collect::<Vec<_>>(), vec![f(2); 3]);
    assert_eq!(inst.elem_segment(0), Some(&[][..]), "active segments are dropped");
    assert_eq!(inst.elem_segment(1), Some(&[f(2), f(0)][..]));
    assert_eq!(inst.elem_segment(2), Some(&[][..]), "declared segments are dropped");
}

#[test]
fn out_of_bounds_element_segment_traps() {
    let m = three_funcs()
        .table(2, None, vec![])
        .elem(segment_mode::ACTIVE, 0, i32c(1), vec![ref_func(0), ref_func(1)])
        .build();
    let e = err(m);
    assert_eq!(e.to_string(), "wasm trap: out of bounds table access");
    assert_eq!(trap_kind(e), TrapKind::TableOutOfBounds);
    // Element segments are applied before data segments.
    let m = three_funcs()
        .memory(1, None)
        .table(1, None, vec![])
        .data(segment_mode::ACTIVE, 0, i32c(70000), b"x")
        .elem(segment_mode::ACTIVE, 0, i32c(5), vec![])
        .build();
    assert_eq!(trap_kind(err(m)), TrapKind::TableOutOfBounds);
}

#[test]
fn oversized_tables_and_memories_are_errors_not_crashes() {
    let e = err(Builder::new("big-table").table(u32::MAX as u64, None, vec![]).build());
    assert!(matches!(e, InstantiateError::TableTooLarge { index: 0, .. }), "{e}");
    let e = err(Builder::new("big-mem").memory(70000, None).build());
    assert!(matches!(e, InstantiateError::MemoryTooLarge { index: 0, pages: 70000, max_pages: 65536, .. }), "{e}");
    // A 64-bit memory can be as large as its reservation, 8 GiB.
    let e = err(Builder::new("big-mem64").memory(0, None).memory_typed(0x2_0001, None, true, 16).build());
    assert!(matches!(e, InstantiateError::MemoryTooLarge { index: 1, max_pages: 0x2_0000, .. }), "{e}");
    assert!(e.to_string().contains("8 GiB"), "{e}");
    let e = err(Builder::new("pages").memory_typed(1, None, false, 12).build());
    assert!(matches!(e, InstantiateError::Unsupported { item: "memory", index: 0, .. }), "{e}");
}

#[test]
fn data_segments_of_64_bit_memories_take_64_bit_offsets() {
    let m = Builder::new("data64")
        // 4 GiB and a page, reserved and committed lazily.
        .memory_typed(0x1_0001, None, true, 16)
        .memory_typed(5, None, false, 0)
        .data(segment_mode::ACTIVE, 0, i64c(0x1_0000_0010), b"far")
        .data(segment_mode::ACTIVE, 1, i32c(2), b"end")
        .build();
    let inst = Instance::new(m).unwrap();
    let (far, tiny) = (inst.memory(0).unwrap(), inst.memory(1).unwrap());
    assert_eq!((far.pages(), far.len()), (0x1_0001, 0x1_0001 << 16));
    assert_eq!((tiny.pages(), tiny.len()), (5, 5));
    // SAFETY: no wasm code runs; both ranges are inside the memories.
    unsafe {
        assert_eq!(std::slice::from_raw_parts(far.base().add(0x1_0000_0010), 3), b"far");
        assert_eq!(std::slice::from_raw_parts(far.base().add(0x10), 3), [0; 3], "not truncated to 32 bits");
        assert_eq!(&tiny.as_slice()[2..], b"end");
    }
    // One byte past the end of a 1-byte-page memory traps.
    let m = Builder::new("data-oob").memory_typed(5, None, false, 0).data(segment_mode::ACTIVE, 0, i32c(3), b"end");
    assert_eq!(trap_kind(err(m.build())), TrapKind::MemoryOutOfBounds);
}

#[test]
fn functions_out_of_address_order_are_malformed() {
    let m = Builder::new("order")
        .ty(&[], &[])
        .func("b", 0x2000 as *const u8, 8, 0)
        .func("a", 0x1000 as *const u8, 8, 0)
        .build();
    assert!(matches!(err(m), InstantiateError::Malformed { index: 1, .. }));
}

static START_CALLS: AtomicUsize = AtomicUsize::new(0);
static START_VMCTX: AtomicUsize = AtomicUsize::new(0);

extern "C" fn start(vmctx: *mut VMContext) {
    START_CALLS.fetch_add(1, Ordering::SeqCst);
    START_VMCTX.store(vmctx as usize, Ordering::SeqCst);
}

#[test]
fn instantiate_runs_the_start_function_and_exports_resolve() {
    let m = Builder::new("start")
        .ty(&[], &[])
        .func("start", start as *const u8, 1, 0)
        .export("go", extern_kind::FUNC, 0)
        .export("g", extern_kind::GLOBAL, 0)
        .start(0)
        .global(valtype::I32, i32c(1))
        .build();
    let inst = Instance::new(m).unwrap();
    assert_eq!(START_CALLS.load(Ordering::SeqCst), 0, "Instance::new does not run start");
    // SAFETY: the start function is a plain Rust function.
    let inst2 = unsafe { kiln_runtime::instantiate(m) }.unwrap();
    assert_eq!(START_CALLS.load(Ordering::SeqCst), 1);
    assert_eq!(START_VMCTX.load(Ordering::SeqCst), inst2.vmctx() as usize);
    let go = inst.exported_func("go").unwrap();
    assert_eq!((go.index, go.func_ptr, go.vmctx), (0, start as *const u8, inst.vmctx()));
    assert!(inst.exported_func("g").is_none(), "not a function");
    assert!(inst.export("g").is_some());
    assert!(inst.exported_func("missing").is_none());
}

/// A module compiled for CPU features runs only where the CPU has them
/// (the answers of `std`'s detection decide what to expect); names the
/// runtime cannot check do not stop it.
#[test]
#[cfg(target_arch = "x86_64")]
fn cpu_features_are_checked_at_instantiation() {
    let known: [(&'static str, bool); 8] = [
        ("sse3", std::is_x86_feature_detected!("sse3")),
        ("sse4.1", std::is_x86_feature_detected!("sse4.1")),
        ("popcnt", std::is_x86_feature_detected!("popcnt")),
        ("avx", std::is_x86_feature_detected!("avx")),
        ("avx2", std::is_x86_feature_detected!("avx2")),
        ("lzcnt", std::is_x86_feature_detected!("lzcnt")),
        ("avx512f", std::is_x86_feature_detected!("avx512f")),
        ("avx512vbmi", std::is_x86_feature_detected!("avx512vbmi")),
    ];
    for (feature, present) in known {
        let features: &'static str = Box::leak(format!("sse2-is-unknown,{feature}").into_boxed_str());
        let mut b = Builder::new("cpu");
        b.cpu_features = features;
        let m = b.build();
        match (Instance::new(m), present) {
            (Ok(_), true) => {}
            (Err(InstantiateError::MissingCpuFeature { feature: f, .. }), false) => assert_eq!(f, feature),
            (Ok(_), false) => panic!("{feature} is missing but the module was accepted"),
            (Err(e), _) => panic!("{feature} (present: {present}): {e}"),
        }
    }
}
