//! `libkiln_rt.a`: the runtime archive linked into every kiln executable.
//!
//! Data flow: the linker enters at [`entry`]'s `kiln_entry`, which reads
//! argc/argv from the initial stack, stores the arguments for WASI,
//! instantiates the compiled module at the `kiln_module_info` symbol with
//! `kiln-runtime` and calls its `_start` export. C hosts that link the
//! module object and this archive themselves use [`host_api`] instead. The
//! rest is what a libc would otherwise provide: the allocator
//! ([`allocator`], over mmap), the panic handler ([`panic`]), float helpers
//! ([`math`]) and memcpy and friends ([`mem`]).
#![no_std]

extern crate alloc;
pub mod allocator;
pub mod entry;
pub mod host_api;
pub mod math;
pub mod mem;
#[cfg(not(test))]
mod panic;

use kiln_abi::ModuleInfo;

unsafe extern "C" {
    /// The compiled module's tables, defined by the object the compiler
    /// emitted (symbol `kiln_abi::symbols::MODULE_INFO`).
    static kiln_module_info: ModuleInfo;
}

/// The module this program was linked with.
fn module() -> &'static ModuleInfo {
    // SAFETY: the linker resolves the symbol to the compiler's immutable,
    // 'static module tables.
    unsafe { &*core::ptr::addr_of!(kiln_module_info) }
}

/// Prints `kiln: <message>` to stderr; false if stderr is gone.
fn print_error(message: core::fmt::Arguments<'_>) -> bool {
    kiln_runtime::sys::FdWriter::print(2, format_args!("kiln: {message}\n"))
}
