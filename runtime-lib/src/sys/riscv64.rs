//! riscv64 Linux: raw syscalls, the stack pointer, and where the kernel's
//! `ucontext_t` keeps PC, SP and a0. RISC-V has no `SA_RESTORER`: the
//! kernel returns through the vDSO's `rt_sigreturn`.

use core::arch::asm;

pub const NR_RT_SIGACTION: usize = 134;
pub const NR_SIGALTSTACK: usize = 132;
pub const NR_EXIT_GROUP: usize = 94;
pub const NR_SETITIMER: usize = 103;

/// `uc_mcontext` (16-byte aligned) follows flags, link, `stack_t`, the
/// 8-byte sigmask and 120 unused bytes: offset 176. It starts with
/// `user_regs_struct`: pc, ra, sp, gp, tp, t0-t2, s0, s1, a0..
const MCONTEXT: usize = 176;
pub const UC_PC: usize = MCONTEXT;
pub const UC_SP: usize = MCONTEXT + 2 * 8;
pub const UC_FP: usize = MCONTEXT + 8 * 8;
pub const UC_ARG0: usize = MCONTEXT + 10 * 8;

/// The kernel's `struct sigaction` on riscv64: no restorer field. The
/// zeroed tail is room for qemu-user, whose riscv64 emulation writes a
/// 32-byte old action (with a restorer word); 24 bytes would let it
/// overwrite the caller's stack.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct KernelSigaction {
    pub handler: usize,
    pub flags: u64,
    pub mask: u64,
    pub emulator_tail: u64,
}

impl KernelSigaction {
    pub fn new(handler: usize, flags: u64) -> KernelSigaction {
        KernelSigaction { handler, flags, mask: 0, emulator_tail: 0 }
    }
    pub const fn zeroed() -> KernelSigaction {
        KernelSigaction { handler: 0, flags: 0, mask: 0, emulator_tail: 0 }
    }
}

/// A raw four-argument syscall.
///
/// # Safety
/// The arguments must be valid for syscall `nr`.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
    let ret: isize;
    // SAFETY: the caller passes arguments valid for `nr`; `ecall` returns in a0.
    unsafe {
        asm!(
            "ecall",
            in("a7") nr,
            inlateout("a0") a0 as isize => ret,
            in("a1") a1, in("a2") a2, in("a3") a3,
            options(nostack),
        );
    }
    ret
}

/// Whether the process runs under valgrind; only asked on x86_64.
pub fn running_on_valgrind() -> bool {
    false
}

/// The current stack pointer.
#[inline(always)]
pub fn current_sp() -> usize {
    let sp: usize;
    // SAFETY: reads a register, no memory access.
    unsafe { asm!("mv {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// Resumes compiled code at exception handler `pc` of a frame with stack
/// pointer `sp` and frame pointer `fp`, with `payload` (the exception
/// object) in the first exception payload register, `a0`. Nothing else
/// needs restoring: compiled code treats every other register as clobbered
/// at the call the handler belongs to.
///
/// # Safety
/// `pc`, `sp` and `fp` must describe a live wasm frame's handler; every
/// frame below `sp` is abandoned.
pub unsafe fn resume(pc: usize, sp: usize, fp: usize, payload: usize) -> ! {
    // SAFETY: guaranteed by the caller; the stack pointer moves to a live
    // frame and control never comes back.
    unsafe {
        asm!(
            "mv sp, {sp}",
            "mv s0, {fp}",
            "jr {pc}",
            sp = in(reg) sp,
            fp = in(reg) fp,
            pc = in(reg) pc,
            in("a0") payload,
            options(noreturn),
        )
    }
}
