//! Trap backtraces: the wasm call stack at a trap, symbolized from the
//! module tables.
//!
//! Data flow: the trap path hands over the trapping context; [`Backtrace::
//! capture`] walks the frame-pointer chain from its PC and FP (compiled code
//! keeps frame pointers, and every frame record is `[saved FP, return
//! address]`) for as long as the return addresses lie in registered wasm
//! code, recording (module, function, code offset) per frame. Displaying it
//! symbolizes each frame with the function's `kiln_abi::CodeLine`s (trap
//! sites and call return addresses, with their wasm offsets and -- when the
//! module was compiled from DWARF with `-g` -- source lines): `#N name at
//! file:line`, or `#N name (wasm offset 0x..)`. Nothing allocates, so all of
//! it runs in the signal handler. `KILN_BACKTRACE=0` in the environment
//! turns the report off.

use crate::sys::signal::SignalContext;
use crate::trap::{find_func, module_at};
use core::fmt;
use kiln_abi::{CodeLine, ModuleInfo, NO_FILE};

/// Frames a backtrace keeps; deeper stacks are summarized.
pub const MAX_FRAMES: usize = 32;

/// Frame walks stop this far above the trapping SP (a sanity bound: wasm
/// stacks are far smaller).
const MAX_STACK: usize = 1 << 30;

/// One wasm frame.
#[derive(Clone, Copy)]
pub struct Frame {
    pub module: &'static ModuleInfo,
    /// Index into `module.funcs`.
    pub func: usize,
    /// Offset of the PC (frame 0) or return address within the function.
    pub code_offset: u32,
}

impl Frame {
    /// The backtrace position recorded for this frame, if any.
    pub fn line(&self) -> Option<&'static CodeLine> {
        // SAFETY: module tables are immutable and live for the process.
        let (funcs, lines) = unsafe { (self.module.funcs.as_slice(), self.module.lines.as_slice()) };
        let f = funcs.get(self.func)?;
        let start = f.lines_start as usize;
        let lines = lines.get(start..start.checked_add(f.lines_len as usize)?)?;
        let i = lines.binary_search_by_key(&self.code_offset, |l| l.code_offset).ok()?;
        Some(&lines[i])
    }

    /// The function's name, or `wasm-function[N]`.
    fn write_name(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: module tables are immutable and live for the process.
        let name = unsafe { self.module.funcs.as_slice() }.get(self.func).map_or("", |e| {
            // SAFETY: as above; names are UTF-8.
            unsafe { e.name.as_str() }
        });
        if name.is_empty() {
            write!(f, "wasm-function[{}]", self.module.num_imported_funcs as usize + self.func)
        } else {
            f.write_str(name)
        }
    }
}

/// The wasm frames of a trapping thread, innermost first.
#[derive(Clone, Copy)]
pub struct Backtrace {
    frames: [Option<Frame>; MAX_FRAMES],
    len: usize,
    /// Frames beyond `MAX_FRAMES`.
    more: usize,
}

impl Backtrace {
    /// Walks the wasm frames of the context `ctx` describes.
    pub fn capture(ctx: &SignalContext) -> Backtrace {
        Backtrace::walk(ctx.pc(), ctx.fp(), ctx.sp())
    }

    /// Walks from PC `pc` with frame pointer `fp`; `sp` bounds the walk.
    pub fn walk(pc: usize, mut fp: usize, sp: usize) -> Backtrace {
        let mut bt = Backtrace { frames: [None; MAX_FRAMES], len: 0, more: 0 };
        let Some(first) = frame_at(pc, 0) else { return bt };
        bt.push(first);
        // On x86_64 a fault on a function's first instruction (`push rbp`,
        // say, on a stack overflow) leaves the return address at SP and FP
        // still the caller's.
        if cfg!(target_arch = "x86_64") && first.code_offset == 0 && sp.is_multiple_of(8) && sp != 0 {
            // SAFETY: SP of the faulting wasm frame points at the return
            // address its `call` pushed.
            let ret = unsafe { (sp as *const usize).read() };
            match frame_at(ret, 1) {
                Some(frame) => bt.push(frame),
                None => return bt,
            }
        }
        while fp != 0 && fp.is_multiple_of(8) && fp >= sp && fp - sp < MAX_STACK {
            // SAFETY: `fp` is the frame pointer of a wasm frame (the walk
            // only continues through wasm code), which points at its frame
            // record: the caller's FP, then the return address.
            let (next, ret) = unsafe { ((fp as *const usize).read(), (fp as *const usize).add(1).read()) };
            let Some(frame) = frame_at(ret, 1) else { break };
            bt.push(frame);
            if next <= fp {
                break;
            }
            fp = next;
        }
        bt
    }

    fn push(&mut self, frame: Frame) {
        if self.len < MAX_FRAMES {
            self.frames[self.len] = Some(frame);
            self.len += 1;
        } else {
            self.more += 1;
        }
    }

    /// The captured frames, innermost first.
    pub fn frames(&self) -> impl Iterator<Item = &Frame> {
        self.frames[..self.len].iter().flatten()
    }

    /// Whether backtraces are wanted: not when the environment has
    /// `KILN_BACKTRACE=0`. Async-signal-safe (reads `/proc/self/environ`).
    pub fn enabled() -> bool {
        !environ_says_off()
    }
}

/// Writes the backtrace of the trapping context to stderr, unless turned
/// off. Async-signal-safe; called after the trap's own report.
pub fn report(ctx: &SignalContext) {
    if !Backtrace::enabled() {
        return;
    }
    let bt = Backtrace::capture(ctx);
    if bt.len > 0 {
        // Nothing sensible is left to do if stderr is gone.
        if crate::sys::FdWriter::print(2, format_args!("{bt}\n")) {}
    }
}

/// The default trap policy with a backtrace: the trap's report, the
/// backtrace (unless turned off), exit with `TRAP_EXIT_STATUS`.
/// Async-signal-safe.
pub fn report_and_exit(trap: &crate::trap::Trap, ctx: &SignalContext) -> ! {
    crate::trap::report(trap);
    report(ctx);
    crate::sys::exit_group(kiln_abi::TRAP_EXIT_STATUS)
}

/// The wasm frame `pc` is in; `back` bytes are subtracted first for return
/// addresses (whose call may be the function's last instruction).
fn frame_at(pc: usize, back: usize) -> Option<Frame> {
    let probe = pc.checked_sub(back)?;
    let module = module_at(probe)?;
    let func = find_func(module, probe)?;
    // SAFETY: `find_func` returned a valid index into the live tables.
    let start = unsafe { module.funcs.as_slice() }[func].ptr as usize;
    Some(Frame { module, func, code_offset: u32::try_from(pc - start).ok()? })
}

impl fmt::Display for Backtrace {
    /// `wasm backtrace:` and one `    #N ...` line per frame.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("wasm backtrace:")?;
        for (i, frame) in self.frames().enumerate() {
            write!(f, "\n    #{i} ")?;
            frame.write_name(f)?;
            let line = frame.line();
            // SAFETY: module tables are immutable and live for the process.
            let files = unsafe { frame.module.files.as_slice() };
            match line {
                Some(l) if l.file != NO_FILE && l.line != 0 => {
                    // SAFETY: as above; paths are UTF-8.
                    let file = files.get(l.file as usize).map_or("?", |p| unsafe { p.as_str() });
                    write!(f, " at {file}:{}", l.line)?;
                }
                Some(l) => write!(f, " (wasm offset {:#x})", l.wasm_offset)?,
                // Trap sites of code without source lines are only in the
                // trap table.
                None => {
                    let entry = crate::trap::find_trap_entry(frame.module, frame.func, frame.code_offset);
                    if let (0, Some(t)) = (i, entry) {
                        write!(f, " (wasm offset {:#x})", t.wasm_offset)?;
                    }
                }
            }
        }
        if self.more > 0 {
            write!(f, "\n    ... {} more frames", self.more)?;
        }
        Ok(())
    }
}

/// Whether the process environment sets `KILN_BACKTRACE=0`, streamed from
/// `/proc/self/environ` (readable without libc, and the same for the
/// standalone runtime and `kiln run`). Unreadable: not set.
fn environ_says_off() -> bool {
    const KEY: &[u8] = b"KILN_BACKTRACE=";
    const MISMATCH: usize = usize::MAX;
    let Ok(fd) = rustix::fs::open(
        c"/proc/self/environ",
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    ) else {
        return false;
    };
    let mut buf = [0u8; 512];
    // Per entry: how much of KEY matched (MISMATCH once it cannot), then
    // the value's length and first byte.
    let (mut matched, mut value_len, mut first) = (0usize, 0usize, 0u8);
    let mut off = false;
    loop {
        let n = match rustix::io::read(&fd, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            if b == 0 {
                if matched == KEY.len() {
                    off = value_len == 1 && first == b'0';
                }
                (matched, value_len) = (0, 0);
            } else if matched == KEY.len() {
                value_len += 1;
                if value_len == 1 {
                    first = b;
                }
            } else if matched != MISMATCH {
                matched = if KEY[matched] == b { matched + 1 } else { MISMATCH };
            }
        }
    }
    off
}
