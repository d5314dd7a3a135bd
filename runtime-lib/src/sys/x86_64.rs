//! x86_64 Linux: raw syscalls, the signal return trampoline, the stack
//! pointer, and where the kernel's `ucontext_t` keeps PC, SP and the first
//! argument register.

use core::arch::{asm, naked_asm};

pub const NR_RT_SIGACTION: usize = 13;
pub const NR_SIGALTSTACK: usize = 131;
pub const NR_EXIT_GROUP: usize = 231;

/// `uc_mcontext` starts at 40 (flags, link, 24-byte `stack_t`); its general
/// registers are r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip.
pub const UC_SP: usize = 40 + 15 * 8;
pub const UC_FP: usize = 40 + 10 * 8;
pub const UC_PC: usize = 40 + 16 * 8;
pub const UC_ARG0: usize = 40 + 8 * 8;

/// x86_64 requires `SA_RESTORER` with a trampoline that calls `rt_sigreturn`.
pub const SA_RESTORER: u64 = 0x0400_0000;

/// The kernel's `struct sigaction` on x86_64.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct KernelSigaction {
    pub handler: usize,
    pub flags: u64,
    pub restorer: usize,
    pub mask: u64,
}

impl KernelSigaction {
    pub fn new(handler: usize, flags: u64) -> KernelSigaction {
        KernelSigaction { handler, flags: flags | SA_RESTORER, restorer: restore_rt as *const () as usize, mask: 0 }
    }
    pub const fn zeroed() -> KernelSigaction {
        KernelSigaction { handler: 0, flags: 0, restorer: 0, mask: 0 }
    }
}

/// Returns from a signal handler: the kernel restores the saved context.
#[unsafe(naked)]
unsafe extern "C" fn restore_rt() {
    naked_asm!("mov eax, 15", "syscall", "ud2")
}

/// A raw four-argument syscall.
///
/// # Safety
/// The arguments must be valid for syscall `nr`.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
    let ret: isize;
    // SAFETY: the caller passes arguments valid for `nr`; `syscall` clobbers
    // only rcx and r11 besides the return register.
    unsafe {
        asm!(
            "syscall",
            inlateout("rax") nr as isize => ret,
            in("rdi") a0, in("rsi") a1, in("rdx") a2, in("r10") a3,
            lateout("rcx") _, lateout("r11") _,
            options(nostack),
        );
    }
    ret
}

/// The current stack pointer.
#[inline(always)]
pub fn current_sp() -> usize {
    let sp: usize;
    // SAFETY: reads a register, no memory access.
    unsafe { asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}
