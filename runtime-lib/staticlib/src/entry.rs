//! The process entry of a standalone kiln executable (`-e kiln_entry`).
//!
//! Data flow: the kernel starts the program at `kiln_entry` with argc,
//! argv, envp and the aux vector on the stack; the per-architecture stub
//! clears the frame chain, aligns the stack and passes the initial SP to
//! [`start`], which stores argv for WASI (the environment is not granted),
//! instantiates the module, calls `_start` and exits 0. `proc_exit` exits
//! from inside; traps exit from the signal handler; errors print
//! `kiln: <error>` and exit with `kiln_abi::ERROR_EXIT_STATUS`.

use crate::{module, print_error};
use kiln_abi::{VMContext, ERROR_EXIT_STATUS};
use kiln_runtime::{sys, trap, wasi, InstantiateError};

#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".globl kiln_entry",
    ".type kiln_entry, @function",
    "kiln_entry:",
    "xor ebp, ebp",
    "mov rdi, rsp",
    "and rsp, -16",
    "call {start}",
    "ud2",
    ".size kiln_entry, . - kiln_entry",
    start = sym start,
);

#[cfg(target_arch = "aarch64")]
core::arch::global_asm!(
    ".globl kiln_entry",
    ".type kiln_entry, @function",
    "kiln_entry:",
    "mov x29, xzr",
    "mov x30, xzr",
    "mov x0, sp",
    "bl {start}",
    "udf #0",
    ".size kiln_entry, . - kiln_entry",
    start = sym start,
);

#[cfg(target_arch = "riscv64")]
core::arch::global_asm!(
    ".globl kiln_entry",
    ".type kiln_entry, @function",
    "kiln_entry:",
    "mv fp, zero",
    "mv ra, zero",
    "mv a0, sp",
    "andi sp, sp, -16",
    "call {start}",
    "unimp",
    ".size kiln_entry, . - kiln_entry",
    start = sym start,
);

/// The bytes of a NUL-terminated string, without the terminator.
///
/// # Safety
/// `s` must point to a NUL-terminated string.
pub unsafe fn c_str<'a>(s: *const u8) -> &'a [u8] {
    // SAFETY: the caller guarantees a NUL-terminated string.
    unsafe { core::ffi::CStr::from_ptr(s.cast()) }.to_bytes()
}

/// Called by `kiln_entry` with the initial stack pointer: `[argc, argv..,
/// NULL, envp.., NULL, auxv..]`.
unsafe extern "C" fn start(sp: *const usize) -> ! {
    // SAFETY: the kernel's initial stack layout, as documented above.
    unsafe {
        let argc = *sp;
        let argv = sp.add(1).cast::<*const u8>();
        wasi::set_args((0..argc).map(|i| c_str(*argv.add(i))));
    }
    run()
}

fn run() -> ! {
    // SAFETY: the module was produced by the kiln compiler for this ABI
    // (the lead's link step pairs them).
    let instance = match unsafe { kiln_runtime::instantiate(module()) } {
        Ok(instance) => instance,
        Err(InstantiateError::Trap(trap)) => trap::report_and_exit(&trap),
        Err(e) => {
            print_error(format_args!("{e}"));
            sys::exit_group(ERROR_EXIT_STATUS)
        }
    };
    let Some(entry) = instance.exported_func("_start") else {
        print_error(format_args!("module has no `_start` export; it is not a WASI command"));
        sys::exit_group(ERROR_EXIT_STATUS)
    };
    let (params, results) = (entry.ty.params.len, entry.ty.results.len);
    if params != 0 || results != 0 {
        print_error(format_args!("the `_start` export must take no parameters and return nothing"));
        sys::exit_group(ERROR_EXIT_STATUS)
    }
    // SAFETY: a wasm function of type [] -> [] takes only its vmctx.
    let f = unsafe { core::mem::transmute::<*const u8, extern "C" fn(*mut VMContext)>(entry.func_ptr) };
    f(entry.vmctx);
    sys::exit_group(0)
}
