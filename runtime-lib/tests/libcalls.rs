//! The libcalls compiled code uses for memory.grow, bulk memory and table
//! operations, called as compiled code would: with the vmctx.

mod common;

use common::*;
use kiln_abi::{segment_mode, VMContext};
use kiln_runtime::libcalls::*;
use kiln_runtime::Instance;

fn bytes(inst: &Instance, range: std::ops::Range<usize>) -> Vec<u8> {
    // SAFETY: no wasm code runs.
    unsafe { inst.memory(0).unwrap().as_slice()[range].to_vec() }
}

fn write(inst: &Instance, at: usize, data: &[u8]) {
    // SAFETY: no wasm code runs.
    unsafe { inst.memory(0).unwrap().as_mut_slice()[at..at + data.len()].copy_from_slice(data) };
}

fn vm(inst: &Instance) -> *mut VMContext {
    inst.vmctx()
}

#[test]
fn memory_grow_respects_the_declared_maximum() {
    let m = Builder::new("grow").memory(1, Some(3)).memory(0, None).build();
    let inst = Instance::new(m).unwrap();
    // SAFETY: (for all libcalls below) a live instance's vmctx.
    unsafe {
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 0), 1);
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 1), 1);
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 2), -1, "past max 3");
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 1), 2);
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 1), -1);
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, u64::MAX), -1, "overflow");
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 9, 1), -1, "no such memory");
        // Without a declared max, the limit is 65536 pages (4 GiB).
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 1, 65537), -1);
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 1, 2), 0);
    }
    let mem = inst.memory(0).unwrap();
    assert_eq!((mem.pages(), mem.len()), (3, 3 * 65536));
    // New pages are committed and zeroed.
    assert!(bytes(&inst, 65536..3 * 65536).iter().all(|&b| b == 0));
    write(&inst, 3 * 65536 - 1, b"z");
    assert_eq!(inst.memory(1).unwrap().pages(), 2);
}

#[test]
fn memory_grow_counts_pages_of_the_memorys_size_up_to_its_reservation() {
    let m = Builder::new("grow64").memory_typed(1, None, true, 16).memory_typed(3, Some(10), false, 0).build();
    let inst = Instance::new(m).unwrap();
    // SAFETY: (for all libcalls below) a live instance's vmctx.
    unsafe {
        // Past 4 GiB: reserved address space, committed by the kernel only
        // where it is touched.
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 5 * 16384), 1);
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 3 * 16384), -1, "past the 8 GiB reservation");
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 3 * 16384 - 1), 5 * 16384 + 1);
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 0, 1), -1);
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 0, 0x1_4000_0000, 0x5a, 2), 0);
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 0, (8 << 30) - 1, 0, 2), 1);
        assert_eq!(kiln_rt_memory_copy(vm(&inst), 0, 0, (8 << 30) - 2, 0x1_4000_0000, 2), 0);
        // 1-byte pages: sizes and the maximum count bytes.
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 1, 4), 3);
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 1, 4), -1, "past max 10");
        assert_eq!(kiln_rt_memory_grow(vm(&inst), 1, 3), 7);
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 1, 9, 1, 1), 0);
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 1, 10, 1, 0), 0);
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 1, 10, 1, 1), 1);
    }
    let mem = inst.memory(0).unwrap();
    assert_eq!((mem.pages(), mem.len()), (131072, 8 << 30));
    // SAFETY: no wasm code runs; in bounds.
    assert_eq!(unsafe { std::slice::from_raw_parts(mem.base().add((8 << 30) - 2), 2) }, [0x5a, 0x5a]);
    let tiny = inst.memory(1).unwrap();
    assert_eq!((tiny.pages(), tiny.len()), (10, 10));
    // SAFETY: no wasm code runs.
    assert_eq!(unsafe { tiny.as_slice() }, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
}

#[test]
fn memory_fill_and_copy_check_bounds_before_writing() {
    let inst = Instance::new(Builder::new("bulk").memory(1, None).memory(1, None).build()).unwrap();
    write(&inst, 0, b"0123456789");
    // SAFETY: (for all libcalls below) a live instance's vmctx.
    unsafe {
        // Overlapping copies in both directions behave like memmove.
        assert_eq!(kiln_rt_memory_copy(vm(&inst), 0, 0, 2, 0, 6), 0);
        assert_eq!(bytes(&inst, 0..10), b"0101234589");
        assert_eq!(kiln_rt_memory_copy(vm(&inst), 0, 0, 0, 2, 6), 0);
        assert_eq!(bytes(&inst, 0..10), b"0123454589");
        // Between memories.
        assert_eq!(kiln_rt_memory_copy(vm(&inst), 1, 0, 65530, 0, 6), 0);
        assert_eq!(kiln_rt_memory_copy(vm(&inst), 1, 0, 65531, 0, 6), 1);
        // SAFETY: no wasm runs.
        assert_eq!(&inst.memory(1).unwrap().as_slice()[65530..], b"012345");
        // Out of bounds: nothing is written, the call says trap.
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 0, 65530, 0xff, 7), 1);
        assert!(bytes(&inst, 65530..65536).iter().all(|&b| b == 0));
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 0, 1, 0x161, 3), 0);
        assert_eq!(bytes(&inst, 0..5), b"0aaa4");
        // Zero length at the very end is allowed; past it is not.
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 0, 65536, 0, 0), 0);
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 0, 65537, 0, 0), 1);
        assert_eq!(kiln_rt_memory_copy(vm(&inst), 0, 0, 0, 65537, 0), 1);
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 0, u64::MAX, 0, 2), 1);
        assert_eq!(kiln_rt_memory_fill(vm(&inst), 5, 0, 0, 0), 1, "no such memory");
    }
}

#[test]
fn memory_init_reads_the_segment_until_dropped() {
    let m = Builder::new("init")
        .memory(1, None)
        .data(segment_mode::PASSIVE, 0, vec![], b"abcdef")
        .data(segment_mode::ACTIVE, 0, i32c(100), b"XY")
        .build();
    let inst = Instance::new(m).unwrap();
    // SAFETY: (for all libcalls below) a live instance's vmctx.
    unsafe {
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 0, 10, 2, 3), 0);
        assert_eq!(bytes(&inst, 10..13), b"cde");
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 0, 20, 4, 3), 1, "past the segment");
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 0, 65535, 0, 2), 1, "past the memory");
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 0, 20, 6, 0), 0);
        // The active segment was dropped at instantiation: length 0.
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 1, 0, 0, 0), 0);
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 1, 0, 0, 1), 1);
        kiln_rt_data_drop(vm(&inst), 0);
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 0, 10, 0, 1), 1);
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 0, 10, 0, 0), 0);
        kiln_rt_data_drop(vm(&inst), 99);
        assert_eq!(kiln_rt_memory_init(vm(&inst), 0, 7, 0, 0, 0), 1, "no such segment");
    }
    assert!(bytes(&inst, 20..30).iter().all(|&b| b == 0), "failed inits wrote nothing");
}

fn table_module() -> &'static kiln_abi::ModuleInfo {
    Builder::new("tables")
        .ty(&[], &[])
        .func("a", 0x1000 as *const u8, 0x10, 0)
        .func("b", 0x1010 as *const u8, 0x10, 0)
        .table(4, Some(6), vec![])
        .table(2, None, vec![])
        .elem(segment_mode::PASSIVE, 0, vec![], vec![ref_func(0), ref_func(1), ref_null()])
        .build()
}

fn elems(inst: &Instance, t: u32) -> Vec<usize> {
    let t = inst.table(t).unwrap();
    (0..t.len()).map(|i| t.get(i).unwrap()).collect()
}

#[test]
fn table_grow_fill_copy() {
    let inst = Instance::new(table_module()).unwrap();
    let (a, b) = (inst.funcref(0).unwrap() as usize, inst.funcref(1).unwrap() as usize);
    // SAFETY: (for all libcalls below) a live instance's vmctx.
    unsafe {
        assert_eq!(kiln_rt_table_fill(vm(&inst), 0, 1, a, 2), 0);
        assert_eq!(elems(&inst, 0), vec![0, a, a, 0]);
        assert_eq!(kiln_rt_table_fill(vm(&inst), 0, 3, b, 2), 1, "out of bounds writes nothing");
        assert_eq!(elems(&inst, 0), vec![0, a, a, 0]);
        assert_eq!(kiln_rt_table_grow(vm(&inst), 0, b, 2), 4);
        assert_eq!(elems(&inst, 0), vec![0, a, a, 0, b, b]);
        assert_eq!(kiln_rt_table_grow(vm(&inst), 0, b, 1), -1, "past max 6");
        assert_eq!(kiln_rt_table_grow(vm(&inst), 0, b, 0), 6);
        assert_eq!(kiln_rt_table_grow(vm(&inst), 1, 0, u64::MAX), -1);
        // Overlapping copy within a table, both directions.
        assert_eq!(kiln_rt_table_copy(vm(&inst), 0, 0, 0, 1, 5), 0);
        assert_eq!(elems(&inst, 0), vec![a, a, 0, b, b, b]);
        assert_eq!(kiln_rt_table_copy(vm(&inst), 0, 0, 1, 0, 5), 0);
        assert_eq!(elems(&inst, 0), vec![a, a, a, 0, b, b]);
        // Across tables, with bounds.
        assert_eq!(kiln_rt_table_copy(vm(&inst), 1, 0, 0, 3, 2), 0);
        assert_eq!(elems(&inst, 1), vec![0, b]);
        assert_eq!(kiln_rt_table_copy(vm(&inst), 1, 0, 1, 0, 2), 1);
        assert_eq!(kiln_rt_table_copy(vm(&inst), 0, 0, 6, 0, 0), 0);
        assert_eq!(kiln_rt_table_copy(vm(&inst), 0, 0, 7, 0, 0), 1);
    }
    // The VMTable record compiled code reads follows the growth.
    // SAFETY: a live table record.
    let vmt = unsafe { &*inst.table(0).unwrap().vm_ptr() };
    assert_eq!(vmt.length, 6);
    // SAFETY: base points to `length` elements.
    assert_eq!(unsafe { *vmt.base.add(5) }, b);
}

#[test]
fn table_init_and_elem_drop() {
    let inst = Instance::new(table_module()).unwrap();
    let (a, b) = (inst.funcref(0).unwrap() as usize, inst.funcref(1).unwrap() as usize);
    // SAFETY: (for all libcalls below) a live instance's vmctx.
    unsafe {
        assert_eq!(kiln_rt_table_init(vm(&inst), 0, 0, 1, 0, 3), 0);
        assert_eq!(elems(&inst, 0), vec![0, a, b, 0]);
        assert_eq!(kiln_rt_table_init(vm(&inst), 0, 0, 0, 1, 1), 0);
        assert_eq!(elems(&inst, 0), vec![b, a, b, 0]);
        assert_eq!(kiln_rt_table_init(vm(&inst), 0, 0, 2, 0, 3), 1, "past the table");
        assert_eq!(kiln_rt_table_init(vm(&inst), 0, 0, 0, 2, 2), 1, "past the segment");
        assert_eq!(elems(&inst, 0), vec![b, a, b, 0]);
        kiln_rt_elem_drop(vm(&inst), 0);
        assert_eq!(kiln_rt_table_init(vm(&inst), 0, 0, 0, 0, 1), 1, "dropped: length 0");
        assert_eq!(kiln_rt_table_init(vm(&inst), 0, 0, 4, 0, 0), 0);
        assert_eq!(kiln_rt_table_init(vm(&inst), 0, 3, 0, 0, 0), 1, "no such segment");
    }
}
