//! `wasi:random`: bytes from the host's `getrandom`, for the secure and the
//! insecure interfaces alike.

use super::{Cx, HostResult, HostTrap};
use alloc::vec;
use alloc::vec::Vec;

/// The most bytes one call returns (as the preview1 adapter asks for at
/// most a page at a time, this only bounds hostile requests).
const MAX: u64 = 64 << 20;

fn fill(buf: &mut [u8]) -> HostResult<()> {
    let mut rest = buf;
    while !rest.is_empty() {
        match rustix::rand::getrandom(&mut *rest, rustix::rand::GetRandomFlags::empty()) {
            Ok(n) => rest = &mut rest[n..],
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return Err(HostTrap::Other("the host's getrandom failed")),
        }
    }
    Ok(())
}

fn bytes(len: i64) -> HostResult<Vec<u8>> {
    let len = len as u64;
    if len > MAX {
        return Err(HostTrap::Other("more than 64 MiB of random bytes requested at once"));
    }
    let mut buf = vec![0u8; len as usize];
    fill(&mut buf)?;
    Ok(buf)
}

fn u64_value() -> HostResult<i64> {
    let mut b = [0u8; 8];
    fill(&mut b)?;
    Ok(i64::from_le_bytes(b))
}

/// `random.get-random-bytes`.
pub fn random_get_random_bytes(cx: &mut Cx<'_>, len: i64, ret: i32) -> HostResult<()> {
    let b = bytes(len)?;
    cx.store(ret as u32, &b)
}

/// `random.get-random-u64`.
pub fn random_get_random_u64(_cx: &mut Cx<'_>) -> HostResult<i64> {
    u64_value()
}

/// `insecure.get-insecure-random-bytes`.
pub fn insecure_get_insecure_random_bytes(cx: &mut Cx<'_>, len: i64, ret: i32) -> HostResult<()> {
    let b = bytes(len)?;
    cx.store(ret as u32, &b)
}

/// `insecure.get-insecure-random-u64`.
pub fn insecure_get_insecure_random_u64(_cx: &mut Cx<'_>) -> HostResult<i64> {
    u64_value()
}

/// `insecure-seed.insecure-seed`.
pub fn insecure_seed_insecure_seed(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    let seed = (u64_value()? as u64, u64_value()? as u64);
    cx.store(ret as u32, &seed)
}
