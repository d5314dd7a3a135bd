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

/// Index of the saved stack pointer in `sys::catch::JmpBuf::regs`.
pub const CATCH_SP_INDEX: usize = 13;

// `kiln_sys_catch_enter(buf, f, data)` saves the callee-saved registers,
// stack pointer and return address in `buf` (layout in `sys::catch`), then
// calls `f(data)` and returns 0; `kiln_sys_catch_resume(buf)` restores them
// and returns 1 from that `kiln_sys_catch_enter`.
core::arch::global_asm!(
    // Module-level assembly does not inherit the target's features: the
    // float saves need D spelled out.
    ".option push",
    ".option arch, +d",
    ".text",
    ".p2align 2",
    ".globl kiln_sys_catch_enter",
    ".type kiln_sys_catch_enter,@function",
    "kiln_sys_catch_enter:",
    "sd s0, 0(a0)",
    "sd s1, 8(a0)",
    "sd s2, 16(a0)",
    "sd s3, 24(a0)",
    "sd s4, 32(a0)",
    "sd s5, 40(a0)",
    "sd s6, 48(a0)",
    "sd s7, 56(a0)",
    "sd s8, 64(a0)",
    "sd s9, 72(a0)",
    "sd s10, 80(a0)",
    "sd s11, 88(a0)",
    "sd ra, 96(a0)",
    "sd sp, 104(a0)",
    "fsd fs0, 112(a0)",
    "fsd fs1, 120(a0)",
    "fsd fs2, 128(a0)",
    "fsd fs3, 136(a0)",
    "fsd fs4, 144(a0)",
    "fsd fs5, 152(a0)",
    "fsd fs6, 160(a0)",
    "fsd fs7, 168(a0)",
    "fsd fs8, 176(a0)",
    "fsd fs9, 184(a0)",
    "fsd fs10, 192(a0)",
    "fsd fs11, 200(a0)",
    "addi sp, sp, -16",
    "sd ra, 8(sp)",
    "mv a0, a2",
    "jalr a1",
    "ld ra, 8(sp)",
    "addi sp, sp, 16",
    "li a0, 0",
    "ret",
    ".size kiln_sys_catch_enter, . - kiln_sys_catch_enter",
    ".p2align 2",
    ".globl kiln_sys_catch_resume",
    ".type kiln_sys_catch_resume,@function",
    "kiln_sys_catch_resume:",
    "ld s0, 0(a0)",
    "ld s1, 8(a0)",
    "ld s2, 16(a0)",
    "ld s3, 24(a0)",
    "ld s4, 32(a0)",
    "ld s5, 40(a0)",
    "ld s6, 48(a0)",
    "ld s7, 56(a0)",
    "ld s8, 64(a0)",
    "ld s9, 72(a0)",
    "ld s10, 80(a0)",
    "ld s11, 88(a0)",
    "ld ra, 96(a0)",
    "ld sp, 104(a0)",
    "fld fs0, 112(a0)",
    "fld fs1, 120(a0)",
    "fld fs2, 128(a0)",
    "fld fs3, 136(a0)",
    "fld fs4, 144(a0)",
    "fld fs5, 152(a0)",
    "fld fs6, 160(a0)",
    "fld fs7, 168(a0)",
    "fld fs8, 176(a0)",
    "fld fs9, 184(a0)",
    "fld fs10, 192(a0)",
    "fld fs11, 200(a0)",
    "li a0, 1",
    "ret",
    ".size kiln_sys_catch_resume, . - kiln_sys_catch_resume",
    ".option pop",
);
