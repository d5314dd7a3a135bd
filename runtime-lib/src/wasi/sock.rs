//! Sockets: preopened TCP listeners (`--tcplisten`) and the connections
//! `sock_accept` takes from them. preview1 cannot create sockets itself.

use super::consts::*;
use super::errno::{self, Errno};
use super::guest::Guest;
use super::table::{self, Entry, Host, Kind};
use super::WasiCtx;
use core::net::SocketAddr;
use rustix::fd::OwnedFd;
use rustix::net::{AddressFamily, Shutdown, SocketFlags, SocketType};

/// Opens a listening TCP socket on `addr` (like Rust's `TcpListener::bind`:
/// `SO_REUSEADDR`, backlog 128).
pub fn listen(addr: &SocketAddr) -> Result<OwnedFd, rustix::io::Errno> {
    let family = if addr.is_ipv4() { AddressFamily::INET } else { AddressFamily::INET6 };
    let sock = rustix::net::socket_with(family, SocketType::STREAM, SocketFlags::CLOEXEC, None)?;
    rustix::net::sockopt::set_socket_reuseaddr(&sock, true)?;
    rustix::net::bind(&sock, addr)?;
    rustix::net::listen(&sock, 128)?;
    Ok(sock)
}

/// The table entry of a preopened listener.
pub fn listener_entry(sock: OwnedFd) -> Entry {
    Entry {
        host: Host::Owned(sock),
        kind: Kind::Listener,
        filetype: FILETYPE_SOCKET_STREAM,
        base: RIGHTS_LISTENER,
        inheriting: RIGHTS_STREAM,
        readonly: false,
        readable: true,
        writable: false,
        preopen: None,
        listing: None,
    }
}

pub fn accept(g: &Guest, fd: u32, flags: u32, result: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let h = table::handle(cx, fd, 0)?;
    if h.kind != Kind::Listener {
        return Err(errno::NOTSOCK);
    }
    let h = table::handle(cx, fd, RIGHT_SOCK_ACCEPT)?;
    if flags & !u32::from(FDFLAGS_NONBLOCK) != 0 {
        return Err(errno::INVAL);
    }
    g.check(result, 4)?;
    let mut host_flags = SocketFlags::CLOEXEC;
    if flags & u32::from(FDFLAGS_NONBLOCK) != 0 {
        host_flags |= SocketFlags::NONBLOCK;
    }
    let conn = loop {
        match rustix::net::accept_with(h.fd(), host_flags) {
            Ok(c) => break c,
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(errno::from_host(e)),
        }
    };
    let new = table::insert(
        cx,
        Entry {
            host: Host::Owned(conn),
            kind: Kind::Stream,
            filetype: FILETYPE_SOCKET_STREAM,
            base: RIGHTS_STREAM & h.inheriting,
            inheriting: 0,
            readonly: false,
            readable: true,
            writable: true,
            preopen: None,
            listing: None,
        },
    )?;
    g.write_u32(result, new)
}

pub fn shutdown(cx: &WasiCtx, fd: u32, how: u32) -> Result<(), Errno> {
    let h = table::handle(cx, fd, 0)?;
    if h.kind != Kind::Stream {
        return Err(errno::NOTSOCK);
    }
    let h = table::handle(cx, fd, RIGHT_SOCK_SHUTDOWN)?;
    let how = match u8::try_from(how).map_err(|_| errno::INVAL)? {
        SHUT_RD => Shutdown::Read,
        SHUT_WR => Shutdown::Write,
        b if b == SHUT_RD | SHUT_WR => Shutdown::Both,
        _ => return Err(errno::INVAL),
    };
    rustix::net::shutdown(h.fd(), how).map_err(errno::from_host)
}
