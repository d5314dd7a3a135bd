//! The compiled-artifact format of kiln, defined once.
//!
//! Data flow: the compiler (`kiln-compiler`) lays out every table below as
//! bytes plus relocations in the object it emits, using the `#[repr(C)]`
//! types and offsets in this crate; the runtime (`kiln-runtime`) reads the
//! very same types back through the `kiln_module_info` symbol, builds a VM
//! context with the layout [`VMOffsets`] computes, and hands it to compiled
//! code as its first argument.
//!
//! Everything here assumes a 64-bit little-endian target (x86_64, aarch64,
//! riscv64); the compiler refuses other targets before using this crate.
#![no_std]
#![deny(missing_docs)]

pub mod blob;
pub mod builtins;
pub mod canon;
pub mod symbols;
pub mod tables;
pub mod trap;
pub mod vmctx;
pub mod wasi;
pub mod wasi2;

pub use builtins::{HostApiFn, Libcall, HOST_API};
pub use tables::*;
pub use trap::TrapKind;
pub use vmctx::*;

/// Bumped whenever any layout in this crate changes.
pub const ABI_VERSION: u32 = 10;

/// The name of a CPU feature as `ModuleInfo::cpu_features`, blob headers
/// and `std::arch` detection spell it, from Cranelift's ISA flag name:
/// `has_sse41` gives `sse4.1`, `has_avx2` gives `avx2`.
pub fn cpu_feature_name(cranelift_flag: &str) -> &str {
    match cranelift_flag.strip_prefix("has_").unwrap_or(cranelift_flag) {
        "sse41" => "sse4.1",
        "sse42" => "sse4.2",
        other => other,
    }
}

/// Size of a wasm page in bytes (the default page size).
pub const WASM_PAGE_SIZE: u64 = 65536;

/// Log2 of [`WASM_PAGE_SIZE`].
pub const WASM_PAGE_SIZE_LOG2: u32 = 16;

/// Process exit status of a standalone executable (and `kiln run`) when the
/// wasm program traps. Matches Wasmtime on Unix (128 + SIGABRT).
pub const TRAP_EXIT_STATUS: i32 = 134;

/// Exit status of a standalone executable when the module cannot be
/// instantiated or run at all (unresolved or unsupported import, no `_start`
/// export, out of memory...): the runtime prints `kiln: <error>` and exits.
pub const ERROR_EXIT_STATUS: i32 = 1;

/// Exit status when the runtime itself panics (a kiln bug): it prints
/// `kiln runtime panic: ...` and exits. Matches Rust's panic status.
pub const RUNTIME_PANIC_EXIT_STATUS: i32 = 101;

/// Bytes of address space reserved for each 32-bit linear memory: the whole
/// 4 GiB index space plus the largest static offset (4 GiB), plus one more
/// page for the access width. Any `base + u32 index + u32 offset + width`
/// lands inside the reservation, so compiled code needs no bounds checks.
/// Only for memories with 32-bit indices and 64 KiB pages: see
/// [`memory_bounds_checked`].
pub const MEMORY_RESERVATION: u64 = (8 << 30) + WASM_PAGE_SIZE;

/// Whether compiled code checks each access to a memory of this type
/// against its current length, instead of relying on guard pages: a 64-bit
/// index cannot be covered by any reservation, and a memory of 1-byte pages
/// may end anywhere inside a host page. Such a memory needs no guard region:
/// the runtime reserves only what it may grow to.
pub const fn memory_bounds_checked(memory64: bool, page_size_log2: u32) -> bool {
    memory64 || page_size_log2 != WASM_PAGE_SIZE_LOG2
}
