//! `wasi:clocks`: the monotonic clock (with pollables for instants and
//! durations) and the wall clock.

use super::io::Pollable;
use super::table::{self, Resource};
use super::{Cx, HostResult};
use rustix::time::{clock_getres, clock_gettime, ClockId};

crate::wit_record! {
    /// `wasi:clocks/wall-clock.datetime`.
    pub struct Datetime {
        pub seconds: u64,
        pub nanoseconds: u32,
    }
}

/// Nanoseconds on the host's monotonic clock.
pub fn monotonic_now() -> u64 {
    crate::wasi::nanos(clock_gettime(ClockId::Monotonic))
}

/// `monotonic-clock.now`.
pub fn monotonic_clock_now(_cx: &mut Cx<'_>) -> HostResult<i64> {
    Ok(monotonic_now() as i64)
}

/// `monotonic-clock.resolution`.
pub fn monotonic_clock_resolution(_cx: &mut Cx<'_>) -> HostResult<i64> {
    Ok(crate::wasi::nanos(clock_getres(ClockId::Monotonic)).max(1) as i64)
}

/// `monotonic-clock.subscribe-instant`.
pub fn monotonic_clock_subscribe_instant(_cx: &mut Cx<'_>, when: i64) -> HostResult<i32> {
    Ok(table::push(Resource::Pollable(Pollable::Deadline(when as u64)), None)? as i32)
}

/// `monotonic-clock.subscribe-duration`.
pub fn monotonic_clock_subscribe_duration(_cx: &mut Cx<'_>, duration: i64) -> HostResult<i32> {
    let deadline = monotonic_now().saturating_add(duration as u64);
    Ok(table::push(Resource::Pollable(Pollable::Deadline(deadline)), None)? as i32)
}

fn datetime(t: rustix::time::Timespec) -> Datetime {
    Datetime { seconds: t.tv_sec.max(0) as u64, nanoseconds: t.tv_nsec as u32 }
}

/// `wall-clock.now`.
pub fn wall_clock_now(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    cx.store(ret as u32, &datetime(clock_gettime(ClockId::Realtime)))
}

/// `wall-clock.resolution`.
pub fn wall_clock_resolution(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    cx.store(ret as u32, &datetime(clock_getres(ClockId::Realtime)))
}
