//! The C API for programs that link a compiled module's object and
//! `libkiln_rt.a` into their own executable (with their own libc and
//! `main`). Its functions, their C types and the comments the generated
//! header prints for them are listed once, in `kiln_abi::foreach_host_api!`;
//! `bind_host_api!` below makes each definition here match that list.
//! Every export `name` is callable as kiln_export_<escaped name>(vmctx, ...)
//! with the wasm parameters (i32 -> int32_t, i64 -> int64_t, f32 -> float,
//! f64 -> double, references -> void *).

use crate::entry::c_str;
use crate::{module, print_error};
use alloc::boxed::Box;
use alloc::sync::Arc;
use core::ffi::{c_char, c_int, c_void};
use core::pin::Pin;
use kiln_abi::{ModuleInfo, VMContext};
use kiln_abi::{ERROR_EXIT_STATUS, TRAP_EXIT_STATUS};
use kiln_runtime::limits::InstanceLimits;
use kiln_runtime::sys::catch::{catch, Caught};
use kiln_runtime::wasi::WasiCtx;
use kiln_runtime::{program, trap, wasi, Instance, InstantiateError};

/// Binds every function of `kiln_abi::foreach_host_api!` to its definition
/// here through a function pointer of the listed type: a definition whose
/// signature differs from the list (and so from the header) does not
/// compile.
macro_rules! bind_host_api {
    ($( $(#[doc = $doc:literal])* $name:ident ( $($param:ident : $ty:ident),* ) -> $ret:ident ; )*) => {
        $(
            const _: unsafe extern "C" fn($(kiln_abi::host_api_rust_type!($ty)),*)
                -> kiln_abi::host_api_rust_type!($ret) = $name;
        )*
    };
}

kiln_abi::foreach_host_api!(bind_host_api);

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
    leak_instance(unsafe { kiln_runtime::instantiate(module()) })
}

/// # Safety
/// `argv` must be NULL or hold `argc` NUL-terminated strings; `grants` must
/// be NULL or a NUL-terminated string. Runs the module's start function.
#[no_mangle]
pub unsafe extern "C" fn kiln_instance_new(
    argc: c_int,
    argv: *const *const c_char,
    grants: *const c_char,
) -> *mut VMContext {
    // SAFETY: guaranteed by the caller.
    unsafe { new_instance(module(), argc, argv, grants) }
}

/// # Safety
/// As [`kiln_instance_new`]; `module` must be NULL or the address of a
/// module description the kiln compiler emitted (`kiln_module_info`), which
/// lives for the rest of the process.
#[no_mangle]
pub unsafe extern "C" fn kiln_instance_new_of(
    module: *const c_void,
    argc: c_int,
    argv: *const *const c_char,
    grants: *const c_char,
) -> *mut VMContext {
    if module.is_null() {
        print_error(format_args!("kiln_instance_new_of: no module"));
        return core::ptr::null_mut();
    }
    // SAFETY: guaranteed by the caller; instantiation checks the magic and
    // ABI version before using anything else.
    unsafe { new_instance(&*module.cast::<ModuleInfo>(), argc, argv, grants) }
}

/// An instance of `module` with its own WASI context and limits.
///
/// # Safety
/// As [`kiln_instance_new_of`].
unsafe fn new_instance(
    module: &'static ModuleInfo,
    argc: c_int,
    argv: *const *const c_char,
    grants: *const c_char,
) -> *mut VMContext {
    let cx = WasiCtx::new();
    let mut limits = InstanceLimits::current();
    if !argv.is_null() {
        let argc = usize::try_from(argc).unwrap_or(0);
        // SAFETY: guaranteed by the caller.
        cx.set_args((0..argc).map(|i| unsafe { c_str((*argv.add(i)).cast()) }));
    }
    if !grants.is_null() {
        // SAFETY: guaranteed by the caller.
        let text = unsafe { c_str(grants.cast()) };
        let applied = wasi::grants::split_words(text).and_then(|words| {
            let words: alloc::vec::Vec<&[u8]> = words.iter().map(|w| w.as_slice()).collect();
            wasi::grants::apply_to(&cx, &wasi::grants::parse(&words)?, &[], false, Some(&mut limits))
        });
        if let Err(e) = applied {
            print_error(format_args!("{e}"));
            return core::ptr::null_mut();
        }
    }
    // SAFETY: the module was produced by the kiln compiler for this ABI.
    leak_instance(unsafe { kiln_runtime::instantiate_with_wasi(module, Some(Arc::new(cx)), Some(&limits)) })
}

/// # Safety
/// `vmctx` must be NULL or come from [`kiln_instantiate`] or
/// [`kiln_instance_new`], not be dropped yet, and not be running.
#[no_mangle]
pub unsafe extern "C" fn kiln_instance_drop(vmctx: *mut VMContext) {
    if vmctx.is_null() {
        return;
    }
    // SAFETY: guaranteed by the caller: a live instance `leak_instance`
    // leaked.
    let instance = unsafe { Instance::from_vmctx(vmctx) } as *const Instance;
    // SAFETY: `leak_instance` forgot a `Pin<Box<Instance>>` of this address;
    // nothing runs in it, and the caller uses no pointer into it again.
    drop(unsafe { Pin::new_unchecked(Box::from_raw(instance.cast_mut())) });
}

/// # Safety
/// `vmctx` must be NULL or a live instance's, which no thread drops during
/// the call.
#[no_mangle]
pub unsafe extern "C" fn kiln_interrupt(vmctx: *mut VMContext) -> c_int {
    if vmctx.is_null() {
        return -1;
    }
    // SAFETY: guaranteed by the caller; `interrupt` only stores to an
    // atomic and reads fields nothing writes after instantiation.
    if unsafe { Instance::from_vmctx(vmctx) }.interrupt() {
        0
    } else {
        -1
    }
}

/// The vmctx of a new instance, which lives until [`kiln_instance_drop`]
/// (or the end of the process), or NULL after printing why instantiation
/// failed.
fn leak_instance(result: Result<Pin<Box<Instance>>, InstantiateError>) -> *mut VMContext {
    match result {
        Ok(instance) => {
            let vmctx = instance.vmctx();
            // Owned by the host from here: see `kiln_instance_drop`.
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
/// `vmctx` must be NULL or come from [`kiln_instantiate`] or
/// [`kiln_instance_new`] on this thread; `name` must be NULL or a
/// NUL-terminated string. Runs compiled code.
#[no_mangle]
pub unsafe extern "C" fn kiln_run(vmctx: *mut VMContext, name: *const c_char) -> c_int {
    if vmctx.is_null() {
        print_error(format_args!("kiln_run: no instance"));
        return ERROR_EXIT_STATUS;
    }
    // SAFETY: a vmctx from kiln_instantiate or kiln_instance_new belongs to
    // a leaked, live instance.
    let instance = unsafe { Instance::from_vmctx(vmctx) };
    let name = if name.is_null() {
        None
    } else {
        // SAFETY: guaranteed by the caller.
        match core::str::from_utf8(unsafe { c_str(name.cast()) }) {
            Ok(name) => Some(name),
            Err(_) => {
                print_error(format_args!("kiln_run: the export name is not UTF-8"));
                return ERROR_EXIT_STATUS;
            }
        }
    };
    let mut entry = match program::entry_point(instance, name) {
        Ok(entry) => entry,
        Err(e) => {
            print_error(format_args!("{e}"));
            return ERROR_EXIT_STATUS;
        }
    };
    if name.is_some() {
        // A named export is a call, not a program start.
        entry.initialize = None;
    }
    let mut status = 0;
    // SAFETY: instantiation installed the trap handlers and set the stack
    // limit on this thread, where the caller runs us.
    match catch(|| status = unsafe { program::run_entry(&entry) }) {
        Ok(()) => status,
        Err(Caught::Exit(code)) => code,
        Err(Caught::Trap(t)) => {
            trap::report(&t);
            TRAP_EXIT_STATUS
        }
        Err(Caught::Busy) => {
            print_error(format_args!("kiln_run: more than {} calls running at once", kiln_runtime::sys::catch::SLOTS));
            ERROR_EXIT_STATUS
        }
    }
}

/// # Safety
/// `vmctx` must come from [`kiln_instantiate`] or [`kiln_instance_new`], be
/// the one a host function received from its wasm caller, or be NULL;
/// `length_out` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn kiln_memory_base(vmctx: *mut VMContext, index: u32, length_out: *mut u64) -> *mut u8 {
    if vmctx.is_null() {
        return core::ptr::null_mut();
    }
    // SAFETY: a vmctx from kiln_instantiate or kiln_instance_new belongs
    // to a leaked, live instance; a caller's vmctx belongs to the instance
    // running the call.
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
/// `vmctx` must be the one a host function received from its wasm caller.
#[no_mangle]
pub unsafe extern "C" fn kiln_realloc(vmctx: *mut VMContext, memory: u32, realloc: u32, align: u32, size: u32) -> u32 {
    if vmctx.is_null() {
        return 0;
    }
    // SAFETY: guaranteed by the caller.
    match unsafe { kiln_runtime::wasi2::canon_alloc(vmctx, memory, realloc, align, size) } {
        Ok(ptr) => ptr,
        Err(e) => {
            print_error(format_args!("kiln_realloc: {e}"));
            0
        }
    }
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
