//! The `path_*` functions. Each checks the directory descriptor's rights
//! (and, for changes, that it is not in a read-only grant: `EPERM`, as
//! Wasmtime), then resolves the path beneath it with [`resolve`].

use super::consts::*;
use super::errno::{self, Errno};
use super::fd::{filestat, timestamps};
use super::guest::Guest;
use super::resolve::{self, Parent};
use super::table::{self, Entry, Handle, Host, Kind};
use super::WasiCtx;
use alloc::vec::Vec;
use rustix::fs::{AtFlags, FileType, Mode, OFlags};

/// The guest path at `[ptr, ptr + len)`, copied.
fn read_path(g: &Guest, ptr: u32, len: u32) -> Result<Vec<u8>, Errno> {
    Ok(g.slice(ptr, len)?.to_vec())
}

/// A directory descriptor holding `rights` (`ENOTDIR` before `ENOTCAPABLE`).
fn dir(cx: &WasiCtx, fd: u32, rights: u64) -> Result<Handle, Errno> {
    table::handle(cx, fd, 0)?.dir()?;
    table::handle(cx, fd, rights)
}

fn follows(flags: u32) -> bool {
    flags & LOOKUP_SYMLINK_FOLLOW != 0
}

fn lookup<'a>(h: &'a Handle, path: &[u8], follow: bool) -> Result<Parent<'a>, Errno> {
    if follow {
        resolve::parent_following(h.fd(), path)
    } else {
        resolve::parent(h.fd(), path)
    }
}

pub fn create_directory(g: &Guest, fd: u32, path: u32, path_len: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let d = dir(cx, fd, RIGHT_PATH_CREATE_DIRECTORY)?.mutable()?;
    let path = read_path(g, path, path_len)?;
    let p = resolve::parent(d.fd(), &path)?;
    rustix::fs::mkdirat(p.fd(), p.name.as_slice(), Mode::from_raw_mode(0o777)).map_err(errno::from_host)
}

pub fn filestat_get(g: &Guest, fd: u32, flags: u32, path: u32, path_len: u32, buf: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let d = dir(cx, fd, RIGHT_PATH_FILESTAT_GET)?;
    let path = read_path(g, path, path_len)?;
    g.check(buf, u64::from(FILESTAT_SIZE))?;
    let p = lookup(&d, &path, follows(flags))?;
    p.check_trailing_slash()?;
    let st = rustix::fs::statat(p.fd(), p.name.as_slice(), AtFlags::SYMLINK_NOFOLLOW).map_err(errno::from_host)?;
    g.write_bytes(buf, &filestat(&st))
}

#[allow(clippy::too_many_arguments, reason = "the preview1 signature")]
pub fn filestat_set_times(
    g: &Guest,
    fd: u32,
    flags: u32,
    path: u32,
    path_len: u32,
    atim: u64,
    mtim: u64,
    fst_flags: u32,
) -> Result<(), Errno> {
    let cx = g.wasi();
    let d = dir(cx, fd, RIGHT_PATH_FILESTAT_SET_TIMES)?.mutable()?;
    let times = timestamps(atim, mtim, fst_flags)?;
    let path = read_path(g, path, path_len)?;
    let p = lookup(&d, &path, follows(flags))?;
    p.check_trailing_slash()?;
    rustix::fs::utimensat(p.fd(), p.name.as_slice(), &times, AtFlags::SYMLINK_NOFOLLOW).map_err(errno::from_host)
}

#[allow(clippy::too_many_arguments, reason = "the preview1 signature")]
pub fn link(
    g: &Guest,
    old_fd: u32,
    old_flags: u32,
    old_path: u32,
    old_len: u32,
    new_fd: u32,
    new_path: u32,
    new_len: u32,
) -> Result<(), Errno> {
    let cx = g.wasi();
    // A hard link out of a read-only grant would make its file writable.
    let old = dir(cx, old_fd, RIGHT_PATH_LINK_SOURCE)?.mutable()?;
    let new = dir(cx, new_fd, RIGHT_PATH_LINK_TARGET)?.mutable()?;
    let old_path = read_path(g, old_path, old_len)?;
    let new_path = read_path(g, new_path, new_len)?;
    let op = lookup(&old, &old_path, follows(old_flags))?;
    op.check_trailing_slash()?;
    let np = resolve::parent(new.fd(), &new_path)?;
    rustix::fs::linkat(op.fd(), op.name.as_slice(), np.fd(), np.name.as_slice(), AtFlags::empty())
        .map_err(errno::from_host)
}

#[allow(clippy::too_many_arguments, reason = "the preview1 signature")]
pub fn open(
    g: &Guest,
    fd: u32,
    dirflags: u32,
    path: u32,
    path_len: u32,
    oflags: u32,
    base: u64,
    inheriting: u64,
    fdflags: u32,
    opened: u32,
) -> Result<(), Errno> {
    let cx = g.wasi();
    let oflags = u16::try_from(oflags).ok().filter(|o| o & !0xf == 0).ok_or(errno::INVAL)?;
    let fdflags = u16::try_from(fdflags).ok().filter(|f| f & !FDFLAGS_ALL == 0).ok_or(errno::INVAL)?;
    if (base | inheriting) & !RIGHTS_ALL != 0 {
        return Err(errno::INVAL);
    }
    let mut needed = RIGHT_PATH_OPEN;
    if oflags & OFLAGS_CREAT != 0 {
        needed |= RIGHT_PATH_CREATE_FILE;
    }
    if oflags & OFLAGS_TRUNC != 0 {
        needed |= RIGHT_PATH_FILESTAT_SET_SIZE;
    }
    let d = dir(cx, fd, needed)?;
    // The new descriptor gets the requested rights the directory can pass
    // on; the rest are dropped silently (as Wasmtime, and as Rust's std
    // expects: "implementations may give us fewer rights").
    let (base, inheriting) = (base & d.inheriting, inheriting & d.inheriting);
    let read = base & RIGHTS_READING != 0;
    let write = base & RIGHTS_WRITING != 0;
    if d.readonly && (write || oflags & (OFLAGS_CREAT | OFLAGS_TRUNC) != 0) {
        return Err(errno::PERM);
    }
    let path = read_path(g, path, path_len)?;
    g.check(opened, 4)?;

    let mut flags = match (read, write) {
        (_, false) => OFlags::RDONLY,
        (false, true) => OFlags::WRONLY,
        (true, true) => OFlags::RDWR,
    };
    for (o, f) in [
        (OFLAGS_CREAT, OFlags::CREATE),
        (OFLAGS_DIRECTORY, OFlags::DIRECTORY),
        (OFLAGS_EXCL, OFlags::EXCL),
        (OFLAGS_TRUNC, OFlags::TRUNC),
    ] {
        if oflags & o != 0 {
            flags |= f;
        }
    }
    for (w, f) in [
        (FDFLAGS_APPEND, OFlags::APPEND),
        (FDFLAGS_DSYNC, OFlags::DSYNC),
        (FDFLAGS_NONBLOCK, OFlags::NONBLOCK),
        (FDFLAGS_RSYNC, OFlags::RSYNC),
        (FDFLAGS_SYNC, OFlags::SYNC),
    ] {
        if fdflags & w != 0 {
            flags |= f;
        }
    }
    let file = resolve::open(d.fd(), &path, flags, Mode::from_raw_mode(0o666), follows(dirflags))?;
    let st = rustix::fs::fstat(&file).map_err(errno::from_host)?;
    let filetype = table::filetype(st.st_mode);
    let kind = if filetype == FILETYPE_DIRECTORY { Kind::Dir } else { Kind::File };
    let new = table::insert(
        cx,
        Entry {
            host: Host::Owned(file),
            kind,
            filetype,
            base,
            inheriting,
            readonly: d.readonly,
            readable: read || !write,
            writable: write,
            preopen: None,
            listing: None,
        },
    )?;
    g.write_u32(opened, new)
}

pub fn readlink(g: &Guest, fd: u32, path: u32, path_len: u32, buf: u32, buf_len: u32, used: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let d = dir(cx, fd, RIGHT_PATH_READLINK)?;
    let path = read_path(g, path, path_len)?;
    g.check(buf, u64::from(buf_len))?;
    g.check(used, 4)?;
    let p = resolve::parent(d.fd(), &path)?;
    let target = rustix::fs::readlinkat(p.fd(), p.name.as_slice(), Vec::new()).map_err(errno::from_host)?;
    let target = target.as_bytes();
    // Truncated to the buffer, as POSIX readlink does.
    let n = target.len().min(buf_len as usize);
    g.write_bytes(buf, &target[..n])?;
    g.write_u32(used, n as u32)
}

pub fn remove_directory(g: &Guest, fd: u32, path: u32, path_len: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let d = dir(cx, fd, RIGHT_PATH_REMOVE_DIRECTORY)?.mutable()?;
    let path = read_path(g, path, path_len)?;
    let p = resolve::parent(d.fd(), &path)?;
    rustix::fs::unlinkat(p.fd(), p.name.as_slice(), AtFlags::REMOVEDIR).map_err(errno::from_host)
}

pub fn rename(g: &Guest, fd: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let from = dir(cx, fd, RIGHT_PATH_RENAME_SOURCE)?.mutable()?;
    let to = dir(cx, new_fd, RIGHT_PATH_RENAME_TARGET)?.mutable()?;
    let old = read_path(g, old, old_len)?;
    let new = read_path(g, new, new_len)?;
    let op = resolve::parent(from.fd(), &old)?;
    let np = resolve::parent(to.fd(), &new)?;
    if op.trailing_slash || np.trailing_slash {
        // Either slash says the source is a directory.
        let st =
            rustix::fs::statat(op.fd(), op.name.as_slice(), AtFlags::SYMLINK_NOFOLLOW).map_err(errno::from_host)?;
        if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
            return Err(errno::NOTDIR);
        }
    }
    rustix::fs::renameat(op.fd(), op.name.as_slice(), np.fd(), np.name.as_slice()).map_err(errno::from_host)
}

pub fn symlink(g: &Guest, old: u32, old_len: u32, fd: u32, new: u32, new_len: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let d = dir(cx, fd, RIGHT_PATH_SYMLINK)?.mutable()?;
    let target = read_path(g, old, old_len)?;
    let new = read_path(g, new, new_len)?;
    match target.as_slice() {
        [] => return Err(errno::NOENT),
        // Wasmtime refuses absolute targets: they could never resolve.
        [b'/', ..] => return Err(errno::PERM),
        t if t.contains(&0) => return Err(errno::INVAL),
        _ => {}
    }
    let p = resolve::parent(d.fd(), &new)?;
    if p.trailing_slash {
        return Err(errno::NOENT);
    }
    rustix::fs::symlinkat(target.as_slice(), p.fd(), p.name.as_slice()).map_err(errno::from_host)
}

pub fn unlink_file(g: &Guest, fd: u32, path: u32, path_len: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    let d = dir(cx, fd, RIGHT_PATH_UNLINK_FILE)?.mutable()?;
    let path = read_path(g, path, path_len)?;
    let p = resolve::parent(d.fd(), &path)?;
    p.check_trailing_slash()?;
    rustix::fs::unlinkat(p.fd(), p.name.as_slice(), AtFlags::empty()).map_err(errno::from_host)
}
