//! kiln's runtime: everything compiled wasm code needs at run time.
//!
//! Data flow: a compiled module's `kiln_abi::ModuleInfo` (static data in the
//! same program) goes to [`instantiate`] / [`Instance::new`], which checks it
//! against the ABI, allocates the VM context, linear memories
//! ([`memory`]) and tables ([`table`]), evaluates constant expressions
//! ([`constexpr`]), applies segments and runs the start function. Compiled
//! code then calls back into the runtime through the `kiln_rt_*` libcalls
//! ([`libcalls`]) and the WASI host functions ([`wasi`]), all of which find
//! their instance through the vmctx. Hardware faults in compiled code reach
//! the signal handler in [`trap`], which maps the PC to a trap-table entry.
//! A thrown exception goes to [`unwind`], which walks the wasm frames for a
//! handler.
//! All platform code lives in [`sys`].
//!
//! `no_std` and libc-free (syscalls via rustix's linux_raw backend), so the
//! same crate links into the std `kiln` CLI and into the standalone
//! `libkiln_rt.a` archive (`staticlib/`).
#![no_std]

extern crate alloc;

pub mod atomics;
pub mod backtrace;
pub mod constexpr;
pub mod error;
pub mod func;
pub mod instance;
pub mod libcalls;
pub mod limits;
pub mod linker;
pub mod memory;
pub mod program;
mod sync;
pub mod sys;
pub mod table;
pub mod trap;
pub mod types;
pub mod unwind;
pub mod wasi;
pub mod wasi2;

pub use error::InstantiateError;
pub use instance::{Func, Instance};
pub use trap::{Trap, TrapHook};

use alloc::boxed::Box;
use core::pin::Pin;
use kiln_abi::ModuleInfo;

/// Instantiates `module` completely for running on the calling thread:
/// installs the trap handlers (and this thread's alternate signal stack),
/// creates and initializes the instance, sets its stack limit for this
/// thread, and runs the start function.
///
/// # Safety
/// Runs compiled code (the start function): `module` must describe code
/// produced by the kiln compiler for this ABI.
pub unsafe fn instantiate(module: &'static ModuleInfo) -> Result<Pin<Box<Instance>>, InstantiateError> {
    // SAFETY: guaranteed by the caller.
    unsafe { instantiate_with_wasi(module, None, None) }
}

/// [`instantiate`], with WASI context `wasi` for the instance (its start
/// function already sees it) instead of the process default. Such an
/// instance also has its own interruption word
/// ([`Instance::use_own_interrupt`]): [`Instance::interrupt`] stops it, the
/// process's `--timeout` does not. `limits`, if given, replace the
/// process's `--max-memory` and `--fuel` for this instance.
///
/// # Safety
/// As [`instantiate`].
pub unsafe fn instantiate_with_wasi(
    module: &'static ModuleInfo,
    wasi: Option<alloc::sync::Arc<wasi::WasiCtx>>,
    limits: Option<&limits::InstanceLimits>,
) -> Result<Pin<Box<Instance>>, InstantiateError> {
    trap::install().map_err(InstantiateError::TrapHandlers)?;
    let instance = Instance::new_limited(module, limits)?;
    if let Some(cx) = wasi {
        instance.set_wasi(cx);
        // An embedder's instance is interrupted on its own (kiln_interrupt).
        instance.use_own_interrupt();
    }
    // SAFETY: handlers are installed and `new` set the stack limit for this
    // thread; the code is the caller's responsibility.
    unsafe { instance.run_start() };
    Ok(instance)
}
