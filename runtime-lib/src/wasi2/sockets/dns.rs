//! A small stub resolver (there is no libc): `/etc/hosts`, then A and AAAA
//! queries over UDP to the nameservers of `/etc/resolv.conf`, with its
//! `search`, `ndots`, `timeout` and `attempts`. Both queries go out at once
//! to one server at a time; a name whose server says NXDOMAIN is
//! `name-unresolvable`, silence or SERVFAIL `temporary-resolver-failure`.
//! A truncated answer is used as far as it goes (there is no TCP retry).

use super::{new_socket, ErrorCode, Family, SockResult};
use crate::wasi2::io::{wait, HostFd, Pollable};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use rustix::event::PollFlags;
use rustix::io::Errno;
use rustix::net::{RecvFlags, SendFlags, SocketType};

const TYPE_A: u16 = 1;
const TYPE_AAAA: u16 = 28;
const CLASS_IN: u16 = 1;

/// The parts of `/etc/resolv.conf` the resolver uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvConf {
    pub servers: Vec<SocketAddr>,
    pub search: Vec<String>,
    pub ndots: usize,
    pub timeout_ms: u64,
    pub attempts: u32,
}

impl ResolvConf {
    /// Parses the file's text; missing settings get glibc's defaults (the
    /// local host as nameserver, ndots 1, 5 s, 2 attempts).
    pub fn parse(text: &[u8]) -> ResolvConf {
        let mut conf = ResolvConf { servers: Vec::new(), search: Vec::new(), ndots: 1, timeout_ms: 5000, attempts: 2 };
        for line in text.split(|&b| b == b'\n') {
            let line = String::from_utf8_lossy(line);
            let mut words = line.split_ascii_whitespace();
            match words.next() {
                Some("nameserver") => {
                    let ip = words.next().map(|w| w.split('%').next().unwrap_or(w)).and_then(|w| w.parse().ok());
                    if let (Some(ip), true) = (ip, conf.servers.len() < 3) {
                        conf.servers.push(SocketAddr::new(ip, 53));
                    }
                }
                Some("search") => conf.search = words.map(String::from).collect(),
                Some("domain") => conf.search = words.next().map(String::from).into_iter().collect(),
                Some("options") => words.for_each(|w| conf.option(w)),
                _ => {}
            }
        }
        if conf.servers.is_empty() {
            conf.servers = vec![SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 53)];
        }
        conf
    }

    fn option(&mut self, word: &str) {
        let Some((name, value)) = word.split_once(':') else { return };
        let Ok(value) = value.parse::<u32>() else { return };
        match name {
            "ndots" => self.ndots = value.min(15) as usize,
            "timeout" => self.timeout_ms = u64::from(value.clamp(1, 30)) * 1000,
            "attempts" => self.attempts = value.clamp(1, 5),
            _ => {}
        }
    }

    /// The names to query for `name`, in order: a name ending in `.` as
    /// is; otherwise with each search domain, and as is first when it has
    /// at least `ndots` dots (last otherwise).
    pub fn candidates(&self, name: &str) -> Vec<String> {
        if let Some(absolute) = name.strip_suffix('.') {
            return vec![String::from(absolute)];
        }
        let as_is = name.matches('.').count() >= self.ndots;
        let with_domain = |domain: &String| {
            let mut full = String::with_capacity(name.len() + 1 + domain.len());
            full.push_str(name);
            full.push('.');
            full.push_str(domain);
            full
        };
        let mut names: Vec<String> = self.search.iter().map(with_domain).collect();
        if as_is {
            names.insert(0, String::from(name));
        } else {
            names.push(String::from(name));
        }
        names
    }
}

/// The whole of a small file (at most 1 MiB), if it can be read.
pub fn read_file(path: &core::ffi::CStr) -> Option<Vec<u8>> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(path, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty()).ok()?;
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    while data.len() < 1 << 20 {
        match rustix::io::read(&fd, &mut buf) {
            Ok(0) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(Errno::INTR) => {}
            Err(_) => return None,
        }
    }
    Some(data)
}

/// The addresses `hosts` (the text of `/etc/hosts`) gives `name`, in file
/// order, without duplicates.
pub fn hosts_lookup(hosts: &[u8], name: &str) -> Vec<IpAddr> {
    let name = name.strip_suffix('.').unwrap_or(name);
    let mut found = Vec::new();
    for line in hosts.split(|&b| b == b'\n') {
        let line = line.split(|&b| b == b'#').next().unwrap_or_default();
        let line = String::from_utf8_lossy(line);
        let mut words = line.split_ascii_whitespace();
        let Some(ip) = words.next().and_then(|w| w.split('%').next()).and_then(|w| w.parse::<IpAddr>().ok()) else {
            continue;
        };
        if words.any(|w| w.eq_ignore_ascii_case(name)) && !found.contains(&ip) {
            found.push(ip);
        }
    }
    found
}

/// Resolves a domain name (ASCII, lowercase): `/etc/hosts`, the loopback
/// addresses for `localhost` (RFC 6761), then DNS.
pub fn resolve(name: &str) -> SockResult<Vec<IpAddr>> {
    let hosts = hosts_lookup(&read_file(c"/etc/hosts").unwrap_or_default(), name);
    if !hosts.is_empty() {
        return Ok(hosts);
    }
    let bare = name.strip_suffix('.').unwrap_or(name);
    if bare == "localhost" || bare.ends_with(".localhost") {
        return Ok(vec![IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)]);
    }
    let conf = ResolvConf::parse(&read_file(c"/etc/resolv.conf").unwrap_or_default());
    let mut failure = ErrorCode::NameUnresolvable;
    for candidate in conf.candidates(name) {
        match lookup(&candidate, &conf) {
            Ok(addrs) if !addrs.is_empty() => return Ok(addrs),
            Ok(_) | Err(ErrorCode::NameUnresolvable) => {}
            Err(e) => failure = e,
        }
    }
    Err(failure)
}

fn random_id() -> u16 {
    let mut b = [0u8; 2];
    // A failing getrandom leaves a fixed ID; replies are matched by server
    // and question anyway.
    if rustix::rand::getrandom(&mut b, rustix::rand::GetRandomFlags::empty()).is_err() {
        b = [0x6b, 0x6e];
    }
    u16::from_le_bytes(b)
}

/// The A and AAAA addresses of `name` from the servers of `conf` (IPv4
/// first); empty if the name exists without addresses.
pub fn lookup(name: &str, conf: &ResolvConf) -> SockResult<Vec<IpAddr>> {
    let types = [TYPE_A, TYPE_AAAA];
    let ids = [random_id(), random_id().wrapping_add(1)];
    let queries = [encode_query(ids[0], name, types[0])?, encode_query(ids[1], name, types[1])?];
    let mut failure = ErrorCode::TemporaryResolverFailure;
    for _ in 0..conf.attempts {
        for server in &conf.servers {
            let replies = exchange(server, &queries, conf.timeout_ms);
            let answers: [Option<SockResult<Vec<IpAddr>>>; 2] =
                core::array::from_fn(|i| replies[i].as_ref().map(|r| parse_reply(r, ids[i], types[i])));
            if answers.iter().any(|a| matches!(a, Some(Err(ErrorCode::NameUnresolvable)))) {
                return Err(ErrorCode::NameUnresolvable);
            }
            let complete = answers.iter().all(|a| matches!(a, Some(Ok(_))));
            let addrs: Vec<IpAddr> = answers.iter().flatten().flatten().flatten().copied().collect();
            if complete || !addrs.is_empty() {
                return Ok(addrs);
            }
            if let Some(Err(e)) = answers.iter().flatten().find(|a| a.is_err()) {
                failure = *e;
            }
        }
    }
    Err(failure)
}

/// A recursive query for `name` of type `qtype`; `name-unresolvable` for a
/// name DNS cannot carry (an empty or over-long label, over 253 bytes).
pub fn encode_query(id: u16, name: &str, qtype: u16) -> SockResult<Vec<u8>> {
    let name = name.strip_suffix('.').unwrap_or(name);
    let mut q = Vec::with_capacity(18 + name.len());
    q.extend_from_slice(&id.to_be_bytes());
    q.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    if name.is_empty() || name.len() > 253 {
        return Err(ErrorCode::NameUnresolvable);
    }
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return Err(ErrorCode::NameUnresolvable);
        }
        q.push(label.len() as u8);
        q.extend_from_slice(label.as_bytes());
    }
    q.push(0);
    q.extend_from_slice(&qtype.to_be_bytes());
    q.extend_from_slice(&CLASS_IN.to_be_bytes());
    Ok(q)
}

/// Sends both queries to `server` and collects the replies (by ID) until
/// both arrived or `timeout_ms` passed.
fn exchange(server: &SocketAddr, queries: &[Vec<u8>; 2], timeout_ms: u64) -> [Option<Vec<u8>>; 2] {
    let mut replies = [None, None];
    let family = if server.is_ipv4() { Family::Ipv4 } else { Family::Ipv6 };
    let Ok(sock) = new_socket(family, SocketType::DGRAM) else { return replies };
    if rustix::net::connect(&sock, server).is_err() {
        return replies;
    }
    for q in queries {
        if rustix::net::send(&sock, q, SendFlags::NOSIGNAL).is_err() {
            return replies;
        }
    }
    let fd = HostFd::Shared(Arc::new(sock));
    let deadline = crate::wasi2::clocks::monotonic_now().saturating_add(timeout_ms * 1_000_000);
    let mut buf = vec![0u8; 4096];
    while replies.iter().any(Option::is_none) {
        let now = crate::wasi2::clocks::monotonic_now();
        if now >= deadline {
            break;
        }
        if wait(&[Pollable::Fd(fd.clone(), PollFlags::IN)], Some(deadline - now)).is_empty() {
            continue;
        }
        let n = match rustix::net::recv(fd.fd(), &mut buf[..], RecvFlags::empty()) {
            Ok((n, _)) => n,
            Err(Errno::AGAIN | Errno::INTR) => continue,
            Err(_) => break,
        };
        for (slot, q) in replies.iter_mut().zip(queries) {
            if slot.is_none() && n >= 12 && buf[..2] == q[..2] {
                *slot = Some(buf[..n].to_vec());
            }
        }
    }
    replies
}

/// The position after the (possibly compressed) name at `pos`.
fn skip_name(msg: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let len = *msg.get(pos)?;
        match len {
            0 => return Some(pos + 1),
            l if l & 0xc0 == 0xc0 => return (pos + 2 <= msg.len()).then_some(pos + 2),
            l => pos += 1 + usize::from(l),
        }
    }
}

fn u16_at(msg: &[u8], pos: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*msg.get(pos)?, *msg.get(pos + 1)?]))
}

/// The addresses of type `qtype` in reply `msg` to query `id`.
pub fn parse_reply(msg: &[u8], id: u16, qtype: u16) -> SockResult<Vec<IpAddr>> {
    let malformed = ErrorCode::TemporaryResolverFailure;
    let (Some(got), Some(flags)) = (u16_at(msg, 0), u16_at(msg, 2)) else { return Err(malformed) };
    if got != id || flags & 0x8000 == 0 {
        return Err(malformed);
    }
    match flags & 0xf {
        0 => {}
        3 => return Err(ErrorCode::NameUnresolvable),
        2 => return Err(ErrorCode::TemporaryResolverFailure),
        _ => return Err(ErrorCode::PermanentResolverFailure),
    }
    answers(msg, qtype).ok_or(malformed)
}

fn answers(msg: &[u8], qtype: u16) -> Option<Vec<IpAddr>> {
    let (questions, records) = (u16_at(msg, 4)?, u16_at(msg, 6)?);
    let mut pos = 12;
    for _ in 0..questions {
        pos = skip_name(msg, pos)? + 4;
    }
    let mut addrs = Vec::new();
    for _ in 0..records {
        pos = skip_name(msg, pos)?;
        let (rtype, class, len) = (u16_at(msg, pos)?, u16_at(msg, pos + 2)?, usize::from(u16_at(msg, pos + 8)?));
        let data = msg.get(pos + 10..pos + 10 + len)?;
        pos += 10 + len;
        if class != CLASS_IN || rtype != qtype {
            continue;
        }
        match (rtype, <[u8; 4]>::try_from(data), <[u8; 16]>::try_from(data)) {
            (TYPE_A, Ok(b), _) => addrs.push(IpAddr::V4(Ipv4Addr::from(b))),
            (TYPE_AAAA, _, Ok(b)) => addrs.push(IpAddr::V6(Ipv6Addr::from(b))),
            _ => {}
        }
    }
    Some(addrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_conf_and_search_order() {
        let conf = ResolvConf::parse(
            b"# comment\nnameserver 10.0.0.1\nnameserver fe80::1%eth0\nsearch a.example b.example\n\
              options ndots:2 timeout:1 attempts:9 rotate\nnameserver bogus\n",
        );
        assert_eq!(conf.servers, ["10.0.0.1:53".parse().unwrap(), "[fe80::1]:53".parse().unwrap()]);
        assert_eq!((conf.ndots, conf.timeout_ms, conf.attempts), (2, 1000, 5));
        assert_eq!(conf.candidates("db"), ["db.a.example", "db.b.example", "db"]);
        assert_eq!(conf.candidates("x.y.z"), ["x.y.z", "x.y.z.a.example", "x.y.z.b.example"]);
        assert_eq!(conf.candidates("abs."), ["abs"]);
        assert_eq!(ResolvConf::parse(b"").servers, ["127.0.0.1:53".parse().unwrap()]);
    }

    #[test]
    fn hosts_file_lookup() {
        let hosts = b"127.0.0.1 localhost loop # x\n::1 localhost ip6-localhost\n10.1.1.1 Db.Example db\n#1.1.1.1 db\n";
        assert_eq!(hosts_lookup(hosts, "localhost"), ["127.0.0.1".parse::<IpAddr>().unwrap(), "::1".parse().unwrap()]);
        assert_eq!(hosts_lookup(hosts, "db.example."), ["10.1.1.1".parse::<IpAddr>().unwrap()]);
        assert!(hosts_lookup(hosts, "missing").is_empty());
    }

    /// A reply to `query` with one CNAME and the given A records.
    fn reply(query: &[u8], rcode: u8, addrs: &[[u8; 4]]) -> Vec<u8> {
        let mut r = query.to_vec();
        r[2] = 0x81;
        r[3] = 0x80 | rcode;
        r[7] = 1 + addrs.len() as u8;
        // CNAME from the question's name (pointer to offset 12) to "x".
        r.extend_from_slice(&[0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 3, 1, b'x', 0]);
        for a in addrs {
            r.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
            r.extend_from_slice(a);
        }
        r
    }

    #[test]
    fn queries_and_replies() {
        let q = encode_query(0x1234, "www.example.com", TYPE_A).unwrap();
        assert_eq!(&q[..4], &[0x12, 0x34, 1, 0]);
        assert_eq!(&q[12..29], b"\x03www\x07example\x03com\x00");
        assert_eq!(&q[29..], &[0, 1, 0, 1]);
        assert!(encode_query(1, "a..b", TYPE_A).is_err());
        assert!(encode_query(1, &"x".repeat(64), TYPE_A).is_err());
        let ok = reply(&q, 0, &[[192, 0, 2, 1], [192, 0, 2, 2]]);
        assert_eq!(
            parse_reply(&ok, 0x1234, TYPE_A).unwrap(),
            ["192.0.2.1".parse::<IpAddr>().unwrap(), "192.0.2.2".parse().unwrap()]
        );
        assert!(parse_reply(&ok, 0x1234, TYPE_AAAA).unwrap().is_empty());
        assert_eq!(parse_reply(&ok, 0x9999, TYPE_A), Err(ErrorCode::TemporaryResolverFailure));
        assert_eq!(parse_reply(&reply(&q, 3, &[]), 0x1234, TYPE_A), Err(ErrorCode::NameUnresolvable));
        assert_eq!(parse_reply(&reply(&q, 2, &[]), 0x1234, TYPE_A), Err(ErrorCode::TemporaryResolverFailure));
        assert_eq!(parse_reply(&ok[..ok.len() - 2], 0x1234, TYPE_A), Err(ErrorCode::TemporaryResolverFailure));
    }

    #[test]
    fn lookup_asks_a_nameserver_over_udp() {
        extern crate std;
        let server = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = server.local_addr().unwrap();
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 512];
            for _ in 0..2 {
                let (n, from) = server.recv_from(&mut buf).unwrap();
                let qtype = u16::from_be_bytes([buf[n - 4], buf[n - 3]]);
                let addrs: &[[u8; 4]] = if qtype == TYPE_A { &[[198, 51, 100, 7]] } else { &[] };
                server.send_to(&reply(&buf[..n], 0, addrs), from).unwrap();
            }
        });
        let conf = ResolvConf { servers: vec![addr], search: Vec::new(), ndots: 1, timeout_ms: 10_000, attempts: 1 };
        assert_eq!(lookup("svc.test", &conf).unwrap(), ["198.51.100.7".parse::<IpAddr>().unwrap()]);
        thread.join().unwrap();
    }
}
