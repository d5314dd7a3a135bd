//! `memory.atomic.wait32`/`wait64` and `memory.atomic.notify` of the
//! threads proposal.
//!
//! Data flow: compiled code checks the address (alignment, bounds, a shared
//! memory) and calls these libcalls with its native address. Waiters park
//! in one process-wide list under a lock: a wait compares the value and
//! joins the list while holding it, and a notify takes it to pick and wake
//! waiters, so a store followed by a notify in another thread either is
//! seen by the compare or wakes the waiter: no wake-up is lost, and a
//! waiter returns 0 only when a notify chose it (no spurious wake-ups).
//! Each waiter sleeps on a futex word of its own (`sys::futex_wait`).

use crate::sync::SpinLock;
use crate::sys;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use kiln_abi::VMContext;

/// A parked waiter: the address it waits on and its wake-up word, which
/// lives on its stack while it is listed (it leaves the list, or a notify
/// removes it, before it returns, both under the lock).
struct Waiter {
    addr: usize,
    woken: *const AtomicU32,
}

// SAFETY: `woken` is only used under `WAITERS`'s lock, while its owner is
// still waiting (see `Waiter`).
unsafe impl Send for Waiter {}

static WAITERS: SpinLock<Vec<Waiter>> = SpinLock::new(Vec::new());

const WOKEN: u32 = 0;
const NOT_EQUAL: u32 = 1;
const TIMED_OUT: u32 = 2;

/// Waits at `addr` if `matches()` holds under the lock.
fn wait(addr: usize, matches: impl FnOnce() -> bool, timeout: i64) -> u32 {
    let woken = AtomicU32::new(0);
    {
        let mut waiters = WAITERS.lock();
        if !matches() {
            return NOT_EQUAL;
        }
        waiters.push(Waiter { addr, woken: &woken });
    }
    let deadline = u64::try_from(timeout).ok().map(|t| sys::monotonic_ns().saturating_add(t));
    while woken.load(Ordering::Acquire) == 0 {
        let left = match deadline {
            None => None,
            Some(d) => match d.checked_sub(sys::monotonic_ns()) {
                Some(left) if left > 0 => Some(left),
                _ => break,
            },
        };
        sys::futex_wait(&woken, 0, left);
    }
    let mut waiters = WAITERS.lock();
    // A notify that chose this waiter has finished with it once the lock
    // is ours; otherwise it is still listed and leaves now.
    if woken.load(Ordering::Acquire) != 0 {
        return WOKEN;
    }
    waiters.retain(|w| !core::ptr::eq(w.woken, &woken));
    TIMED_OUT
}

/// Wakes up to `count` waiters at `addr`, oldest first.
fn notify(addr: usize, count: u32) -> u32 {
    let mut waiters = WAITERS.lock();
    let mut n = 0;
    waiters.retain(|w| {
        if n == count || w.addr != addr {
            return true;
        }
        // SAFETY: a listed waiter is still waiting, and cannot return
        // before this lock is released (see `wait`).
        let woken = unsafe { &*w.woken };
        woken.store(1, Ordering::Release);
        sys::futex_wake_one(woken);
        n += 1;
        false
    });
    n
}

/// `memory.atomic.wait32`.
///
/// # Safety
/// Only compiled code calls this, with `addr` a checked, aligned address
/// inside a shared linear memory.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_atomic_wait32(
    _vmctx: *mut VMContext,
    addr: *mut u8,
    expected: u32,
    timeout: i64,
) -> u32 {
    // SAFETY: guaranteed by the caller: 4-byte aligned and in memory.
    let cell = unsafe { AtomicU32::from_ptr(addr.cast()) };
    wait(addr as usize, || cell.load(Ordering::SeqCst) == expected, timeout)
}

/// `memory.atomic.wait64`.
///
/// # Safety
/// As [`kiln_rt_atomic_wait32`], 8-byte aligned.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_atomic_wait64(
    _vmctx: *mut VMContext,
    addr: *mut u8,
    expected: u64,
    timeout: i64,
) -> u32 {
    // SAFETY: guaranteed by the caller: 8-byte aligned and in memory.
    let cell = unsafe { AtomicU64::from_ptr(addr.cast()) };
    wait(addr as usize, || cell.load(Ordering::SeqCst) == expected, timeout)
}

/// `memory.atomic.notify`.
///
/// # Safety
/// Only compiled code calls this, with a checked address.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_atomic_notify(_vmctx: *mut VMContext, addr: *mut u8, count: u32) -> u32 {
    notify(addr as usize, count)
}
