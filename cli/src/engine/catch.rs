//! Catching traps in-process: a setjmp/longjmp pair driven by the
//! runtime's trap hook.
//!
//! [`catch_traps`] saves the callee-saved registers, stack pointer and
//! return address in a [`JmpBuf`] (the `kiln_catch_enter` routine below),
//! records it as this thread's resume point, and runs the closure. When
//! compiled code traps, the runtime's signal handler (on the alternate
//! signal stack) calls [`on_trap`], which stores the `Trap` and rewrites the
//! interrupted context to resume in `kiln_catch_resume` with the buffer as
//! its first argument. Returning from the handler lets the kernel restore
//! the signal mask; `kiln_catch_resume` then restores the saved registers
//! and returns 1 from `kiln_catch_enter`. The frames skipped are compiled
//! wasm code, trampolines and host functions, none of which owns anything
//! that needs dropping. With no resume point armed, a trap is reported and
//! the process exits, as in a standalone executable.

use kiln_runtime::backtrace::Backtrace;
use kiln_runtime::sys::signal::SignalContext;
use kiln_runtime::Trap;
use std::cell::Cell;
use std::fmt;
use std::mem::MaybeUninit;

/// A caught trap and the wasm frames it unwound.
#[derive(Clone, Copy)]
pub struct Trapped {
    pub trap: Trap,
    /// None when no wasm code ran (a segment out of bounds).
    pub backtrace: Option<Backtrace>,
}

impl fmt::Debug for Trapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.trap, f)
    }
}

impl fmt::Display for Trapped {
    /// The report a standalone executable prints: the trap, then the
    /// backtrace unless `KILN_BACKTRACE=0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.trap)?;
        if let Some(bt) = self.backtrace.filter(|bt| bt.frames().next().is_some()) {
            if Backtrace::enabled() {
                write!(f, "\n{bt}")?;
            }
        }
        Ok(())
    }
}

/// Registers saved by `kiln_catch_enter`; the layout is shared with the
/// assembly below (offsets in words).
#[repr(C)]
struct JmpBuf {
    /// x86_64: rbx rbp r12 r13 r14 r15, sp, return address.
    /// aarch64: x19..x30 (x29 = fp, x30 = return address), sp, d8..d15.
    /// riscv64: s0..s11, ra (return address), sp, fs0..fs11.
    regs: [usize; 32],
}

/// One armed resume point.
#[repr(C)]
struct Catch {
    buf: JmpBuf,
    trapped: MaybeUninit<Trapped>,
}

thread_local! {
    /// The innermost resume point of this thread, or null. Const-initialized
    /// and without destructor, so reading it is a plain TLS access that is
    /// safe in a signal handler.
    static CURRENT: Cell<*mut Catch> = const { Cell::new(std::ptr::null_mut()) };
}

unsafe extern "C" {
    /// Saves registers into `buf`, then calls `f(data)`; returns 0 when `f`
    /// returns, 1 when a trap resumed here.
    fn kiln_catch_enter(buf: *mut JmpBuf, f: unsafe extern "C" fn(*mut u8), data: *mut u8) -> u32;
    /// Restores the registers of `buf` and returns 1 from its
    /// `kiln_catch_enter`. Only ever entered from a rewritten signal context.
    fn kiln_catch_resume(buf: *mut JmpBuf) -> !;
}

/// Index of the saved stack pointer in [`JmpBuf::regs`].
#[cfg(target_arch = "x86_64")]
const SP_INDEX: usize = 6;
#[cfg(target_arch = "aarch64")]
const SP_INDEX: usize = 12;
#[cfg(target_arch = "riscv64")]
const SP_INDEX: usize = 13;

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl kiln_catch_enter",
    ".type kiln_catch_enter,@function",
    "kiln_catch_enter:",
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
    ".size kiln_catch_enter, . - kiln_catch_enter",
    ".p2align 4",
    ".globl kiln_catch_resume",
    ".type kiln_catch_resume,@function",
    "kiln_catch_resume:",
    "mov rbx, [rdi + 0]",
    "mov rbp, [rdi + 8]",
    "mov r12, [rdi + 16]",
    "mov r13, [rdi + 24]",
    "mov r14, [rdi + 32]",
    "mov r15, [rdi + 40]",
    "mov rsp, [rdi + 48]",
    "mov eax, 1",
    "jmp qword ptr [rdi + 56]",
    ".size kiln_catch_resume, . - kiln_catch_resume",
);

#[cfg(target_arch = "aarch64")]
std::arch::global_asm!(
    ".text",
    ".p2align 2",
    ".globl kiln_catch_enter",
    ".type kiln_catch_enter,%function",
    "kiln_catch_enter:",
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
    ".size kiln_catch_enter, . - kiln_catch_enter",
    ".p2align 2",
    ".globl kiln_catch_resume",
    ".type kiln_catch_resume,%function",
    "kiln_catch_resume:",
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
    ".size kiln_catch_resume, . - kiln_catch_resume",
);

#[cfg(target_arch = "riscv64")]
std::arch::global_asm!(
    // Module-level assembly does not inherit the target's features: the
    // float saves need D spelled out.
    ".option push",
    ".option arch, +d",
    ".text",
    ".p2align 2",
    ".globl kiln_catch_enter",
    ".type kiln_catch_enter,@function",
    "kiln_catch_enter:",
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
    ".size kiln_catch_enter, . - kiln_catch_enter",
    ".p2align 2",
    ".globl kiln_catch_resume",
    ".type kiln_catch_resume,@function",
    "kiln_catch_resume:",
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
    ".size kiln_catch_resume, . - kiln_catch_resume",
    ".option pop",
);

/// The runtime's trap hook while the engine is in use: resume at the
/// innermost armed [`catch_traps`] of this thread (with the backtrace of
/// the frames it unwinds), or report and exit. Async-signal-safe: a TLS
/// read, a frame-pointer walk and a few stores.
///
/// # Safety
/// Called only by the runtime's signal handler, with its context.
unsafe fn on_trap(trap: &Trap, ctx: &mut SignalContext) {
    let catch = CURRENT.with(Cell::get);
    if catch.is_null() {
        kiln_runtime::trap::report_and_exit(trap);
    }
    // SAFETY: an armed resume point lives in the frame of `catch_traps`,
    // which is below us on this thread's stack and still running.
    unsafe {
        (*catch).trapped.write(Trapped { trap: *trap, backtrace: Some(Backtrace::capture(ctx)) });
        ctx.set_sp((*catch).buf.regs[SP_INDEX]);
    }
    ctx.set_pc(kiln_catch_resume as *const () as usize);
    ctx.set_arg0(catch as usize);
}

/// Installs the trap handlers (and this thread's alternate signal stack)
/// and routes traps to [`catch_traps`]. Call on every thread before it
/// runs wasm; idempotent.
pub fn install() -> Result<(), kiln_runtime::InstantiateError> {
    thread_local! {
        static INSTALLED: Cell<bool> = const { Cell::new(false) };
    }
    if INSTALLED.with(Cell::get) {
        return Ok(());
    }
    kiln_runtime::trap::install().map_err(kiln_runtime::InstantiateError::TrapHandlers)?;
    kiln_runtime::trap::set_trap_hook(Some(on_trap));
    INSTALLED.with(|i| i.set(true));
    Ok(())
}

/// Runs `f`, which calls compiled code; a trap inside it ends it early and
/// is returned. Nested calls resume at the innermost one.
pub fn catch_traps<F: FnOnce()>(f: F) -> Result<(), Box<Trapped>> {
    unsafe extern "C" fn call_once<F: FnOnce()>(data: *mut u8) {
        // SAFETY: `data` is the `Option<F>` of `catch_traps`, taken once.
        let f = unsafe { (*data.cast::<Option<F>>()).take() };
        if let Some(f) = f {
            f();
        }
    }
    let mut f = Some(f);
    let mut catch = Catch { buf: JmpBuf { regs: [0; 32] }, trapped: MaybeUninit::uninit() };
    let previous = CURRENT.with(|c| c.replace(&mut catch));
    // SAFETY: the buffer and the closure outlive the call; the assembly
    // follows the C ABI. A trap skips only frames of `f`'s callees.
    let trapped = unsafe { kiln_catch_enter(&mut catch.buf, call_once::<F>, (&mut f as *mut Option<F>).cast()) };
    CURRENT.with(|c| c.set(previous));
    if trapped == 0 {
        return Ok(());
    }
    // SAFETY: `on_trap` wrote the trap before resuming here; the write
    // happened on this thread, and the opaque assembly call orders it.
    Err(Box::new(unsafe { std::ptr::read_volatile(catch.trapped.as_ptr()) }))
}
