//! Exceptions at run time: exception objects and the unwinder that finds
//! their handlers.
//!
//! Data flow: `throw` in compiled code calls [`kiln_rt_exn_new`] for an
//! object (`kiln_abi::VMExn`) with room for its tag's values, stores them,
//! and calls the module's throw thunk, which passes its own frame pointer
//! to [`kiln_rt_throw`]. That walks the frame-pointer chain upwards (every
//! wasm frame and the thunk keep `[caller's FP, return address]` at FP): for
//! each return address in registered wasm code it looks up the call site
//! (`kiln_abi::CallSite`, binary search in the function's range) and tries
//! its handlers in order, resolving each handler's tag index to a tag
//! identity through the frame's vmctx (saved at a known offset from the
//! frame's SP). The first match resumes in its handler with the frame's SP
//! and FP and the exception in the first payload register ([`resume`]):
//! compiled code expects no other register to survive (the wasm calling
//! convention clobbers all of them at a `try_call`). The walk stops at the
//! first return address outside wasm code (the host that called an export
//! or a trampoline, or a host function that called back into wasm): frames
//! of native code are never unwound. Then `kiln_rt_throw` records the
//! exception for the trap report ([`take_uncaught`]) and returns, and the
//! thrower traps with `uncaught exception`.
//!
//! Exception objects are never freed: an `exnref` may be stored anywhere
//! (locals, globals, tables, other exceptions), and without a collector
//! nothing can tell when the last one is gone. Each costs 16 bytes plus 16
//! per value.

use crate::instance::Instance;
use crate::linker::TagIdentity;
use crate::trap::{find_func, module_at};
use alloc::alloc::{alloc_zeroed, handle_alloc_error, Layout};
use core::sync::atomic::{AtomicPtr, Ordering};
use kiln_abi::{CallSite, FuncEntry, Handler, ModuleInfo, VMContext, VMExn, VMOffsets, CATCH_ALL, VALUE_SLOT_SIZE};

/// Frame walks give up this far above the thunk's frame (a sanity bound).
const MAX_STACK: usize = 1 << 30;

/// A new exception object of tag `tag` (an index in the calling module's
/// tag index space), its values zeroed.
///
/// # Safety
/// `vmctx` must be a live instance's vmctx, passed by its compiled code.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_exn_new(vmctx: *mut VMContext, tag: u32) -> *mut u8 {
    // SAFETY: guaranteed by the caller.
    let instance = unsafe { Instance::from_vmctx(vmctx) };
    let (identity, num_values) = instance
        .tag(tag)
        .map_or((core::ptr::null(), 0), |t| (alloc::rc::Rc::as_ptr(&t.identity).cast::<u8>(), t.ty.params.len));
    let size = VMOffsets::EXN_VALUES as usize + num_values * VALUE_SLOT_SIZE;
    let Ok(layout) = Layout::from_size_align(size, 16) else { handle_alloc_error(Layout::new::<VMExn>()) };
    // SAFETY: the layout is non-zero (at least the header).
    let exn = unsafe { alloc_zeroed(layout) };
    if exn.is_null() {
        handle_alloc_error(layout);
    }
    // SAFETY: freshly allocated, 16-aligned and large enough for the header.
    unsafe { exn.cast::<VMExn>().write(VMExn { tag: identity, num_values: num_values as u32, _pad: 0 }) };
    exn
}

/// The exception the last uncaught throw left behind, for the report.
static UNCAUGHT: AtomicPtr<VMExn> = AtomicPtr::new(core::ptr::null_mut());

/// The tag of the exception the last throw found no handler for, if any
/// (taken once). Async-signal-safe.
pub fn take_uncaught() -> Option<&'static TagIdentity> {
    let exn = UNCAUGHT.swap(core::ptr::null_mut(), Ordering::AcqRel);
    // SAFETY: exception objects are never freed, and their tag identities
    // live as long as the instances whose code can still be running.
    unsafe { exn.as_ref().and_then(|e| e.tag.cast::<TagIdentity>().as_ref()) }
}

/// Throws `exn`: see the module documentation. Returns only when nothing
/// catches it.
///
/// # Safety
/// Only the throw thunk calls this, with a live instance's vmctx, a
/// non-null exception object and the thunk's own frame pointer, whose frame
/// record chains up through the wasm frames that called it.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_throw(_vmctx: *mut VMContext, exn: *mut u8, fp: *mut u8) {
    // SAFETY: compiled code passes a non-null object from `kiln_rt_exn_new`.
    let tag = unsafe { (*exn.cast::<VMExn>()).tag };
    let start = fp as usize;
    let mut fp = start;
    while fp != 0 && fp.is_multiple_of(16) && fp - start < MAX_STACK {
        // SAFETY: `fp` is the thunk's or a wasm frame's frame pointer (the
        // walk stops at the first return address outside wasm code), which
        // points at its frame record: the caller's FP, then the return
        // address. The caller's SP at the call is just above the record.
        let (caller_fp, ret) = unsafe { ((fp as *const usize).read(), (fp as *const usize).add(1).read()) };
        let sp = fp + 16;
        let Some(frame) = Frame::at(ret) else { break };
        if let Some(handler) = frame.handler(sp, tag) {
            // SAFETY: the handler belongs to the frame whose SP and FP
            // these are; compiled code expects exactly this state.
            unsafe { crate::sys::resume(handler, sp, caller_fp, exn as usize) }
        }
        if caller_fp <= fp {
            break;
        }
        fp = caller_fp;
    }
    UNCAUGHT.store(exn.cast(), Ordering::Release);
}

/// A wasm frame the unwinder passes: where its call returns to.
struct Frame {
    module: &'static ModuleInfo,
    func: &'static FuncEntry,
    /// Offset of the return address in the function.
    ret_offset: u32,
}

impl Frame {
    /// The wasm frame return address `ret` is in.
    fn at(ret: usize) -> Option<Frame> {
        // The call may be the function's last instruction.
        let module = module_at(ret.checked_sub(1)?)?;
        let index = find_func(module, ret - 1)?;
        // SAFETY: module tables are immutable and live for the process.
        let func = unsafe { module.funcs.as_slice() }.get(index)?;
        let ret_offset = u32::try_from(ret - func.ptr as usize).ok()?;
        Some(Frame { module, func, ret_offset })
    }

    /// The address of this frame's handler for an exception of tag
    /// identity `tag`, if its call has one; `sp` is the frame's SP at the
    /// call.
    fn handler(&self, sp: usize, tag: *const u8) -> Option<usize> {
        // SAFETY: module tables are immutable and live for the process.
        let (sites, handlers) = unsafe { (self.module.call_sites.as_slice(), self.module.handlers.as_slice()) };
        let start = self.func.calls_start as usize;
        let sites: &[CallSite] = sites.get(start..start.checked_add(self.func.calls_len as usize)?)?;
        let site = &sites[sites.binary_search_by_key(&self.ret_offset, |s| s.ret_offset).ok()?];
        let first = site.handlers_start as usize;
        let handlers: &[Handler] = handlers.get(first..first.checked_add(site.handlers_len as usize)?)?;
        // SAFETY: the compiler saved the frame's vmctx at this offset from
        // its SP for the duration of the call.
        let vmctx = unsafe { ((sp + site.vmctx_sp_offset as usize) as *const usize).read() };
        let offsets = VMOffsets::new(self.module.vm_counts());
        let handler = handlers.iter().find(|h| {
            h.tag == CATCH_ALL
                || (h.tag < offsets.counts.tags
                    // SAFETY: the vmctx of a live instance of this module,
                    // whose tag words hold tag identities.
                    && unsafe { ((vmctx + offsets.tag(h.tag) as usize) as *const *const u8).read() } == tag)
        })?;
        Some(self.func.ptr as usize + handler.code_offset as usize)
    }
}
