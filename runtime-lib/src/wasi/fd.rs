//! The `fd_*` functions: I/O, seeking, metadata and the descriptor table.

use super::consts::*;
use super::errno::{self, Errno};
use super::guest::Guest;
use super::table::{self, Handle, Kind};
use super::WasiCtx;
use alloc::vec::Vec;
use rustix::fd::BorrowedFd;
use rustix::fs::{Advice, FallocateFlags, OFlags, SeekFrom, Timespec, Timestamps};
use rustix::io::Errno as HostErrno;
use rustix::net::{RecvFlags, SendFlags};

/// Reads iovec `i` (`{buf: u32, len: u32}`) of the array at `iovs`.
fn iovec(g: &Guest, iovs: u32, i: u32) -> Result<(u32, u32), Errno> {
    let at = u32::try_from(u64::from(iovs) + 8 * u64::from(i)).map_err(|_| errno::FAULT)?;
    Ok((g.read_u32(at)?, g.read_u32(at.checked_add(4).ok_or(errno::FAULT)?)?))
}

/// Runs a read or write over each iovec until one is short, after checking
/// every iovec. Errors after some progress end the loop with the partial
/// count, as POSIX readv does.
pub fn transfer(
    g: &Guest,
    iovs: u32,
    iovs_len: u32,
    mut io: impl FnMut(u32, u32) -> Result<usize, HostErrno>,
) -> Result<u32, Errno> {
    g.check(iovs, u64::from(iovs_len) * 8)?;
    for i in 0..iovs_len {
        let (buf, len) = iovec(g, iovs, i)?;
        g.check(buf, u64::from(len))?;
    }
    let mut total: u32 = 0;
    for i in 0..iovs_len {
        let (buf, len) = iovec(g, iovs, i)?;
        if len == 0 {
            continue;
        }
        let len = len.min(u32::MAX - total);
        let n = loop {
            match io(buf, len) {
                Ok(n) => break n as u32,
                Err(HostErrno::INTR) => {}
                Err(_) if total > 0 => return Ok(total),
                Err(e) => return Err(errno::from_host(e)),
            }
        };
        total += n;
        if n < len || total == u32::MAX {
            break;
        }
    }
    Ok(total)
}

/// A descriptor for reading: `EBADF` if it was not opened for reading
/// (as POSIX and Wasmtime), `ENOTCAPABLE` if the right was dropped.
fn for_reading(cx: &WasiCtx, fd: u32, extra: u64) -> Result<Handle, Errno> {
    let h = table::handle(cx, fd, 0)?;
    if !h.readable || h.kind == Kind::Listener {
        return Err(errno::BADF);
    }
    if extra & RIGHT_FD_SEEK != 0 {
        seekable(h)?;
    }
    table::handle(cx, fd, RIGHT_FD_READ | extra)
}

/// As [`for_reading`], for writing.
fn for_writing(cx: &WasiCtx, fd: u32, extra: u64) -> Result<Handle, Errno> {
    let h = table::handle(cx, fd, 0)?;
    if !h.writable || h.kind == Kind::Listener {
        return Err(errno::BADF);
    }
    if extra & RIGHT_FD_SEEK != 0 {
        seekable(h)?;
    }
    table::handle(cx, fd, RIGHT_FD_WRITE | extra)
}

/// Stdio is a stream, as in Wasmtime: no offsets.
fn seekable(h: Handle) -> Result<Handle, Errno> {
    match h.kind {
        Kind::Stdio | Kind::Listener | Kind::Stream => Err(errno::SPIPE),
        _ => Ok(h),
    }
}

pub fn read(g: &Guest, fd: u32, iovs: u32, iovs_len: u32, nread: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let h = for_reading(cx, fd, 0)?;
    g.check(nread, 4)?;
    let n = transfer(g, iovs, iovs_len, |buf, len| {
        let dst = g.slice_mut(buf, len).map_err(|_| HostErrno::FAULT)?;
        rustix::io::read(h.fd(), dst)
    })?;
    g.write_u32(nread, n)
}

pub fn write(g: &Guest, fd: u32, iovs: u32, iovs_len: u32, nwritten: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let h = for_writing(cx, fd, 0)?;
    g.check(nwritten, 4)?;
    let n = transfer(g, iovs, iovs_len, |buf, len| {
        let src = g.slice(buf, len).map_err(|_| HostErrno::FAULT)?;
        match h.kind {
            // A peer that went away is EPIPE, not SIGPIPE.
            Kind::Stream => rustix::net::send(h.fd(), src, SendFlags::NOSIGNAL),
            _ => rustix::io::write(h.fd(), src),
        }
    })?;
    g.write_u32(nwritten, n)
}

pub fn pread(g: &Guest, fd: u32, iovs: u32, iovs_len: u32, offset: u64, nread: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let h = for_reading(cx, fd, RIGHT_FD_SEEK)?;
    g.check(nread, 4)?;
    let mut at = offset;
    let n = transfer(g, iovs, iovs_len, |buf, len| {
        let dst = g.slice_mut(buf, len).map_err(|_| HostErrno::FAULT)?;
        let n = rustix::io::pread(h.fd(), dst, at)?;
        at += n as u64;
        Ok(n)
    })?;
    g.write_u32(nread, n)
}

pub fn pwrite(g: &Guest, fd: u32, iovs: u32, iovs_len: u32, offset: u64, nwritten: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let h = for_writing(cx, fd, RIGHT_FD_SEEK)?;
    g.check(nwritten, 4)?;
    let mut at = offset;
    let n = transfer(g, iovs, iovs_len, |buf, len| {
        let src = g.slice(buf, len).map_err(|_| HostErrno::FAULT)?;
        let n = rustix::io::pwrite(h.fd(), src, at)?;
        at += n as u64;
        Ok(n)
    })?;
    g.write_u32(nwritten, n)
}

pub fn seek(g: &Guest, fd: u32, offset: u64, whence: u32, newoffset: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let offset = offset as i64;
    // Asking where the offset is only needs `fd_tell`.
    let right = if offset == 0 && whence == 1 { RIGHT_FD_TELL } else { RIGHT_FD_SEEK };
    let h = seekable(table::handle(cx, fd, 0)?)?;
    if h.base & (right | RIGHT_FD_SEEK) == 0 {
        return Err(errno::NOTCAPABLE);
    }
    g.check(newoffset, 8)?;
    let pos = match whence {
        0 => SeekFrom::Start(u64::try_from(offset).map_err(|_| errno::INVAL)?),
        1 => SeekFrom::Current(offset),
        2 => SeekFrom::End(offset),
        _ => return Err(errno::INVAL),
    };
    let new = rustix::fs::seek(h.fd(), pos).map_err(errno::from_host)?;
    g.write_u64(newoffset, new)
}

pub fn tell(g: &Guest, fd: u32, offset: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    seekable(table::handle(cx, fd, 0)?)?;
    let h = table::handle(cx, fd, RIGHT_FD_TELL)?;
    g.check(offset, 8)?;
    let now = rustix::fs::tell(h.fd()).map_err(errno::from_host)?;
    g.write_u64(offset, now)
}

pub fn close(cx: &WasiCtx, fd: u32) -> Result<(), Errno> {
    let entry = table::remove(cx, fd)?;
    drop(entry);
    Ok(())
}

pub fn renumber(cx: &WasiCtx, from: u32, to: u32) -> Result<(), Errno> {
    table::renumber(cx, from, to)
}

pub fn advise(cx: &WasiCtx, fd: u32, offset: u64, len: u64, advice: u32) -> Result<(), Errno> {
    let advice = match advice {
        0 => Advice::Normal,
        1 => Advice::Sequential,
        2 => Advice::Random,
        3 => Advice::WillNeed,
        4 => Advice::DontNeed,
        5 => Advice::NoReuse,
        _ => return Err(errno::INVAL),
    };
    let h = seekable(table::handle(cx, fd, RIGHT_FD_ADVISE)?)?;
    let len = core::num::NonZeroU64::new(len);
    rustix::fs::fadvise(h.fd(), offset, len, advice).map_err(errno::from_host)
}

pub fn allocate(cx: &WasiCtx, fd: u32, offset: u64, len: u64) -> Result<(), Errno> {
    if table::handle(cx, fd, 0)?.readonly {
        return Err(errno::PERM);
    }
    let h = table::handle(cx, fd, RIGHT_FD_ALLOCATE)?;
    if !h.writable {
        return Err(errno::BADF);
    }
    if h.filetype == FILETYPE_DIRECTORY {
        return Err(errno::ISDIR);
    }
    let end = offset.checked_add(len).filter(|&e| e <= i64::MAX as u64).ok_or(errno::FBIG)?;
    if len == 0 {
        return Err(errno::INVAL);
    }
    match rustix::fs::fallocate(h.fd(), FallocateFlags::empty(), offset, len) {
        Ok(()) => Ok(()),
        // Filesystems without fallocate: extend the file as posix_fallocate does.
        Err(HostErrno::OPNOTSUPP) => {
            let size = rustix::fs::fstat(h.fd()).map_err(errno::from_host)?.st_size as u64;
            if end > size {
                rustix::fs::ftruncate(h.fd(), end).map_err(errno::from_host)?;
            }
            Ok(())
        }
        Err(e) => Err(errno::from_host(e)),
    }
}

pub fn datasync(cx: &WasiCtx, fd: u32) -> Result<(), Errno> {
    let h = table::handle(cx, fd, RIGHT_FD_DATASYNC)?;
    rustix::fs::fdatasync(h.fd()).map_err(errno::from_host)
}

pub fn sync(cx: &WasiCtx, fd: u32) -> Result<(), Errno> {
    let h = table::handle(cx, fd, RIGHT_FD_SYNC)?;
    rustix::fs::fsync(h.fd()).map_err(errno::from_host)
}

/// The `fdflags` of a host descriptor.
fn fdflags(fd: BorrowedFd<'_>) -> Result<u16, Errno> {
    let oflags = rustix::fs::fcntl_getfl(fd).map_err(errno::from_host)?;
    let mut flags = 0;
    for (o, f) in [
        (OFlags::APPEND, FDFLAGS_APPEND),
        (OFlags::DSYNC, FDFLAGS_DSYNC),
        (OFlags::NONBLOCK, FDFLAGS_NONBLOCK),
        (OFlags::RSYNC, FDFLAGS_RSYNC),
        (OFlags::SYNC, FDFLAGS_SYNC),
    ] {
        if oflags.contains(o) {
            flags |= f;
        }
    }
    // O_SYNC includes O_DSYNC's bit on Linux.
    if flags & FDFLAGS_SYNC != 0 {
        flags &= !FDFLAGS_DSYNC;
    }
    Ok(flags)
}

pub fn fdstat_get(g: &Guest, fd: u32, buf: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let h = table::handle(cx, fd, 0)?;
    g.check(buf, u64::from(FDSTAT_SIZE))?;
    let filetype = match h.kind {
        Kind::Stdio => table::filetype(rustix::fs::fstat(h.fd()).map_err(errno::from_host)?.st_mode),
        _ => h.filetype,
    };
    let mut out = [0u8; FDSTAT_SIZE as usize];
    out[0] = filetype;
    out[2..4].copy_from_slice(&fdflags(h.fd())?.to_le_bytes());
    out[8..16].copy_from_slice(&h.base.to_le_bytes());
    out[16..24].copy_from_slice(&h.inheriting.to_le_bytes());
    g.write_bytes(buf, &out)
}

pub fn fdstat_set_flags(cx: &WasiCtx, fd: u32, flags: u32) -> Result<(), Errno> {
    let flags = u16::try_from(flags).ok().filter(|f| f & !FDFLAGS_ALL == 0).ok_or(errno::INVAL)?;
    let h = table::handle(cx, fd, RIGHT_FD_FDSTAT_SET_FLAGS)?;
    // Linux cannot change the sync flags of an open descriptor.
    let sync = FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC;
    if flags & sync != fdflags(h.fd())? & sync {
        return Err(errno::NOTSUP);
    }
    let mut oflags = rustix::fs::fcntl_getfl(h.fd()).map_err(errno::from_host)?;
    oflags.set(OFlags::APPEND, flags & FDFLAGS_APPEND != 0);
    oflags.set(OFlags::NONBLOCK, flags & FDFLAGS_NONBLOCK != 0);
    rustix::fs::fcntl_setfl(h.fd(), oflags).map_err(errno::from_host)
}

/// Rights can only be dropped, never regained.
pub fn fdstat_set_rights(cx: &WasiCtx, fd: u32, base: u64, inheriting: u64) -> Result<(), Errno> {
    if (base | inheriting) & !RIGHTS_ALL != 0 {
        return Err(errno::INVAL);
    }
    table::with_entry(cx, fd, |entry| {
        if base & !entry.base != 0 || inheriting & !entry.inheriting != 0 {
            return Err(errno::NOTCAPABLE);
        }
        entry.base = base;
        entry.inheriting = inheriting;
        Ok(())
    })
}

/// Nanoseconds since the epoch of a host timestamp (0 before it).
fn nanos(sec: i64, nsec: u64) -> u64 {
    u64::try_from(sec).map_or(0, |s| s.saturating_mul(1_000_000_000).saturating_add(nsec))
}

/// The 64-byte `filestat` of a host `stat`.
pub fn filestat(st: &rustix::fs::Stat) -> [u8; FILESTAT_SIZE as usize] {
    let mut out = [0u8; FILESTAT_SIZE as usize];
    out[0..8].copy_from_slice(&st.st_dev.to_le_bytes());
    out[8..16].copy_from_slice(&st.st_ino.to_le_bytes());
    out[16] = table::filetype(st.st_mode);
    #[allow(clippy::useless_conversion, reason = "st_nlink is u64 on x86_64 but u32 on aarch64 and riscv64")]
    let nlink = u64::from(st.st_nlink);
    out[24..32].copy_from_slice(&nlink.to_le_bytes());
    out[32..40].copy_from_slice(&(st.st_size as u64).to_le_bytes());
    out[40..48].copy_from_slice(&nanos(st.st_atime, st.st_atime_nsec).to_le_bytes());
    out[48..56].copy_from_slice(&nanos(st.st_mtime, st.st_mtime_nsec).to_le_bytes());
    out[56..64].copy_from_slice(&nanos(st.st_ctime, st.st_ctime_nsec).to_le_bytes());
    out
}

pub fn filestat_get(g: &Guest, fd: u32, buf: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let h = table::handle(cx, fd, RIGHT_FD_FILESTAT_GET)?;
    g.check(buf, u64::from(FILESTAT_SIZE))?;
    let st = rustix::fs::fstat(h.fd()).map_err(errno::from_host)?;
    let mut out = filestat(&st);
    if h.kind == Kind::Stdio {
        // As for fdstat: the guest sees what stdio really is.
        out[16] = table::filetype(st.st_mode);
    }
    g.write_bytes(buf, &out)
}

pub fn filestat_set_size(cx: &WasiCtx, fd: u32, size: u64) -> Result<(), Errno> {
    if table::handle(cx, fd, 0)?.readonly {
        return Err(errno::PERM);
    }
    let h = table::handle(cx, fd, RIGHT_FD_FILESTAT_SET_SIZE)?;
    if i64::try_from(size).is_err() {
        return Err(errno::FBIG);
    }
    if !h.writable {
        return Err(errno::BADF);
    }
    rustix::fs::ftruncate(h.fd(), size).map_err(errno::from_host)
}

/// The host timestamps for `fst_flags` (`EINVAL` for a time both given and
/// "now").
pub fn timestamps(atim: u64, mtim: u64, flags: u32) -> Result<Timestamps, Errno> {
    let flags = u16::try_from(flags).map_err(|_| errno::INVAL)?;
    if flags & !(FST_ATIM | FST_ATIM_NOW | FST_MTIM | FST_MTIM_NOW) != 0 {
        return Err(errno::INVAL);
    }
    let one = |t: u64, set: u16, now: u16| -> Result<Timespec, Errno> {
        let nsec = match (flags & set != 0, flags & now != 0) {
            (true, true) => return Err(errno::INVAL),
            (true, false) => {
                return Ok(Timespec { tv_sec: (t / 1_000_000_000) as i64, tv_nsec: (t % 1_000_000_000) as _ })
            }
            (false, true) => rustix::fs::UTIME_NOW,
            (false, false) => rustix::fs::UTIME_OMIT,
        };
        Ok(Timespec { tv_sec: 0, tv_nsec: nsec })
    };
    Ok(Timestamps {
        last_access: one(atim, FST_ATIM, FST_ATIM_NOW)?,
        last_modification: one(mtim, FST_MTIM, FST_MTIM_NOW)?,
    })
}

pub fn filestat_set_times(cx: &WasiCtx, fd: u32, atim: u64, mtim: u64, flags: u32) -> Result<(), Errno> {
    if table::handle(cx, fd, 0)?.readonly {
        return Err(errno::PERM);
    }
    let h = table::handle(cx, fd, RIGHT_FD_FILESTAT_SET_TIMES)?;
    let times = timestamps(atim, mtim, flags)?;
    rustix::fs::futimens(h.fd(), &times).map_err(errno::from_host)
}

pub fn prestat_get(g: &Guest, fd: u32, buf: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let len = table::with_entry(cx, fd, |e| e.preopen.as_ref().map(Vec::len).ok_or(errno::BADF))?;
    g.check(buf, u64::from(PRESTAT_SIZE))?;
    let mut out = [0u8; PRESTAT_SIZE as usize];
    out[4..8].copy_from_slice(&u32::try_from(len).map_err(|_| errno::OVERFLOW)?.to_le_bytes());
    g.write_bytes(buf, &out)
}

pub fn prestat_dir_name(g: &Guest, fd: u32, path: u32, path_len: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let name = table::with_entry(cx, fd, |e| e.preopen.clone().ok_or(errno::BADF))?;
    if name.len() > path_len as usize {
        return Err(errno::NAMETOOLONG);
    }
    g.write_bytes(path, &name)
}

/// `sock_recv`: reads into the iovecs with `MSG_PEEK`/`MSG_WAITALL`.
pub fn sock_recv(
    g: &Guest,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    flags: u32,
    nread: u32,
    oflags: u32,
) -> Result<(), Errno> {
    let cx = g.wasi();
    if table::handle(cx, fd, 0)?.kind != Kind::Stream {
        return Err(errno::NOTSOCK);
    }
    let h = table::handle(cx, fd, RIGHT_FD_READ)?;
    let flags = u16::try_from(flags).ok().filter(|f| f & !(RECV_PEEK | RECV_WAITALL) == 0).ok_or(errno::INVAL)?;
    let mut host = RecvFlags::empty();
    host.set(RecvFlags::PEEK, flags & RECV_PEEK != 0);
    host.set(RecvFlags::WAITALL, flags & RECV_WAITALL != 0);
    g.check(nread, 4)?;
    g.check(oflags, 2)?;
    let n = transfer(g, iovs, iovs_len, |buf, len| {
        let dst = g.slice_mut(buf, len).map_err(|_| HostErrno::FAULT)?;
        rustix::net::recv(h.fd(), dst, host).map(|(_, n)| n)
    })?;
    g.write_u32(nread, n)?;
    // Stream sockets never truncate a message.
    g.write_bytes(oflags, &[0, 0])
}

pub fn sock_send(g: &Guest, fd: u32, iovs: u32, iovs_len: u32, flags: u32, nwritten: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    if table::handle(cx, fd, 0)?.kind != Kind::Stream {
        return Err(errno::NOTSOCK);
    }
    let h = table::handle(cx, fd, RIGHT_FD_WRITE)?;
    if flags != 0 {
        return Err(errno::INVAL);
    }
    g.check(nwritten, 4)?;
    let n = transfer(g, iovs, iovs_len, |buf, len| {
        let src = g.slice(buf, len).map_err(|_| HostErrno::FAULT)?;
        rustix::net::send(h.fd(), src, SendFlags::NOSIGNAL)
    })?;
    g.write_u32(nwritten, n)
}

/// Bytes left to read from a file, for `poll_oneoff` (0 if unknown).
pub fn bytes_available(h: &Handle) -> u64 {
    match h.filetype {
        FILETYPE_REGULAR_FILE => {
            let size = rustix::fs::fstat(h.fd()).map_or(0, |st| st.st_size as u64);
            let pos = rustix::fs::tell(h.fd()).unwrap_or(size);
            size.saturating_sub(pos)
        }
        _ => rustix::io::ioctl_fionread(h.fd()).unwrap_or(0),
    }
}
