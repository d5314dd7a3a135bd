//! `wasi:sockets`: TCP and UDP sockets and name lookup, deny by default.
//!
//! Data flow: a component gets its `network` from `instance-network`,
//! creates sockets with `create-tcp-socket`/`create-udp-socket` (host
//! sockets, non-blocking, IPv6 ones IPv6-only) and passes the network and
//! an `ip-socket-address` (flattened into core parameters, lifted by
//! [`lift_addr`]) to `start-bind`/`start-connect`. Every address is checked
//! against the grants of `crate::wasi::grants::NETWORK` first: a TCP
//! socket may bind only to a `--tcplisten` address (and then takes a
//! duplicate of the listener the grant opened), connect only to a
//! `--tcpconnect` address; a UDP socket may bind only to a `--udp`
//! address; anything else is `access-denied`, as in Wasmtime with no
//! socket address allowed. Without any TCP (UDP) grant, creating a TCP
//! (UDP) socket is `access-denied` already, as in Wasmtime with TCP (UDP)
//! disallowed. [`tcp`] and [`udp`] keep Wasmtime's state
//! machines (`start-*`/`finish-*` pairs, `would-block`, `invalid-state`,
//! `not-in-progress`); a connected TCP socket's streams are the `wasi:io`
//! socket streams of [`super::io`], children of the socket in the handle
//! table. Results go back through the canonical layouts of [`abi`]
//! (`ip-socket-address` is [`IpSocketAddress`]). [`lookup`] resolves
//! names (IP literals, `/etc/hosts`, then DNS through [`dns`]) when
//! `--allow-ip-name-lookup` is granted.

/// Returns `Ok(Err(code))` from a function of type
/// `HostResult<SockResult<T>>` when `$e` is an error (an `ErrorCode` or a
/// host error), else yields its value.
macro_rules! sock_try {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Ok(Err(e.into())),
        }
    };
}

pub mod dns;
pub mod lookup;
pub mod options;
pub mod tcp;
pub mod udp;

pub use lookup::*;
pub use tcp::*;
pub use udp::*;

use super::abi::Lower;
use super::table::{self, Resource};
use super::{Cx, HostResult, HostTrap};
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use rustix::io::Errno;

/// `wasi:sockets/network.error-code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ErrorCode {
    Unknown,
    AccessDenied,
    NotSupported,
    InvalidArgument,
    OutOfMemory,
    Timeout,
    ConcurrencyConflict,
    NotInProgress,
    WouldBlock,
    InvalidState,
    NewSocketLimit,
    AddressNotBindable,
    AddressInUse,
    RemoteUnreachable,
    ConnectionRefused,
    ConnectionReset,
    ConnectionAborted,
    DatagramTooLarge,
    NameUnresolvable,
    TemporaryResolverFailure,
    PermanentResolverFailure,
}

impl Lower for ErrorCode {
    const SIZE: u32 = 1;
    const ALIGN: u32 = 1;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        cx.write(ptr, &[*self as u8])
    }
}

impl From<Errno> for ErrorCode {
    /// Wasmtime's mapping of host errors.
    fn from(e: Errno) -> ErrorCode {
        use ErrorCode as C;
        match e {
            Errno::AGAIN | Errno::INTR => C::WouldBlock,
            Errno::PERM | Errno::ACCESS => C::AccessDenied,
            Errno::ADDRINUSE => C::AddressInUse,
            Errno::ADDRNOTAVAIL => C::AddressNotBindable,
            Errno::ALREADY => C::ConcurrencyConflict,
            Errno::TIMEDOUT => C::Timeout,
            Errno::CONNREFUSED => C::ConnectionRefused,
            Errno::CONNRESET => C::ConnectionReset,
            Errno::CONNABORTED => C::ConnectionAborted,
            Errno::INVAL => C::InvalidArgument,
            Errno::HOSTUNREACH | Errno::HOSTDOWN | Errno::NETDOWN | Errno::NETUNREACH | Errno::NONET => {
                C::RemoteUnreachable
            }
            Errno::ISCONN | Errno::NOTCONN | Errno::DESTADDRREQ => C::InvalidState,
            Errno::NFILE | Errno::MFILE => C::NewSocketLimit,
            Errno::MSGSIZE => C::DatagramTooLarge,
            Errno::NOMEM | Errno::NOBUFS => C::OutOfMemory,
            Errno::OPNOTSUPP
            | Errno::NOPROTOOPT
            | Errno::PFNOSUPPORT
            | Errno::PROTONOSUPPORT
            | Errno::PROTOTYPE
            | Errno::SOCKTNOSUPPORT
            | Errno::AFNOSUPPORT => C::NotSupported,
            _ => C::Unknown,
        }
    }
}

/// What most socket operations return to the guest.
pub type SockResult<T> = Result<T, ErrorCode>;

/// `ip-address-family`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Ipv4,
    Ipv6,
}

impl Family {
    /// The family of enum value `v` (a trap for any other value).
    pub fn lift(v: i32) -> HostResult<Family> {
        match v {
            0 => Ok(Family::Ipv4),
            1 => Ok(Family::Ipv6),
            _ => Err(HostTrap::InvalidValue("ip-address-family")),
        }
    }

    /// The enum value.
    pub fn lower(self) -> i32 {
        match self {
            Family::Ipv4 => 0,
            Family::Ipv6 => 1,
        }
    }

    /// The host address family.
    pub fn host(self) -> rustix::net::AddressFamily {
        match self {
            Family::Ipv4 => rustix::net::AddressFamily::INET,
            Family::Ipv6 => rustix::net::AddressFamily::INET6,
        }
    }
}

/// `ip-socket-address` in memory: a `u8` case, then at offset 4 the
/// `ipv4-socket-address` record (port, four octets) or the
/// `ipv6-socket-address` record (port, flow info, eight segments, scope).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpSocketAddress(pub SocketAddr);

impl IpSocketAddress {
    /// The canonical-ABI bytes.
    pub fn encode(&self) -> [u8; 32] {
        let mut b = [0u8; 32];
        match self.0 {
            SocketAddr::V4(a) => {
                b[4..6].copy_from_slice(&a.port().to_le_bytes());
                b[6..10].copy_from_slice(&a.ip().octets());
            }
            SocketAddr::V6(a) => {
                b[0] = 1;
                b[4..6].copy_from_slice(&a.port().to_le_bytes());
                b[8..12].copy_from_slice(&a.flowinfo().to_le_bytes());
                for (i, s) in a.ip().segments().iter().enumerate() {
                    b[12 + 2 * i..14 + 2 * i].copy_from_slice(&s.to_le_bytes());
                }
                b[28..32].copy_from_slice(&a.scope_id().to_le_bytes());
            }
        }
        b
    }

    /// The address stored in `b` (32 bytes); a case other than 0 or 1
    /// traps.
    pub fn decode(b: &[u8; 32]) -> HostResult<SocketAddr> {
        let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
        let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        match b[0] {
            0 => Ok(SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(b[6], b[7], b[8], b[9]), u16_at(4)))),
            1 => {
                let segments: [u16; 8] = core::array::from_fn(|i| u16_at(12 + 2 * i));
                Ok(SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::from(segments), u16_at(4), u32_at(8), u32_at(28))))
            }
            _ => Err(HostTrap::InvalidValue("ip-socket-address")),
        }
    }
}

impl Lower for IpSocketAddress {
    const SIZE: u32 = 32;
    const ALIGN: u32 = 4;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        cx.write(ptr, &self.encode())
    }
}

/// `ip-address` in memory: a `u8` case, then at offset 2 four octets or
/// eight `u16` segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpAddress(pub IpAddr);

impl IpAddress {
    /// The canonical-ABI bytes.
    pub fn encode(&self) -> [u8; 18] {
        let mut b = [0u8; 18];
        match self.0 {
            IpAddr::V4(a) => b[2..6].copy_from_slice(&a.octets()),
            IpAddr::V6(a) => {
                b[0] = 1;
                for (i, s) in a.segments().iter().enumerate() {
                    b[2 + 2 * i..4 + 2 * i].copy_from_slice(&s.to_le_bytes());
                }
            }
        }
        b
    }
}

impl Lower for IpAddress {
    const SIZE: u32 = 18;
    const ALIGN: u32 = 2;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        cx.write(ptr, &self.encode())
    }
}

/// Lifts a flattened `ip-socket-address`: the case, then the eleven joined
/// payload values (an IPv4 address uses the first five). Narrow integers
/// wrap, as the canonical ABI lifts them.
pub fn lift_addr(case: i32, p: [i32; 11]) -> HostResult<SocketAddr> {
    match case {
        0 => {
            let ip = Ipv4Addr::new(p[1] as u8, p[2] as u8, p[3] as u8, p[4] as u8);
            Ok(SocketAddr::V4(SocketAddrV4::new(ip, p[0] as u16)))
        }
        1 => {
            let segments: [u16; 8] = core::array::from_fn(|i| p[2 + i] as u16);
            let ip = Ipv6Addr::from(segments);
            Ok(SocketAddr::V6(SocketAddrV6::new(ip, p[0] as u16, p[1] as u32, p[10] as u32)))
        }
        _ => Err(HostTrap::InvalidValue("ip-socket-address")),
    }
}

/// Lifts a `bool` argument.
pub fn lift_bool(v: i32) -> bool {
    v != 0
}

/// `invalid-argument` for addresses no socket can use: multicast, and the
/// IPv4 broadcast address.
pub fn check_unicast(addr: &SocketAddr) -> SockResult<()> {
    let ok = match addr.ip() {
        IpAddr::V4(ip) => !ip.is_multicast() && !ip.is_broadcast(),
        IpAddr::V6(ip) => !ip.is_multicast(),
    };
    ok.then_some(()).ok_or(ErrorCode::InvalidArgument)
}

/// `invalid-argument` for remote addresses no connection reaches: the
/// unspecified address and port 0.
pub fn check_remote(addr: &SocketAddr) -> SockResult<()> {
    let ip = match addr.ip() {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    };
    (!ip.is_unspecified() && addr.port() != 0).then_some(()).ok_or(ErrorCode::InvalidArgument)
}

/// `invalid-argument` unless `addr` belongs to a socket of `family`. As in
/// Wasmtime, IPv6 sockets refuse IPv4-mapped and (deprecated)
/// IPv4-compatible addresses.
pub fn check_family(addr: &SocketAddr, family: Family) -> SockResult<()> {
    let ok = match (addr.ip(), family) {
        (IpAddr::V4(_), Family::Ipv4) => true,
        (IpAddr::V6(ip), Family::Ipv6) => {
            let s = ip.segments();
            let compatible = s[..6] == [0; 6] && s[6] != 0;
            ip.to_ipv4_mapped().is_none() && !compatible
        }
        _ => false,
    };
    ok.then_some(()).ok_or(ErrorCode::InvalidArgument)
}

/// Traps unless `handle` is a `network`.
pub fn check_network(handle: i32) -> HostResult<()> {
    super::resources::network(handle as u32, |_| Ok(()))
}

/// The local or remote address of a host socket.
pub fn sock_addr(addr: Result<Option<rustix::net::SocketAddrAny>, Errno>) -> SockResult<IpSocketAddress> {
    let any = addr?.ok_or(ErrorCode::InvalidState)?;
    SocketAddr::try_from(any).map(IpSocketAddress).map_err(|_| ErrorCode::Unknown)
}

/// A new non-blocking, close-on-exec socket of `family` (IPv6-only for
/// IPv6).
pub fn new_socket(family: Family, kind: rustix::net::SocketType) -> SockResult<rustix::fd::OwnedFd> {
    use rustix::net::SocketFlags;
    let fd = rustix::net::socket_with(family.host(), kind, SocketFlags::NONBLOCK | SocketFlags::CLOEXEC, None)?;
    if family == Family::Ipv6 {
        rustix::net::sockopt::set_ipv6_v6only(&fd, true)?;
    }
    Ok(fd)
}

// --- wasi:sockets/network, instance-network -------------------------------

/// `[resource-drop]network`.
pub fn drop_network(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, Network, "network")
}

/// `instance-network`: the network every grant applies to.
pub fn instance_network_instance_network(_cx: &mut Cx<'_>) -> HostResult<i32> {
    Ok(table::push(Resource::Network(()), None)? as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_addresses_round_trip_through_their_layout() {
        for text in ["127.0.0.1:8080", "[::1]:443", "[fe80::1:2:3:4%7]:9", "0.0.0.0:0"] {
            let addr: SocketAddr = text.parse().unwrap();
            assert_eq!(IpSocketAddress::decode(&IpSocketAddress(addr).encode()).unwrap(), addr);
        }
        let v6 = SocketAddr::V6(SocketAddrV6::new("1:2:3:4:5:6:7:8".parse().unwrap(), 0x1234, 0xabcd, 5));
        let b = IpSocketAddress(v6).encode();
        assert_eq!(b[0], 1);
        assert_eq!(&b[4..6], &[0x34, 0x12]);
        assert_eq!(&b[8..12], &0xabcdu32.to_le_bytes());
        assert_eq!(&b[12..16], &[1, 0, 2, 0]);
        assert_eq!(&b[28..32], &5u32.to_le_bytes());
        let v4 = IpSocketAddress("10.1.2.3:258".parse().unwrap()).encode();
        assert_eq!(&v4[..10], &[0, 0, 0, 0, 2, 1, 10, 1, 2, 3]);
        let mut bad = v4;
        bad[0] = 2;
        assert!(IpSocketAddress::decode(&bad).is_err());
    }

    #[test]
    fn flat_addresses_lift_like_the_canonical_abi() {
        let v4 = lift_addr(0, [0x1_0050, 127, 0, 0, 0x101, 0, 0, 0, 0, 0, 0]).unwrap();
        assert_eq!(v4, "127.0.0.1:80".parse::<SocketAddr>().unwrap());
        let v6 = lift_addr(1, [443, 9, 0, 0, 0, 0, 0, 0, 0, 1, 3]).unwrap();
        assert_eq!(v6, SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 443, 9, 3)));
        assert!(lift_addr(2, [0; 11]).is_err());
        assert_eq!(IpAddress("::1".parse().unwrap()).encode()[16..], [1, 0]);
        assert_eq!(IpAddress("1.2.3.4".parse().unwrap()).encode()[..6], [0, 0, 1, 2, 3, 4]);
        assert_eq!(<Result<IpSocketAddress, ErrorCode>>::SIZE, 36);
        assert_eq!(<Result<Option<IpAddress>, ErrorCode>>::SIZE, 22);
    }

    #[test]
    fn addresses_are_checked_like_wasmtime() {
        let a = |s: &str| s.parse::<SocketAddr>().unwrap();
        assert_eq!(check_family(&a("[::ffff:1.2.3.4]:1"), Family::Ipv6), Err(ErrorCode::InvalidArgument));
        assert_eq!(check_family(&a("[::1.2.3.4]:1"), Family::Ipv6), Err(ErrorCode::InvalidArgument));
        assert_eq!(check_family(&a("[::1]:1"), Family::Ipv6), Ok(()));
        assert_eq!(check_family(&a("1.2.3.4:1"), Family::Ipv6), Err(ErrorCode::InvalidArgument));
        assert_eq!(check_remote(&a("0.0.0.0:80")), Err(ErrorCode::InvalidArgument));
        assert_eq!(check_remote(&a("127.0.0.1:0")), Err(ErrorCode::InvalidArgument));
        assert_eq!(check_unicast(&a("224.0.0.1:80")), Err(ErrorCode::InvalidArgument));
        assert_eq!(check_unicast(&a("255.255.255.255:80")), Err(ErrorCode::InvalidArgument));
        assert_eq!(ErrorCode::from(Errno::CONNREFUSED), ErrorCode::ConnectionRefused);
    }
}
