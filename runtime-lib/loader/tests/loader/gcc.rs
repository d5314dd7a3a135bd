//! Objects compiled by gcc from `c/features.c` at test time, loaded and run.
//! Expected values come from the same computations done in Rust.

use crate::{assert_w_xor_x, func};
use kiln_loader::{load, LoadError, LoadedImage};
use std::path::PathBuf;
use std::process::Command;

const SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/loader/c/features.c");
const MSG: &str = "hello, loader";

/// Compiles the feature file with `flags`; returns the object bytes.
fn gcc(flags: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("features.o");
    let status = Command::new("gcc")
        .args(["-c", "-O2", "-fno-asynchronous-unwind-tables"])
        .args(flags)
        .arg("-o")
        .arg(&out)
        .arg(SOURCE)
        .status()
        .expect("gcc is installed");
    assert!(status.success(), "gcc {flags:?} failed");
    std::fs::read(out).unwrap()
}

extern "C" fn host_add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

static EXT_VALUE: i64 = -77_000_000_123;

fn resolve(name: &str) -> Option<usize> {
    match name {
        "host_add" => Some(host_add as extern "C" fn(i64, i64) -> i64 as usize),
        "ext_value" => Some(&EXT_VALUE as *const i64 as usize),
        _ => None,
    }
}

fn run_features(image: &LoadedImage, external_data: bool) {
    // SAFETY: each symbol is a C function with the declared signature.
    unsafe {
        let sum_msg: extern "C" fn() -> i64 = func(image, "sum_msg");
        assert_eq!(sum_msg(), MSG.bytes().map(i64::from).sum::<i64>());
        let call_host: extern "C" fn(i64) -> i64 = func(image, "call_host");
        assert_eq!(call_host(4), host_add(4, 10) * 3);
        let bump: extern "C" fn() -> i64 = func(image, "bump");
        assert_eq!(bump(), 8);
        let fill_and_sum: extern "C" fn(i64) -> i64 = func(image, "fill_and_sum");
        assert_eq!(fill_and_sum(3), (0..16).map(|i| i * 3).sum::<i64>());
        let dispatch: extern "C" fn(i32, i64) -> i64 = func(image, "dispatch");
        let zeroed = |i: i64| i * 3; // as fill_and_sum(3) left it
        let counter = 8;
        for x in [0i64, 5, -9, 1 << 20] {
            let want =
                [x + 1, host_add(x, 100), counter * x, zeroed(x & 15), x ^ 0x55, 2 * x + 9, -x, x.wrapping_mul(x), -1];
            for (k, w) in want.iter().enumerate() {
                assert_eq!(dispatch(k as i32, x), *w, "dispatch({k}, {x})");
            }
        }
        let apply_op: extern "C" fn(i32, i64) -> i64 = func(image, "apply_op");
        assert_eq!((apply_op(0, 7), apply_op(1, 7)), (14, 21));
        let apply_mutable: extern "C" fn(i32, i64) -> i64 = func(image, "apply_mutable");
        assert_eq!((apply_mutable(0, 7), apply_mutable(1, 7)), (21, 14));
        let has_weak: extern "C" fn() -> i32 = func(image, "has_weak");
        assert_eq!(has_weak(), -5, "a weak undefined symbol is null");
        let set_common: extern "C" fn(i64) -> i64 = func(image, "set_common");
        assert_eq!(set_common(41), 42);
        let common = image.symbol("shared_common").expect("common symbols are allocated").cast::<i64>();
        assert!(image.data().contains(&(common as usize)));
        assert_eq!(*common, 41);
        if external_data {
            let read_ext: extern "C" fn() -> i64 = func(image, "read_ext");
            assert_eq!(read_ext(), EXT_VALUE);
            let ext_addr: extern "C" fn() -> *const i64 = func(image, "ext_addr");
            assert_eq!(ext_addr(), &EXT_VALUE as *const i64);
        }
        // Data symbols: counter was bumped once; ops is relocated and read-only.
        assert_eq!(*image.symbol("counter").unwrap().cast::<i64>(), 8);
        let ops = image.symbol("ops").unwrap();
        assert!(image.rodata().contains(&(ops as usize)), ".data.rel.ro is read-only once relocated");
    }
    assert_w_xor_x(image);
}

#[test]
fn gcc_pic_object_runs() {
    let obj = gcc(&["-fPIC"]);
    let image = load(&obj, &resolve).unwrap();
    run_features(&image, true);
}

#[test]
fn gcc_pic_object_with_unwind_tables_and_debug_info_runs() {
    // .eh_frame is allocatable and holds PC-relative relocations; the
    // .debug_* sections are not loaded and their relocations are skipped.
    let obj = gcc(&["-fPIC", "-fasynchronous-unwind-tables", "-g"]);
    let image = load(&obj, &resolve).unwrap();
    run_features(&image, true);
}

#[test]
fn gcc_non_pic_object_runs_below_2_gib() {
    // -fno-pic code holds absolute addresses in 32-bit fields (R_X86_64_32S
    // for indexed arrays and the jump table), so the image is mapped low.
    let obj = gcc(&["-fno-pic", "-DNO_EXTERNAL_DATA"]);
    let image = load(&obj, &resolve).unwrap();
    assert!((image.base() as usize) + image.len() <= 1 << 31);
    run_features(&image, false);
}

#[test]
fn gcc_non_pic_reference_to_far_data_is_an_error_not_a_truncation() {
    // ext_value lives in this test executable, more than 2 GiB away from a
    // low image: no 32-bit field can reach it.
    let obj = gcc(&["-fno-pic"]);
    let err = load(&obj, &resolve).unwrap_err();
    assert!(matches!(&err, LoadError::RelocationValue { symbol, .. } if symbol == "ext_value"), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("R_X86_64_") && msg.contains("does not fit in 32 bits"), "{msg}");
}

#[test]
fn thread_locals_are_refused_with_the_section_named() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("tls.c");
    std::fs::write(&src, "__thread long t = 3; long get(void) { return t; }\n").unwrap();
    let out = dir.path().join("tls.o");
    let status = Command::new("gcc").args(["-c", "-O2", "-fPIC", "-o"]).arg(&out).arg(&src).status().unwrap();
    assert!(status.success());
    let err = load(&std::fs::read(out).unwrap(), &|_| None).unwrap_err();
    assert_eq!(err.to_string(), "section .tdata: thread-local storage is not supported");
}
