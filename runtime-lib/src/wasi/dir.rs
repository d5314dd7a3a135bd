//! `fd_readdir`: directory listings with stable cookies.
//!
//! A listing with cookie 0 takes a snapshot of the directory (`.` and `..`
//! first, then the host's entries in the host's order); the cookie of an
//! entry is its index in the snapshot plus one, so `d_next` of entry `i`
//! is `i + 1`, and `seekdir`/`telldir` cookies stay valid until the next
//! listing from 0.

use super::consts::*;
use super::errno::{self, Errno};
use super::guest::Guest;
use super::table::{self, Handle};
use alloc::vec::Vec;
use rustix::fs::{AtFlags, FileType};

pub struct DirEntry {
    name: Vec<u8>,
    ino: u64,
    filetype: u8,
}

pub struct Listing {
    entries: Vec<DirEntry>,
}

fn entry_type(t: FileType) -> Option<u8> {
    Some(match t {
        FileType::RegularFile => FILETYPE_REGULAR_FILE,
        FileType::Directory => FILETYPE_DIRECTORY,
        FileType::Symlink => FILETYPE_SYMBOLIC_LINK,
        FileType::CharacterDevice => FILETYPE_CHARACTER_DEVICE,
        FileType::BlockDevice => FILETYPE_BLOCK_DEVICE,
        FileType::Socket => FILETYPE_SOCKET_STREAM,
        FileType::Fifo => FILETYPE_UNKNOWN,
        FileType::Unknown => return None,
    })
}

/// Reads every entry of the directory open at `h`.
fn snapshot(h: &Handle) -> Result<Listing, Errno> {
    let fd = h.fd();
    let this = rustix::fs::fstat(fd).map_err(errno::from_host)?;
    let mut entries = Vec::new();
    entries.push(DirEntry { name: b".".to_vec(), ino: this.st_ino as u64, filetype: FILETYPE_DIRECTORY });
    // `..` of a preopened directory lies outside the sandbox: its inode
    // number is not revealed.
    entries.push(DirEntry { name: b"..".to_vec(), ino: 0, filetype: FILETYPE_DIRECTORY });
    // Reads through a fresh descriptor (`Dir::read_from` reopens "."), so
    // the guest's own file offset is untouched.
    let mut dir = rustix::fs::Dir::read_from(fd).map_err(errno::from_host)?;
    while let Some(entry) = dir.read() {
        let entry = entry.map_err(errno::from_host)?;
        let name = entry.file_name().to_bytes();
        if name == b"." || name == b".." {
            continue;
        }
        let filetype = match entry_type(entry.file_type()) {
            Some(t) => t,
            None => match rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(st) => table::filetype(st.st_mode),
                Err(_) => FILETYPE_UNKNOWN,
            },
        };
        entries.push(DirEntry { name: name.to_vec(), ino: entry.ino(), filetype });
    }
    Ok(Listing { entries })
}

/// `fd_readdir`: fills `buf` with `dirent` headers and names from entry
/// `cookie` on; the last one is cut short when the buffer is full, which
/// tells the caller to read again with a larger buffer.
pub fn readdir(g: &Guest, fd: u32, buf: u32, buf_len: u32, cookie: u64, bufused: u32) -> Result<(), Errno> {
    let cx = g.wasi();
    table::handle(cx, fd, 0)?.dir()?;
    let h = table::handle(cx, fd, RIGHT_FD_READDIR)?;
    g.check(buf, u64::from(buf_len))?;
    g.check(bufused, 4)?;
    let fresh = if cookie == 0 { Some(snapshot(&h)?) } else { None };
    let mut out: Vec<u8> = Vec::new();
    table::with_entry(cx, fd, |entry| {
        if let Some(listing) = fresh {
            entry.listing = Some(listing);
        }
        if entry.listing.is_none() {
            // A cookie from before this descriptor was listed (or renumbered).
            entry.listing = Some(snapshot(&h)?);
        }
        let listing = entry.listing.as_ref().ok_or(errno::IO)?;
        let start = usize::try_from(cookie).unwrap_or(usize::MAX);
        for (i, e) in listing.entries.iter().enumerate().skip(start) {
            if out.len() >= buf_len as usize {
                break;
            }
            let mut header = [0u8; DIRENT_SIZE as usize];
            header[0..8].copy_from_slice(&(i as u64 + 1).to_le_bytes());
            header[8..16].copy_from_slice(&e.ino.to_le_bytes());
            header[16..20].copy_from_slice(&(e.name.len() as u32).to_le_bytes());
            header[20] = e.filetype;
            out.extend_from_slice(&header);
            out.extend_from_slice(&e.name);
        }
        Ok(())
    })?;
    out.truncate(buf_len as usize);
    g.write_bytes(buf, &out)?;
    g.write_u32(bufused, out.len() as u32)
}
