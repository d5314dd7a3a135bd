//! The descriptor table: what each guest descriptor stands for on the
//! host, with its preview1 rights.
//!
//! Host functions look an entry up with [`handle`] (which checks rights)
//! and then do their I/O on a borrowed host descriptor with the lock
//! released, so a blocking read never holds the WASI lock. Entries are only
//! closed by `fd_close`/`fd_renumber` of the single thread running the
//! program, which is also the only one using the borrowed descriptors.

use super::consts::*;
use super::dir::Listing;
use super::errno::{self, Errno};
use super::WasiCtx;
use alloc::vec::Vec;
use rustix::fd::{AsRawFd, BorrowedFd, OwnedFd};
use rustix::fs::FileType;

/// The host side of a guest descriptor.
pub enum Host {
    /// Standard input, output or error: shared with the host process, so
    /// the guest's `fd_close` does not close it.
    Stdio(i32),
    Owned(OwnedFd),
}

impl Host {
    pub fn raw(&self) -> i32 {
        match self {
            Host::Stdio(fd) => *fd,
            Host::Owned(fd) => fd.as_raw_fd(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Stdio,
    File,
    Dir,
    /// A preopened listening socket.
    Listener,
    /// An accepted connection.
    Stream,
}

pub struct Entry {
    pub host: Host,
    pub kind: Kind,
    pub filetype: u8,
    pub base: u64,
    pub inheriting: u64,
    /// Inside a read-only grant: nothing beneath may be created, changed
    /// or removed.
    pub readonly: bool,
    /// The host descriptor was opened for reading / writing.
    pub readable: bool,
    pub writable: bool,
    /// The guest path of a preopened directory.
    pub preopen: Option<Vec<u8>>,
    /// `fd_readdir`'s snapshot of a directory's entries.
    pub listing: Option<Listing>,
}

impl Entry {
    pub fn stdio(fd: i32) -> Entry {
        let (readable, writable) = (fd == 0, fd != 0);
        let io = if readable { RIGHT_FD_READ } else { RIGHT_FD_WRITE };
        Entry {
            host: Host::Stdio(fd),
            kind: Kind::Stdio,
            filetype: FILETYPE_UNKNOWN,
            base: io | RIGHTS_STDIO,
            inheriting: 0,
            readonly: false,
            readable,
            writable,
            preopen: None,
            listing: None,
        }
    }
}

/// A copy of what an operation needs from an entry, taken under the lock.
#[derive(Clone, Copy)]
pub struct Handle {
    pub raw: i32,
    pub kind: Kind,
    pub filetype: u8,
    pub base: u64,
    pub inheriting: u64,
    pub readonly: bool,
    pub readable: bool,
    pub writable: bool,
}

impl Handle {
    /// The host descriptor, borrowed for one operation.
    pub fn fd(&self) -> BorrowedFd<'static> {
        // SAFETY: only the program's own thread closes table entries (see
        // the module note), and it is busy in this host call.
        unsafe { BorrowedFd::borrow_raw(self.raw) }
    }

    /// `ENOTDIR` unless this is a directory.
    pub fn dir(self) -> Result<Handle, Errno> {
        if self.kind == Kind::Dir {
            Ok(self)
        } else {
            Err(errno::NOTDIR)
        }
    }

    /// `EPERM` (as Wasmtime) if this directory belongs to a read-only grant.
    pub fn mutable(self) -> Result<Handle, Errno> {
        if self.readonly {
            Err(errno::PERM)
        } else {
            Ok(self)
        }
    }
}

/// The entry behind guest descriptor `fd` after checking that it holds
/// every right in `rights` (`EBADF` if there is none, `ENOTCAPABLE` if a
/// right is missing).
pub fn handle(cx: &WasiCtx, fd: u32, rights: u64) -> Result<Handle, Errno> {
    let ctx = cx.lock();
    let entry = ctx.fds.get(fd as usize).and_then(Option::as_ref).ok_or(errno::BADF)?;
    if entry.base & rights != rights {
        return Err(errno::NOTCAPABLE);
    }
    Ok(Handle {
        raw: entry.host.raw(),
        kind: entry.kind,
        filetype: entry.filetype,
        base: entry.base,
        inheriting: entry.inheriting,
        readonly: entry.readonly,
        readable: entry.readable,
        writable: entry.writable,
    })
}

/// Runs `f` on the entry of `fd` under the lock.
pub fn with_entry<R>(cx: &WasiCtx, fd: u32, f: impl FnOnce(&mut Entry) -> Result<R, Errno>) -> Result<R, Errno> {
    let mut ctx = cx.lock();
    let entry = ctx.fds.get_mut(fd as usize).and_then(Option::as_mut).ok_or(errno::BADF)?;
    f(entry)
}

/// Adds an entry at the lowest free descriptor number.
pub fn insert(cx: &WasiCtx, entry: Entry) -> Result<u32, Errno> {
    let mut ctx = cx.lock();
    let slot = match ctx.fds.iter().position(Option::is_none) {
        Some(i) => i,
        None => {
            ctx.fds.push(None);
            ctx.fds.len() - 1
        }
    };
    let fd = u32::try_from(slot).map_err(|_| errno::MFILE)?;
    ctx.fds[slot] = Some(entry);
    Ok(fd)
}

/// Removes `fd`; the host descriptor closes when the entry drops (outside
/// the lock).
pub fn remove(cx: &WasiCtx, fd: u32) -> Result<Entry, Errno> {
    let mut ctx = cx.lock();
    let entry = ctx.fds.get_mut(fd as usize).and_then(Option::take).ok_or(errno::BADF)?;
    while ctx.fds.len() > 3 && ctx.fds.last().is_some_and(Option::is_none) {
        ctx.fds.pop();
    }
    Ok(entry)
}

/// `fd_renumber`: moves `from` onto `to`, which must be open.
pub fn renumber(cx: &WasiCtx, from: u32, to: u32) -> Result<(), Errno> {
    let old = {
        let mut ctx = cx.lock();
        let valid = |fd: u32| ctx.fds.get(fd as usize).is_some_and(Option::is_some);
        if !valid(from) || !valid(to) {
            return Err(errno::BADF);
        }
        if from == to {
            return Ok(());
        }
        let entry = ctx.fds[from as usize].take();
        core::mem::replace(&mut ctx.fds[to as usize], entry)
    };
    // The replaced descriptor closes here, outside the lock.
    drop(old);
    Ok(())
}

/// The preview1 file type of a host `st_mode`.
pub fn filetype(mode: u32) -> u8 {
    match FileType::from_raw_mode(mode) {
        FileType::RegularFile => FILETYPE_REGULAR_FILE,
        FileType::Directory => FILETYPE_DIRECTORY,
        FileType::Symlink => FILETYPE_SYMBOLIC_LINK,
        FileType::CharacterDevice => FILETYPE_CHARACTER_DEVICE,
        FileType::BlockDevice => FILETYPE_BLOCK_DEVICE,
        FileType::Socket => FILETYPE_SOCKET_STREAM,
        _ => FILETYPE_UNKNOWN,
    }
}
