//! `wasi:sockets/tcp` and `tcp-create-socket`.
//!
//! A socket moves through Wasmtime's states: unbound, bind started, bound,
//! then either listen started and listening, or connecting and connected
//! (a failed connect or listen leaves it closed). Binding is granted only
//! for `--tcplisten` addresses: the socket then becomes a duplicate of the
//! listener the grant opened (already bound and listening, so the port is
//! not taken twice); `finish-listen` sets its backlog. Connecting is
//! granted only to `--tcpconnect` addresses and runs non-blocking:
//! `finish-connect` is `would-block` until the host socket is writable.
//! The streams of a connection are children of its socket.

use super::options::{self, KeepAlive};
use super::{check_family, check_network, check_remote, check_unicast, lift_addr, lift_bool, new_socket, sock_addr};
use super::{ErrorCode, Family, IpSocketAddress, SockResult};
use crate::wasi::grants::NETWORK;
use crate::wasi2::abi::Lower;
use crate::wasi2::io::{wait, HostFd, InputStream, OutputStream, Pollable};
use crate::wasi2::resources::tcp_socket;
use crate::wasi2::table::{self, Resource};
use crate::wasi2::{Cx, HostResult, HostTrap};
use alloc::sync::Arc;
use core::net::SocketAddr;
use rustix::event::PollFlags;
use rustix::fd::{BorrowedFd, OwnedFd};
use rustix::io::Errno;
use rustix::net::{Shutdown, SocketFlags, SocketType};

/// The listen backlog until `set-listen-backlog-size` (Wasmtime's).
const DEFAULT_BACKLOG: u32 = 128;

/// Where a TCP socket is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Default,
    BindStarted,
    Bound,
    ListenStarted,
    Listening,
    Connecting,
    /// `connect` failed at once; `finish-connect` reports it.
    ConnectFailed(Errno),
    Connected,
    Closed,
}

/// A TCP socket.
pub struct TcpSocket {
    fd: HostFd,
    family: Family,
    state: State,
    backlog: u32,
}

impl TcpSocket {
    fn new(fd: OwnedFd, family: Family, state: State) -> TcpSocket {
        TcpSocket { fd: HostFd::Shared(Arc::new(fd)), family, state, backlog: DEFAULT_BACKLOG }
    }
}

/// A copy of what an operation needs from socket `this`.
fn snapshot(this: i32) -> HostResult<(HostFd, State, Family)> {
    tcp_socket(this as u32, |s| Ok((s.fd.clone(), s.state, s.family)))
}

fn set_state(this: i32, state: State) -> HostResult<()> {
    tcp_socket(this as u32, |s| {
        s.state = state;
        Ok(())
    })
}

/// Stores a `result<T, error-code>` at `ret`.
fn reply<T: Lower>(cx: &mut Cx<'_>, ret: i32, r: SockResult<T>) -> HostResult<()> {
    cx.store(ret as u32, &r)
}

/// A new input and output stream on `fd`, children of socket `parent`.
fn push_streams(parent: u32, fd: &HostFd) -> HostResult<(u32, u32)> {
    let input = table::push(Resource::InputStream(InputStream::Socket { fd: fd.clone() }), Some(parent))?;
    let output = table::push(Resource::OutputStream(OutputStream::Socket { fd: fd.clone() }), Some(parent))?;
    Ok((input, output))
}

// --- creation and binding ---------------------------------------------------

/// `create-tcp-socket`.
pub fn tcp_create_socket_create_tcp_socket(cx: &mut Cx<'_>, family: i32, ret: i32) -> HostResult<()> {
    let family = Family::lift(family)?;
    if !NETWORK.lock().any_tcp() {
        return reply(cx, ret, Err::<u32, _>(ErrorCode::AccessDenied));
    }
    let r = match new_socket(family, SocketType::STREAM) {
        Ok(fd) => Ok(table::push(Resource::TcpSocket(TcpSocket::new(fd, family, State::Default)), None)?),
        Err(e) => Err(e),
    };
    reply(cx, ret, r)
}

/// `[resource-drop]tcp-socket`.
pub fn drop_tcp_socket(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, TcpSocket, "tcp-socket")
}

/// `[method]tcp-socket.start-bind`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI 0.2 signature")]
pub fn tcp_socket_start_bind(
    cx: &mut Cx<'_>,
    this: i32,
    network: i32,
    case: i32,
    a0: i32,
    a1: i32,
    a2: i32,
    a3: i32,
    a4: i32,
    a5: i32,
    a6: i32,
    a7: i32,
    a8: i32,
    a9: i32,
    a10: i32,
    ret: i32,
) -> HostResult<()> {
    let addr = lift_addr(case, [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10])?;
    check_network(network)?;
    let r = start_bind(this, &addr)?;
    reply(cx, ret, r)
}

fn start_bind(this: i32, addr: &SocketAddr) -> HostResult<SockResult<()>> {
    let (_, state, family) = snapshot(this)?;
    let Some(listener) = NETWORK.lock().tcp_listener(addr) else {
        return Ok(Err(ErrorCode::AccessDenied));
    };
    if state != State::Default {
        return Ok(Err(ErrorCode::InvalidState));
    }
    sock_try!(check_unicast(addr).and(check_family(addr, family)));
    let listener = sock_try!(listener);
    sock_try!(rustix::io::ioctl_fionbio(&listener, true));
    tcp_socket(this as u32, |s| {
        s.fd = HostFd::Shared(Arc::new(listener));
        s.state = State::BindStarted;
        Ok(Ok(()))
    })
}

/// `[method]tcp-socket.finish-bind`.
pub fn tcp_socket_finish_bind(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (_, state, _) = snapshot(this)?;
    let r = if state == State::BindStarted {
        set_state(this, State::Bound)?;
        Ok(())
    } else {
        Err(ErrorCode::NotInProgress)
    };
    reply(cx, ret, r)
}

// --- connecting ---------------------------------------------------------------

/// `[method]tcp-socket.start-connect`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI 0.2 signature")]
pub fn tcp_socket_start_connect(
    cx: &mut Cx<'_>,
    this: i32,
    network: i32,
    case: i32,
    a0: i32,
    a1: i32,
    a2: i32,
    a3: i32,
    a4: i32,
    a5: i32,
    a6: i32,
    a7: i32,
    a8: i32,
    a9: i32,
    a10: i32,
    ret: i32,
) -> HostResult<()> {
    let addr = lift_addr(case, [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10])?;
    check_network(network)?;
    let r = start_connect(this, &addr)?;
    reply(cx, ret, r)
}

fn start_connect(this: i32, addr: &SocketAddr) -> HostResult<SockResult<()>> {
    let (fd, state, family) = snapshot(this)?;
    if !NETWORK.lock().may_connect_tcp(addr) {
        return Ok(Err(ErrorCode::AccessDenied));
    }
    if !matches!(state, State::Default | State::Bound) {
        return Ok(Err(ErrorCode::InvalidState));
    }
    sock_try!(check_unicast(addr).and(check_remote(addr)).and(check_family(addr, family)));
    let next = match rustix::net::connect(fd.fd(), addr) {
        Ok(()) | Err(Errno::INPROGRESS) | Err(Errno::INTR) => State::Connecting,
        Err(e) => State::ConnectFailed(e),
    };
    set_state(this, next)?;
    Ok(Ok(()))
}

/// `[method]tcp-socket.finish-connect`: the connection's input and output
/// streams.
pub fn tcp_socket_finish_connect(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let r = finish_connect(this)?;
    reply(cx, ret, r)
}

fn finish_connect(this: i32) -> HostResult<SockResult<(u32, u32)>> {
    let (fd, state, _) = snapshot(this)?;
    let outcome = match state {
        State::ConnectFailed(e) => Err(e),
        State::Connecting => {
            if wait(&[Pollable::Fd(fd.clone(), PollFlags::OUT)], Some(0)).is_empty() {
                return Ok(Err(ErrorCode::WouldBlock));
            }
            rustix::net::sockopt::socket_error(fd.fd()).and_then(|r| r)
        }
        _ => return Ok(Err(ErrorCode::NotInProgress)),
    };
    if let Err(e) = outcome {
        set_state(this, State::Closed)?;
        return Ok(Err(e.into()));
    }
    set_state(this, State::Connected)?;
    Ok(Ok(push_streams(this as u32, &fd)?))
}

// --- listening ------------------------------------------------------------------

/// `[method]tcp-socket.start-listen`.
pub fn tcp_socket_start_listen(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (_, state, _) = snapshot(this)?;
    let r = if state == State::Bound {
        set_state(this, State::ListenStarted)?;
        Ok(())
    } else {
        Err(ErrorCode::InvalidState)
    };
    reply(cx, ret, r)
}

/// `[method]tcp-socket.finish-listen`.
pub fn tcp_socket_finish_listen(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, state, _) = snapshot(this)?;
    let backlog = tcp_socket(this as u32, |s| Ok(s.backlog))?;
    let r = if state != State::ListenStarted {
        Err(ErrorCode::NotInProgress)
    } else {
        let listened = rustix::net::listen(fd.fd(), backlog as i32);
        set_state(this, if listened.is_ok() { State::Listening } else { State::Closed })?;
        listened.map_err(ErrorCode::from)
    };
    reply(cx, ret, r)
}

/// `[method]tcp-socket.accept`: a connected socket and its streams.
pub fn tcp_socket_accept(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let r = accept(this)?;
    reply(cx, ret, r.map(|(s, i, o)| (s, (i, o))))
}

fn accept(this: i32) -> HostResult<SockResult<(u32, u32, u32)>> {
    let (fd, state, family) = snapshot(this)?;
    if state != State::Listening {
        return Ok(Err(ErrorCode::InvalidState));
    }
    let conn = loop {
        match rustix::net::accept_with(fd.fd(), SocketFlags::NONBLOCK | SocketFlags::CLOEXEC) {
            Ok(c) => break c,
            Err(Errno::INTR) => {}
            Err(e) => return Ok(Err(accept_error(e))),
        }
    };
    let socket = TcpSocket::new(conn, family, State::Connected);
    let conn_fd = socket.fd.clone();
    let handle = table::push(Resource::TcpSocket(socket), None)?;
    let (input, output) = push_streams(handle, &conn_fd)?;
    Ok(Ok((handle, input, output)))
}

/// Linux reports a connection's pending network error from `accept`; as
/// in Wasmtime, those are `connection-aborted`.
fn accept_error(e: Errno) -> ErrorCode {
    match e {
        Errno::CONNRESET
        | Errno::NETRESET
        | Errno::HOSTUNREACH
        | Errno::HOSTDOWN
        | Errno::NETDOWN
        | Errno::NETUNREACH
        | Errno::PROTO
        | Errno::NOPROTOOPT
        | Errno::NONET
        | Errno::OPNOTSUPP => ErrorCode::ConnectionAborted,
        e => e.into(),
    }
}

/// `[method]tcp-socket.set-listen-backlog-size`: clamped to 1 ..= 2^31-1;
/// on a listening socket `listen` is called again.
pub fn tcp_socket_set_listen_backlog_size(cx: &mut Cx<'_>, this: i32, value: i64, ret: i32) -> HostResult<()> {
    let (fd, state, _) = snapshot(this)?;
    let value = (value as u64).min(i32::MAX as u64) as u32;
    let r = match state {
        _ if value == 0 => Err(ErrorCode::InvalidArgument),
        State::Default | State::Bound => Ok(()),
        State::Listening => rustix::net::listen(fd.fd(), value as i32).map_err(|_| ErrorCode::NotSupported),
        _ => Err(ErrorCode::InvalidState),
    };
    if r.is_ok() {
        tcp_socket(this as u32, |s| {
            s.backlog = value;
            Ok(())
        })?;
    }
    reply(cx, ret, r)
}

// --- state and addresses ----------------------------------------------------------

/// `[method]tcp-socket.local-address`.
pub fn tcp_socket_local_address(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, state, _) = snapshot(this)?;
    let r = match state {
        State::Bound | State::ListenStarted | State::Listening | State::Connected => {
            sock_addr(rustix::net::getsockname(fd.fd()).map(Some))
        }
        _ => Err(ErrorCode::InvalidState),
    };
    reply(cx, ret, r)
}

/// `[method]tcp-socket.remote-address`.
pub fn tcp_socket_remote_address(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, state, _) = snapshot(this)?;
    let r: SockResult<IpSocketAddress> = match state {
        State::Connected => sock_addr(rustix::net::getpeername(fd.fd())),
        _ => Err(ErrorCode::InvalidState),
    };
    reply(cx, ret, r)
}

/// `[method]tcp-socket.is-listening`.
pub fn tcp_socket_is_listening(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    Ok(i32::from(snapshot(this)?.1 == State::Listening))
}

/// `[method]tcp-socket.address-family`.
pub fn tcp_socket_address_family(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    Ok(snapshot(this)?.2.lower())
}

/// `[method]tcp-socket.subscribe`: ready when a connection attempt
/// finished or a connection waits to be accepted (at once otherwise).
pub fn tcp_socket_subscribe(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    let (fd, state, _) = snapshot(this)?;
    let p = match state {
        State::Listening => Pollable::Fd(fd, PollFlags::IN),
        State::Connecting => Pollable::Fd(fd, PollFlags::OUT),
        _ => Pollable::Ready,
    };
    Ok(table::push(Resource::Pollable(p), Some(this as u32))? as i32)
}

/// `[method]tcp-socket.shutdown`.
pub fn tcp_socket_shutdown(cx: &mut Cx<'_>, this: i32, how: i32, ret: i32) -> HostResult<()> {
    let how = match how {
        0 => Shutdown::Read,
        1 => Shutdown::Write,
        2 => Shutdown::Both,
        _ => return Err(HostTrap::InvalidValue("shutdown-type")),
    };
    let (fd, state, _) = snapshot(this)?;
    let r = match state {
        State::Connected => rustix::net::shutdown(fd.fd(), how).map_err(ErrorCode::from),
        _ => Err(ErrorCode::InvalidState),
    };
    reply(cx, ret, r)
}

// --- options -----------------------------------------------------------------------

/// Runs socket-option access `f` on socket `this` and stores its result;
/// a socket that is connecting or closed has none (`invalid-state`).
fn option<T: Lower>(
    cx: &mut Cx<'_>,
    this: i32,
    ret: i32,
    f: impl FnOnce(BorrowedFd<'_>, Family) -> SockResult<T>,
) -> HostResult<()> {
    let (fd, state, family) = snapshot(this)?;
    let r = match state {
        State::Connecting | State::ConnectFailed(_) | State::Closed => Err(ErrorCode::InvalidState),
        _ => f(fd.fd(), family),
    };
    reply(cx, ret, r)
}

/// `[method]tcp-socket.keep-alive-enabled`.
pub fn tcp_socket_keep_alive_enabled(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| Ok(rustix::net::sockopt::socket_keepalive(fd)?))
}

/// `[method]tcp-socket.set-keep-alive-enabled`.
pub fn tcp_socket_set_keep_alive_enabled(cx: &mut Cx<'_>, this: i32, value: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| Ok(rustix::net::sockopt::set_socket_keepalive(fd, lift_bool(value))?))
}

/// `[method]tcp-socket.keep-alive-idle-time`.
pub fn tcp_socket_keep_alive_idle_time(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::keep_alive_time(fd, KeepAlive::Idle))
}

/// `[method]tcp-socket.set-keep-alive-idle-time`.
pub fn tcp_socket_set_keep_alive_idle_time(cx: &mut Cx<'_>, this: i32, value: i64, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::set_keep_alive_time(fd, KeepAlive::Idle, value as u64))
}

/// `[method]tcp-socket.keep-alive-interval`.
pub fn tcp_socket_keep_alive_interval(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::keep_alive_time(fd, KeepAlive::Interval))
}

/// `[method]tcp-socket.set-keep-alive-interval`.
pub fn tcp_socket_set_keep_alive_interval(cx: &mut Cx<'_>, this: i32, value: i64, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::set_keep_alive_time(fd, KeepAlive::Interval, value as u64))
}

/// `[method]tcp-socket.keep-alive-count`.
pub fn tcp_socket_keep_alive_count(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| Ok(rustix::net::sockopt::tcp_keepcnt(fd)?))
}

/// `[method]tcp-socket.set-keep-alive-count`.
pub fn tcp_socket_set_keep_alive_count(cx: &mut Cx<'_>, this: i32, value: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::set_keep_alive_count(fd, value as u32))
}

/// `[method]tcp-socket.hop-limit`.
pub fn tcp_socket_hop_limit(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, options::hop_limit)
}

/// `[method]tcp-socket.set-hop-limit`.
pub fn tcp_socket_set_hop_limit(cx: &mut Cx<'_>, this: i32, value: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, family| options::set_hop_limit(fd, family, value as u8))
}

/// `[method]tcp-socket.receive-buffer-size`.
pub fn tcp_socket_receive_buffer_size(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::buffer_size(fd, true))
}

/// `[method]tcp-socket.set-receive-buffer-size`.
pub fn tcp_socket_set_receive_buffer_size(cx: &mut Cx<'_>, this: i32, value: i64, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::set_buffer_size(fd, true, value as u64))
}

/// `[method]tcp-socket.send-buffer-size`.
pub fn tcp_socket_send_buffer_size(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::buffer_size(fd, false))
}

/// `[method]tcp-socket.set-send-buffer-size`.
pub fn tcp_socket_set_send_buffer_size(cx: &mut Cx<'_>, this: i32, value: i64, ret: i32) -> HostResult<()> {
    option(cx, this, ret, |fd, _| options::set_buffer_size(fd, false, value as u64))
}
