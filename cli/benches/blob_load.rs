//! How long loading a small precompiled blob and calling into it takes:
//! the `kiln run app.kwasm` path without process startup. Each iteration
//! decodes and checks the blob (checksum included), maps and relocates its
//! object, instantiates it (one page of memory, a data segment), calls an
//! export through its `array_call` trampoline, and unloads it all again.
//! The target is well under a millisecond per iteration.
//!
//! `cargo bench -p kiln-cli --bench blob_load` (plain `main`, no harness).

use kiln_abi::{symbols, ModuleInfo, VMContext, VALUE_SLOT_SIZE};
use kiln_compiler::CompileOptions;
use kiln_loader::{BlobMeta, Expectation, LoadedImage, KILN_VERSION};
use std::time::{Duration, Instant};

const MODULE: &str = r#"(module
  (memory 1)
  (data (i32.const 0) "\2a\00\00\00")
  (func (export "get") (param i32) (result i32) (i32.add (i32.load (i32.const 0)) (local.get 0))))"#;

/// The runtime libcalls compiled code may reference.
fn resolve(name: &str) -> Option<usize> {
    kiln_runtime::libcalls::libcall_address(name)
}

/// Loads the blob, instantiates it, calls `get(1)` and unloads it again;
/// returns the result.
fn load_and_call(blob: &[u8]) -> i32 {
    let blob = kiln_loader::decode(blob, &Expectation::host()).expect("the blob is valid here");
    let image = kiln_loader::load(blob.payload, &resolve).expect("the object loads");
    let info = image.symbol(symbols::MODULE_INFO).expect("module info symbol");
    // SAFETY: the symbol is the module's tables, in the image, which stays
    // mapped until the module is unregistered below.
    let info: &'static ModuleInfo = unsafe { &*info.cast::<ModuleInfo>() };
    let instance = kiln_runtime::Instance::new(info).expect("instantiation succeeds");
    let func = instance.exported_func("get").expect("export `get`");
    let mut slots = [[0u8; VALUE_SLOT_SIZE]; 1];
    slots[0][..4].copy_from_slice(&1i32.to_le_bytes());
    // SAFETY: the trampoline of `get`'s type, called with its vmctx and
    // one slot (one parameter, one result); `get` cannot trap.
    unsafe {
        let trampoline = std::mem::transmute::<*const u8, unsafe extern "C" fn(*mut VMContext, *const u8, *mut u8)>(
            func.ty.array_call,
        );
        trampoline(func.vmctx, func.func_ptr, slots.as_mut_ptr().cast());
    }
    drop(instance);
    kiln_runtime::trap::unregister(info);
    drop::<LoadedImage>(image);
    i32::from_le_bytes([slots[0][0], slots[0][1], slots[0][2], slots[0][3]])
}

fn main() {
    let options = CompileOptions { verify: false, ..CompileOptions::default() };
    let compiled = kiln_compiler::compile(MODULE.as_bytes(), &options).expect("the module compiles");
    let triple = options.target.triple.to_string();
    let features = kiln_loader::cpu::features_string(options.target.baseline());
    let meta = BlobMeta {
        kiln_version: KILN_VERSION,
        triple: &triple,
        cpu_features: &features,
        source_sha256: kiln_loader::sha256(MODULE.as_bytes()),
    };
    let blob = kiln_loader::encode(&meta, &compiled.object).expect("the blob encodes");

    const ITERATIONS: usize = 2000;
    let mut times = Vec::with_capacity(ITERATIONS);
    for _ in 0..ITERATIONS {
        let start = Instant::now();
        let result = load_and_call(&blob);
        times.push(start.elapsed());
        assert_eq!(result, 43);
    }
    times.sort();
    let median = times[ITERATIONS / 2];
    let p99 = times[ITERATIONS * 99 / 100];
    let mean: Duration = times.iter().sum::<Duration>() / ITERATIONS as u32;
    println!("blob of {} bytes: load + instantiate + call", blob.len());
    println!("  median {median:?}, mean {mean:?}, p99 {p99:?}, min {:?} ({ITERATIONS} iterations)", times[0]);
}
