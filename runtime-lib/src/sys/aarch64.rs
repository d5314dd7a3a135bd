//! aarch64 Linux: raw syscalls, the signal return trampoline, the stack
//! pointer, and where the kernel's `ucontext_t` keeps PC, SP and x0.

use core::arch::{asm, naked_asm};

pub const NR_RT_SIGACTION: usize = 134;
pub const NR_SIGALTSTACK: usize = 132;
pub const NR_EXIT_GROUP: usize = 94;
pub const NR_SETITIMER: usize = 103;

/// `uc_mcontext` (a 16-byte aligned `struct sigcontext`) follows flags, link,
/// `stack_t`, the 8-byte sigmask and 120 unused bytes: offset 176. Inside:
/// fault_address, regs[31], sp, pc.
const MCONTEXT: usize = 176;
pub const UC_ARG0: usize = MCONTEXT + 8;
pub const UC_SP: usize = MCONTEXT + 8 + 31 * 8;
pub const UC_FP: usize = MCONTEXT + 8 + 29 * 8;
pub const UC_PC: usize = UC_SP + 8;

/// Use our own trampoline rather than relying on the vDSO one, which a
/// static executable may not know how to find.
pub const SA_RESTORER: u64 = 0x0400_0000;

/// The kernel's `struct sigaction` on arm64 (it defines `SA_RESTORER`).
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
    naked_asm!("mov x8, #139", "svc #0", "udf #0")
}

/// A raw four-argument syscall.
///
/// # Safety
/// The arguments must be valid for syscall `nr`.
#[inline]
pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
    let ret: isize;
    // SAFETY: the caller passes arguments valid for `nr`; `svc` returns in x0.
    unsafe {
        asm!(
            "svc #0",
            in("x8") nr,
            inlateout("x0") a0 as isize => ret,
            in("x1") a1, in("x2") a2, in("x3") a3,
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
    unsafe { asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// Resumes compiled code at exception handler `pc` of a frame with stack
/// pointer `sp` and frame pointer `fp`, with `payload` (the exception
/// object) in the first exception payload register, `x0`. Nothing else
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
            "mov sp, {sp}",
            "mov x29, {fp}",
            "br {pc}",
            sp = in(reg) sp,
            fp = in(reg) fp,
            pc = in(reg) pc,
            in("x0") payload,
            options(noreturn),
        )
    }
}

/// Index of the saved stack pointer in `sys::catch::JmpBuf::regs`.
pub const CATCH_SP_INDEX: usize = 12;

// `kiln_sys_catch_enter(buf, f, data)` saves the callee-saved registers,
// stack pointer and return address in `buf` (layout in `sys::catch`), then
// calls `f(data)` and returns 0; `kiln_sys_catch_resume(buf)` restores them
// and returns 1 from that `kiln_sys_catch_enter`.
core::arch::global_asm!(
    ".text",
    ".p2align 2",
    ".globl kiln_sys_catch_enter",
    ".type kiln_sys_catch_enter,%function",
    "kiln_sys_catch_enter:",
    "stp x19, x20, [x0, #0]",
    "stp x21, x22, [x0, #16]",
    "stp x23, x24, [x0, #32]",
    "stp x25, x26, [x0, #48]",
    "stp x27, x28, [x0, #64]",
    "stp x29, x30, [x0, #80]",
    "mov x9, sp",
    "str x9, [x0, #96]",
    "stp d8, d9, [x0, #104]",
    "stp d10, d11, [x0, #120]",
    "stp d12, d13, [x0, #136]",
    "stp d14, d15, [x0, #152]",
    // Keep the return address across the call in our own frame.
    "stp x29, x30, [sp, #-16]!",
    "mov x29, sp",
    "mov x0, x2",
    "blr x1",
    "ldp x29, x30, [sp], #16",
    "mov w0, #0",
    "ret",
    ".size kiln_sys_catch_enter, . - kiln_sys_catch_enter",
    ".p2align 2",
    ".globl kiln_sys_catch_resume",
    ".type kiln_sys_catch_resume,%function",
    "kiln_sys_catch_resume:",
    "ldp x19, x20, [x0, #0]",
    "ldp x21, x22, [x0, #16]",
    "ldp x23, x24, [x0, #32]",
    "ldp x25, x26, [x0, #48]",
    "ldp x27, x28, [x0, #64]",
    "ldp x29, x30, [x0, #80]",
    "ldr x9, [x0, #96]",
    "mov sp, x9",
    "ldp d8, d9, [x0, #104]",
    "ldp d10, d11, [x0, #120]",
    "ldp d12, d13, [x0, #136]",
    "ldp d14, d15, [x0, #152]",
    "mov w0, #1",
    "ret",
    ".size kiln_sys_catch_resume, . - kiln_sys_catch_resume",
);
