//! `wasi:io`: errors, pollables and byte streams.
//!
//! Streams are unbuffered: a write reaches the host descriptor before it
//! returns, so `flush` has nothing to do. A non-blocking `read` of stdin
//! or a socket returns what is available now (possibly nothing); a file is
//! always ready. End of file is the `closed` stream error.

use super::abi::{List, Lower};
use super::resources::{input_stream, output_stream, pollable};
use super::table::{self, Resource};
use super::{Cx, HostResult, HostTrap};
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;
use rustix::event::{PollFd, PollFlags};
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::io::Errno;

/// The most bytes one `read` returns and `check-write` permits.
pub const CHUNK: u64 = 1 << 20;

/// A host descriptor a resource uses: stdio (never closed by the guest)
/// or one shared between a descriptor and its streams.
#[derive(Clone)]
pub enum HostFd {
    Stdio(i32),
    Shared(Arc<OwnedFd>),
}

impl HostFd {
    /// The descriptor, borrowed for one operation.
    pub fn fd(&self) -> BorrowedFd<'_> {
        match self {
            // SAFETY: stdio descriptors stay open for the whole process.
            HostFd::Stdio(fd) => unsafe { BorrowedFd::borrow_raw(*fd) },
            HostFd::Shared(fd) => fd.as_fd(),
        }
    }
}

/// `wasi:io/error.error`: the host error of a failed stream operation.
pub struct IoError {
    pub errno: Errno,
}

/// What an input stream reads from.
pub enum InputStream {
    /// Standard input.
    Stdin,
    /// A file, from `offset` on.
    File { fd: HostFd, offset: u64 },
    /// A connected socket.
    Socket { fd: HostFd },
}

/// What an output stream writes to.
pub enum OutputStream {
    /// Standard output or error.
    Stdio(i32),
    /// A file, at `offset` (or at its end, when appending).
    File { fd: HostFd, offset: u64, append: bool },
    /// A connected socket.
    Socket { fd: HostFd },
}

/// What a pollable waits for.
#[derive(Clone)]
pub enum Pollable {
    /// Nothing: always ready.
    Ready,
    /// A monotonic-clock instant, in nanoseconds.
    Deadline(u64),
    /// A descriptor becoming readable or writable.
    Fd(HostFd, PollFlags),
}

/// `wasi:io/streams.stream-error`.
pub enum StreamError {
    /// `last-operation-failed(error)`, with the new error's handle.
    Failed(u32),
    Closed,
}

impl Lower for StreamError {
    const SIZE: u32 = 8;
    const ALIGN: u32 = 4;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        match self {
            StreamError::Failed(h) => cx.store(ptr, &(0u8, *h)),
            StreamError::Closed => cx.store(ptr, &(1u8, 0u32)),
        }
    }
}

/// The stream error for host error `errno` (a new `error` resource).
pub fn failed(errno: Errno) -> HostResult<StreamError> {
    Ok(StreamError::Failed(table::push(Resource::Error(IoError { errno }), None)?))
}

fn stream_result<T>(r: Result<T, Errno>) -> HostResult<Result<T, StreamError>> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(Errno::PIPE) | Err(Errno::CONNRESET) => Ok(Err(StreamError::Closed)),
        Err(e) => Ok(Err(failed(e)?)),
    }
}

// --- wasi:io/error --------------------------------------------------------

/// `[resource-drop]error`.
pub fn drop_error(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, Error, "error")
}

/// `[method]error.to-debug-string`: the host error, as `os error N`.
pub fn error_to_debug_string(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let errno = super::resources::error(this as u32, |e| Ok(e.errno))?;
    let mut text = alloc::string::String::new();
    let name = super::filesystem::error_code_name(errno);
    // Writing to a String cannot fail.
    fmt::Write::write_fmt(&mut text, format_args!("{name} (os error {})", errno.raw_os_error())).ok();
    cx.store(ret as u32, &text)
}

// --- wasi:io/poll ---------------------------------------------------------

/// `[resource-drop]pollable`.
pub fn drop_pollable(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, Pollable, "pollable")
}

/// `[method]pollable.ready`.
pub fn pollable_ready(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    let p = pollable(this as u32, |p| Ok(p.clone()))?;
    Ok(i32::from(!wait(&[p], Some(0)).is_empty()))
}

/// `[method]pollable.block`.
pub fn pollable_block(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    let p = pollable(this as u32, |p| Ok(p.clone()))?;
    while wait(core::slice::from_ref(&p), None).is_empty() {}
    Ok(())
}

/// `poll`: blocks until at least one pollable is ready; the indices of the
/// ready ones.
pub fn poll_poll(cx: &mut Cx<'_>, list: i32, len: i32, ret: i32) -> HostResult<()> {
    let (list, len) = (list as u32, len as u32);
    if len == 0 {
        return Err(HostTrap::Other("poll of an empty list"));
    }
    let bytes = cx.bytes(list, len.checked_mul(4).ok_or(HostTrap::OutOfBounds)?)?;
    let mut pollables = Vec::with_capacity(len as usize);
    for h in bytes.chunks_exact(4) {
        let h = u32::from_le_bytes([h[0], h[1], h[2], h[3]]);
        pollables.push(pollable(h, |p| Ok(p.clone()))?);
    }
    let ready = loop {
        let ready = wait(&pollables, None);
        if !ready.is_empty() {
            break ready;
        }
    };
    cx.store(ret as u32, &List(ready))
}

/// The indices of the ready pollables, waiting at most `timeout_ns`
/// (forever for `None`) for one.
pub fn wait(pollables: &[Pollable], timeout_ns: Option<u64>) -> Vec<u32> {
    let now = super::clocks::monotonic_now();
    let mut ready = Vec::new();
    let mut deadline: Option<u64> = timeout_ns.map(|t| now.saturating_add(t));
    let mut fds = Vec::new();
    let mut fd_index = Vec::new();
    for (i, p) in pollables.iter().enumerate() {
        match p {
            Pollable::Ready => ready.push(i as u32),
            Pollable::Deadline(t) if *t <= now => ready.push(i as u32),
            Pollable::Deadline(t) => deadline = Some(deadline.map_or(*t, |d| d.min(*t))),
            Pollable::Fd(..) => fd_index.push(i as u32),
        }
    }
    if !ready.is_empty() {
        // Still report descriptors that are ready now.
        deadline = Some(now);
    }
    for &i in &fd_index {
        if let Pollable::Fd(fd, flags) = &pollables[i as usize] {
            fds.push(PollFd::from_borrowed_fd(fd.fd(), *flags));
        }
    }
    let timeout = deadline.map(|d| {
        let ns = d.saturating_sub(now);
        rustix::time::Timespec { tv_sec: (ns / 1_000_000_000) as i64, tv_nsec: (ns % 1_000_000_000) as i64 }
    });
    match rustix::event::poll(&mut fds, timeout.as_ref()) {
        Ok(_) | Err(Errno::INTR) => {}
        Err(_) => return fd_index,
    }
    for (slot, &i) in fds.iter().zip(&fd_index) {
        if !slot.revents().is_empty() {
            ready.push(i);
        }
    }
    let later = super::clocks::monotonic_now();
    for (i, p) in pollables.iter().enumerate() {
        if let Pollable::Deadline(t) = p {
            if *t > now && *t <= later {
                ready.push(i as u32);
            }
        }
    }
    ready.sort_unstable();
    ready.dedup();
    ready
}

// --- wasi:io/streams: input -----------------------------------------------

/// `[resource-drop]input-stream`.
pub fn drop_input_stream(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, InputStream, "input-stream")
}

/// What a read does: from a descriptor (at an offset for files).
fn read_source(this: u32) -> HostResult<(HostFd, Option<u64>)> {
    input_stream(this, |s| {
        Ok(match s {
            InputStream::Stdin => (HostFd::Stdio(0), None),
            InputStream::File { fd, offset } => (fd.clone(), Some(*offset)),
            InputStream::Socket { fd } => (fd.clone(), None),
        })
    })
}

/// Reads up to `len` bytes; `blocking` waits for at least one. End of
/// stream is `Ok(None)`.
fn read(this: u32, len: u64, blocking: bool) -> HostResult<Result<Option<Vec<u8>>, Errno>> {
    let (fd, offset) = read_source(this)?;
    let len = len.min(CHUNK) as usize;
    if len == 0 {
        return Ok(Ok(Some(Vec::new())));
    }
    if offset.is_none() && !blocking && !readable_now(&fd) {
        return Ok(Ok(Some(Vec::new())));
    }
    let mut buf = vec![0u8; len];
    let n = loop {
        let r = match offset {
            Some(at) => rustix::io::pread(fd.fd(), &mut buf, at),
            None => rustix::io::read(fd.fd(), &mut buf),
        };
        match r {
            Ok(n) => break n,
            Err(Errno::INTR) => continue,
            Err(Errno::AGAIN) if blocking => {
                wait(&[Pollable::Fd(fd.clone(), PollFlags::IN)], None);
                continue;
            }
            Err(Errno::AGAIN) => break 0,
            Err(e) => return Ok(Err(e)),
        }
    };
    if n == 0 {
        return Ok(Ok(None));
    }
    buf.truncate(n);
    if offset.is_some() {
        input_stream(this, |s| {
            if let InputStream::File { offset, .. } = s {
                *offset += n as u64;
            }
            Ok(())
        })?;
    }
    Ok(Ok(Some(buf)))
}

fn readable_now(fd: &HostFd) -> bool {
    !wait(&[Pollable::Fd(fd.clone(), PollFlags::IN)], Some(0)).is_empty()
}

fn store_read(cx: &mut Cx<'_>, ret: i32, r: Result<Option<Vec<u8>>, Errno>) -> HostResult<()> {
    let value: Result<Vec<u8>, StreamError> = match r {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(StreamError::Closed),
        Err(e) => stream_result::<Vec<u8>>(Err(e))?,
    };
    cx.store(ret as u32, &value)
}

/// `[method]input-stream.read`.
pub fn input_stream_read(cx: &mut Cx<'_>, this: i32, len: i64, ret: i32) -> HostResult<()> {
    let r = read(this as u32, len as u64, false)?;
    store_read(cx, ret, r)
}

/// `[method]input-stream.blocking-read`.
pub fn input_stream_blocking_read(cx: &mut Cx<'_>, this: i32, len: i64, ret: i32) -> HostResult<()> {
    let r = read(this as u32, len as u64, true)?;
    store_read(cx, ret, r)
}

fn skip(cx: &mut Cx<'_>, this: i32, len: i64, ret: i32, blocking: bool) -> HostResult<()> {
    let value: Result<u64, StreamError> = match read(this as u32, len as u64, blocking)? {
        Ok(Some(bytes)) => Ok(bytes.len() as u64),
        Ok(None) => Err(StreamError::Closed),
        Err(e) => stream_result::<u64>(Err(e))?,
    };
    cx.store(ret as u32, &value)
}

/// `[method]input-stream.skip`.
pub fn input_stream_skip(cx: &mut Cx<'_>, this: i32, len: i64, ret: i32) -> HostResult<()> {
    skip(cx, this, len, ret, false)
}

/// `[method]input-stream.blocking-skip`.
pub fn input_stream_blocking_skip(cx: &mut Cx<'_>, this: i32, len: i64, ret: i32) -> HostResult<()> {
    skip(cx, this, len, ret, true)
}

/// `[method]input-stream.subscribe`: ready when a read would not block.
pub fn input_stream_subscribe(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    let (fd, offset) = read_source(this as u32)?;
    let p = if offset.is_some() { Pollable::Ready } else { Pollable::Fd(fd, PollFlags::IN) };
    Ok(table::push(Resource::Pollable(p), Some(this as u32))? as i32)
}

// --- wasi:io/streams: output ----------------------------------------------

/// `[resource-drop]output-stream`.
pub fn drop_output_stream(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, OutputStream, "output-stream")
}

/// Where a write goes: a descriptor, at an offset for files (`None` for
/// appending and streams).
fn write_target(this: u32) -> HostResult<(HostFd, Option<u64>, bool)> {
    output_stream(this, |s| {
        Ok(match s {
            OutputStream::Stdio(fd) => (HostFd::Stdio(*fd), None, false),
            OutputStream::File { fd, offset, append } => (fd.clone(), Some(*offset), *append),
            OutputStream::Socket { fd } => (fd.clone(), None, false),
        })
    })
}

/// Writes all of `bytes`.
fn write_all(this: u32, mut bytes: &[u8]) -> HostResult<Result<(), Errno>> {
    let (fd, offset, append) = write_target(this)?;
    let socket = output_stream(this, |s| Ok(matches!(s, OutputStream::Socket { .. })))?;
    let mut at = match (offset, append) {
        (Some(_), true) => match rustix::fs::fstat(fd.fd()) {
            Ok(st) => Some(st.st_size as u64),
            Err(e) => return Ok(Err(e)),
        },
        (o, _) => o,
    };
    let total = bytes.len() as u64;
    while !bytes.is_empty() {
        let r = match at {
            Some(at) => rustix::io::pwrite(fd.fd(), bytes, at),
            // A peer that went away is EPIPE, not SIGPIPE.
            None if socket => rustix::net::send(fd.fd(), bytes, rustix::net::SendFlags::NOSIGNAL),
            None => rustix::io::write(fd.fd(), bytes),
        };
        match r {
            Ok(n) => {
                bytes = &bytes[n..];
                at = at.map(|a| a + n as u64);
            }
            Err(Errno::INTR) => {}
            Err(Errno::AGAIN) => {
                wait(&[Pollable::Fd(fd.clone(), PollFlags::OUT)], None);
            }
            Err(e) => return Ok(Err(e)),
        }
    }
    if offset.is_some() && !append {
        output_stream(this, |s| {
            if let OutputStream::File { offset, .. } = s {
                *offset += total;
            }
            Ok(())
        })?;
    }
    Ok(Ok(()))
}

/// `[method]output-stream.check-write`.
pub fn output_stream_check_write(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    write_target(this as u32)?;
    cx.store(ret as u32, &Ok::<u64, StreamError>(CHUNK))
}

fn write(cx: &mut Cx<'_>, this: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    let bytes = cx.bytes(ptr as u32, len as u32)?;
    let r = write_all(this as u32, &bytes)?;
    let value = stream_result(r)?;
    cx.store(ret as u32, &value)
}

/// `[method]output-stream.write`.
pub fn output_stream_write(cx: &mut Cx<'_>, this: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    write(cx, this, ptr, len, ret)
}

/// `[method]output-stream.blocking-write-and-flush`.
pub fn output_stream_blocking_write_and_flush(
    cx: &mut Cx<'_>,
    this: i32,
    ptr: i32,
    len: i32,
    ret: i32,
) -> HostResult<()> {
    write(cx, this, ptr, len, ret)
}

/// `[method]output-stream.flush`: writes are not buffered.
pub fn output_stream_flush(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    write_target(this as u32)?;
    cx.store(ret as u32, &Ok::<(), StreamError>(()))
}

/// `[method]output-stream.blocking-flush`.
pub fn output_stream_blocking_flush(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    output_stream_flush(cx, this, ret)
}

/// `[method]output-stream.subscribe`: ready when a write would not block.
pub fn output_stream_subscribe(_cx: &mut Cx<'_>, this: i32) -> HostResult<i32> {
    let (fd, offset, _) = write_target(this as u32)?;
    let p = match (&fd, offset) {
        (HostFd::Shared(_), None) => Pollable::Fd(fd, PollFlags::OUT),
        _ => Pollable::Ready,
    };
    Ok(table::push(Resource::Pollable(p), Some(this as u32))? as i32)
}

fn write_zeroes(cx: &mut Cx<'_>, this: i32, len: i64, ret: i32) -> HostResult<()> {
    let len = (len as u64).min(CHUNK) as usize;
    let r = write_all(this as u32, &vec![0; len])?;
    let value = stream_result(r)?;
    cx.store(ret as u32, &value)
}

/// `[method]output-stream.write-zeroes`.
pub fn output_stream_write_zeroes(cx: &mut Cx<'_>, this: i32, len: i64, ret: i32) -> HostResult<()> {
    write_zeroes(cx, this, len, ret)
}

/// `[method]output-stream.blocking-write-zeroes-and-flush`.
pub fn output_stream_blocking_write_zeroes_and_flush(cx: &mut Cx<'_>, this: i32, len: i64, ret: i32) -> HostResult<()> {
    write_zeroes(cx, this, len, ret)
}

fn splice(cx: &mut Cx<'_>, this: i32, src: i32, len: i64, ret: i32, blocking: bool) -> HostResult<()> {
    write_target(this as u32)?;
    let value: Result<u64, StreamError> = match read(src as u32, len as u64, blocking)? {
        Ok(Some(bytes)) => match write_all(this as u32, &bytes)? {
            Ok(()) => Ok(bytes.len() as u64),
            Err(e) => stream_result::<u64>(Err(e))?,
        },
        Ok(None) => Err(StreamError::Closed),
        Err(e) => stream_result::<u64>(Err(e))?,
    };
    cx.store(ret as u32, &value)
}

/// `[method]output-stream.splice`.
pub fn output_stream_splice(cx: &mut Cx<'_>, this: i32, src: i32, len: i64, ret: i32) -> HostResult<()> {
    splice(cx, this, src, len, ret, false)
}

/// `[method]output-stream.blocking-splice`.
pub fn output_stream_blocking_splice(cx: &mut Cx<'_>, this: i32, src: i32, len: i64, ret: i32) -> HostResult<()> {
    splice(cx, this, src, len, ret, true)
}
