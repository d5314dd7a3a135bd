//! The bounds of the calling thread's native stack, from which the runtime
//! derives the lowest stack address wasm code may use.
//!
//! The main thread's stack is the `[stack]` mapping; it grows down on demand
//! to `RLIMIT_STACK` below its top. Other threads run on a fixed mapping
//! (with a separate guard mapping below), so the mapping containing SP
//! bounds the stack exactly. Both are found in `/proc/self/maps`; without
//! procfs the runtime falls back to assuming SP is near the stack top.
//! Under valgrind, the main thread's stack is an unnamed mapping that
//! valgrind grows like `[stack]`.

use kiln_abi::LEAF_FRAME_MAX;
use rustix::fs::{Mode, OFlags};
use rustix::process::{getrlimit, Resource};

/// Bytes kept free below the wasm stack limit for host calls (WASI, libcalls)
/// and anything else that runs on the same stack after wasm hit its limit.
/// It also covers functions that skip the stack check ([`LEAF_FRAME_MAX`]).
pub const HOST_STACK_MARGIN: usize = 256 << 10;
const _: () = assert!(HOST_STACK_MARGIN >= 2 * LEAF_FRAME_MAX as usize);

/// The usable main-thread stack when `RLIMIT_STACK` is unlimited.
pub const UNLIMITED_STACK_CAP: usize = 64 << 20;

/// What is known about the calling thread's stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackRegion {
    /// The main thread's growable stack; `top` is its highest address.
    Main { top: usize },
    /// A fixed thread stack `[start, end)`.
    Fixed { start: usize, end: usize },
    /// No procfs: only the stack pointer is known.
    Unknown,
}

/// The main thread's maximum stack size from `RLIMIT_STACK`, capped at
/// [`UNLIMITED_STACK_CAP`] when unlimited.
pub fn main_stack_size() -> usize {
    match getrlimit(Resource::Stack).current {
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
        None => UNLIMITED_STACK_CAP,
    }
}

/// The lowest address wasm code may lower SP to on the calling thread:
/// the bottom of the usable stack plus [`HOST_STACK_MARGIN`], or with
/// `--max-stack` ([`crate::limits::max_stack`]) that many bytes below SP
/// if that is higher. Wasm functions compare SP against it in their
/// prologue.
pub fn wasm_stack_limit() -> usize {
    let sp = super::current_sp();
    let limit = thread_stack_limit();
    match crate::limits::max_stack() {
        Some(max) => limit.max(sp.saturating_sub(usize::try_from(max).unwrap_or(usize::MAX))),
        None => limit,
    }
}

/// [`wasm_stack_limit`] without `--max-stack`: what the thread's stack
/// allows.
fn thread_stack_limit() -> usize {
    let sp = super::current_sp();
    let region = match find_region(sp) {
        // Valgrind's main-thread stack is an unnamed mapping that it grows
        // on demand to RLIMIT_STACK, as the kernel grows `[stack]`.
        StackRegion::Fixed { end, .. } if super::running_on_valgrind() && is_main_thread() => {
            StackRegion::Main { top: end }
        }
        region => region,
    };
    limit_for(sp, region, main_stack_size())
}

fn is_main_thread() -> bool {
    rustix::thread::gettid().as_raw_nonzero() == rustix::process::getpid().as_raw_nonzero()
}

/// The stack limit for a thread at `sp` with stack `region` (pure, for
/// tests). The result is never above `sp`.
pub fn limit_for(sp: usize, region: StackRegion, main_size: usize) -> usize {
    let limit = match region {
        StackRegion::Main { top } => top.saturating_sub(main_size).saturating_add(HOST_STACK_MARGIN),
        StackRegion::Fixed { start, .. } => start.saturating_add(HOST_STACK_MARGIN),
        // Assume at most one margin's worth of the stack is in use above SP.
        StackRegion::Unknown => sp.saturating_sub(main_size).saturating_add(2 * HOST_STACK_MARGIN),
    };
    limit.min(sp)
}

/// Finds the mapping containing `sp` in `/proc/self/maps`.
pub fn find_region(sp: usize) -> StackRegion {
    let Ok(fd) = rustix::fs::open(c"/proc/self/maps", OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty()) else {
        return StackRegion::Unknown;
    };
    let mut scanner = MapsScanner::new(sp);
    let mut chunk = [0u8; 1024];
    loop {
        match rustix::io::read(&fd, &mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                if let Some(region) = scanner.feed(&chunk[..n]) {
                    return region;
                }
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => break,
        }
    }
    scanner.finish().unwrap_or(StackRegion::Unknown)
}

/// An incremental parser of `/proc/self/maps` lines, without allocation.
/// Only a line's start (the address range) and short lines' ends (the
/// `[stack]` name) matter, so long lines are truncated.
pub struct MapsScanner {
    sp: usize,
    line: [u8; 128],
    len: usize,
    truncated: bool,
}

impl MapsScanner {
    pub fn new(sp: usize) -> MapsScanner {
        MapsScanner { sp, line: [0; 128], len: 0, truncated: false }
    }

    /// Consumes bytes; returns the region once the line containing SP ends.
    pub fn feed(&mut self, bytes: &[u8]) -> Option<StackRegion> {
        for &b in bytes {
            if b == b'\n' {
                if let Some(region) = self.end_line() {
                    return Some(region);
                }
            } else if self.len < self.line.len() {
                self.line[self.len] = b;
                self.len += 1;
            } else {
                self.truncated = true;
            }
        }
        None
    }

    /// Ends input (the last line may lack a newline).
    pub fn finish(&mut self) -> Option<StackRegion> {
        if self.len > 0 {
            self.end_line()
        } else {
            None
        }
    }

    fn end_line(&mut self) -> Option<StackRegion> {
        let line = &self.line[..self.len];
        let truncated = self.truncated;
        self.len = 0;
        self.truncated = false;
        let (start, end) = parse_range(line)?;
        if !(start <= self.sp && self.sp < end) {
            return None;
        }
        if !truncated && line.ends_with(b"[stack]") {
            Some(StackRegion::Main { top: end })
        } else {
            Some(StackRegion::Fixed { start, end })
        }
    }
}

/// Parses `start-end` hex at the beginning of a maps line.
fn parse_range(line: &[u8]) -> Option<(usize, usize)> {
    let range = line.split(|&b| b == b' ').next()?;
    let dash = range.iter().position(|&b| b == b'-')?;
    Some((parse_hex(&range[..dash])?, parse_hex(&range[dash + 1..])?))
}

fn parse_hex(digits: &[u8]) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    let mut value: usize = 0;
    for &d in digits {
        let v = (d as char).to_digit(16)? as usize;
        value = value.checked_mul(16)?.checked_add(v)?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAPS: &[u8] = b"55d0c0a00000-55d0c0a21000 r--p 00000000 08:01 1234 /usr/bin/a-program-with-a-very-long-path-name-that-exceeds-the-line-buffer-of-the-scanner-for-sure\n\
7f0000000000-7f0000200000 rw-p 00000000 00:00 0 \n\
7ffd00000000-7ffd00100000 rw-p 00000000 00:00 0                          [stack]\n";

    #[test]
    fn finds_main_stack_and_fixed_stacks() {
        for split in [1, 7, 50, MAPS.len()] {
            let mut s = MapsScanner::new(0x7ffd_0008_0000);
            let mut found = None;
            for chunk in MAPS.chunks(split) {
                if let Some(r) = s.feed(chunk) {
                    found = Some(r);
                    break;
                }
            }
            assert_eq!(found, Some(StackRegion::Main { top: 0x7ffd_0010_0000 }), "split {split}");
        }
        let mut s = MapsScanner::new(0x7f00_0010_0000);
        assert_eq!(s.feed(MAPS), Some(StackRegion::Fixed { start: 0x7f00_0000_0000, end: 0x7f00_0020_0000 }));
        let mut s = MapsScanner::new(0x1000);
        assert_eq!(s.feed(MAPS), None);
        assert_eq!(s.finish(), None);
    }

    #[test]
    fn limits_keep_the_host_margin() {
        let top = 0x7ffd_0010_0000;
        let sp = top - 0x2000;
        assert_eq!(limit_for(sp, StackRegion::Main { top }, 8 << 20), top - (8 << 20) + HOST_STACK_MARGIN);
        let start = 0x7f00_0000_0000;
        assert_eq!(
            limit_for(start + 0x10_0000, StackRegion::Fixed { start, end: start + 0x20_0000 }, 8 << 20),
            start + HOST_STACK_MARGIN
        );
        // A stack smaller than the margin leaves wasm no room at all.
        assert_eq!(
            limit_for(start + 0x1000, StackRegion::Fixed { start, end: start + 0x2000 }, 8 << 20),
            start + 0x1000
        );
        assert_eq!(limit_for(sp, StackRegion::Unknown, 8 << 20), sp - (8 << 20) + 2 * HOST_STACK_MARGIN);
    }

    #[test]
    fn the_current_thread_has_a_known_stack() {
        let sp = crate::sys::current_sp();
        assert_ne!(find_region(sp), StackRegion::Unknown);
        let limit = wasm_stack_limit();
        assert!(limit < sp && sp - limit > 64 << 10, "sp {sp:#x} limit {limit:#x}");
    }
}
