//! Ending a call into compiled code early, for embedders: a setjmp/longjmp
//! pair (the per-architecture `kiln_sys_catch_enter`/`kiln_sys_catch_resume`)
//! with a registry of armed resume points the signal handler can read.
//!
//! Data flow: [`catch`] saves the callee-saved registers, stack pointer and
//! return address, arms a slot of [`ARMED`] with the calling thread's id and
//! that stack pointer, and runs the closure. A trap in compiled code reaches
//! [`resume_trap`] from the signal handler, a `proc_exit` reaches [`exit`]:
//! each looks up the innermost resume point of the current thread (same
//! thread id, the lowest saved stack pointer above the current one), stores
//! what happened, and resumes there, so [`catch`] returns it. The frames
//! skipped are compiled wasm code, trampolines and host functions, none of
//! which owns anything that needs dropping. With no resume point armed on
//! the thread, both return and the caller does what it did before (report
//! and exit). Everything the signal handler touches is async-signal-safe:
//! atomics, `gettid` and stores into the armed frame.

use crate::trap::Trap;
use core::mem::MaybeUninit;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

use super::arch::CATCH_SP_INDEX;

/// Registers saved by `kiln_sys_catch_enter`; the layout is shared with the
/// assembly (offsets in words).
#[repr(C)]
struct JmpBuf {
    /// x86_64: rbx rbp r12 r13 r14 r15, sp, return address.
    /// aarch64: x19..x30 (x29 = fp, x30 = return address), sp, d8..d15.
    /// riscv64: s0..s11, ra (return address), sp, fs0..fs11.
    regs: [usize; 32],
}

/// What ended a [`catch`]ed call early.
#[derive(Clone, Copy, Debug)]
pub enum Caught {
    /// Compiled code trapped.
    Trap(Trap),
    /// The program called `proc_exit` with this status.
    Exit(i32),
    /// Every resume point slot was taken: the call did not run.
    Busy,
}

/// One armed resume point, in the frame of [`catch`].
#[repr(C)]
struct Catch {
    buf: JmpBuf,
    caught: MaybeUninit<Caught>,
}

/// One slot of [`ARMED`]: 0 in `tid` when free. Only the thread whose id it
/// holds writes `sp` and `catch` or frees it.
struct Slot {
    tid: AtomicUsize,
    sp: AtomicUsize,
    catch: AtomicPtr<Catch>,
}

/// How many calls can be armed at once, over all threads and nestings.
pub const SLOTS: usize = 1024;

static ARMED: [Slot; SLOTS] =
    [const { Slot { tid: AtomicUsize::new(0), sp: AtomicUsize::new(0), catch: AtomicPtr::new(null_mut()) } }; SLOTS];

fn tid() -> usize {
    rustix::thread::gettid().as_raw_nonzero().get() as usize
}

extern "C" {
    /// Saves registers into `buf`, then calls `f(data)`; returns 0 when `f`
    /// returns, 1 when a resume jumped here.
    fn kiln_sys_catch_enter(buf: *mut JmpBuf, f: unsafe extern "C" fn(*mut u8), data: *mut u8) -> u32;
    /// Restores the registers of `buf` and returns 1 from its
    /// `kiln_sys_catch_enter`.
    fn kiln_sys_catch_resume(buf: *mut JmpBuf) -> !;
}

/// Runs `f`, which calls compiled code; a trap or `proc_exit` inside it
/// ends it early and is returned. Nested calls resume at the innermost one.
/// Call it on a thread where the trap handlers are installed.
pub fn catch<F: FnOnce()>(f: F) -> Result<(), Caught> {
    unsafe extern "C" fn call_once<F: FnOnce()>(data: *mut u8) {
        // SAFETY: `data` is the `Option<F>` of `catch`, taken once.
        let f = unsafe { (*data.cast::<Option<F>>()).take() };
        if let Some(f) = f {
            f();
        }
    }
    let me = tid();
    let Some(slot) = ARMED.iter().find(|s| s.tid.compare_exchange(0, me, Ordering::AcqRel, Ordering::Relaxed).is_ok())
    else {
        return Err(Caught::Busy);
    };
    let mut f = Some(f);
    let mut catch = Catch { buf: JmpBuf { regs: [0; 32] }, caught: MaybeUninit::uninit() };
    // The stack pointer `kiln_sys_catch_enter` will save is below this
    // frame's; any frame of `f` is below that.
    slot.sp.store(super::current_sp(), Ordering::Release);
    slot.catch.store(&mut catch, Ordering::Release);
    // SAFETY: the buffer and the closure outlive the call; the assembly
    // follows the C ABI. A resume skips only frames of `f`'s callees.
    let resumed = unsafe { kiln_sys_catch_enter(&mut catch.buf, call_once::<F>, (&mut f as *mut Option<F>).cast()) };
    slot.catch.store(null_mut(), Ordering::Release);
    slot.sp.store(0, Ordering::Release);
    slot.tid.store(0, Ordering::Release);
    if resumed == 0 {
        return Ok(());
    }
    // SAFETY: the resume wrote `caught` before jumping here, on this
    // thread; the opaque assembly call orders it.
    Err(unsafe { core::ptr::read_volatile(catch.caught.as_ptr()) })
}

/// The innermost resume point of this thread whose frame is above `sp`.
fn innermost(sp: usize) -> Option<*mut Catch> {
    let me = tid();
    let mut best: Option<(usize, *mut Catch)> = None;
    for slot in &ARMED {
        if slot.tid.load(Ordering::Acquire) != me {
            continue;
        }
        let (at, catch) = (slot.sp.load(Ordering::Acquire), slot.catch.load(Ordering::Acquire));
        if !catch.is_null() && at >= sp && best.is_none_or(|(b, _)| at < b) {
            best = Some((at, catch));
        }
    }
    best.map(|(_, c)| c)
}

/// From the signal handler: if this thread has a resume point above the
/// trapping frame, records `trap` and redirects `ctx` there (true).
/// Async-signal-safe.
pub fn resume_trap(trap: &Trap, ctx: &mut super::signal::SignalContext) -> bool {
    let Some(catch) = innermost(ctx.sp()) else { return false };
    // SAFETY: an armed resume point lives in the frame of `catch`, which is
    // above the trapping frame on this thread's stack and still running.
    unsafe {
        (*catch).caught.write(Caught::Trap(*trap));
        ctx.set_sp((*catch).buf.regs[CATCH_SP_INDEX]);
    }
    ctx.set_pc(kiln_sys_catch_resume as *const () as usize);
    ctx.set_arg0(catch as usize);
    true
}

/// For `proc_exit`: if this thread has a resume point, ends its call with
/// `status` (never returns); otherwise returns.
pub fn exit(status: i32) {
    if let Some(catch) = innermost(super::current_sp()) {
        // SAFETY: as in `resume_trap`; the frames between are compiled code
        // and the host function calling us, which own nothing to drop.
        unsafe {
            (*catch).caught.write(Caught::Exit(status));
            kiln_sys_catch_resume(&mut (*catch).buf)
        }
    }
}
