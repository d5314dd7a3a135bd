//! Objects produced by kiln's own compiler: the module tables must come out
//! relocated and the exported functions callable.

use crate::{assert_w_xor_x, func};
use kiln_abi::{symbols, ModuleInfo, MODULE_MAGIC};
use kiln_compiler::{compile, CompileOptions};
use kiln_loader::{decode, encode, load, sha256, BlobMeta, Expectation, KILN_VERSION};
use std::time::Instant;

const WAT: &str = r#"
(module
  (import "env" "log" (func $log (param i32)))
  (func $answer (export "answer") (result i32) i32.const 42)
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func (export "add_answer") (param i32) (result i32)
    local.get 0 call $answer call $add))
"#;

extern "C" fn never_called(_vmctx: *mut u8, _len: u64) -> u32 {
    unreachable!("no libcall is reached by this module")
}

/// Libcalls are resolved to a stub; imports stay null for the runtime.
fn resolve(name: &str) -> Option<usize> {
    kiln_abi::Libcall::from_symbol(name)
        .is_some()
        .then_some(never_called as extern "C" fn(*mut u8, u64) -> u32 as usize)
}

#[test]
fn compiled_module_loads_with_relocated_tables() {
    let compiled = compile(WAT.as_bytes(), &CompileOptions::default()).expect("the compiler translates this module");
    let image = load(&compiled.object, &resolve).unwrap();
    assert_w_xor_x(&image);
    let info = image.symbol(symbols::MODULE_INFO).expect("kiln_module_info is exported").cast::<ModuleInfo>();
    // SAFETY: kiln_module_info is a ModuleInfo whose pointers the loader relocated into the image.
    let info = unsafe { &*info };
    assert_eq!(info.magic, MODULE_MAGIC);
    assert_eq!(info.abi_version, kiln_abi::ABI_VERSION);
    assert_eq!(info.num_imported_funcs, 1);
    // SAFETY: as above.
    let (imports, funcs, exports) =
        unsafe { (info.imports.as_slice(), info.funcs.as_slice(), info.exports.as_slice()) };
    assert_eq!(imports.len(), 1);
    // SAFETY: as above.
    assert_eq!(unsafe { (imports[0].module.as_str(), imports[0].name.as_str()) }, ("env", "log"));
    assert!(imports[0].host_func.is_null(), "an unresolved kiln_import_ symbol is null");
    assert_eq!(funcs.len(), 3);
    for f in funcs {
        assert!(image.text().contains(&(f.ptr as usize)), "function code pointers point into the code pages");
    }
    // SAFETY: as above.
    let names: Vec<&str> = exports.iter().map(|e| unsafe { e.name.as_str() }).collect();
    assert_eq!(names, ["answer", "add", "add_answer"]);

    // Exported functions take the vmctx first; these touch nothing in it
    // but the stack limit at offset 0 (0: no limit).
    let mut vmctx = vec![0u64; 64];
    let vmctx = vmctx.as_mut_ptr().cast::<u8>();
    // SAFETY: the C aliases have the wasm signatures with a leading vmctx.
    unsafe {
        let answer: extern "C" fn(*mut u8) -> i32 = func(&image, "kiln_export_answer");
        let add: extern "C" fn(*mut u8, i32, i32) -> i32 = func(&image, "kiln_export_add");
        let add_answer: extern "C" fn(*mut u8, i32) -> i32 = func(&image, "kiln_export_add_5fanswer");
        assert_eq!(answer(vmctx), 42);
        assert_eq!(add(vmctx, i32::MAX, 1), i32::MIN);
        assert_eq!(add_answer(vmctx, -2), 40);
        // The C aliases are trampolines into the functions' own convention.
        assert_ne!(funcs[0].ptr, image.symbol("kiln_export_answer").unwrap());
        assert!(!imports[0].adapter.is_null(), "a function import has an adapter");
    }
}

#[test]
fn blob_decode_and_load_time() {
    let compiled = compile(WAT.as_bytes(), &CompileOptions::default()).expect("the compiler translates this module");
    let host = Expectation::host();
    let meta = BlobMeta {
        kiln_version: KILN_VERSION,
        triple: host.triple,
        cpu_features: "",
        source_sha256: sha256(WAT.as_bytes()),
    };
    let blob = encode(&meta, &compiled.object).unwrap();
    let runs = 200u32;
    let start = Instant::now();
    for _ in 0..runs {
        let decoded = decode(&blob, &host).unwrap();
        let image = load(decoded.payload, &resolve).unwrap();
        assert!(image.symbol(symbols::MODULE_INFO).is_some());
    }
    let per_run = start.elapsed() / runs;
    eprintln!("decode + load + unmap of a {} byte blob: {per_run:?}", blob.len());
    // Generous bound for unoptimized builds on a busy machine.
    assert!(per_run.as_millis() < 20, "{per_run:?}");
}

#[test]
fn the_compiler_baseline_names_features_this_machine_can_check() {
    let target = kiln_compiler::target::Target::host();
    let features = kiln_loader::cpu::features_string(target.baseline());
    if cfg!(target_arch = "x86_64") {
        assert_eq!(features, "sse3,ssse3,sse4.1,sse4.2,popcnt");
    }
    let meta = BlobMeta {
        kiln_version: KILN_VERSION,
        triple: &target.triple.to_string(),
        cpu_features: &features,
        source_sha256: [0; 32],
    };
    let blob = encode(&meta, b"payload").unwrap();
    // The kiln test machines are x86-64-v2 or later.
    let decoded = decode(&blob, &Expectation::host()).unwrap();
    assert_eq!(decoded.cpu_features, features);
}
