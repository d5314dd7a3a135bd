//! x86_64 Linux: raw syscalls, the signal return trampoline, the stack
//! pointer, and where the kernel's `ucontext_t` keeps PC, SP and the first
//! argument register.

use core::arch::{asm, naked_asm};

pub const NR_RT_SIGACTION: usize = 13;
pub const NR_SIGALTSTACK: usize = 131;
pub const NR_EXIT_GROUP: usize = 231;
pub const NR_SETITIMER: usize = 38;

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

/// Whether the process runs under valgrind: its `RUNNING_ON_VALGRIND`
/// client request (request 0x1001, see valgrind.h). On hardware the
/// sequence does nothing and rdx keeps the default 0.
pub fn running_on_valgrind() -> bool {
    let request: [u64; 6] = [0x1001, 0, 0, 0, 0, 0];
    let result: u64;
    // SAFETY: the four rotates of rdi total 128 bits, so rdi is unchanged,
    // and `xchg rbx, rbx` changes nothing; valgrind alone acts on the
    // sequence, reading `request` and writing rdx. Flags are clobbered.
    unsafe {
        asm!(
            "rol rdi, 3",
            "rol rdi, 13",
            "rol rdi, 61",
            "rol rdi, 51",
            "xchg rbx, rbx",
            in("rax") request.as_ptr(),
            inout("rdx") 0u64 => result,
            options(nostack, readonly),
        )
    };
    result != 0
}

/// The current stack pointer.
#[inline(always)]
pub fn current_sp() -> usize {
    let sp: usize;
    // SAFETY: reads a register, no memory access.
    unsafe { asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// Resumes compiled code at exception handler `pc` of a frame with stack
/// pointer `sp` and frame pointer `fp`, with `payload` (the exception
/// object) in the first exception payload register, `rax`. Nothing else
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
            "mov rsp, {sp}",
            "mov rbp, {fp}",
            "jmp {pc}",
            sp = in(reg) sp,
            fp = in(reg) fp,
            pc = in(reg) pc,
            in("rax") payload,
            options(noreturn),
        )
    }
}

/// Index of the saved stack pointer in `sys::catch::JmpBuf::regs`.
pub const CATCH_SP_INDEX: usize = 6;

// `kiln_sys_catch_enter(buf, f, data)` saves the callee-saved registers,
// stack pointer and return address in `buf` (layout in `sys::catch`), then
// calls `f(data)` and returns 0; `kiln_sys_catch_resume(buf)` restores them
// and returns 1 from that `kiln_sys_catch_enter`.
core::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl kiln_sys_catch_enter",
    ".type kiln_sys_catch_enter,@function",
    "kiln_sys_catch_enter:",
    "mov [rdi + 0], rbx",
    "mov [rdi + 8], rbp",
    "mov [rdi + 16], r12",
    "mov [rdi + 24], r13",
    "mov [rdi + 32], r14",
    "mov [rdi + 40], r15",
    "lea rax, [rsp + 8]",
    "mov [rdi + 48], rax",
    "mov rax, [rsp]",
    "mov [rdi + 56], rax",
    // Realign the stack to 16 bytes for the call.
    "sub rsp, 8",
    "mov rdi, rdx",
    "call rsi",
    "add rsp, 8",
    "xor eax, eax",
    "ret",
    ".size kiln_sys_catch_enter, . - kiln_sys_catch_enter",
    ".p2align 4",
    ".globl kiln_sys_catch_resume",
    ".type kiln_sys_catch_resume,@function",
    "kiln_sys_catch_resume:",
    "mov rbx, [rdi + 0]",
    "mov rbp, [rdi + 8]",
    "mov r12, [rdi + 16]",
    "mov r13, [rdi + 24]",
    "mov r14, [rdi + 32]",
    "mov r15, [rdi + 40]",
    "mov rsp, [rdi + 48]",
    "mov eax, 1",
    "jmp qword ptr [rdi + 56]",
    ".size kiln_sys_catch_resume, . - kiln_sys_catch_resume",
);
