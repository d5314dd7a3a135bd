//! The path operations of `wasi:filesystem` descriptors (`*-at`), and
//! `stat`. Paths resolve beneath the directory through preview1's
//! `resolve`, so the sandbox is the same for both preview versions.

use super::clocks::Datetime;
use super::filesystem::{
    code, descriptor_type, fs, host, new_descriptor, timestamps, Desc, FsResult, ALL_FLAGS, MUTATE_DIRECTORY, READ,
    WRITE,
};
use super::{Cx, HostResult, HostTrap};
use crate::wasi::errno::{self as p1};
use crate::wasi::resolve::{self, Parent};
use alloc::string::String;
use alloc::vec::Vec;
use rustix::fs::{AtFlags, FileType, Mode, OFlags, Stat};

/// `path-flags.symlink-follow`.
const SYMLINK_FOLLOW: i32 = 1;
/// `open-flags` bits.
const CREATE: i32 = 1;
const DIRECTORY: i32 = 2;
const EXCLUSIVE: i32 = 4;
const TRUNCATE: i32 = 8;

crate::wit_record! {
    /// `descriptor-stat`.
    pub struct DescriptorStat {
        pub kind: u8,
        pub link_count: u64,
        pub size: u64,
        pub data_access_timestamp: Option<Datetime>,
        pub data_modification_timestamp: Option<Datetime>,
        pub status_change_timestamp: Option<Datetime>,
    }
}

crate::wit_record! {
    /// `metadata-hash-value`.
    pub struct MetadataHash {
        pub lower: u64,
        pub upper: u64,
    }
}

fn datetime(sec: i64, nsec: u64) -> Option<Datetime> {
    Some(Datetime { seconds: sec.max(0) as u64, nanoseconds: nsec as u32 })
}

fn stat_of(st: &Stat) -> DescriptorStat {
    #[allow(clippy::useless_conversion, reason = "st_nlink is u64 on x86_64 but u32 on aarch64 and riscv64")]
    let link_count = u64::from(st.st_nlink);
    DescriptorStat {
        kind: descriptor_type(FileType::from_raw_mode(st.st_mode)),
        link_count,
        size: st.st_size as u64,
        data_access_timestamp: datetime(st.st_atime, st.st_atime_nsec),
        data_modification_timestamp: datetime(st.st_mtime, st.st_mtime_nsec),
        status_change_timestamp: datetime(st.st_ctime, st.st_ctime_nsec),
    }
}

/// The guest path at `[ptr, ptr + len)`; it must be UTF-8.
fn path(cx: &Cx<'_>, ptr: i32, len: i32) -> HostResult<Vec<u8>> {
    Ok(cx.string(ptr as u32, len as u32)?.into_bytes())
}

fn lookup<'a>(d: &'a Desc, path: &[u8], follow: bool) -> FsResult<Parent<'a>> {
    fs(|| if follow { resolve::parent_following(d.fd.fd(), path) } else { resolve::parent(d.fd.fd(), path) })
}

/// The directory behind `this`, and the guest path.
fn dir_and_path(cx: &Cx<'_>, this: i32, ptr: i32, len: i32) -> HostResult<(FsResult<Desc>, Vec<u8>)> {
    let path = path(cx, ptr, len)?;
    Ok((Desc::get(this)?.directory(), path))
}

fn path_flags(flags: i32) -> HostResult<bool> {
    if flags & !SYMLINK_FOLLOW != 0 {
        return Err(HostTrap::InvalidValue("path-flags"));
    }
    Ok(flags & SYMLINK_FOLLOW != 0)
}

/// `[method]descriptor.stat`.
pub fn descriptor_stat(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    let r = host(rustix::fs::fstat(d.fd.fd())).map(|st| stat_of(&st));
    cx.store(ret as u32, &r)
}

fn stat_at(d: &Desc, path: &[u8], follow: bool) -> FsResult<Stat> {
    let p = lookup(d, path, follow)?;
    fs(|| p.check_trailing_slash())?;
    host(rustix::fs::statat(p.fd(), p.name.as_slice(), AtFlags::SYMLINK_NOFOLLOW))
}

/// `[method]descriptor.stat-at`.
pub fn descriptor_stat_at(cx: &mut Cx<'_>, this: i32, flags: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    let follow = path_flags(flags)?;
    let (d, path) = dir_and_path(cx, this, ptr, len)?;
    let r = d.and_then(|d| stat_at(&d, &path, follow)).map(|st| stat_of(&st));
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.set-times-at`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI signature")]
pub fn descriptor_set_times_at(
    cx: &mut Cx<'_>,
    this: i32,
    flags: i32,
    ptr: i32,
    len: i32,
    a_disc: i32,
    a_sec: i64,
    a_ns: i32,
    m_disc: i32,
    m_sec: i64,
    m_ns: i32,
    ret: i32,
) -> HostResult<()> {
    let follow = path_flags(flags)?;
    let times = timestamps((a_disc, a_sec, a_ns), (m_disc, m_sec, m_ns))?;
    let (d, path) = dir_and_path(cx, this, ptr, len)?;
    let r = d.and_then(Desc::mutable).and_then(|d| {
        let p = lookup(&d, &path, follow)?;
        fs(|| p.check_trailing_slash())?;
        host(rustix::fs::utimensat(p.fd(), p.name.as_slice(), &times, AtFlags::SYMLINK_NOFOLLOW))
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.create-directory-at`.
pub fn descriptor_create_directory_at(cx: &mut Cx<'_>, this: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    let (d, path) = dir_and_path(cx, this, ptr, len)?;
    let r = d.and_then(Desc::mutable).and_then(|d| {
        let p = lookup(&d, &path, false)?;
        host(rustix::fs::mkdirat(p.fd(), p.name.as_slice(), Mode::from_raw_mode(0o777)))
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.link-at`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI signature")]
pub fn descriptor_link_at(
    cx: &mut Cx<'_>,
    this: i32,
    flags: i32,
    old_ptr: i32,
    old_len: i32,
    new_dir: i32,
    new_ptr: i32,
    new_len: i32,
    ret: i32,
) -> HostResult<()> {
    let follow = path_flags(flags)?;
    let (old, old_path) = dir_and_path(cx, this, old_ptr, old_len)?;
    let (new, new_path) = dir_and_path(cx, new_dir, new_ptr, new_len)?;
    let r = old.and_then(Desc::mutable).and_then(|old| {
        let new = new.and_then(Desc::mutable)?;
        let op = lookup(&old, &old_path, follow)?;
        fs(|| op.check_trailing_slash())?;
        let np = lookup(&new, &new_path, false)?;
        host(rustix::fs::linkat(op.fd(), op.name.as_slice(), np.fd(), np.name.as_slice(), AtFlags::empty()))
    });
    cx.store(ret as u32, &r)
}

/// The host open flags for an `open-at` call, or its error code. As in
/// Wasmtime, what a directory may do comes from its grant (read-only or
/// not), not from the flags it was opened with.
fn open_flags(parent: &Desc, open: i32, flags: u8) -> FsResult<OFlags> {
    let (read, write) = (flags & READ != 0, flags & WRITE != 0);
    if open & DIRECTORY != 0 && (open & (CREATE | EXCLUSIVE | TRUNCATE) != 0 || write) {
        return Err(code(p1::INVAL));
    }
    let mutating = write || flags & MUTATE_DIRECTORY != 0 || open & (CREATE | TRUNCATE) != 0;
    if mutating && parent.readonly {
        return Err(code(p1::PERM));
    }
    let mut o = match (read, write) {
        (_, false) => OFlags::RDONLY,
        (false, true) => OFlags::WRONLY,
        (true, true) => OFlags::RDWR,
    };
    for (bit, f) in
        [(CREATE, OFlags::CREATE), (DIRECTORY, OFlags::DIRECTORY), (EXCLUSIVE, OFlags::EXCL), (TRUNCATE, OFlags::TRUNC)]
    {
        if open & bit != 0 {
            o |= f;
        }
    }
    Ok(o)
}

/// `[method]descriptor.open-at`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI signature")]
pub fn descriptor_open_at(
    cx: &mut Cx<'_>,
    this: i32,
    path_flags_bits: i32,
    ptr: i32,
    len: i32,
    open: i32,
    flags: i32,
    ret: i32,
) -> HostResult<()> {
    let follow = path_flags(path_flags_bits)?;
    if open & !(CREATE | DIRECTORY | EXCLUSIVE | TRUNCATE) != 0 {
        return Err(HostTrap::InvalidValue("open-flags"));
    }
    let flags =
        u8::try_from(flags).ok().filter(|f| f & !ALL_FLAGS == 0).ok_or(HostTrap::InvalidValue("descriptor-flags"))?;
    let (d, path) = dir_and_path(cx, this, ptr, len)?;
    let opened = d.and_then(|d| {
        let o = open_flags(&d, open, flags)?;
        let fd = fs(|| resolve::open(d.fd.fd(), &path, o, Mode::from_raw_mode(0o666), follow))?;
        Ok((fd, d.readonly))
    });
    let r = match opened {
        Ok((fd, readonly)) => match host(rustix::fs::fstat(&fd)) {
            // A directory may read and, unless its grant is read-only,
            // change what is in it.
            Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Directory => {
                let dir_flags = if readonly { READ } else { READ | MUTATE_DIRECTORY };
                new_descriptor(fd, dir_flags, readonly)?
            }
            Ok(_) => new_descriptor(fd, flags & (READ | WRITE), readonly)?,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.readlink-at`.
pub fn descriptor_readlink_at(cx: &mut Cx<'_>, this: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    let (d, path) = dir_and_path(cx, this, ptr, len)?;
    let r = d.and_then(|d| {
        let p = lookup(&d, &path, false)?;
        let target = host(rustix::fs::readlinkat(p.fd(), p.name.as_slice(), Vec::new()))?;
        String::from_utf8(target.into_bytes()).map_err(|_| code(p1::ILSEQ))
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.remove-directory-at`.
pub fn descriptor_remove_directory_at(cx: &mut Cx<'_>, this: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    let (d, path) = dir_and_path(cx, this, ptr, len)?;
    let r = d.and_then(Desc::mutable).and_then(|d| {
        let p = lookup(&d, &path, false)?;
        host(rustix::fs::unlinkat(p.fd(), p.name.as_slice(), AtFlags::REMOVEDIR))
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.rename-at`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI signature")]
pub fn descriptor_rename_at(
    cx: &mut Cx<'_>,
    this: i32,
    old_ptr: i32,
    old_len: i32,
    new_dir: i32,
    new_ptr: i32,
    new_len: i32,
    ret: i32,
) -> HostResult<()> {
    let (old, old_path) = dir_and_path(cx, this, old_ptr, old_len)?;
    let (new, new_path) = dir_and_path(cx, new_dir, new_ptr, new_len)?;
    let r = old.and_then(Desc::mutable).and_then(|old| {
        let new = new.and_then(Desc::mutable)?;
        let op = lookup(&old, &old_path, false)?;
        let np = lookup(&new, &new_path, false)?;
        if op.trailing_slash || np.trailing_slash {
            let st = host(rustix::fs::statat(op.fd(), op.name.as_slice(), AtFlags::SYMLINK_NOFOLLOW))?;
            if FileType::from_raw_mode(st.st_mode) != FileType::Directory {
                return Err(code(p1::NOTDIR));
            }
        }
        host(rustix::fs::renameat(op.fd(), op.name.as_slice(), np.fd(), np.name.as_slice()))
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.symlink-at`.
#[allow(clippy::too_many_arguments, reason = "the flattened WASI signature")]
pub fn descriptor_symlink_at(
    cx: &mut Cx<'_>,
    this: i32,
    old_ptr: i32,
    old_len: i32,
    new_ptr: i32,
    new_len: i32,
    ret: i32,
) -> HostResult<()> {
    let target = path(cx, old_ptr, old_len)?;
    let (d, new_path) = dir_and_path(cx, this, new_ptr, new_len)?;
    let r = d.and_then(Desc::mutable).and_then(|d| {
        match target.as_slice() {
            [] => return Err(code(p1::NOENT)),
            // Wasmtime refuses absolute targets: they could never resolve.
            [b'/', ..] => return Err(code(p1::PERM)),
            t if t.contains(&0) => return Err(code(p1::INVAL)),
            _ => {}
        }
        let p = lookup(&d, &new_path, false)?;
        if p.trailing_slash {
            return Err(code(p1::NOENT));
        }
        host(rustix::fs::symlinkat(target.as_slice(), p.fd(), p.name.as_slice()))
    });
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.unlink-file-at`.
pub fn descriptor_unlink_file_at(cx: &mut Cx<'_>, this: i32, ptr: i32, len: i32, ret: i32) -> HostResult<()> {
    let (d, path) = dir_and_path(cx, this, ptr, len)?;
    let r = d.and_then(Desc::mutable).and_then(|d| {
        let p = lookup(&d, &path, false)?;
        fs(|| p.check_trailing_slash())?;
        host(rustix::fs::unlinkat(p.fd(), p.name.as_slice(), AtFlags::empty()))
    });
    cx.store(ret as u32, &r)
}

/// A hash of a file's identity (device and inode), as Wasmtime gives one.
fn hash(st: &Stat) -> MetadataHash {
    // SplitMix64 finalizers over the identity: stable for one file,
    // different for different files, without revealing the inode.
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let (dev, ino) = (st.st_dev, st.st_ino);
    MetadataHash { lower: mix(ino ^ mix(dev)), upper: mix(dev.wrapping_add(0x9e37_79b9_7f4a_7c15) ^ mix(ino)) }
}

/// `[method]descriptor.metadata-hash`.
pub fn descriptor_metadata_hash(cx: &mut Cx<'_>, this: i32, ret: i32) -> HostResult<()> {
    let d = Desc::get(this)?;
    let r = host(rustix::fs::fstat(d.fd.fd())).map(|st| hash(&st));
    cx.store(ret as u32, &r)
}

/// `[method]descriptor.metadata-hash-at`.
pub fn descriptor_metadata_hash_at(
    cx: &mut Cx<'_>,
    this: i32,
    flags: i32,
    ptr: i32,
    len: i32,
    ret: i32,
) -> HostResult<()> {
    let follow = path_flags(flags)?;
    let (d, path) = dir_and_path(cx, this, ptr, len)?;
    let r = d.and_then(|d| stat_at(&d, &path, follow)).map(|st| hash(&st));
    cx.store(ret as u32, &r)
}
