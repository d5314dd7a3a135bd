//! `wasi:filesystem`: descriptors for the preopened directories and what
//! is opened beneath them.
//!
//! The preopens are preview1's grants (`--dir HOST[::GUEST][:ro]`): the
//! first `get-directories` duplicates their host descriptors. Every path
//! resolves beneath its directory through preview1's `resolve` (escapes
//! fail with `not-permitted`, as in Wasmtime), and changes beneath a
//! read-only grant fail with `not-permitted`. Operations for files only on
//! a directory fail with `bad-descriptor`, those for directories only on a
//! file with `not-directory`, as Wasmtime does; reading, writing,
//! resizing or touching a file opened without `read`/`write` fails with
//! `not-permitted` (its streams with `bad-descriptor`), as in Wasmtime. The path operations
//! (`*-at`) are in [`paths`](super::paths).

use super::abi::List;
use super::io::{HostFd, InputStream, OutputStream, CHUNK};
use super::resources::{descriptor, directory_entry_stream, error};
use super::table::{self, Resource};
use super::{Cx, HostResult, HostTrap};
use crate::wasi::errno::{self as p1, Errno as P1Errno};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use rustix::fd::OwnedFd;
use rustix::fs::{FileType, Timespec, Timestamps, UTIME_NOW, UTIME_OMIT};

pub use super::paths::*;

/// `descriptor-flags` bits.
pub const READ: u8 = 1;
pub const WRITE: u8 = 2;
pub const MUTATE_DIRECTORY: u8 = 32;
/// Every defined `descriptor-flags` bit.
pub const ALL_FLAGS: u8 = 63;

/// A file or directory.
pub struct Descriptor {
    pub fd: HostFd,
    /// A directory (else a file or other non-directory).
    pub dir: bool,
    /// Its `descriptor-flags`.
    pub flags: u8,
    /// Beneath a read-only grant.
    pub readonly: bool,
}

/// What an operation needs from a descriptor, copied out of the table.
#[derive(Clone)]
pub struct Desc {
    pub fd: HostFd,
    pub dir: bool,
    pub flags: u8,
    pub readonly: bool,
}

impl Desc {
    /// The descriptor behind `handle`.
    pub fn get(handle: i32) -> HostResult<Desc> {
        descriptor(handle as u32, |d| Ok(Desc { fd: d.fd.clone(), dir: d.dir, flags: d.flags, readonly: d.readonly }))
    }

    /// `bad-descriptor` unless a file.
    pub fn file(self) -> Result<Desc, u8> {
        if self.dir {
            Err(code(p1::BADF))
        } else {
            Ok(self)
        }
    }

    /// `not-directory` unless a directory.
    pub fn directory(self) -> Result<Desc, u8> {
        if self.dir {
            Ok(self)
        } else {
            Err(code(p1::NOTDIR))
        }
    }

    /// `not-permitted` beneath a read-only grant.
    pub fn mutable(self) -> Result<Desc, u8> {
        if self.readonly {
            Err(code(p1::PERM))
        } else {
            Ok(self)
        }
    }
}

/// A directory listing being read.
pub struct DirectoryEntries {
    entries: Vec<(u8, String)>,
    next: usize,
}

/// `error-code` cases, in WIT order, by preview1 errno.
const CODES: &[(P1Errno, u8)] = &[
    (p1::ACCES, 0),
    (p1::NOTCAPABLE, 0),
    (p1::AGAIN, 1),
    (p1::ALREADY, 2),
    (p1::BADF, 3),
    (p1::BUSY, 4),
    (p1::DEADLK, 5),
    (p1::DQUOT, 6),
    (p1::EXIST, 7),
    (p1::FBIG, 8),
    (p1::ILSEQ, 9),
    (p1::INPROGRESS, 10),
    (p1::INTR, 11),
    (p1::INVAL, 12),
    (p1::IO, 13),
    (p1::ISDIR, 14),
    (p1::LOOP, 15),
    (p1::MLINK, 16),
    (p1::MSGSIZE, 17),
    (p1::NAMETOOLONG, 18),
    (p1::NODEV, 19),
    (p1::NOENT, 20),
    (p1::NOLCK, 21),
    (p1::NOMEM, 22),
    (p1::NOSPC, 23),
    (p1::NOTDIR, 24),
    (p1::NOTEMPTY, 25),
    (p1::NOTRECOVERABLE, 26),
    (p1::NOTSUP, 27),
    (p1::NOSYS, 27),
    (p1::NOTTY, 28),
    (p1::NXIO, 29),
    (p1::OVERFLOW, 30),
    (p1::PERM, 31),
    (p1::PIPE, 32),
    (p1::ROFS, 33),
    (p1::SPIPE, 34),
    (p1::TXTBSY, 35),
    (p1::XDEV, 36),
];

/// The names of the `error-code` cases.
const NAMES: [&str; 37] = [
    "access",
    "would-block",
    "already",
    "bad-descriptor",
    "busy",
    "deadlock",
    "quota",
    "exist",
    "file-too-large",
    "illegal-byte-sequence",
    "in-progress",
    "interrupted",
    "invalid",
    "io",
    "is-directory",
    "loop",
    "too-many-links",
    "message-size",
    "name-too-long",
    "no-device",
    "no-entry",
    "no-lock",
    "insufficient-memory",
    "insufficient-space",
    "not-directory",
    "not-empty",
    "not-recoverable",
    "unsupported",
    "no-tty",
    "no-such-device",
    "overflow",
    "not-permitted",
    "pipe",
    "read-only",
    "invalid-seek",
    "text-file-busy",
    "cross-device",
];

/// The `error-code` of preview1 errno `e` (`io` for the rest).
pub fn code(e: P1Errno) -> u8 {
    CODES.iter().find(|(p, _)| *p == e).map_or(13, |&(_, c)| c)
}

/// The `error-code` of host error `e`.
pub fn host_code(e: rustix::io::Errno) -> u8 {
    code(p1::from_host(e))
}

/// The WIT name of the error code for host error `e`.
pub fn error_code_name(e: rustix::io::Errno) -> &'static str {
    NAMES[host_code(e) as usize]
}

/// A filesystem result as functions return it.
pub type FsResult<T> = Result<T, u8>;

/// Runs `f`, turning preview1 errors into error codes.
pub fn fs<T>(f: impl FnOnce() -> Result<T, P1Errno>) -> FsResult<T> {
    f().map_err(code)
}

/// A host result with the error as a code.
pub fn host<T>(r: Result<T, rustix::io::Errno>) -> FsResult<T> {
    r.map_err(host_code)
}

// --- resources and streams ------------------------------------------------

/// `[resource-drop]descriptor`.
pub fn drop_descriptor(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, Descriptor, "descriptor")
}

/// `[resource-drop]directory-entry-stream`.
pub fn drop_directory_entry_stream(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, DirectoryEntryStream, "directory-entry-stream")
}

/// A new handle for `resource`, a child of descriptor `this`.
fn child(resource: Resource, this: i32) -> HostResult<u32> {
    table::push(resource, Some(this as u32))
}

/// `[method]descriptor.read-via-stream`.
pub fn descriptor_read_via_stream(cx: &mut Cx<'_>, this: i32, offset: i64, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    let r = match d.file() {
        Ok(d) if d.flags & READ != 0 => {
            Ok(child(Resource::InputStream(InputStream::File { fd: d.fd, offset: offset as u64 }), this)?)
        }
        Ok(_) => Err(code(p1::BADF)),
        Err(e) => Err(e),
    };
    cx.store(ret as u32, &r)
}

fn output(cx: &mut Cx<'_>, this: i32, offset: u64, append: bool, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    let r = match d.file() {
        Ok(d) if d.flags & WRITE != 0 => {
            Ok(child(Resource::OutputStream(OutputStream::File { fd: d.fd, offset, append }), this)?)
        }
        Ok(_) => Err(code(p1::BADF)),
        Err(e) => Err(e),
    };
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.write-via-stream`.
pub fn descriptor_write_via_stream(cx: &mut Cx<'_>, this: i32, offset: i64, ret: i32) -> HostResult<()> {
    output(cx, this, offset as u64, false, ret)
}

/// `[method]descriptor.append-via-stream`.
pub fn descriptor_append_via_stream(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    output(cx, this, 0, true, ret)
}

// --- file and descriptor operations ----------------------------------------

/// `[method]descriptor.advise`.
pub fn descriptor_advise(cx: &mut Cx<'_>, this: i32, offset: i64, len: i64, advice: i32, ret: i32) -> HostResult<()> {
    use rustix::fs::Advice;
    let advice = match advice {
        0 => Advice::Normal,
        1 => Advice::Sequential,
        2 => Advice::Random,
        3 => Advice::WillNeed,
        4 => Advice::DontNeed,
        5 => Advice::NoReuse,
        _ => return Err(HostTrap::InvalidValue("advice")),
    };
    let d = Desc::get(this)?;
    let r = d.file().and_then(|d| {
        let len = core::num::NonZeroU64::new(len as u64);
        host(rustix::fs::fadvise(d.fd.fd(), offset as u64, len, advice))
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.sync-data`.
pub fn descriptor_sync_data(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    cx.store(ret as u32, &host(rustix::fs::fdatasync(d.fd.fd())))
}

/// `[method]descriptor.sync`.
pub fn descriptor_sync(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    cx.store(ret as u32, &host(rustix::fs::fsync(d.fd.fd())))
}

/// `[method]descriptor.get-flags`.
pub fn descriptor_get_flags(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    cx.store(ret as u32, &Ok::<u8, u8>(d.flags))
}

/// The `descriptor-type` of a host file type.
pub fn descriptor_type(t: FileType) -> u8 {
    match t {
        FileType::BlockDevice => 1,
        FileType::CharacterDevice => 2,
        FileType::Directory => 3,
        FileType::Fifo => 4,
        FileType::Symlink => 5,
        FileType::RegularFile => 6,
        FileType::Socket => 7,
        FileType::Unknown => 0,
    }
}

/// `[method]descriptor.get-type`.
pub fn descriptor_get_type(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    let r = host(rustix::fs::fstat(d.fd.fd())).map(|st| descriptor_type(FileType::from_raw_mode(st.st_mode)));
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.set-size`.
pub fn descriptor_set_size(cx: &mut Cx<'_>, this: i32, size: i64, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    let r = d.file().and_then(|d| {
        if d.flags & WRITE == 0 {
            return Err(code(p1::PERM));
        }
        host(rustix::fs::ftruncate(d.fd.fd(), size as u64))
    });
    cx.store(ret as u32, &r)
}

/// A `new-timestamp` as a host timespec.
pub fn new_timestamp(disc: i32, seconds: i64, nanos: i32) -> HostResult<Timespec> {
    Ok(match disc {
        0 => Timespec { tv_sec: 0, tv_nsec: UTIME_OMIT },
        1 => Timespec { tv_sec: 0, tv_nsec: UTIME_NOW },
        2 => {
            let nanos = nanos as u32;
            if nanos >= 1_000_000_000 {
                return Err(HostTrap::InvalidValue("datetime nanoseconds"));
            }
            Timespec { tv_sec: seconds, tv_nsec: nanos.into() }
        }
        _ => return Err(HostTrap::InvalidValue("new-timestamp")),
    })
}

/// The access and modification timestamps of a `set-times` call.
pub fn timestamps(a: (i32, i64, i32), m: (i32, i64, i32)) -> HostResult<Timestamps> {
    Ok(Timestamps { last_access: new_timestamp(a.0, a.1, a.2)?, last_modification: new_timestamp(m.0, m.1, m.2)? })
}

/// `[method]descriptor.set-times`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI signature")]
pub fn descriptor_set_times(
    cx: &mut Cx<'_>,
    this: i32,
    a_disc: i32,
    a_sec: i64,
    a_ns: i32,
    m_disc: i32,
    m_sec: i64,
    m_ns: i32,
    ret: i32,
) -> HostResult<()> {
    let times = timestamps((a_disc, a_sec, a_ns), (m_disc, m_sec, m_ns))?;
    let d = Desc::get(this)?;
    // A file needs `write`, a directory `mutate-directory` (as Wasmtime).
    let allowed = if d.dir { d.flags & MUTATE_DIRECTORY != 0 } else { d.flags & WRITE != 0 };
    let r = if allowed && !d.readonly { host(rustix::fs::futimens(d.fd.fd(), &times)) } else { Err(code(p1::PERM)) };
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.read`: up to `len` bytes at `offset`, and whether
/// the end of the file was reached.
pub fn descriptor_read(cx: &mut Cx<'_>, this: i32, len: i64, offset: i64, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    let r = d.file().and_then(|d| {
        if d.flags & READ == 0 {
            return Err(code(p1::PERM));
        }
        let mut buf = vec![0u8; (len as u64).min(CHUNK) as usize];
        let n = loop {
            match rustix::io::pread(d.fd.fd(), &mut buf, offset as u64) {
                Err(rustix::io::Errno::INTR) => continue,
                r => break host(r)?,
            }
        };
        buf.truncate(n);
        Ok((buf, n == 0))
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.write`: the number of bytes written at `offset`.
pub fn descriptor_write(cx: &mut Cx<'_>, this: i32, ptr: i32, len: i32, offset: i64, ret: i32) -> HostResult<()> {
    let bytes = cx.bytes(ptr as u32, len as u32)?;
    let d = Desc::get(this)?;
    let r = d.file().and_then(|d| {
        if d.flags & WRITE == 0 {
            return Err(code(p1::PERM));
        }
        loop {
            match rustix::io::pwrite(d.fd.fd(), &bytes, offset as u64) {
                Err(rustix::io::Errno::INTR) => continue,
                r => break host(r).map(|n| n as u64),
            }
        }
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.read-directory`: a snapshot of the entries, without
/// `.` and `..`.
pub fn descriptor_read_directory(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    let r = match d.directory().and_then(|d| list_directory(&d)) {
        Ok(entries) => {
            let stream = DirectoryEntries { entries, next: 0 };
            Ok(table::push(Resource::DirectoryEntryStream(stream), None)?)
        }
        Err(e) => Err(e),
    };
    cx.store(ret as u32, &r)
}

fn list_directory(d: &Desc) -> FsResult<Vec<(u8, String)>> {
    let fd = d.fd.fd();
    // `Dir::read_from` reopens ".", so the descriptor's own offset stays.
    let mut dir = host(rustix::fs::Dir::read_from(fd))?;
    let mut entries = Vec::new();
    while let Some(entry) = dir.read() {
        let entry = host(entry)?;
        let name = entry.file_name().to_bytes();
        if name == b"." || name == b".." {
            continue;
        }
        let ty = match entry.file_type() {
            FileType::Unknown => match rustix::fs::statat(fd, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW) {
                Ok(st) => descriptor_type(FileType::from_raw_mode(st.st_mode)),
                Err(_) => 0,
            },
            t => descriptor_type(t),
        };
        // Names that are not UTF-8 cannot be strings: `illegal-byte-sequence`.
        let name = String::from_utf8(name.to_vec()).map_err(|_| code(p1::ILSEQ))?;
        entries.push((ty, name));
    }
    Ok(entries)
}

crate::wit_record! {
    /// `directory-entry`.
    pub struct DirectoryEntry {
        pub kind: u8,
        pub name: String,
    }
}

/// `[method]directory-entry-stream.read-directory-entry`.
pub fn directory_entry_stream_read_directory_entry(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let entry = directory_entry_stream(this as u32, |s| {
        let e = s.entries.get(s.next).map(|(kind, name)| DirectoryEntry { kind: *kind, name: name.clone() });
        s.next += usize::from(e.is_some());
        Ok(e)
    })?;
    cx.store(ret as u32, &Ok::<Option<DirectoryEntry>, u8>(entry))
}

/// `[method]descriptor.is-same-object`.
pub fn descriptor_is_same_object(_cx: &mut Cx<'_>, this: i32, other: i32) -> HostResult<i32> {
    let (a, b) = (Desc::get(this)?, Desc::get(other)?);
    let same = match (rustix::fs::fstat(a.fd.fd()), rustix::fs::fstat(b.fd.fd())) {
        (Ok(x), Ok(y)) => x.st_dev == y.st_dev && x.st_ino == y.st_ino,
        _ => false,
    };
    Ok(i32::from(same))
}

/// `types.filesystem-error-code`: the code of a stream's error.
pub fn types_filesystem_error_code(cx: &mut Cx<'_>, err: i32, ret: i32) -> HostResult<()> {
    let errno = error(err as u32, |e| Ok(e.errno))?;
    cx.store(ret as u32, &Some(host_code(errno)))
}

/// `preopens.get-directories`: the preopened directories and their guest
/// paths.
pub fn preopens_get_directories(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    let mut list = Vec::new();
    for (fd, path, readonly) in crate::wasi::preopens() {
        let flags = if readonly { READ } else { READ | MUTATE_DIRECTORY };
        let d = Descriptor { fd: HostFd::Shared(Arc::new(fd)), dir: true, flags, readonly };
        let handle = table::push(Resource::Descriptor(d), None)?;
        list.push((handle, String::from_utf8_lossy(&path).into_owned()));
    }
    cx.store(ret as u32, &List(list))
}

/// A new descriptor handle for a file opened beneath `parent`.
pub fn new_descriptor(fd: OwnedFd, flags: u8, readonly: bool) -> HostResult<FsResult<u32>> {
    let st = match rustix::fs::fstat(&fd) {
        Ok(st) => st,
        Err(e) => return Ok(Err(host_code(e))),
    };
    let dir = FileType::from_raw_mode(st.st_mode) == FileType::Directory;
    let d = Descriptor { fd: HostFd::Shared(Arc::new(fd)), dir, flags, readonly };
    Ok(Ok(table::push(Resource::Descriptor(d), None)?))
}
