//! Socket options shared by TCP and UDP sockets, normalized as Wasmtime
//! does: zero is `invalid-argument`, out-of-range values are clamped, and
//! buffer sizes read back as set (Linux reports twice the size asked for).

use super::{ErrorCode, Family, SockResult};
use core::time::Duration;
use rustix::fd::BorrowedFd;
use rustix::io::Errno;
use rustix::net::sockopt;

const NANOS_PER_SEC: u64 = 1_000_000_000;

/// `invalid-argument` for zero.
fn nonzero(value: u64) -> SockResult<u64> {
    if value == 0 {
        Err(ErrorCode::InvalidArgument)
    } else {
        Ok(value)
    }
}

/// The unicast hop limit (IPv4 TTL or IPv6 unicast hops).
pub fn hop_limit(fd: BorrowedFd<'_>, family: Family) -> SockResult<u8> {
    Ok(match family {
        Family::Ipv4 => u8::try_from(sockopt::ip_ttl(fd)?).unwrap_or(u8::MAX),
        Family::Ipv6 => sockopt::ipv6_unicast_hops(fd)?,
    })
}

/// Sets the unicast hop limit.
pub fn set_hop_limit(fd: BorrowedFd<'_>, family: Family, value: u8) -> SockResult<()> {
    nonzero(u64::from(value))?;
    match family {
        Family::Ipv4 => sockopt::set_ip_ttl(fd, u32::from(value))?,
        Family::Ipv6 => sockopt::set_ipv6_unicast_hops(fd, Some(value))?,
    }
    Ok(())
}

/// `SO_RCVBUF` or `SO_SNDBUF`, halved back to what was set.
pub fn buffer_size(fd: BorrowedFd<'_>, receive: bool) -> SockResult<u64> {
    let raw = if receive { sockopt::socket_recv_buffer_size(fd)? } else { sockopt::socket_send_buffer_size(fd)? };
    Ok(raw as u64 / 2)
}

/// Sets `SO_RCVBUF` or `SO_SNDBUF`: a hint, clamped by the kernel (an
/// `ENOBUFS` is not an error).
pub fn set_buffer_size(fd: BorrowedFd<'_>, receive: bool, value: u64) -> SockResult<()> {
    let value = nonzero(value)?.min(i32::MAX as u64) as usize;
    let r = if receive {
        sockopt::set_socket_recv_buffer_size(fd, value)
    } else {
        sockopt::set_socket_send_buffer_size(fd, value)
    };
    match r {
        Ok(()) | Err(Errno::NOBUFS) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Which keep-alive duration.
#[derive(Clone, Copy)]
pub enum KeepAlive {
    /// `TCP_KEEPIDLE`.
    Idle,
    /// `TCP_KEEPINTVL`.
    Interval,
}

/// A keep-alive duration, in nanoseconds.
pub fn keep_alive_time(fd: BorrowedFd<'_>, which: KeepAlive) -> SockResult<u64> {
    let d = match which {
        KeepAlive::Idle => sockopt::tcp_keepidle(fd)?,
        KeepAlive::Interval => sockopt::tcp_keepintvl(fd)?,
    };
    Ok(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// Sets a keep-alive duration, clamped to 1 s ..= 32767 s (Linux's limit).
pub fn set_keep_alive_time(fd: BorrowedFd<'_>, which: KeepAlive, nanos: u64) -> SockResult<()> {
    let nanos = nonzero(nanos)?.clamp(NANOS_PER_SEC, i16::MAX as u64 * NANOS_PER_SEC);
    let d = Duration::from_nanos(nanos);
    match which {
        KeepAlive::Idle => sockopt::set_tcp_keepidle(fd, d)?,
        KeepAlive::Interval => sockopt::set_tcp_keepintvl(fd, d)?,
    }
    Ok(())
}

/// Sets the keep-alive probe count, clamped to 1 ..= 127.
pub fn set_keep_alive_count(fd: BorrowedFd<'_>, value: u32) -> SockResult<()> {
    let value = nonzero(u64::from(value))?.min(i8::MAX as u64) as u32;
    Ok(sockopt::set_tcp_keepcnt(fd, value)?)
}
