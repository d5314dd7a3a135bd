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

pub mod blob;
pub mod symbols;
pub mod tables;
pub mod trap;
pub mod vmctx;
pub mod wasi;

pub use tables::*;
pub use trap::TrapKind;
pub use vmctx::*;

/// Bumped whenever any layout in this crate changes.
pub const ABI_VERSION: u32 = 1;

/// Size of a wasm page in bytes.
pub const WASM_PAGE_SIZE: u64 = 65536;

/// Process exit status of a standalone executable (and `kiln run`) when the
/// wasm program traps. Matches Wasmtime on Unix (128 + SIGABRT).
pub const TRAP_EXIT_STATUS: i32 = 134;

/// Bytes of address space reserved for each 32-bit linear memory: the whole
/// 4 GiB index space plus the largest static offset (4 GiB), plus one more
/// page for the access width. Any `base + u32 index + u32 offset + width`
/// lands inside the reservation, so compiled code needs no bounds checks.
pub const MEMORY_RESERVATION: u64 = (8 << 30) + WASM_PAGE_SIZE;
