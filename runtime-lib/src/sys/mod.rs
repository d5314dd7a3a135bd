//! All platform code of the runtime (Linux on x86_64, aarch64, riscv64).
//!
//! Data flow: the rest of the crate asks this module for address space
//! (`reserve`/`commit` for linear memories, `map`/`unmap` for allocators),
//! for process exit and stderr output, for signal handler installation and
//! the faulting context of a signal ([`signal`]), and for the bounds of the
//! current thread's stack ([`stack`]), and for the CPU's features ([`cpu`]). Ordinary syscalls go through rustix's
//! linux_raw backend; the few rustix does not offer outside its unstable
//! `runtime` API (`rt_sigaction`, `sigaltstack`, `exit_group`) are raw
//! syscalls in the per-architecture files, which also hold the only inline
//! assembly and `ucontext_t` offsets of the crate.

#[cfg(not(target_os = "linux"))]
compile_error!("kiln-runtime supports Linux only");

#[cfg(target_arch = "aarch64")]
#[path = "aarch64.rs"]
mod arch;
#[cfg(target_arch = "riscv64")]
#[path = "riscv64.rs"]
mod arch;
#[cfg(target_arch = "x86_64")]
#[path = "x86_64.rs"]
mod arch;
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64", target_arch = "riscv64")))]
compile_error!("kiln-runtime supports x86_64, aarch64 and riscv64 only");

pub mod catch;
pub mod cpu;
pub mod signal;
pub mod stack;

use core::ffi::c_void;
use core::fmt;
use rustix::fd::BorrowedFd;
use rustix::io::Errno;
use rustix::mm::{MapFlags, MprotectFlags, ProtFlags};

pub use arch::{current_sp, resume, running_on_valgrind};

/// Terminates every thread of the process with `status`, without running
/// any destructor or flushing anything. Async-signal-safe.
pub fn exit_group(status: i32) -> ! {
    loop {
        // SAFETY: exit_group takes one integer and does not return.
        unsafe { arch::syscall4(arch::NR_EXIT_GROUP, status as usize, 0, 0, 0) };
    }
}

/// Writes all of `bytes` to `fd`, retrying on EINTR and short writes.
/// Async-signal-safe.
pub fn write_all(fd: i32, mut bytes: &[u8]) -> Result<(), Errno> {
    // SAFETY: the descriptor is only borrowed for this call; a closed fd
    // yields EBADF, not undefined behavior, with raw syscalls.
    let fd = unsafe { BorrowedFd::borrow_raw(fd) };
    while !bytes.is_empty() {
        match rustix::io::write(fd, bytes) {
            Ok(0) => return Err(Errno::IO),
            Ok(n) => bytes = &bytes[n..],
            Err(Errno::INTR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A `fmt::Write` that buffers on the stack and writes to a file descriptor:
/// formatting without allocation, usable in a signal handler.
pub struct FdWriter {
    fd: i32,
    buf: [u8; 256],
    len: usize,
    failed: bool,
}

impl FdWriter {
    pub const fn new(fd: i32) -> FdWriter {
        FdWriter { fd, buf: [0; 256], len: 0, failed: false }
    }

    /// A writer to standard error.
    pub const fn stderr() -> FdWriter {
        FdWriter::new(2)
    }

    /// Formats `args` to `fd` and flushes; true if everything was written.
    /// For diagnostics on the way out (traps, errors, panics), whose callers
    /// have no better channel to report a failure on than the one that
    /// failed. Async-signal-safe.
    pub fn print(fd: i32, args: fmt::Arguments<'_>) -> bool {
        let mut out = FdWriter::new(fd);
        fmt::Write::write_fmt(&mut out, args).is_ok() && out.flush().is_ok()
    }

    /// Writes out what is buffered. Errors are sticky: once a write fails,
    /// later output is dropped rather than retried.
    pub fn flush(&mut self) -> Result<(), Errno> {
        if self.failed {
            return Err(Errno::IO);
        }
        let result = write_all(self.fd, &self.buf[..self.len]);
        self.len = 0;
        self.failed = result.is_err();
        result
    }
}

impl fmt::Write for FdWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for &b in s.as_bytes() {
            if self.len == self.buf.len() {
                self.flush().map_err(|_| fmt::Error)?;
            }
            self.buf[self.len] = b;
            self.len += 1;
        }
        Ok(())
    }
}

/// The page size from the process's aux vector, when the entry code read
/// it there (0 otherwise).
static AUXV_PAGE_SIZE: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// Records the page size the kernel passed in the aux vector, so that
/// [`page_size`] needs no aux-vector lookup of its own (rustix's reads the
/// kernel's copy, whose vDSO address valgrind does not map).
pub fn set_page_size(size: usize) {
    AUXV_PAGE_SIZE.store(size, core::sync::atomic::Ordering::Relaxed);
}

/// The size of a memory page.
pub fn page_size() -> usize {
    match AUXV_PAGE_SIZE.load(core::sync::atomic::Ordering::Relaxed) {
        0 => rustix::param::page_size(),
        size => size,
    }
}

/// Reserves `len` bytes of inaccessible address space (no memory is
/// committed; any access faults until [`commit`]).
pub fn reserve(len: usize) -> Result<*mut u8, Errno> {
    // SAFETY: a fresh anonymous mapping at a kernel-chosen address aliases
    // nothing.
    let ptr = unsafe {
        rustix::mm::mmap_anonymous(
            core::ptr::null_mut(),
            len,
            ProtFlags::empty(),
            MapFlags::PRIVATE | MapFlags::NORESERVE,
        )
    }?;
    Ok(ptr.cast())
}

/// As [`reserve`], but at exactly `addr`: fails with `EEXIST`, replacing
/// nothing, when any of the range is already mapped, and with `EINVAL` when
/// `addr` is not page-aligned.
pub fn reserve_at(addr: usize, len: usize) -> Result<*mut u8, Errno> {
    if !addr.is_multiple_of(page_size()) {
        return Err(Errno::INVAL);
    }
    // SAFETY: without MAP_FIXED the address is only a hint: the kernel
    // never replaces a mapping, and places the reservation elsewhere when
    // the range is taken. Unlike MAP_FIXED_NOREPLACE, valgrind and kernels
    // before 4.17 honour a free hint too.
    let ptr = unsafe {
        rustix::mm::mmap_anonymous(
            addr as *mut c_void,
            len,
            ProtFlags::empty(),
            MapFlags::PRIVATE | MapFlags::NORESERVE,
        )
    }?;
    if ptr as usize != addr {
        // SAFETY: the fresh mapping is ours and nothing references it.
        unsafe { unmap(ptr.cast(), len) }?;
        return Err(Errno::EXIST);
    }
    Ok(ptr.cast())
}

/// Makes `[ptr, ptr + len)` of a reservation readable and writable. The
/// pages read as zero until written.
///
/// # Safety
/// The range must lie inside a live reservation from [`reserve`] and be
/// page-aligned at `ptr`.
pub unsafe fn commit(ptr: *mut u8, len: usize) -> Result<(), Errno> {
    if len == 0 {
        return Ok(());
    }
    // SAFETY: the caller guarantees the range belongs to our reservation.
    unsafe { rustix::mm::mprotect(ptr.cast::<c_void>(), len, MprotectFlags::READ | MprotectFlags::WRITE) }
}

/// Makes a range inaccessible again (used for guard pages).
///
/// # Safety
/// As [`commit`]; nothing may still reference the range.
pub unsafe fn protect_none(ptr: *mut u8, len: usize) -> Result<(), Errno> {
    // SAFETY: the caller guarantees the range belongs to our mapping.
    unsafe { rustix::mm::mprotect(ptr.cast::<c_void>(), len, MprotectFlags::empty()) }
}

/// Maps `len` bytes of zeroed read/write memory.
pub fn map(len: usize) -> Result<*mut u8, Errno> {
    // SAFETY: a fresh anonymous mapping aliases nothing.
    let ptr = unsafe {
        rustix::mm::mmap_anonymous(core::ptr::null_mut(), len, ProtFlags::READ | ProtFlags::WRITE, MapFlags::PRIVATE)
    }?;
    Ok(ptr.cast())
}

/// Resizes a mapping from [`map`], moving it if needed.
///
/// # Safety
/// `ptr`/`old_len` must describe a whole live mapping from [`map`] with no
/// references into it.
pub unsafe fn remap(ptr: *mut u8, old_len: usize, new_len: usize) -> Result<*mut u8, Errno> {
    // SAFETY: guaranteed by the caller; MAYMOVE lets the kernel relocate.
    let new = unsafe { rustix::mm::mremap(ptr.cast(), old_len, new_len, rustix::mm::MremapFlags::MAYMOVE) }?;
    Ok(new.cast())
}

/// Unmaps a mapping (or a reservation).
///
/// # Safety
/// Nothing may reference `[ptr, ptr + len)` afterwards.
pub unsafe fn unmap(ptr: *mut u8, len: usize) -> Result<(), Errno> {
    // SAFETY: guaranteed by the caller.
    unsafe { rustix::mm::munmap(ptr.cast(), len) }
}

/// The monotonic clock, in nanoseconds.
pub fn monotonic_ns() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    (t.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(t.tv_nsec as u64)
}

/// Sleeps while `word` holds `expected`, for at most `timeout_ns` (none:
/// no limit). Returns early, as futexes do, on a wake-up, a signal, a
/// timeout or a changed value; the caller looks at `word` again.
pub fn futex_wait(word: &core::sync::atomic::AtomicU32, expected: u32, timeout_ns: Option<u64>) {
    use rustix::thread::futex;
    let timeout = timeout_ns
        .map(|ns| rustix::time::Timespec { tv_sec: (ns / 1_000_000_000) as _, tv_nsec: (ns % 1_000_000_000) as _ });
    match futex::wait(word, futex::Flags::PRIVATE, expected, timeout.as_ref()) {
        Ok(()) | Err(Errno::AGAIN | Errno::INTR | Errno::TIMEDOUT) => {}
        // Nothing else can fail with a valid word and timeout; the caller's
        // loop re-checks either way.
        Err(_) => core::hint::spin_loop(),
    }
}

/// Wakes one thread sleeping in [`futex_wait`] on `word`.
pub fn futex_wake_one(word: &core::sync::atomic::AtomicU32) {
    // FUTEX_WAKE cannot fail for a valid word; a failure would only leave
    // the waiter to its timeout.
    if rustix::thread::futex::wake(word, rustix::thread::futex::Flags::PRIVATE, 1).is_err() {
        core::hint::spin_loop();
    }
}
