//! Loader tests: objects built with Cranelift (all architectures), with gcc
//! (`-fPIC` and `-fno-pic`), and with kiln's own compiler.

mod compiler;
mod cross;
mod gcc;
mod objects;

use kiln_loader::{load, load_any_arch, LoadError, LoadedImage};
use std::time::Instant;

/// The triple of this machine; host tests run the code they load.
pub fn host() -> &'static str {
    kiln_loader::cpu::host_triple()
}

/// The permissions /proc/self/maps shows for every mapping overlapping
/// `range`, as (start, end, "rwxp").
pub fn mappings(range: std::ops::Range<usize>) -> Vec<(usize, usize, String)> {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let mut out = Vec::new();
    for line in maps.lines() {
        let mut parts = line.split_whitespace();
        let (Some(span), Some(perms)) = (parts.next(), parts.next()) else { continue };
        let (a, b) = span.split_once('-').unwrap();
        let (a, b) = (usize::from_str_radix(a, 16).unwrap(), usize::from_str_radix(b, 16).unwrap());
        if a < range.end && b > range.start {
            out.push((a, b, perms.to_string()));
        }
    }
    out
}

/// Checks W^X over the whole image, and the permission of each part.
pub fn assert_w_xor_x(image: &LoadedImage) {
    let base = image.base() as usize;
    let all = mappings(base..base + image.len());
    assert!(!all.is_empty());
    for (a, b, perms) in &all {
        assert!(!(perms.contains('w') && perms.contains('x')), "{a:#x}-{b:#x} is {perms}");
    }
    let perms_of = |r: std::ops::Range<usize>| {
        all.iter().filter(|(a, b, _)| *a < r.end && *b > r.start).map(|m| m.2.clone()).collect::<Vec<_>>()
    };
    if !image.text().is_empty() {
        assert_eq!(perms_of(image.text()), ["r-xp"]);
    }
    if !image.rodata().is_empty() {
        assert_eq!(perms_of(image.rodata()), ["r--p"]);
    }
    if !image.data().is_empty() {
        assert_eq!(perms_of(image.data()), ["rw-p"]);
    }
}

/// Casts a loaded symbol to a function pointer type.
///
/// # Safety
/// The symbol must be host code of exactly type `F`.
pub unsafe fn func<F: Copy>(image: &LoadedImage, name: &str) -> F {
    let p = image.symbol(name).unwrap_or_else(|| panic!("symbol {name} missing"));
    assert!(image.text().contains(&(p as usize)), "{name} is not in the code pages");
    assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<*const u8>());
    // SAFETY: F is a function pointer type of the symbol's signature (caller's contract).
    unsafe { std::mem::transmute_copy::<*const u8, F>(&p) }
}

fn check_cranelift_image(image: &LoadedImage) {
    use objects::*;
    // SAFETY: the test module's functions have these signatures.
    unsafe {
        let answer: extern "C" fn() -> i32 = func(image, "answer");
        let compute: extern "C" fn(i64) -> i64 = func(image, "compute");
        let bump: extern "C" fn() -> i64 = func(image, "bump");
        let read_ext: extern "C" fn() -> i64 = func(image, "read_ext");
        assert_eq!(answer(), 42);
        assert_eq!(compute(5), host_add(5 + 42, 1) * 2);
        assert_eq!(bump(), COUNTER_INIT + 1);
        assert_eq!(bump(), COUNTER_INIT + 2);
        assert_eq!(read_ext(), EXT_VALUE);
        let direct: extern "C" fn(i64) -> i64 = func(image, "direct");
        assert_eq!(direct(40), host_add(40, 2));
        let big = std::slice::from_raw_parts(image.symbol("big").unwrap(), BIG_LEN);
        assert!(big.iter().all(|&b| b == 0x5a));
        let table = image.symbol("table").unwrap().cast::<usize>();
        assert!(image.rodata().contains(&(table as usize)), "the relocated table is read-only");
        let entries = std::slice::from_raw_parts(table, 4);
        assert_eq!(entries[0], image.symbol("answer").unwrap() as usize);
        assert_eq!(entries[1], image.symbol("compute").unwrap() as usize);
        assert_eq!(entries[2], host_add as extern "C" fn(i64, i64) -> i64 as usize);
        assert_eq!(entries[3], 0, "an unresolved kiln_import_ symbol is null");
        let via_table: extern "C" fn() -> i32 = std::mem::transmute::<usize, extern "C" fn() -> i32>(entries[0]);
        assert_eq!(via_table(), 42);
    }
    assert!(image.symbol("helper").is_some(), "hidden symbols are global");
    assert!(image.symbol("host_add").is_none(), "undefined symbols are not exported");
    assert_w_xor_x(image);
}

#[test]
fn cranelift_pic_object_runs() {
    let obj = objects::build(host(), true);
    let image = load(&obj, &objects::resolve).unwrap();
    check_cranelift_image(&image);
}

#[test]
fn cranelift_non_pic_object_runs() {
    let obj = objects::build(host(), false);
    let image = load(&obj, &objects::resolve).unwrap();
    check_cranelift_image(&image);
}

#[test]
fn misaligned_input_is_copied_not_refused() {
    let obj = objects::build(host(), true);
    let mut shifted = vec![0u8; obj.len() + 1];
    shifted[1..].copy_from_slice(&obj);
    let image = load(&shifted[1..], &objects::resolve).unwrap();
    check_cranelift_image(&image);
}

#[test]
fn unresolved_symbols_are_named() {
    let obj = objects::build(host(), true);
    let only_ext = |name: &str| (name == "ext_value").then(|| objects::resolve(name)).flatten();
    let err = load(&obj, &only_ext).unwrap_err();
    assert!(matches!(&err, LoadError::Unresolved(names) if names == &["host_add".to_string()]), "{err}");
    assert_eq!(err.to_string(), "unresolved symbols: host_add");
    let err = load(&obj, &|_| None).unwrap_err();
    assert_eq!(err.to_string(), "unresolved symbols: ext_value, host_add");
}

#[test]
fn foreign_architecture_is_refused_by_load() {
    let foreign = if cfg!(target_arch = "aarch64") { "riscv64" } else { "aarch64" };
    let obj = objects::build(&format!("{foreign}-unknown-linux-gnu"), true);
    let err = load(&obj, &objects::resolve).unwrap_err();
    assert_eq!(err.to_string(), format!("object is for {foreign}, this machine is {}", std::env::consts::ARCH));
    assert!(load_any_arch(&obj, &objects::resolve).is_ok());
}

#[test]
fn garbage_and_truncated_objects_are_errors() {
    assert!(matches!(load(b"not an object", &|_| None), Err(LoadError::Parse(_))));
    let obj = objects::build(host(), true);
    for len in (0..obj.len()).step_by(97) {
        assert!(load(&obj[..len], &objects::resolve).is_err(), "truncated to {len} bytes");
    }
}

#[test]
fn load_time_is_small() {
    let obj = objects::build(host(), true);
    let runs = 200u32;
    let start = Instant::now();
    for _ in 0..runs {
        let image = load(&obj, &objects::resolve).unwrap();
        assert!(image.symbol("answer").is_some());
    }
    let per_load = start.elapsed() / runs;
    eprintln!("load + unmap of a {} byte object: {per_load:?}", obj.len());
    // Generous bound for unoptimized builds on a loaded machine; an
    // optimized build is measured in the crate report.
    assert!(per_load.as_millis() < 20, "{per_load:?}");
}

#[test]
fn fuzzed_objects_never_panic() {
    // Corrupted objects may load (their code is never run here) or fail,
    // but the loader must not panic or touch memory outside its image.
    let obj = objects::build(host(), true);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut loaded, mut refused) = (0, 0);
    for _ in 0..1500 {
        let mut bad = obj.clone();
        for _ in 0..1 + next() % 4 {
            let i = (next() % bad.len() as u64) as usize;
            bad[i] ^= 1 << (next() % 8);
        }
        let t = Instant::now();
        let r = load_any_arch(&bad, &objects::resolve);
        // A corrupted size must not make the loader touch huge memory.
        assert!(t.elapsed().as_secs() < 2, "{:?}", r.map(|i| i.len()));
        match r {
            Ok(_) => loaded += 1,
            Err(_) => refused += 1,
        }
    }
    // Most flips land in code or data bytes, which are loaded as they are.
    assert!(loaded > 0 && refused > 0, "loaded {loaded}, refused {refused}");
}
