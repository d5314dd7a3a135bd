//! The C API for programs that link a compiled module's object and
//! `libkiln_rt.a` into their own executable (with their own libc and
//! `main`). The block below is meant for the generated header:
//!
//! ```c
//! /* Stores the arguments WASI's args_get returns (argv[0] first). Call it
//!    before kiln_instantiate if the module reads its arguments. */
//! void kiln_set_args(int argc, char **argv);
//!
//! /* Grants the module capabilities before kiln_instantiate, in the option
//!    syntax of `kiln run` and KILN_GRANTS, e.g. "--dir data::/data:ro
//!    --env MODE=fast --tcplisten 127.0.0.1:8080" (whitespace separates
//!    words, quotes group them). Nothing is granted otherwise. `--env NAME`
//!    without a value and `--env-inherit` see no host variables here.
//!    Returns 0, or -1 after printing the problem to stderr. */
//! int kiln_wasi_grant(const char *options);
//!
//! /* Instantiates the linked module (kiln_module_info): installs the trap
//!    handlers and this thread's signal stack, sets the wasm stack limit for
//!    this thread, initializes memories/tables/globals/segments and runs the
//!    start function. Returns the vmctx to pass as the first argument of
//!    every kiln_export_* function, or NULL after printing the error to
//!    stderr. Call exported functions from this same thread. A trap in wasm
//!    code prints "wasm trap: ..." and exits the process with status 134. */
//! void *kiln_instantiate(void);
//!
//! /* Base address of linear memory `index` and, if length_out is not NULL,
//!    its current length in bytes. NULL if there is no such memory. The base
//!    never moves; the length grows with memory.grow. `vmctx` is the one
//!    kiln_instantiate returned, or the one a host function (an import
//!    linked with `kiln build --link`) received as its first argument: a
//!    wasm address `p` is then `base + p`, valid while `p + n <= length`. */
//! uint8_t *kiln_memory_base(void *vmctx, uint32_t index, uint64_t *length_out);
//!
//! /* Every export `name` is callable as kiln_export_<escaped name>(vmctx, ...)
//!    with the wasm parameters (i32 -> int32_t, i64 -> int64_t,
//!    f32 -> float, f64 -> double, references -> void *). */
//! ```

use crate::entry::c_str;
use crate::{module, print_error};
use core::ffi::{c_char, c_int};
use kiln_abi::VMContext;
use kiln_runtime::{trap, wasi, Instance, InstantiateError};

/// # Safety
/// `argv` must hold `argc` NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn kiln_set_args(argc: c_int, argv: *const *const c_char) {
    let argc = usize::try_from(argc).unwrap_or(0);
    if argv.is_null() {
        wasi::set_args(core::iter::empty::<&[u8]>());
        return;
    }
    // SAFETY: guaranteed by the caller.
    wasi::set_args((0..argc).map(|i| unsafe { c_str((*argv.add(i)).cast()) }));
}

/// # Safety
/// Runs the module's start function (compiled code).
#[no_mangle]
pub unsafe extern "C" fn kiln_instantiate() -> *mut VMContext {
    // SAFETY: the module was produced by the kiln compiler for this ABI.
    match unsafe { kiln_runtime::instantiate(module()) } {
        Ok(instance) => {
            let vmctx = instance.vmctx();
            // The instance lives for the rest of the process.
            core::mem::forget(instance);
            vmctx
        }
        Err(InstantiateError::Trap(t)) => {
            trap::report(&t);
            core::ptr::null_mut()
        }
        Err(e) => {
            print_error(format_args!("{e}"));
            core::ptr::null_mut()
        }
    }
}

/// # Safety
/// `vmctx` must come from [`kiln_instantiate`], be the one a host function
/// received from its wasm caller, or be NULL; `length_out` must be NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn kiln_memory_base(vmctx: *mut VMContext, index: u32, length_out: *mut u64) -> *mut u8 {
    if vmctx.is_null() {
        return core::ptr::null_mut();
    }
    // SAFETY: a vmctx from kiln_instantiate belongs to a leaked, live
    // instance; a caller's vmctx belongs to the instance running the call.
    let Some(memory) = (unsafe { Instance::from_vmctx(vmctx) }).memory(index) else {
        return core::ptr::null_mut();
    };
    if !length_out.is_null() {
        // SAFETY: the caller guarantees a writable u64.
        unsafe { length_out.write(memory.len()) };
    }
    memory.base()
}

/// # Safety
/// `options` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn kiln_wasi_grant(options: *const c_char) -> c_int {
    if options.is_null() {
        return 0;
    }
    // SAFETY: guaranteed by the caller.
    let text = unsafe { c_str(options.cast()) };
    let applied = wasi::grants::split_words(text).and_then(|words| {
        let words: alloc::vec::Vec<&[u8]> = words.iter().map(|w| w.as_slice()).collect();
        wasi::grants::apply(&wasi::grants::parse(&words)?, &[], false)
    });
    match applied {
        Ok(()) => 0,
        Err(e) => {
            print_error(format_args!("{e}"));
            -1
        }
    }
}
