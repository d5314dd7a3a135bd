//! `poll_oneoff`: waits for clock and descriptor subscriptions with one
//! `ppoll` whose timeout is the nearest clock deadline.
//!
//! Clock deadlines (relative, or absolute with `subscription_clock_abstime`)
//! are converted to the monotonic clock once, at the start. Subscriptions
//! that cannot be waited for (a bad descriptor, a missing right, a CPU-time
//! clock) complete at once with their error in the event, as the spec says.

use super::consts::*;
use super::errno::{self, Errno};
use super::fd::bytes_available;
use super::guest::Guest;
use super::table::{self, Handle};
use alloc::vec::Vec;
use rustix::event::{PollFd, PollFlags};
use rustix::io::Errno as HostErrno;
use rustix::time::{ClockId, Timespec};

struct Event {
    userdata: u64,
    error: Errno,
    kind: u8,
    nbytes: u64,
    flags: u16,
}

enum Wait {
    /// Until this monotonic time, in nanoseconds.
    Clock(u64),
    Fd(Handle, u8),
}

fn now(id: ClockId) -> u64 {
    super::nanos(rustix::time::clock_gettime(id))
}

fn read_u64(g: &Guest, at: u32) -> Result<u64, Errno> {
    let lo = g.read_u32(at)?;
    let hi = g.read_u32(at + 4)?;
    Ok(u64::from(lo) | (u64::from(hi) << 32))
}

pub fn poll_oneoff(g: &Guest, subs: u32, events: u32, nsubs: u32, nevents: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    if nsubs == 0 {
        return Err(errno::INVAL);
    }
    g.check(subs, u64::from(nsubs) * u64::from(SUBSCRIPTION_SIZE))?;
    g.check(events, u64::from(nsubs) * u64::from(EVENT_SIZE))?;
    g.check(nevents, 4)?;
    let start = now(ClockId::Monotonic);
    let mut waits: Vec<(u64, Wait)> = Vec::new();
    let mut ready: Vec<Event> = Vec::new();
    for i in 0..nsubs {
        let at = subs + i * SUBSCRIPTION_SIZE;
        let userdata = read_u64(g, at)?;
        let tag = g.slice(at + 8, 1)?[0];
        let fail = |error, kind| Event { userdata, error, kind, nbytes: 0, flags: 0 };
        match tag {
            EVENTTYPE_CLOCK => {
                let id = g.read_u32(at + 16)?;
                let timeout = read_u64(g, at + 24)?;
                let flags = u16::from_le_bytes(g.slice(at + 40, 2)?.try_into().map_err(|_| errno::FAULT)?);
                let clock = match id {
                    0 => ClockId::Realtime,
                    1 => ClockId::Monotonic,
                    // Neither CPU-time clock advances while the thread waits.
                    2 | 3 => {
                        ready.push(fail(errno::NOTSUP, EVENTTYPE_CLOCK));
                        continue;
                    }
                    _ => {
                        ready.push(fail(errno::INVAL, EVENTTYPE_CLOCK));
                        continue;
                    }
                };
                let remaining =
                    if flags & SUBSCRIPTION_CLOCK_ABSTIME != 0 { timeout.saturating_sub(now(clock)) } else { timeout };
                waits.push((userdata, Wait::Clock(start.saturating_add(remaining))));
            }
            EVENTTYPE_FD_READ | EVENTTYPE_FD_WRITE => {
                let fd = g.read_u32(at + 16)?;
                match table::handle(cx, fd, RIGHT_POLL_FD_READWRITE) {
                    Ok(h) => waits.push((userdata, Wait::Fd(h, tag))),
                    Err(e) => ready.push(fail(e, tag)),
                }
            }
            _ => return Err(errno::INVAL),
        }
    }

    loop {
        let deadline = waits.iter().filter_map(|(_, w)| if let Wait::Clock(d) = w { Some(*d) } else { None }).min();
        let timeout_ns = match (ready.is_empty(), deadline) {
            (false, _) => Some(0),
            (true, Some(d)) => Some(d.saturating_sub(now(ClockId::Monotonic))),
            (true, None) => None,
        };
        let mut pollfds: Vec<PollFd<'_>> = Vec::new();
        for (_, w) in &waits {
            if let Wait::Fd(h, kind) = w {
                let events = if *kind == EVENTTYPE_FD_READ { PollFlags::IN } else { PollFlags::OUT };
                pollfds.push(PollFd::from_borrowed_fd(h.fd(), events));
            }
        }
        let timeout =
            timeout_ns.map(|ns| Timespec { tv_sec: (ns / 1_000_000_000) as i64, tv_nsec: (ns % 1_000_000_000) as _ });
        match rustix::event::poll(&mut pollfds, timeout.as_ref()) {
            Ok(_) | Err(HostErrno::INTR) => {}
            Err(e) => return Err(errno::from_host(e)),
        }
        let revents: Vec<PollFlags> = pollfds.iter().map(PollFd::revents).collect();
        let mut fds = revents.into_iter();
        let after = now(ClockId::Monotonic);
        for (userdata, w) in &waits {
            match w {
                Wait::Clock(d) if *d <= after => {
                    ready.push(Event { userdata: *userdata, error: 0, kind: EVENTTYPE_CLOCK, nbytes: 0, flags: 0 })
                }
                Wait::Clock(_) => {}
                Wait::Fd(h, kind) => {
                    let re = fds.next().unwrap_or(PollFlags::empty());
                    if re.is_empty() {
                        continue;
                    }
                    let (error, nbytes) = if re.contains(PollFlags::NVAL) {
                        (errno::BADF, 0)
                    } else if *kind == EVENTTYPE_FD_READ {
                        (0, bytes_available(h))
                    } else {
                        (0, 0)
                    };
                    let flags = if re.contains(PollFlags::HUP) { EVENT_FD_READWRITE_HANGUP } else { 0 };
                    ready.push(Event { userdata: *userdata, error, kind: *kind, nbytes, flags });
                }
            }
        }
        if !ready.is_empty() {
            break;
        }
    }

    for (i, e) in ready.iter().enumerate() {
        let mut out = [0u8; EVENT_SIZE as usize];
        out[0..8].copy_from_slice(&e.userdata.to_le_bytes());
        out[8..10].copy_from_slice(&e.error.to_le_bytes());
        out[10] = e.kind;
        out[16..24].copy_from_slice(&e.nbytes.to_le_bytes());
        out[24..26].copy_from_slice(&e.flags.to_le_bytes());
        g.write_bytes(events + i as u32 * EVENT_SIZE, &out)?;
    }
    g.write_u32(nevents, ready.len() as u32)
}
