//! Traps: from a hardware fault in compiled code to a report.
//!
//! Data flow: compiled code traps by executing a trap instruction or by a
//! load/store faulting in a memory's guard region; the kernel delivers
//! SIGILL/SIGTRAP/SIGFPE/SIGSEGV/SIGBUS to [`on_signal`] on the alternate
//! stack. It takes the PC from the signal context, finds the registered
//! module and function containing it (binary search of `ModuleInfo.funcs`),
//! then the `TrapEntry` at that code offset, and builds a [`Trap`] -- *what*
//! trapped. *What to do about it* is separate: a call an embedder armed on
//! this thread with [`crate::sys::catch`] ends there; otherwise the installed [`TrapHook`]
//! (default: [`report_and_exit`]; an embedder can instead redirect the
//! context to a saved resume point). Faults outside wasm code are not ours:
//! the previous disposition is restored and the fault re-raised on return.
//! Everything reachable from the handler is async-signal-safe: no
//! allocation, no locks.

use crate::linker::TagIdentity;
use crate::sys;
use crate::sys::signal::{self, SigAction, SigInfo, SignalContext};
use alloc::boxed::Box;
use core::cell::UnsafeCell;
use core::ffi::c_void;
use core::fmt;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicU8, AtomicUsize, Ordering};
use kiln_abi::{FuncEntry, ModuleInfo, TrapEntry, TrapKind, TRAP_EXIT_STATUS};
use rustix::io::Errno;

/// What trapped: the kind, and where when known (instantiation traps and
/// guard-page stack overflows have no function or no wasm offset).
#[derive(Clone, Copy)]
pub struct Trap {
    pub kind: TrapKind,
    pub module: &'static ModuleInfo,
    /// Wasm function index (imported functions included in the count).
    pub func_index: Option<u32>,
    /// Byte offset of the trapping instruction in the wasm binary.
    pub wasm_offset: Option<u32>,
    /// For [`TrapKind::UncaughtException`]: the exception's tag.
    pub tag: Option<&'static TagIdentity>,
}

impl Trap {
    /// The name of the trapping function, if the module records one.
    pub fn func_name(&self) -> Option<&'static str> {
        let index = self.func_index?;
        let defined = index.checked_sub(self.module.num_imported_funcs)?;
        // SAFETY: module tables are immutable and live for the process.
        let func = unsafe { self.module.funcs.as_slice() }.get(defined as usize)?;
        // SAFETY: as above; names are UTF-8.
        let name = unsafe { func.name.as_str() };
        (!name.is_empty()).then_some(name)
    }
}

impl fmt::Display for Trap {
    /// `wasm trap: <message>` and, when known, `    at <function> (wasm offset 0x..)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "wasm trap: {}", self.kind.message())?;
        if let Some(tag) = self.tag {
            f.write_str(" of tag `")?;
            tag.describe(f)?;
            f.write_str("`")?;
        }
        if let Some(index) = self.func_index {
            match self.func_name() {
                Some(name) => write!(f, "\n    at {name}")?,
                None => write!(f, "\n    at wasm-function[{index}]")?,
            }
            if let Some(offset) = self.wasm_offset {
                write!(f, " (wasm offset {offset:#x})")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: module tables are immutable and live for the process.
        let module = unsafe { self.module.name.as_str() };
        f.debug_struct("Trap")
            .field("kind", &self.kind)
            .field("module", &module)
            .field("func_index", &self.func_index)
            .field("wasm_offset", &self.wasm_offset)
            .finish()
    }
}

/// Writes the trap report to stderr; false if stderr is gone.
/// Async-signal-safe.
pub fn report(trap: &Trap) -> bool {
    sys::FdWriter::print(2, format_args!("{trap}\n"))
}

/// Reports the trap and exits with [`TRAP_EXIT_STATUS`]. Async-signal-safe.
pub fn report_and_exit(trap: &Trap) -> ! {
    report(trap);
    sys::exit_group(TRAP_EXIT_STATUS)
}

// ---------------------------------------------------------------------------
// Code registry: which module's code contains a PC.

struct CodeRange {
    module: &'static ModuleInfo,
    start: usize,
    end: usize,
    /// Set by [`unregister`]: the code is gone, skip this entry.
    dead: AtomicBool,
    next: *mut CodeRange,
}

/// A push-only list, readable from the signal handler without locks.
static MODULES: AtomicPtr<CodeRange> = AtomicPtr::new(core::ptr::null_mut());

/// Makes the code of `module` known to the trap handler. Idempotent;
/// [`crate::Instance::new`] calls it.
pub fn register(module: &'static ModuleInfo) {
    // SAFETY: module tables are immutable and live for the process.
    let funcs = unsafe { module.funcs.as_slice() };
    let (Some(first), Some(last)) = (funcs.first(), funcs.last()) else { return };
    let start = first.ptr as usize;
    let end = last.ptr as usize + last.code_len as usize;
    if modules().any(|r| core::ptr::eq(r.module, module)) {
        return;
    }
    let node = Box::into_raw(Box::new(CodeRange {
        module,
        start,
        end,
        dead: AtomicBool::new(false),
        next: core::ptr::null_mut(),
    }));
    let mut head = MODULES.load(Ordering::Acquire);
    loop {
        // SAFETY: `node` is ours until published by the exchange below.
        unsafe { (*node).next = head };
        match MODULES.compare_exchange_weak(head, node, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => return,
            Err(current) => head = current,
        }
    }
}

/// Forgets the code of `module`, for embedders that unmap code they loaded
/// (its instances must be gone). The list entry itself is kept (marked
/// dead), as a signal handler may be reading it.
pub fn unregister(module: &'static ModuleInfo) {
    for r in modules().filter(|r| core::ptr::eq(r.module, module)) {
        r.dead.store(true, Ordering::Release);
    }
}

/// Live registered code ranges, newest first.
fn modules() -> impl Iterator<Item = &'static CodeRange> {
    let mut node = MODULES.load(Ordering::Acquire);
    core::iter::from_fn(move || loop {
        // SAFETY: published nodes are leaked and never freed; only `dead`
        // changes after publication.
        let range = unsafe { node.as_ref() }?;
        node = range.next;
        if !range.dead.load(Ordering::Acquire) {
            return Some(range);
        }
    })
}

/// The registered module whose code contains `pc`.
pub fn module_at(pc: usize) -> Option<&'static ModuleInfo> {
    modules().find(|r| r.start <= pc && pc < r.end).map(|r| r.module)
}

/// The defined function (index into `module.funcs`) containing `pc`.
/// `funcs` ascend in address order.
pub fn find_func(module: &ModuleInfo, pc: usize) -> Option<usize> {
    // SAFETY: module tables are immutable and live for the process.
    let funcs: &[FuncEntry] = unsafe { module.funcs.as_slice() };
    let i = funcs.partition_point(|f| f.ptr as usize <= pc).checked_sub(1)?;
    let f = &funcs[i];
    (pc < f.ptr as usize + f.code_len as usize).then_some(i)
}

/// The trap entry of defined function `func` at `code_offset`.
pub fn find_trap_entry(module: &ModuleInfo, func: usize, code_offset: u32) -> Option<&TrapEntry> {
    // SAFETY: module tables are immutable and live for the process.
    let (funcs, traps) = unsafe { (module.funcs.as_slice(), module.traps.as_slice()) };
    let f = funcs.get(func)?;
    let start = f.traps_start as usize;
    let entries = traps.get(start..start.checked_add(f.traps_len as usize)?)?;
    let i = entries.binary_search_by_key(&code_offset, |e| e.code_offset).ok()?;
    Some(&entries[i])
}

/// The trap a trap instruction or faulting access at `pc` raises, from the
/// trap tables of the registered modules. Async-signal-safe.
pub fn trap_at_pc(pc: usize) -> Option<Trap> {
    let module = module_at(pc)?;
    let func = find_func(module, pc)?;
    // SAFETY: `find_func` returned a valid index.
    let entry_ptr = unsafe { module.funcs.as_slice() }[func].ptr as usize;
    let code_offset = u32::try_from(pc - entry_ptr).ok()?;
    let entry = find_trap_entry(module, func, code_offset)?;
    let kind = TrapKind::from_u8(entry.kind)?;
    let tag = if kind == TrapKind::UncaughtException { crate::unwind::take_uncaught() } else { None };
    Some(Trap {
        kind,
        module,
        func_index: Some(module.num_imported_funcs + func as u32),
        wasm_offset: Some(entry.wasm_offset),
        tag,
    })
}

/// How far around SP a SIGSEGV in wasm code counts as hitting the stack
/// guard: pushes/calls fault just below SP, frame stores above it.
const STACK_FAULT_BELOW: usize = 64 << 10;
const STACK_FAULT_ABOVE: usize = 1 << 20;

/// Decides whether a signal is a wasm trap. Async-signal-safe.
pub fn classify(ctx: &SignalContext) -> Option<Trap> {
    let pc = ctx.pc();
    if let Some(trap) = trap_at_pc(pc) {
        return Some(trap);
    }
    let sig = ctx.signal();
    if sig != signal::SIGSEGV && sig != signal::SIGBUS {
        return None;
    }
    // A wasm function touching memory near SP without a trap entry: the
    // native stack's guard region.
    let module = module_at(pc)?;
    let func = find_func(module, pc)?;
    let (sp, addr) = (ctx.sp(), ctx.fault_address());
    let near_sp = addr >= sp.saturating_sub(STACK_FAULT_BELOW) && addr < sp.saturating_add(STACK_FAULT_ABOVE);
    near_sp.then_some(Trap {
        kind: TrapKind::StackOverflow,
        module,
        func_index: Some(module.num_imported_funcs + func as u32),
        wasm_offset: None,
        tag: None,
    })
}

// ---------------------------------------------------------------------------
// Handler installation and policy.

/// What to do about a trap. Runs in the signal handler on the alternate
/// stack, so it must be async-signal-safe. If it returns, the handler
/// returns too and execution continues from `ctx` (which the hook may have
/// redirected to a resume point); it must not leave `ctx` unchanged, or
/// the trapping instruction runs again.
pub type TrapHook = unsafe fn(trap: &Trap, ctx: &mut SignalContext);

/// 0 = the default policy, [`report_and_exit`].
static TRAP_HOOK: AtomicUsize = AtomicUsize::new(0);

/// Replaces the trap policy; `None` restores report-and-exit.
pub fn set_trap_hook(hook: Option<TrapHook>) {
    TRAP_HOOK.store(hook.map_or(0, |h| h as usize), Ordering::Release);
}

/// The signals a wasm trap can raise.
const SIGNALS: [i32; 5] = [signal::SIGSEGV, signal::SIGBUS, signal::SIGILL, signal::SIGFPE, signal::SIGTRAP];

/// Size of the alternate signal stack the runtime installs per thread.
pub const ALT_STACK_SIZE: usize = 64 << 10;

/// Dispositions in place before ours, restored for faults that are not
/// wasm traps. Each is written once, before its `saved` flag is set.
struct Previous {
    actions: UnsafeCell<[SigAction; 5]>,
    saved: [AtomicBool; 5],
}

// SAFETY: each action is written once before its flag is published with
// Release, and only read after observing the flag with Acquire.
unsafe impl Sync for Previous {}

static PREVIOUS: Previous = Previous {
    actions: UnsafeCell::new([SigAction::default_action(); 5]),
    saved: [const { AtomicBool::new(false) }; 5],
};

const NOT_INSTALLED: u8 = 0;
const INSTALLING: u8 = 1;
const INSTALLED: u8 = 2;
static STATE: AtomicU8 = AtomicU8::new(NOT_INSTALLED);

/// Installs the trap handlers (once per process) and an alternate signal
/// stack for the calling thread. Call on every thread before it runs wasm.
pub fn install() -> Result<(), Errno> {
    signal::ensure_alt_stack(ALT_STACK_SIZE)?;
    loop {
        match STATE.compare_exchange(NOT_INSTALLED, INSTALLING, Ordering::Acquire, Ordering::Acquire) {
            Ok(_) => break,
            Err(INSTALLED) => return Ok(()),
            Err(_) => core::hint::spin_loop(),
        }
    }
    for (i, &sig) in SIGNALS.iter().enumerate() {
        // SAFETY: `on_signal` is async-signal-safe.
        match unsafe { signal::install(sig, on_signal) } {
            Ok(previous) => {
                // SAFETY: only this thread (holding INSTALLING) writes, and
                // the flag is not yet set, so no handler reads this slot.
                unsafe { (*PREVIOUS.actions.get())[i] = previous };
                PREVIOUS.saved[i].store(true, Ordering::Release);
            }
            Err(e) => {
                STATE.store(NOT_INSTALLED, Ordering::Release);
                return Err(e);
            }
        }
    }
    STATE.store(INSTALLED, Ordering::Release);
    Ok(())
}

/// The signal handler. Async-signal-safe.
unsafe extern "C" fn on_signal(sig: i32, info: *mut SigInfo, ucontext: *mut c_void) {
    // SAFETY: the kernel passed these to our SA_SIGINFO handler.
    let mut ctx = unsafe { SignalContext::new(info, ucontext) };
    if let Some(trap) = classify(&ctx) {
        // An embedder's call armed on this thread ends with the trap.
        if sys::catch::resume_trap(&trap, &mut ctx) {
            return;
        }
        match TRAP_HOOK.load(Ordering::Acquire) {
            0 => crate::backtrace::report_and_exit(&trap, &ctx),
            hook => {
                // SAFETY: only `set_trap_hook` stores non-zero values, and
                // those are `TrapHook` function pointers.
                let hook: TrapHook = unsafe { core::mem::transmute::<usize, TrapHook>(hook) };
                // SAFETY: the hook's contract is async-signal-safety.
                unsafe { hook(&trap, &mut ctx) };
                return;
            }
        }
    }
    // Not a wasm trap: hand the fault back to whoever handled it before
    // (default: kill the process). Returning re-executes the instruction.
    let previous = SIGNALS
        .iter()
        .position(|&s| s == sig)
        .filter(|&i| PREVIOUS.saved[i].load(Ordering::Acquire))
        // SAFETY: the slot was published before its flag.
        .map(|i| unsafe { (*PREVIOUS.actions.get())[i] })
        .unwrap_or(SigAction::default_action());
    // SAFETY: restores a disposition the kernel gave us (or SIG_DFL).
    if unsafe { signal::restore(sig, &previous) }.is_err() {
        // SAFETY: SIG_DFL is always valid; if even this fails the fault
        // loops, but rt_sigaction only fails for invalid arguments.
        if unsafe { signal::restore(sig, &SigAction::default_action()) }.is_err() {
            sys::exit_group(128 + sig);
        }
    }
}
