//! `wasi:sockets/udp` and `udp-create-socket`.
//!
//! A UDP socket may bind only to a `--udp` address; once bound it sends to
//! and receives from anywhere. `stream` (optionally connecting the socket
//! to one remote address) hands out an incoming and an outgoing datagram
//! stream, children of the socket, which share its host descriptor; it
//! traps while streams from an earlier call are alive, as in Wasmtime.
//! Sending follows Wasmtime's permits: `check-send` grants 16 datagrams
//! (none while the socket's send buffer is full), and `send` of more than
//! the permit traps.

use super::options;
use super::{check_family, check_network, check_remote, lift_addr, new_socket, sock_addr};
use super::{ErrorCode, Family, IpSocketAddress, SockResult};
use crate::wasi::grants::NETWORK;
use crate::wasi2::abi::{List, Lower};
use crate::wasi2::io::{wait, HostFd, Pollable};
use crate::wasi2::resources::{incoming_datagram_stream, outgoing_datagram_stream, udp_socket};
use crate::wasi2::table::{self, Resource};
use crate::wasi2::{Cx, HostResult, HostTrap};
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::net::SocketAddr;
use rustix::event::PollFlags;
use rustix::io::Errno;
use rustix::net::{RecvFlags, SendFlags, SocketType};

/// The largest datagram payload.
const MAX_DATAGRAM: usize = u16::MAX as usize;

/// How many datagrams `check-send` permits at a time (Wasmtime's).
const PERMIT: u64 = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Default,
    BindStarted,
    Bound,
    Connected,
}

/// A UDP socket.
pub struct UdpSocket {
    fd: HostFd,
    family: Family,
    state: State,
    /// Cloned into each datagram stream: more than one owner means streams
    /// are alive.
    streams: Arc<()>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SendState {
    /// `check-send` has not been called since the last `send`.
    Idle,
    Permitted(u64),
    /// The last `send` found the send buffer full.
    Waiting,
}

/// An incoming or outgoing datagram stream.
pub struct DatagramStream {
    fd: HostFd,
    family: Family,
    /// The address the socket is connected to, if any.
    remote: Option<SocketAddr>,
    send: SendState,
    _socket: Arc<()>,
}

/// `incoming-datagram`: the payload at offset 0, the sender at offset 8.
struct IncomingDatagram {
    data: Vec<u8>,
    remote: IpSocketAddress,
}

impl Lower for IncomingDatagram {
    const SIZE: u32 = 40;
    const ALIGN: u32 = 4;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        self.data.store(cx, ptr)?;
        self.remote.store(cx, ptr + 8)
    }
}

fn snapshot(this: i32) -> HostResult<(HostFd, State, Family)> {
    udp_socket(this as u32, |s| Ok((s.fd.clone(), s.state, s.family)))
}

fn set_state(this: i32, state: State) -> HostResult<()> {
    udp_socket(this as u32, |s| {
        s.state = state;
        Ok(())
    })
}

fn reply<T: Lower>(cx: &mut Cx<'_>, ret: i32, r: SockResult<T>) -> HostResult<()> {
    cx.store(ret as u32, &r)
}

/// `EAFNOSUPPORT` from `bind` or `connect` means a wrong address family.
fn family_error(e: Errno) -> ErrorCode {
    if e == Errno::AFNOSUPPORT {
        ErrorCode::InvalidArgument
    } else {
        e.into()
    }
}

// --- the socket -----------------------------------------------------------------

/// `create-udp-socket`.
pub fn udp_create_socket_create_udp_socket(cx: &mut Cx<'_>, family: i32, ret: i32) -> HostResult<()> {
    let family = Family::lift(family)?;
    if !NETWORK.lock().any_udp() {
        return reply(cx, ret, Err::<u32, _>(ErrorCode::AccessDenied));
    }
    let r = match new_socket(family, SocketType::DGRAM) {
        Ok(fd) => {
            let fd = HostFd::Shared(Arc::new(fd));
            let socket = UdpSocket { fd, family, state: State::Default, streams: Arc::new(()) };
            Ok(table::push(Resource::UdpSocket(socket), None)?)
        }
        Err(e) => Err(e),
    };
    reply(cx, ret, r)
}

/// `[resource-drop]udp-socket`.
pub fn drop_udp_socket(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, UdpSocket, "udp-socket")
}

/// `[method]udp-socket.start-bind`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI 0.2 signature")]
pub fn udp_socket_start_bind(
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

/// Wasmtime's order: the state, the family, then the grant.
fn start_bind(this: i32, addr: &SocketAddr) -> HostResult<SockResult<()>> {
    let (fd, state, family) = snapshot(this)?;
    if state != State::Default {
        return Ok(Err(ErrorCode::InvalidState));
    }
    sock_try!(check_family(addr, family));
    if !NETWORK.lock().may_bind_udp(addr) {
        return Ok(Err(ErrorCode::AccessDenied));
    }
    sock_try!(rustix::net::bind(fd.fd(), addr).map_err(family_error));
    set_state(this, State::BindStarted)?;
    Ok(Ok(()))
}

/// `[method]udp-socket.finish-bind`.
pub fn udp_socket_finish_bind(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let r = if snapshot(this)?.1 == State::BindStarted {
        set_state(this, State::Bound)?;
        Ok(())
    } else {
        Err(ErrorCode::NotInProgress)
    };
    reply(cx, ret, r)
}

/// `[method]udp-socket.stream`: new datagram streams, the socket connected
/// to `remote-address` when given (and disconnected otherwise).
#[allow(clippy::too_many_arguments, reason = "the flattened WASI 0.2 signature")]
pub fn udp_socket_stream(
    cx: &mut Cx<'_>,
    this: i32,
    some: i32,
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
    let remote = match some {
        0 => None,
        1 => Some(lift_addr(case, [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10])?),
        _ => return Err(HostTrap::InvalidValue("option discriminant")),
    };
    let r = stream(this, remote)?;
    reply(cx, ret, r)
}

fn stream(this: i32, remote: Option<SocketAddr>) -> HostResult<SockResult<(u32, u32)>> {
    let (fd, state, family) = snapshot(this)?;
    if udp_socket(this as u32, |s| Ok(Arc::strong_count(&s.streams) > 1))? {
        return Err(HostTrap::Other("the socket's datagram streams are not dropped yet"));
    }
    if !matches!(state, State::Bound | State::Connected) {
        return Ok(Err(ErrorCode::InvalidState));
    }
    if state == State::Connected {
        sock_try!(rustix::net::connect_unspec(fd.fd()));
        set_state(this, State::Bound)?;
    }
    if let Some(addr) = &remote {
        sock_try!(check_remote(addr).and(check_family(addr, family)));
        sock_try!(rustix::net::connect(fd.fd(), addr).map_err(family_error));
        set_state(this, State::Connected)?;
    }
    let token = udp_socket(this as u32, |s| Ok(s.streams.clone()))?;
    let stream = |token| DatagramStream { fd: fd.clone(), family, remote, send: SendState::Idle, _socket: token };
    let incoming = table::push(Resource::IncomingDatagramStream(stream(token.clone())), Some(this as u32))?;
    let outgoing = table::push(Resource::OutgoingDatagramStream(stream(token)), Some(this as u32))?;
    Ok(Ok((incoming, outgoing)))
}

/// `[method]udp-socket.local-address`.
pub fn udp_socket_local_address(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, state, _) = snapshot(this)?;
    let r = match state {
        State::Bound | State::Connected => sock_addr(rustix::net::getsockname(fd.fd()).map(Some)),
        _ => Err(ErrorCode::InvalidState),
    };
    reply(cx, ret, r)
}

/// `[method]udp-socket.remote-address`.
pub fn udp_socket_remote_address(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, state, _) = snapshot(this)?;
    let r = match state {
        State::Connected => sock_addr(rustix::net::getpeername(fd.fd())),
        _ => Err(ErrorCode::InvalidState),
    };
    reply(cx, ret, r)
}

/// `[method]udp-socket.address-family`.
pub fn udp_socket_address_family(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    Ok(snapshot(this)?.2.lower())
}

/// `[method]udp-socket.unicast-hop-limit`.
pub fn udp_socket_unicast_hop_limit(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, _, family) = snapshot(this)?;
    reply(cx, ret, options::hop_limit(fd.fd(), family))
}

/// `[method]udp-socket.set-unicast-hop-limit`.
pub fn udp_socket_set_unicast_hop_limit(cx: &mut Cx<'_>, this: i32, value: i32, ret: i32) -> HostResult<()> {
    let (fd, _, family) = snapshot(this)?;
    reply(cx, ret, options::set_hop_limit(fd.fd(), family, value as u8))
}

/// `[method]udp-socket.receive-buffer-size`.
pub fn udp_socket_receive_buffer_size(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, _, _) = snapshot(this)?;
    reply(cx, ret, options::buffer_size(fd.fd(), true))
}

/// `[method]udp-socket.set-receive-buffer-size`.
pub fn udp_socket_set_receive_buffer_size(cx: &mut Cx<'_>, this: i32, value: i64, ret: i32) -> HostResult<()> {
    let (fd, _, _) = snapshot(this)?;
    reply(cx, ret, options::set_buffer_size(fd.fd(), true, value as u64))
}

/// `[method]udp-socket.send-buffer-size`.
pub fn udp_socket_send_buffer_size(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, _, _) = snapshot(this)?;
    reply(cx, ret, options::buffer_size(fd.fd(), false))
}

/// `[method]udp-socket.set-send-buffer-size`.
pub fn udp_socket_set_send_buffer_size(cx: &mut Cx<'_>, this: i32, value: i64, ret: i32) -> HostResult<()> {
    let (fd, _, _) = snapshot(this)?;
    reply(cx, ret, options::set_buffer_size(fd.fd(), false, value as u64))
}

/// `[method]udp-socket.subscribe`: always ready (binding is immediate).
pub fn udp_socket_subscribe(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    snapshot(this)?;
    Ok(table::push(Resource::Pollable(Pollable::Ready), Some(this as u32))? as i32)
}

// --- incoming datagrams --------------------------------------------------------------

/// `[resource-drop]incoming-datagram-stream`.
pub fn drop_incoming_datagram_stream(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, IncomingDatagramStream, "incoming-datagram-stream")
}

/// `[method]incoming-datagram-stream.receive`: up to `max` datagrams that
/// have arrived (possibly none).
pub fn incoming_datagram_stream_receive(cx: &mut Cx<'_>, this: i32, max: i64, ret: i32) -> HostResult<()> {
    let (fd, remote) = incoming_datagram_stream(this as u32, |s| Ok((s.fd.clone(), s.remote)))?;
    let r = receive(&fd, remote, max as u64).map(List);
    reply(cx, ret, r)
}

fn receive(fd: &HostFd, remote: Option<SocketAddr>, max: u64) -> SockResult<Vec<IncomingDatagram>> {
    let mut datagrams = Vec::new();
    if max == 0 {
        return Ok(datagrams);
    }
    let mut buf = vec![0u8; MAX_DATAGRAM];
    while (datagrams.len() as u64) < max {
        let (n, _, from) = match rustix::net::recvfrom(fd.fd(), &mut buf[..], RecvFlags::empty()) {
            Ok(r) => r,
            Err(Errno::INTR) => continue,
            Err(_) if !datagrams.is_empty() => break,
            Err(Errno::AGAIN) => break,
            Err(e) => return Err(e.into()),
        };
        let Some(from) = from.and_then(|a| SocketAddr::try_from(a).ok()) else { continue };
        // The host filters by the connected address already.
        if remote.is_some_and(|r| r.ip() != from.ip() || r.port() != from.port()) {
            continue;
        }
        datagrams.push(IncomingDatagram { data: buf[..n].to_vec(), remote: IpSocketAddress(from) });
    }
    Ok(datagrams)
}

/// `[method]incoming-datagram-stream.subscribe`: ready when a datagram
/// has arrived.
pub fn incoming_datagram_stream_subscribe(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    let fd = incoming_datagram_stream(this as u32, |s| Ok(s.fd.clone()))?;
    Ok(table::push(Resource::Pollable(Pollable::Fd(fd, PollFlags::IN)), Some(this as u32))? as i32)
}

// --- outgoing datagrams -------------------------------------------------------------

/// `[resource-drop]outgoing-datagram-stream`.
pub fn drop_outgoing_datagram_stream(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, OutgoingDatagramStream, "outgoing-datagram-stream")
}

fn set_send(this: i32, send: SendState) -> HostResult<()> {
    outgoing_datagram_stream(this as u32, |s| {
        s.send = send;
        Ok(())
    })
}

/// `[method]outgoing-datagram-stream.check-send`.
pub fn outgoing_datagram_stream_check_send(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let (fd, send) = outgoing_datagram_stream(this as u32, |s| Ok((s.fd.clone(), s.send)))?;
    let permit = match send {
        SendState::Permitted(n) => n,
        SendState::Idle => PERMIT,
        SendState::Waiting if wait(&[Pollable::Fd(fd, PollFlags::OUT)], Some(0)).is_empty() => 0,
        SendState::Waiting => PERMIT,
    };
    if permit > 0 {
        set_send(this, SendState::Permitted(permit))?;
    }
    reply(cx, ret, Ok(permit))
}

/// An `outgoing-datagram` as lifted: payload and optional destination.
type Outgoing = (Vec<u8>, Option<SocketAddr>);

/// Lifts `list<outgoing-datagram>`: 44-byte records of the payload
/// (pointer, length) and, at offset 8, `option<ip-socket-address>`.
fn lift_datagrams(cx: &Cx<'_>, ptr: u32, len: u32) -> HostResult<Vec<Outgoing>> {
    if !ptr.is_multiple_of(4) {
        return Err(HostTrap::Other("misaligned list pointer"));
    }
    let bytes = cx.bytes(ptr, len.checked_mul(44).ok_or(HostTrap::OutOfBounds)?)?;
    let mut out = Vec::with_capacity(len as usize);
    for rec in bytes.chunks_exact(44) {
        let word = |i: usize| u32::from_le_bytes([rec[i], rec[i + 1], rec[i + 2], rec[i + 3]]);
        let data = cx.bytes(word(0), word(4))?;
        let to = match rec[8] {
            0 => None,
            1 => {
                let addr: &[u8; 32] = rec[12..44].try_into().map_err(|_| HostTrap::OutOfBounds)?;
                Some(IpSocketAddress::decode(addr)?)
            }
            _ => return Err(HostTrap::InvalidValue("option discriminant")),
        };
        out.push((data, to));
    }
    Ok(out)
}

/// `[method]outgoing-datagram-stream.send`: how many datagrams were sent
/// (an error only if none was).
pub fn outgoing_datagram_stream_send(cx: &mut Cx<'_>, this: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    let datagrams = lift_datagrams(cx, ptr as u32, len as u32)?;
    let (fd, family, remote, send) =
        outgoing_datagram_stream(this as u32, |s| Ok((s.fd.clone(), s.family, s.remote, s.send)))?;
    match send {
        SendState::Permitted(n) if n >= datagrams.len() as u64 => set_send(this, SendState::Idle)?,
        SendState::Permitted(_) => return Err(HostTrap::Other("send exceeds the permit of check-send")),
        _ => return Err(HostTrap::Other("send without a permit from check-send")),
    }
    let mut sent = 0u64;
    for (data, to) in &datagrams {
        match send_one(&fd, family, remote, data, *to) {
            Ok(()) => sent += 1,
            Err(_) if sent > 0 => break,
            Err(ErrorCode::WouldBlock) => {
                set_send(this, SendState::Waiting)?;
                break;
            }
            Err(e) => return reply(cx, ret, Err::<u64, _>(e)),
        }
    }
    reply(cx, ret, Ok(sent))
}

fn send_one(
    fd: &HostFd,
    family: Family,
    remote: Option<SocketAddr>,
    data: &[u8],
    to: Option<SocketAddr>,
) -> SockResult<()> {
    if data.len() > MAX_DATAGRAM {
        return Err(ErrorCode::DatagramTooLarge);
    }
    let addr = match (remote, to) {
        (None, Some(a)) => a,
        (Some(r), None) => r,
        (Some(r), Some(a)) if r == a => r,
        _ => return Err(ErrorCode::InvalidArgument),
    };
    check_remote(&addr).and(check_family(&addr, family))?;
    let sent = if remote == Some(addr) {
        rustix::net::send(fd.fd(), data, SendFlags::NOSIGNAL)
    } else {
        rustix::net::sendto(fd.fd(), data, SendFlags::NOSIGNAL, &addr)
    };
    sent.map(drop).map_err(ErrorCode::from)
}

/// `[method]outgoing-datagram-stream.subscribe`: ready when the socket can
/// send.
pub fn outgoing_datagram_stream_subscribe(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    let fd = outgoing_datagram_stream(this as u32, |s| Ok(s.fd.clone()))?;
    Ok(table::push(Resource::Pollable(Pollable::Fd(fd, PollFlags::OUT)), Some(this as u32))? as i32)
}
