//! `wasi:sockets/ip-name-lookup`.
//!
//! As in Wasmtime, without `--allow-ip-name-lookup` every lookup is
//! `permanent-resolver-failure`, and a name that is neither an IP address
//! nor a valid host name is `invalid-argument`. An IP address resolves
//! to itself and a name through [`super::dns`], at once (the stream is
//! always ready): `resolve-next-address` then hands out the addresses, or
//! the lookup's error once.

use super::{check_network, dns, ErrorCode, IpAddress, SockResult};
use crate::wasi::grants::NETWORK;
use crate::wasi2::io::Pollable;
use crate::wasi2::resources::resolve_address_stream;
use crate::wasi2::table::{self, Resource};
use crate::wasi2::{Cx, HostResult};
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The addresses of a name lookup not yet read, or its error.
pub struct ResolveAddresses {
    result: SockResult<VecDeque<IpAddr>>,
}

/// A name to resolve.
#[derive(Debug, PartialEq, Eq)]
pub enum Host {
    Ip(IpAddr),
    /// A domain name, ASCII lowercase.
    Domain(String),
}

/// Parses a host the way a URL's host is parsed (without IDNA: a
/// non-ASCII name is refused): an IPv6 address (bare or in brackets), an
/// IPv4 address in any of the URL standard's forms (`127.1`, `0x7f.0.0.1`),
/// or a domain name without forbidden characters.
pub fn parse_host(name: &str) -> SockResult<Host> {
    let invalid = ErrorCode::InvalidArgument;
    if let Some(inner) = name.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or(invalid)?;
        return inner.parse::<Ipv6Addr>().map(|ip| Host::Ip(IpAddr::V6(ip))).map_err(|_| invalid);
    }
    if let Ok(ip) = name.parse::<Ipv6Addr>() {
        return Ok(Host::Ip(IpAddr::V6(ip)));
    }
    let forbidden = |c: char| c.is_ascii_control() || " #%/:<>?@[\\]^|".contains(c);
    if name.is_empty() || !name.is_ascii() || name.contains(forbidden) {
        return Err(invalid);
    }
    let domain = name.to_ascii_lowercase();
    if ends_in_number(&domain) {
        return whatwg_ipv4(&domain).map(|ip| Host::Ip(IpAddr::V4(ip))).ok_or(invalid);
    }
    Ok(Host::Domain(domain))
}

/// Whether the last label (before an optional final dot) is a number, so
/// the URL standard reads the host as an IPv4 address.
fn ends_in_number(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    let last = name.rsplit('.').next().unwrap_or(name);
    let hex = last.strip_prefix("0x").is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
    !last.is_empty() && (last.bytes().all(|b| b.is_ascii_digit()) || hex)
}

/// The URL standard's IPv4 parser: up to four dot-separated numbers, each
/// decimal, octal (leading 0) or hexadecimal (0x); the last fills the
/// remaining bytes.
fn whatwg_ipv4(name: &str) -> Option<Ipv4Addr> {
    let name = name.strip_suffix('.').unwrap_or(name);
    let parts: vec::Vec<u64> = name.split('.').map(number).collect::<Option<_>>()?;
    let (last, init) = parts.split_last()?;
    if parts.len() > 4 || init.iter().any(|&p| p > 255) || *last >= 1u64 << (8 * (5 - parts.len())) {
        return None;
    }
    let high = init.iter().enumerate().fold(0u64, |acc, (i, &p)| acc | p << (8 * (3 - i)));
    u32::try_from(high | last).ok().map(Ipv4Addr::from)
}

fn number(part: &str) -> Option<u64> {
    let (digits, radix) = match part.strip_prefix("0x") {
        Some(h) => (h, 16),
        None if part.len() > 1 && part.starts_with('0') => (&part[1..], 8),
        None => (part, 10),
    };
    if digits.is_empty() {
        return (radix == 16).then_some(0);
    }
    u64::from_str_radix(digits, radix).ok().filter(|&v| v <= u64::from(u32::MAX))
}

/// `resolve-addresses`.
pub fn ip_name_lookup_resolve_addresses(cx: &mut Cx<'_>, network: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    check_network(network)?;
    let name = cx.string(ptr as u32, len as u32)?;
    let r = match resolve(&name) {
        Ok(result) => Ok(table::push(Resource::ResolveAddressStream(ResolveAddresses { result }), None)?),
        Err(e) => Err(e),
    };
    cx.store(ret as u32, &r)
}

/// The lookup's outcome, or the error `resolve-addresses` itself returns.
fn resolve(name: &str) -> SockResult<SockResult<VecDeque<IpAddr>>> {
    if !NETWORK.lock().may_lookup_names() {
        return Err(ErrorCode::PermanentResolverFailure);
    }
    let host = parse_host(name)?;
    Ok(match host {
        Host::Ip(ip) => Ok(VecDeque::from(vec![ip])),
        Host::Domain(domain) => dns::resolve(&domain).map(VecDeque::from),
    })
}

/// `[resource-drop]resolve-address-stream`.
pub fn drop_resolve_address_stream(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, ResolveAddressStream, "resolve-address-stream")
}

/// `[method]resolve-address-stream.resolve-next-address`: the next address,
/// none after the last; a failed lookup's error once, then none.
pub fn resolve_address_stream_resolve_next_address(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let next = resolve_address_stream(this as u32, |s| {
        Ok(match &mut s.result {
            Ok(addrs) => Ok(addrs.pop_front().map(IpAddress)),
            Err(e) => {
                let e = *e;
                s.result = Ok(VecDeque::new());
                Err(e)
            }
        })
    })?;
    cx.store(ret as u32, &next)
}

/// `[method]resolve-address-stream.subscribe`: always ready.
pub fn resolve_address_stream_subscribe(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    resolve_address_stream(this as u32, |_| Ok(()))?;
    Ok(table::push(Resource::Pollable(Pollable::Ready), Some(this as u32))? as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> SockResult<Host> {
        Ok(Host::Ip(s.parse().unwrap()))
    }

    #[test]
    fn hosts_parse_like_urls() {
        assert_eq!(parse_host("127.0.0.1"), ip("127.0.0.1"));
        assert_eq!(parse_host("127.1"), ip("127.0.0.1"));
        assert_eq!(parse_host("0x7f.0.0.1"), ip("127.0.0.1"));
        assert_eq!(parse_host("0177.0.0.1"), ip("127.0.0.1"));
        assert_eq!(parse_host("2130706433"), ip("127.0.0.1"));
        assert_eq!(parse_host("::1"), ip("::1"));
        assert_eq!(parse_host("[::1]"), ip("::1"));
        assert_eq!(parse_host("LocalHost"), Ok(Host::Domain("localhost".into())));
        assert_eq!(parse_host("a-b.example."), Ok(Host::Domain("a-b.example.".into())));
        for bad in ["", "a b", "a/b", "[::1", "1.2.3.256", "1.2.3.4.5", "x.09", "exa%6dple", "bücher.de", "[1.2.3.4]"]
        {
            assert_eq!(parse_host(bad), Err(ErrorCode::InvalidArgument), "{bad}");
        }
    }
}
