//! Resource limits: what a program may consume. None is set by default.
//!
//! Data flow: the limit options (`--max-memory`, `--max-table-elements`,
//! `--max-stack`, `--timeout`, `--fuel`) are grants like `--dir`: `kiln run`
//! passes its flags, a standalone executable its baked-in words and
//! `KILN_GRANTS`, through `crate::wasi::grants`, whose `apply` calls
//! [`set`]. The limits are process-wide: they apply to every instance
//! created afterwards, and to every memory and table of it, each
//! separately. An embedder's instance can instead have `--max-memory` and
//! `--fuel` of its own ([`InstanceLimits`], filled by
//! `grants::apply_to` and fixed at instantiation).
//!
//! - [`max_memory`]: `memory.grow` past it fails (returns -1), and a memory
//!   whose initial size is above it refuses to instantiate.
//! - [`max_table_elements`]: the same for tables.
//! - [`max_stack`]: the most bytes of native stack wasm code may use below
//!   the point where the instance's stack limit is set, within what the
//!   thread's stack allows anyway.
//! - [`timeout_ns`]: instantiating a module arms a one-shot `SIGALRM`
//!   timer ([`arm_timeout`]) whose handler sets the word every vmctx's
//!   `interrupt` field points to ([`interrupt_word`]); code compiled with
//!   `kiln_abi::checks::INTERRUPT` tests it at function entries and loop
//!   headers and traps with `interrupted (timeout)`. Code without those
//!   checks refuses to instantiate under a timeout. A program blocked in a
//!   host call (a read, a sleep) stops at its next check after the call.
//! - [`fuel`]: each instance starts with that much fuel in its vmctx
//!   ([`initial_fuel`]); code compiled with `kiln_abi::checks::FUEL`
//!   spends one unit per function call and per loop iteration and traps
//!   with `all fuel consumed` when it runs out.

use crate::error::InstantiateError;
use crate::sys::signal;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use rustix::io::Errno;

/// `u64::MAX` means "no limit".
static MAX_MEMORY: AtomicU64 = AtomicU64::new(u64::MAX);
static MAX_TABLE_ELEMENTS: AtomicU64 = AtomicU64::new(u64::MAX);
static MAX_STACK: AtomicU64 = AtomicU64::new(u64::MAX);
static TIMEOUT_NS: AtomicU64 = AtomicU64::new(u64::MAX);
static FUEL: AtomicU64 = AtomicU64::new(u64::MAX);

/// One limit, as an option sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Bytes each linear memory may have.
    MaxMemory(u64),
    /// Elements each table may have.
    MaxTableElements(u64),
    /// Bytes of stack wasm code may use.
    MaxStack(u64),
    /// Wall-clock nanoseconds a program may run.
    Timeout(u64),
    /// Fuel units a program may consume.
    Fuel(u64),
}

/// Sets a limit for instances created from now on (a later setting of the
/// same limit replaces an earlier one).
pub fn set(limit: Limit) {
    let (cell, value) = match limit {
        Limit::MaxMemory(v) => (&MAX_MEMORY, v),
        Limit::MaxTableElements(v) => (&MAX_TABLE_ELEMENTS, v),
        Limit::MaxStack(v) => (&MAX_STACK, v),
        Limit::Timeout(v) => (&TIMEOUT_NS, v),
        Limit::Fuel(v) => (&FUEL, v),
    };
    cell.store(value, Ordering::Relaxed);
}

/// Removes every limit (for embedders and tests that run several programs
/// in one process).
pub fn clear() {
    for cell in [&MAX_MEMORY, &MAX_TABLE_ELEMENTS, &MAX_STACK, &TIMEOUT_NS, &FUEL] {
        cell.store(u64::MAX, Ordering::Relaxed);
    }
}

fn get(cell: &AtomicU64) -> Option<u64> {
    Some(cell.load(Ordering::Relaxed)).filter(|&v| v != u64::MAX)
}

/// The most bytes a linear memory may have, if limited.
pub fn max_memory() -> Option<u64> {
    get(&MAX_MEMORY)
}

/// The most elements a table may have, if limited.
pub fn max_table_elements() -> Option<u64> {
    get(&MAX_TABLE_ELEMENTS)
}

/// The most bytes of stack wasm code may use, if limited.
pub fn max_stack() -> Option<u64> {
    get(&MAX_STACK)
}

/// The wall-clock budget in nanoseconds, if any.
pub fn timeout_ns() -> Option<u64> {
    get(&TIMEOUT_NS)
}

/// The fuel budget, if any.
pub fn fuel() -> Option<u64> {
    get(&FUEL)
}

/// The limits of one instance (an embedder's, `kiln_instance_new`), fixed
/// when it is created, in place of the process-wide ones of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceLimits {
    /// Bytes each of its linear memories may have.
    pub max_memory: Option<u64>,
    /// Fuel it starts with.
    pub fuel: Option<u64>,
}

impl InstanceLimits {
    /// The process-wide limits in force now.
    pub fn current() -> InstanceLimits {
        InstanceLimits { max_memory: max_memory(), fuel: fuel() }
    }

    /// Takes `limit` if it is one an instance can have (true); the others
    /// (`--max-table-elements`, `--max-stack`, `--timeout`) are process-wide.
    pub fn set(&mut self, limit: Limit) -> bool {
        match limit {
            Limit::MaxMemory(v) => self.max_memory = Some(v),
            Limit::Fuel(v) => self.fuel = Some(v),
            _ => return false,
        }
        true
    }

    /// The fuel the instance starts with, as [`initial_fuel`].
    pub fn initial_fuel(&self) -> i64 {
        self.fuel.map_or(i64::MAX, |f| i64::try_from(f).unwrap_or(i64::MAX))
    }
}

/// The word compiled code tests for an interruption: non-zero once the
/// timeout expired.
static INTERRUPT: AtomicU32 = AtomicU32::new(0);
/// Whether the timeout timer is armed (once per process).
static ARMED: AtomicBool = AtomicBool::new(false);

/// The address every vmctx's `interrupt` field holds.
pub fn interrupt_word() -> *const u32 {
    INTERRUPT.as_ptr()
}

/// The fuel an instance starts with: the `--fuel` budget, or (unlimited)
/// more than any program can spend.
pub fn initial_fuel() -> i64 {
    fuel().map_or(i64::MAX, |f| i64::try_from(f).unwrap_or(i64::MAX))
}

/// Arms the `--timeout` timer, if a timeout is set and it is not armed
/// yet: the clock starts at the first instantiation.
pub fn arm_timeout() -> Result<(), Errno> {
    let Some(nanos) = timeout_ns() else { return Ok(()) };
    if ARMED.swap(true, Ordering::Relaxed) {
        return Ok(());
    }
    // SAFETY: the handler only stores to an atomic: async-signal-safe.
    unsafe { signal::install_restarting(signal::SIGALRM, on_alarm) }?;
    signal::alarm_after(nanos)
}

/// The `SIGALRM` handler: requests the interruption.
unsafe extern "C" fn on_alarm(_sig: i32, _info: *mut signal::SigInfo, _ucontext: *mut core::ffi::c_void) {
    INTERRUPT.store(1, Ordering::Relaxed);
}

/// Refuses a module compiled without the checks the run-time limits
/// need (`--timeout`, `--fuel`), and arms the timeout timer.
pub(crate) fn check_module(module: &kiln_abi::ModuleInfo, name: &'static str) -> Result<(), InstantiateError> {
    let needed = [
        (timeout_ns(), kiln_abi::checks::INTERRUPT, "--timeout", "--interruptible"),
        (fuel(), kiln_abi::checks::FUEL, "--fuel", "--fuel-metering"),
    ];
    for (limit, bit, option, flag) in needed {
        if limit.is_some() && module.checks & bit == 0 {
            return Err(InstantiateError::NotCompiledFor { module: name, limit: option, flag });
        }
    }
    arm_timeout().map_err(InstantiateError::Timer)
}

/// Parses a size: a number of bytes with an optional suffix `K`, `M`, `G`
/// or `T` (powers of 1024; lowercase and a trailing `B` or `iB` are
/// accepted too: `64M`, `64MiB`, `1g`, `4096`).
pub fn parse_size(text: &[u8]) -> Option<u64> {
    let text = text.strip_suffix(b"iB").or_else(|| text.strip_suffix(b"B")).unwrap_or(text);
    let (digits, shift) = match text.last().map(u8::to_ascii_uppercase) {
        Some(b'K') => (&text[..text.len() - 1], 10),
        Some(b'M') => (&text[..text.len() - 1], 20),
        Some(b'G') => (&text[..text.len() - 1], 30),
        Some(b'T') => (&text[..text.len() - 1], 40),
        _ => (text, 0),
    };
    parse_count(digits)?.checked_mul(1 << shift).filter(|&v| v != u64::MAX)
}

/// Parses a plain decimal count (`u64::MAX` itself is refused: it means
/// "no limit").
pub fn parse_count(text: &[u8]) -> Option<u64> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    core::str::from_utf8(text).ok()?.parse::<u64>().ok().filter(|&v| v != u64::MAX)
}

/// Parses a duration into nanoseconds: a number with a unit `ms`, `s`,
/// `m` or `h` (`500ms`, `1s`, `2m`). Zero is refused.
pub fn parse_duration(text: &[u8]) -> Option<u64> {
    let units: [(&[u8], u64); 5] =
        [(b"ms", 1_000_000), (b"us", 1_000), (b"s", 1_000_000_000), (b"m", 60_000_000_000), (b"h", 3_600_000_000_000)];
    let (digits, scale) = units.iter().find_map(|(unit, scale)| Some((text.strip_suffix(*unit)?, *scale)))?;
    parse_count(digits)?.checked_mul(scale).filter(|&v| v != 0 && v != u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_counts_and_durations_parse() {
        assert_eq!(parse_size(b"4096"), Some(4096));
        assert_eq!(parse_size(b"64K"), Some(64 << 10));
        assert_eq!(parse_size(b"64M"), Some(64 << 20));
        assert_eq!(parse_size(b"64MiB"), Some(64 << 20));
        assert_eq!(parse_size(b"1g"), Some(1 << 30));
        assert_eq!(parse_size(b"2GB"), Some(2 << 30));
        for bad in [&b""[..], b"M", b"-1M", b"1.5G", b"12X", b"99999999999999999999", b"20000000T"] {
            assert_eq!(parse_size(bad), None, "{}", core::str::from_utf8(bad).unwrap());
        }
        assert_eq!(parse_count(b"10"), Some(10));
        assert_eq!(parse_count(b"1e3"), None);
        assert_eq!(parse_duration(b"1s"), Some(1_000_000_000));
        assert_eq!(parse_duration(b"500ms"), Some(500_000_000));
        assert_eq!(parse_duration(b"2m"), Some(120_000_000_000));
        assert_eq!(parse_duration(b"1h"), Some(3_600_000_000_000));
        for bad in [&b"1"[..], b"s", b"0s", b"1.5s", b"1 s", b"1d"] {
            assert_eq!(parse_duration(bad), None, "{}", core::str::from_utf8(bad).unwrap());
        }
    }
}
