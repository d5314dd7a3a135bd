//! Signal plumbing: installing handlers with `rt_sigaction`, the per-thread
//! alternate signal stack, and read/write access to the interrupted context
//! a handler receives.

use super::arch;
use core::ffi::c_void;
use rustix::io::Errno;

pub const SIGILL: i32 = 4;
pub const SIGTRAP: i32 = 5;
pub const SIGBUS: i32 = 7;
pub const SIGFPE: i32 = 8;
pub const SIGSEGV: i32 = 11;
pub const SIGALRM: i32 = 14;

const SA_SIGINFO: u64 = 4;
const SA_ONSTACK: u64 = 0x0800_0000;
const SA_RESTART: u64 = 0x1000_0000;
const SS_ONSTACK: i32 = 1;
const SS_DISABLE: i32 = 2;
/// `sizeof(kernel sigset_t)`, the last argument of `rt_sigaction`.
const SIGSET_SIZE: usize = 8;

/// The kernel's `siginfo_t`, as far as we read it: the fault address of
/// SIGSEGV/SIGBUS/SIGILL/SIGFPE sits at offset 16 on every 64-bit target.
#[repr(C)]
pub struct SigInfo {
    pub signo: i32,
    pub errno: i32,
    pub code: i32,
    _pad: i32,
    pub addr: usize,
}

/// A three-argument (`SA_SIGINFO`) signal handler.
pub type Handler = unsafe extern "C" fn(sig: i32, info: *mut SigInfo, ucontext: *mut c_void);

/// A signal disposition, as saved from and restored to the kernel.
#[derive(Clone, Copy)]
pub struct SigAction(arch::KernelSigaction);

impl SigAction {
    /// The default disposition (`SIG_DFL`).
    pub const fn default_action() -> SigAction {
        SigAction(arch::KernelSigaction::zeroed())
    }
}

fn check(ret: isize) -> Result<(), Errno> {
    if ret < 0 {
        Err(Errno::from_raw_os_error((-ret) as i32))
    } else {
        Ok(())
    }
}

/// Installs `handler` for `sig` on the alternate stack, with no signals
/// blocked in addition to `sig` itself, and returns the previous
/// disposition.
///
/// # Safety
/// Replaces a process-wide disposition; `handler` must be async-signal-safe.
pub unsafe fn install(sig: i32, handler: Handler) -> Result<SigAction, Errno> {
    let new = arch::KernelSigaction::new(handler as usize, SA_SIGINFO | SA_ONSTACK);
    let mut old = arch::KernelSigaction::zeroed();
    // SAFETY: both structs have the kernel's layout for this architecture
    // and outlive the call.
    let ret = unsafe {
        arch::syscall4(
            arch::NR_RT_SIGACTION,
            sig as usize,
            &new as *const _ as usize,
            &mut old as *mut _ as usize,
            SIGSET_SIZE,
        )
    };
    check(ret)?;
    Ok(SigAction(old))
}

/// Installs `handler` for `sig`, which interrupts no system call: a
/// blocking one restarts after the handler (`SA_RESTART`), for signals
/// that only set a flag (the `--timeout` timer).
///
/// # Safety
/// Replaces a process-wide disposition; `handler` must be async-signal-safe.
pub unsafe fn install_restarting(sig: i32, handler: Handler) -> Result<(), Errno> {
    let new = arch::KernelSigaction::new(handler as usize, SA_SIGINFO | SA_ONSTACK | SA_RESTART);
    // SAFETY: the struct has the kernel's layout and outlives the call.
    check(unsafe { arch::syscall4(arch::NR_RT_SIGACTION, sig as usize, &new as *const _ as usize, 0, SIGSET_SIZE) })
}

/// The kernel's `struct itimerval`: interval, then value, each seconds
/// and microseconds.
#[repr(C)]
struct ITimerVal {
    interval: [i64; 2],
    value: [i64; 2],
}

/// Delivers [`SIGALRM`] to the process once, after `nanos` nanoseconds of
/// wall-clock time (`setitimer(ITIMER_REAL)`), replacing any earlier timer.
pub fn alarm_after(nanos: u64) -> Result<(), Errno> {
    let micros = nanos.div_ceil(1000).max(1);
    let value = [(micros / 1_000_000) as i64, (micros % 1_000_000) as i64];
    let timer = ITimerVal { interval: [0, 0], value };
    const ITIMER_REAL: usize = 0;
    // SAFETY: `timer` has the kernel layout and outlives the call; a null
    // old value is allowed.
    check(unsafe { arch::syscall4(arch::NR_SETITIMER, ITIMER_REAL, &timer as *const _ as usize, 0, 0) })
}

/// Restores a disposition saved by [`install`]. Async-signal-safe.
///
/// # Safety
/// Replaces a process-wide disposition.
pub unsafe fn restore(sig: i32, action: &SigAction) -> Result<(), Errno> {
    // SAFETY: the struct has the kernel's layout and outlives the call.
    let ret =
        unsafe { arch::syscall4(arch::NR_RT_SIGACTION, sig as usize, &action.0 as *const _ as usize, 0, SIGSET_SIZE) };
    check(ret)
}

/// The kernel's `stack_t`.
#[repr(C)]
struct StackT {
    sp: *mut c_void,
    flags: i32,
    size: usize,
}

/// Makes sure the calling thread has an alternate signal stack of at least
/// `min_size` bytes, mapping one (with a guard page below it) if not. The
/// mapping is never freed: it lives as long as the thread may take a trap.
pub fn ensure_alt_stack(min_size: usize) -> Result<(), Errno> {
    let mut old = StackT { sp: core::ptr::null_mut(), flags: 0, size: 0 };
    // SAFETY: a null new stack only queries; `old` has the kernel layout.
    check(unsafe { arch::syscall4(arch::NR_SIGALTSTACK, 0, &mut old as *mut _ as usize, 0, 0) })?;
    if old.flags & SS_ONSTACK != 0 || (old.flags & SS_DISABLE == 0 && old.size >= min_size) {
        return Ok(());
    }
    let page = super::page_size();
    let size = min_size.div_ceil(page) * page;
    let base = super::map(size + page)?;
    // SAFETY: the first page of our fresh mapping becomes the guard.
    unsafe { super::protect_none(base, page) }?;
    // SAFETY: points past the guard page, inside the mapping.
    let sp = unsafe { base.add(page) };
    let new = StackT { sp: sp.cast(), flags: 0, size };
    // SAFETY: `new` describes memory we own for the rest of the process.
    check(unsafe { arch::syscall4(arch::NR_SIGALTSTACK, &new as *const _ as usize, 0, 0, 0) })
}

/// The interrupted context a signal handler receives: read the faulting PC,
/// SP and fault address; redirect execution by writing PC, SP and the first
/// argument register before the handler returns.
pub struct SignalContext {
    info: *const SigInfo,
    ucontext: *mut u8,
}

impl SignalContext {
    /// # Safety
    /// Both pointers must be the ones the kernel passed to an `SA_SIGINFO`
    /// handler that is still running.
    pub unsafe fn new(info: *const SigInfo, ucontext: *mut c_void) -> SignalContext {
        SignalContext { info, ucontext: ucontext.cast() }
    }

    fn reg(&self, offset: usize) -> usize {
        // SAFETY: `offset` is one of the per-arch register slots inside the
        // kernel's ucontext_t, which is valid while the handler runs.
        unsafe { self.ucontext.add(offset).cast::<usize>().read() }
    }

    fn set_reg(&mut self, offset: usize, value: usize) {
        // SAFETY: as `reg`; the kernel reloads the register on sigreturn.
        unsafe { self.ucontext.add(offset).cast::<usize>().write(value) }
    }

    /// The program counter of the faulting instruction.
    pub fn pc(&self) -> usize {
        self.reg(arch::UC_PC)
    }

    /// The stack pointer at the fault.
    pub fn sp(&self) -> usize {
        self.reg(arch::UC_SP)
    }

    /// The frame pointer at the fault (for backtraces).
    pub fn fp(&self) -> usize {
        self.reg(arch::UC_FP)
    }

    /// The faulting data address (meaningful for SIGSEGV and SIGBUS).
    pub fn fault_address(&self) -> usize {
        // SAFETY: the kernel's siginfo is valid while the handler runs.
        unsafe { (*self.info).addr }
    }

    /// The signal number.
    pub fn signal(&self) -> i32 {
        // SAFETY: as `fault_address`.
        unsafe { (*self.info).signo }
    }

    /// Resume at `pc` when the handler returns.
    pub fn set_pc(&mut self, pc: usize) {
        self.set_reg(arch::UC_PC, pc)
    }

    /// Resume with stack pointer `sp` when the handler returns.
    pub fn set_sp(&mut self, sp: usize) {
        self.set_reg(arch::UC_SP, sp)
    }

    /// Resume with the first integer argument register set to `value`.
    pub fn set_arg0(&mut self, value: usize) {
        self.set_reg(arch::UC_ARG0, value)
    }
}
