//! Resolving guest paths beneath a directory descriptor: the sandbox.
//!
//! Every path operation goes through [`open`] or [`parent`]. Both refuse
//! absolute paths, and any resolution that would leave the directory
//! through `..` or a symlink, with `EPERM` (as Wasmtime). The kernel does
//! the work with `openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)`; on
//! kernels without openat2 (`ENOSYS`, before Linux 5.6) [`walk`] resolves
//! one component at a time with `O_PATH | O_NOFOLLOW`, expanding symlinks
//! itself and handling `..` with its own stack of opened directories, so a
//! directory renamed or a symlink swapped in meanwhile cannot lead outside.
//!
//! Operations on the final component (mkdir, unlink, rename, stat, ...)
//! use the `*at` syscalls on a [`Parent`]: an opened parent directory plus a
//! plain name. Those syscalls never follow a final symlink; operations that
//! must follow one expand it with [`parent_following`] and resolve again.

use super::errno::{self, Errno};
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, Ordering};
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags};
use rustix::io::Errno as HostErrno;

/// Symlinks expanded per resolution before `ELOOP` (Linux's limit).
const MAX_SYMLINKS: u32 = 40;

/// Set once openat2 turned out to be missing.
static NO_OPENAT2: AtomicBool = AtomicBool::new(false);

/// Resolves with [`walk`] only, as on kernels without openat2 (for tests;
/// both resolutions give the same results).
pub fn force_walk(yes: bool) {
    NO_OPENAT2.store(yes, Ordering::Relaxed);
}

/// Checks a guest path: non-empty, relative, without NUL bytes.
fn check(path: &[u8]) -> Result<(), Errno> {
    match path {
        [] => Err(errno::NOENT),
        [b'/', ..] => Err(errno::PERM),
        _ if path.contains(&0) => Err(errno::INVAL),
        _ => Ok(()),
    }
}

/// Opens `path` beneath `dir`. With `follow`, a final symlink is followed
/// (beneath `dir` too); without, opening one fails with `ELOOP`.
pub fn open(dir: BorrowedFd<'_>, path: &[u8], flags: OFlags, mode: Mode, follow: bool) -> Result<OwnedFd, Errno> {
    check(path)?;
    let mut flags = flags | OFlags::CLOEXEC;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    // openat2 insists on a zero mode unless something may be created.
    // (O_TMPFILE includes O_DIRECTORY's bit, hence `contains`.)
    let mode = if flags.contains(OFlags::CREATE) || flags.contains(OFlags::TMPFILE) { mode } else { Mode::empty() };
    if !NO_OPENAT2.load(Ordering::Relaxed) {
        // EAGAIN: a concurrent rename made the kernel unsure about `..`.
        for _ in 0..8 {
            match rustix::fs::openat2(dir, path, flags, mode, ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS) {
                Ok(fd) => return Ok(fd),
                Err(HostErrno::XDEV) => return Err(errno::PERM),
                Err(HostErrno::AGAIN | HostErrno::INTR) => {}
                Err(HostErrno::NOSYS) => {
                    NO_OPENAT2.store(true, Ordering::Relaxed);
                    break;
                }
                Err(e) => return Err(errno::from_host(e)),
            }
        }
    }
    walk(dir, path, flags, mode, follow)
}

/// Splits a path into its components for [`walk`], last first (so `pop`
/// yields them in order). A trailing slash becomes a final `.`, which
/// makes the component before it a directory that is opened itself.
fn push_components(path: &[u8], pending: &mut Vec<Vec<u8>>) {
    let mut parts: Vec<&[u8]> = path.split(|&b| b == b'/').filter(|c| !c.is_empty()).collect();
    if path.ends_with(b"/") {
        parts.push(b".");
    }
    pending.extend(parts.into_iter().rev().map(<[u8]>::to_vec));
}

/// The target of the symlink `name` in `at`, checked to be relative.
fn link_target(at: BorrowedFd<'_>, name: &[u8]) -> Result<Vec<u8>, Errno> {
    let target = rustix::fs::readlinkat(at, name, Vec::new()).map_err(errno::from_host)?.into_bytes();
    check(&target)?;
    Ok(target)
}

/// The portable resolution of [`open`]: one component at a time, never
/// letting the kernel follow a symlink or `..`.
pub fn walk(dir: BorrowedFd<'_>, path: &[u8], flags: OFlags, mode: Mode, follow: bool) -> Result<OwnedFd, Errno> {
    check(path)?;
    let flags = flags | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let mut stack: Vec<OwnedFd> = Vec::new();
    let mut pending: Vec<Vec<u8>> = Vec::new();
    push_components(path, &mut pending);
    let mut links = 0;
    while let Some(component) = pending.pop() {
        let last = pending.is_empty();
        let open_here = |stack: &Vec<OwnedFd>, name: &[u8]| {
            let cur = stack.last().map_or(dir, |f| f.as_fd());
            rustix::fs::openat(cur, name, flags, mode).map_err(errno::from_host)
        };
        match component.as_slice() {
            b"." if last => return open_here(&stack, b"."),
            b"." => {}
            b".." => {
                if stack.pop().is_none() {
                    return Err(errno::PERM);
                }
                if last {
                    return open_here(&stack, b".");
                }
            }
            name => {
                let cur = stack.last().map_or(dir, |f| f.as_fd());
                if last && !follow {
                    return open_here(&stack, name);
                }
                let st = match rustix::fs::statat(cur, name, AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) => st,
                    // Let open report it (or create the file).
                    Err(HostErrno::NOENT) if last => return open_here(&stack, name),
                    Err(e) => return Err(errno::from_host(e)),
                };
                match FileType::from_raw_mode(st.st_mode) {
                    FileType::Symlink => {
                        links += 1;
                        if links > MAX_SYMLINKS {
                            return Err(errno::LOOP);
                        }
                        let target = link_target(cur, name)?;
                        push_components(&target, &mut pending);
                    }
                    // O_NOFOLLOW: a symlink swapped in since the stat fails.
                    _ if last => return open_here(&stack, name),
                    FileType::Directory => {
                        let fd = rustix::fs::openat(
                            cur,
                            name,
                            OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                            Mode::empty(),
                        )
                        .map_err(errno::from_host)?;
                        stack.push(fd);
                    }
                    _ => return Err(errno::NOTDIR),
                }
            }
        }
    }
    // Only reached for paths without components, which `check` refuses.
    Err(errno::NOENT)
}

/// A final path component and the directory holding it, opened beneath the
/// base directory. `name` never contains a slash; it is `.` when the path
/// names a directory through `.` or `..`.
pub struct Parent<'a> {
    base: BorrowedFd<'a>,
    opened: Option<OwnedFd>,
    pub name: Vec<u8>,
    /// The path ended in a slash: it must name a directory.
    pub trailing_slash: bool,
    /// The path up to and including the last slash before `name`.
    prefix_len: usize,
}

impl Parent<'_> {
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.opened.as_ref().map_or(self.base, |f| f.as_fd())
    }

    /// `ENOTDIR` if the path ended in a slash but names something that is
    /// not a directory.
    pub fn check_trailing_slash(&self) -> Result<(), Errno> {
        if !self.trailing_slash || self.name == b"." {
            return Ok(());
        }
        match rustix::fs::statat(self.fd(), self.name.as_slice(), AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) if FileType::from_raw_mode(st.st_mode) != FileType::Directory => Err(errno::NOTDIR),
            _ => Ok(()),
        }
    }
}

/// The parent directory of `path` (beneath `dir`, following symlinks on the
/// way) and its final component.
pub fn parent<'a>(dir: BorrowedFd<'a>, path: &[u8]) -> Result<Parent<'a>, Errno> {
    check(path)?;
    let end = path.iter().rposition(|&b| b != b'/').map_or(0, |i| i + 1);
    let trimmed = &path[..end];
    let trailing_slash = end < path.len();
    let (prefix_len, name) = match trimmed.iter().rposition(|&b| b == b'/') {
        Some(i) => (i + 1, &trimmed[i + 1..]),
        None => (0, trimmed),
    };
    if name == b"." || name == b".." {
        let fd = open(dir, trimmed, OFlags::PATH | OFlags::DIRECTORY, Mode::empty(), true)?;
        return Ok(Parent { base: dir, opened: Some(fd), name: b".".to_vec(), trailing_slash: true, prefix_len });
    }
    let opened = match prefix_len {
        0 => None,
        n => Some(open(dir, &path[..n], OFlags::PATH | OFlags::DIRECTORY, Mode::empty(), true)?),
    };
    Ok(Parent { base: dir, opened, name: name.to_vec(), trailing_slash, prefix_len })
}

/// Like [`parent`], but a final symlink is expanded (beneath `dir`) until
/// the name is something else or does not exist.
pub fn parent_following<'a>(dir: BorrowedFd<'a>, path: &[u8]) -> Result<Parent<'a>, Errno> {
    let mut path = path.to_vec();
    for _ in 0..=MAX_SYMLINKS {
        let p = parent(dir, &path)?;
        if p.name == b"." {
            return Ok(p);
        }
        match rustix::fs::statat(p.fd(), p.name.as_slice(), AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Symlink => {
                let target = link_target(p.fd(), &p.name)?;
                let mut next = path[..p.prefix_len].to_vec();
                next.extend_from_slice(&target);
                if p.trailing_slash {
                    next.push(b'/');
                }
                path = next;
            }
            _ => return Ok(p),
        }
    }
    Err(errno::LOOP)
}
