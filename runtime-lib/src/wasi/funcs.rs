//! The 46 host functions of `wasi_snapshot_preview1`. Each is an
//! `extern "C" fn(vmctx, args..) -> errno` exported under the symbol
//! `kiln_abi::symbols::import_symbol("wasi_snapshot_preview1", name)`.
//! Functions this runtime does not implement yet return `ENOSYS`.

use super::errno::{self, Errno};
use super::guest::Guest;
use super::{close_fd, host_fd, CTX};
use crate::sys;
use alloc::vec::Vec;
use kiln_abi::valtype;
use kiln_abi::VMContext;
use rustix::fd::BorrowedFd;
use rustix::fs::{FileType, OFlags, SeekFrom};
use rustix::io::Errno as HostErrno;
use rustix::time::ClockId;

/// A host function as exported: wasm name, symbol, wasm signature.
#[derive(Debug)]
pub struct HostExport {
    pub name: &'static str,
    pub symbol: &'static str,
    pub params: &'static [u8],
    pub results: &'static [u8],
}

/// Rust parameter/result types of host functions and their wasm types.
trait WasmType {
    const VALTYPE: u8;
}
impl WasmType for u32 {
    const VALTYPE: u8 = valtype::I32;
}
impl WasmType for u64 {
    const VALTYPE: u8 = valtype::I64;
}
impl WasmType for i32 {
    const VALTYPE: u8 = valtype::I32;
}

/// Defines each host function under its import symbol, the
/// [`HOST_FUNCS`] table describing them, and [`host_func`].
macro_rules! host_funcs {
    ($(
        $(#[$doc:meta])*
        $wasm:literal as $escaped:literal =>
        fn $name:ident($vmctx:ident $(, $arg:ident: $ty:ty)*) $(-> $ret:ty)? $body:block
    )*) => {
        $(
            $(#[$doc])*
            ///
            /// # Safety
            /// Called by compiled code with its own live vmctx.
            #[export_name = concat!("kiln_import_wasi_5fsnapshot_5fpreview1__", $escaped)]
            pub unsafe extern "C" fn $name($vmctx: *mut VMContext $(, $arg: $ty)*) $(-> $ret)? $body
        )*

        /// Every host function, sorted by name like `kiln_abi::wasi::FUNCS`.
        pub static HOST_FUNCS: &[HostExport] = &[$(
            HostExport {
                name: $wasm,
                symbol: concat!("kiln_import_wasi_5fsnapshot_5fpreview1__", $escaped),
                params: &[$(<$ty as WasmType>::VALTYPE),*],
                results: host_funcs!(@results $($ret)?),
            },
        )*];

        /// The address of preview1 function `name`, for loaders that bind
        /// imports themselves.
        pub fn host_func(name: &str) -> Option<*const u8> {
            match name {
                $($wasm => Some($name as *const u8),)*
                _ => None,
            }
        }
    };
    (@results) => { &[] };
    (@results $ret:ty) => { &[<$ret as WasmType>::VALTYPE] };
}

fn result(r: Result<(), Errno>) -> i32 {
    match r {
        Ok(()) => errno::SUCCESS as i32,
        Err(e) => i32::from(e),
    }
}

/// # Safety
/// `vmctx` must be the caller's live vmctx.
unsafe fn guest(vmctx: *mut VMContext) -> Result<Guest, Errno> {
    // SAFETY: guaranteed by the caller.
    unsafe { Guest::from_vmctx(vmctx) }
}

fn borrow(fd: i32) -> BorrowedFd<'static> {
    // SAFETY: stdio descriptors stay open for the life of the process (the
    // guest's fd_close does not close them); a closed one gives EBADF.
    unsafe { BorrowedFd::borrow_raw(fd) }
}

/// `(count, buffer bytes incl. NULs)` of a string list.
fn list_sizes(list: &[Vec<u8>]) -> Result<(u32, u32), Errno> {
    let bytes: usize = list.iter().map(|s| s.len() + 1).sum();
    Ok((u32::try_from(list.len()).map_err(|_| errno::OVERFLOW)?, u32::try_from(bytes).map_err(|_| errno::OVERFLOW)?))
}

/// Writes a string list: `count` u32 pointers at `ptrs`, NUL-terminated
/// strings at `buf`. Both ranges are checked before anything is written.
fn write_list(g: &Guest, list: &[Vec<u8>], ptrs: u32, buf: u32) -> Result<(), Errno> {
    let (count, size) = list_sizes(list)?;
    g.check(ptrs, u64::from(count) * 4)?;
    g.check(buf, u64::from(size))?;
    let mut offset = buf;
    for (i, s) in list.iter().enumerate() {
        g.write_u32(ptrs + 4 * i as u32, offset)?;
        g.write_bytes(offset, s)?;
        g.write_bytes(offset + s.len() as u32, &[0])?;
        offset += s.len() as u32 + 1;
    }
    Ok(())
}

/// Reads iovec `i` (`{buf: u32, len: u32}`) of the array at `iovs`.
fn iovec(g: &Guest, iovs: u32, i: u32) -> Result<(u32, u32), Errno> {
    let at = u64::from(iovs) + 8 * u64::from(i);
    let at = u32::try_from(at).map_err(|_| errno::FAULT)?;
    Ok((g.read_u32(at)?, g.read_u32(at.checked_add(4).ok_or(errno::FAULT)?)?))
}

/// Checks every iovec of an array before any I/O happens.
fn check_iovecs(g: &Guest, iovs: u32, iovs_len: u32) -> Result<(), Errno> {
    g.check(iovs, u64::from(iovs_len) * 8)?;
    for i in 0..iovs_len {
        let (buf, len) = iovec(g, iovs, i)?;
        g.check(buf, u64::from(len))?;
    }
    Ok(())
}

/// Runs a read or write over each iovec until one is short. Errors after
/// some progress end the loop with the partial count, as POSIX readv does.
fn transfer(
    g: &Guest,
    iovs: u32,
    iovs_len: u32,
    mut io: impl FnMut(u32, u32) -> Result<usize, HostErrno>,
) -> Result<u32, Errno> {
    check_iovecs(g, iovs, iovs_len)?;
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

fn clock(id: u32) -> Result<ClockId, Errno> {
    Ok(match id {
        0 => ClockId::Realtime,
        1 => ClockId::Monotonic,
        2 => ClockId::ProcessCPUTime,
        3 => ClockId::ThreadCPUTime,
        _ => return Err(errno::INVAL),
    })
}

fn nanos(t: rustix::time::Timespec) -> u64 {
    (t.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(t.tv_nsec as u64)
}

// `filetype` values.
const FILETYPE_UNKNOWN: u8 = 0;
const FILETYPE_BLOCK_DEVICE: u8 = 1;
const FILETYPE_CHARACTER_DEVICE: u8 = 2;
const FILETYPE_DIRECTORY: u8 = 3;
const FILETYPE_REGULAR_FILE: u8 = 4;
const FILETYPE_SOCKET_STREAM: u8 = 6;
const FILETYPE_SYMBOLIC_LINK: u8 = 7;
// `fdflags` bits.
const FDFLAGS_APPEND: u16 = 1;
const FDFLAGS_DSYNC: u16 = 2;
const FDFLAGS_NONBLOCK: u16 = 4;
const FDFLAGS_RSYNC: u16 = 8;
const FDFLAGS_SYNC: u16 = 16;
// `rights` bits.
const RIGHTS_FD_READ: u64 = 1 << 1;
const RIGHTS_FD_WRITE: u64 = 1 << 6;
const RIGHTS_POLL_FD_READWRITE: u64 = 1 << 27;

/// The 24-byte `fdstat` of a stdio descriptor.
fn fdstat(fd: u32, host: i32) -> Result<[u8; 24], Errno> {
    let stat = rustix::fs::fstat(borrow(host)).map_err(errno::from_host)?;
    let filetype = match FileType::from_raw_mode(stat.st_mode) {
        FileType::RegularFile => FILETYPE_REGULAR_FILE,
        FileType::Directory => FILETYPE_DIRECTORY,
        FileType::Symlink => FILETYPE_SYMBOLIC_LINK,
        FileType::CharacterDevice => FILETYPE_CHARACTER_DEVICE,
        FileType::BlockDevice => FILETYPE_BLOCK_DEVICE,
        FileType::Socket => FILETYPE_SOCKET_STREAM,
        _ => FILETYPE_UNKNOWN,
    };
    let oflags = rustix::fs::fcntl_getfl(borrow(host)).map_err(errno::from_host)?;
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
    // Stdin reads, stdout/stderr write; none is seekable through WASI
    // rights, so wasi-libc's isatty works.
    let rights = if fd == 0 { RIGHTS_FD_READ } else { RIGHTS_FD_WRITE } | RIGHTS_POLL_FD_READWRITE;
    let mut out = [0u8; 24];
    out[0] = filetype;
    out[2..4].copy_from_slice(&flags.to_le_bytes());
    out[8..16].copy_from_slice(&rights.to_le_bytes());
    Ok(out)
}

host_funcs! {
    "args_get" as "args_5fget" => fn args_get(vmctx, argv: u32, argv_buf: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(unsafe { guest(vmctx) }.and_then(|g| write_list(&g, &CTX.lock().args, argv, argv_buf)))
    }
    "args_sizes_get" as "args_5fsizes_5fget" => fn args_sizes_get(vmctx, argc: u32, argv_buf_size: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let (count, size) = list_sizes(&CTX.lock().args)?;
            g.check(argc, 4)?;
            g.check(argv_buf_size, 4)?;
            g.write_u32(argc, count)?;
            g.write_u32(argv_buf_size, size)
        })())
    }
    "clock_res_get" as "clock_5fres_5fget" => fn clock_res_get(vmctx, id: u32, resolution: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let id = clock(id)?;
            g.write_u64(resolution, nanos(rustix::time::clock_getres(id)))
        })())
    }
    "clock_time_get" as "clock_5ftime_5fget" => fn clock_time_get(vmctx, id: u32, _precision: u64, time: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let id = clock(id)?;
            g.write_u64(time, nanos(rustix::time::clock_gettime(id)))
        })())
    }
    "environ_get" as "environ_5fget" => fn environ_get(vmctx, environ: u32, environ_buf: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(unsafe { guest(vmctx) }.and_then(|g| write_list(&g, &CTX.lock().env, environ, environ_buf)))
    }
    "environ_sizes_get" as "environ_5fsizes_5fget" =>
    fn environ_sizes_get(vmctx, count: u32, buf_size: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let (n, size) = list_sizes(&CTX.lock().env)?;
            g.check(count, 4)?;
            g.check(buf_size, 4)?;
            g.write_u32(count, n)?;
            g.write_u32(buf_size, size)
        })())
    }
    "fd_advise" as "fd_5fadvise" =>
    fn fd_advise(_vmctx, _fd: u32, _offset: u64, _len: u64, _advice: u32) -> i32 { errno::NOSYS.into() }
    "fd_allocate" as "fd_5fallocate" =>
    fn fd_allocate(_vmctx, _fd: u32, _offset: u64, _len: u64) -> i32 { errno::NOSYS.into() }
    "fd_close" as "fd_5fclose" => fn fd_close(_vmctx, fd: u32) -> i32 {
        result(close_fd(fd))
    }
    "fd_datasync" as "fd_5fdatasync" => fn fd_datasync(_vmctx, _fd: u32) -> i32 { errno::NOSYS.into() }
    "fd_fdstat_get" as "fd_5ffdstat_5fget" => fn fd_fdstat_get(vmctx, fd: u32, buf: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let host = host_fd(fd)?;
            g.check(buf, 24)?;
            g.write_bytes(buf, &fdstat(fd, host)?)
        })())
    }
    "fd_fdstat_set_flags" as "fd_5ffdstat_5fset_5fflags" =>
    fn fd_fdstat_set_flags(_vmctx, _fd: u32, _flags: u32) -> i32 { errno::NOSYS.into() }
    "fd_fdstat_set_rights" as "fd_5ffdstat_5fset_5frights" =>
    fn fd_fdstat_set_rights(_vmctx, _fd: u32, _base: u64, _inheriting: u64) -> i32 { errno::NOSYS.into() }
    "fd_filestat_get" as "fd_5ffilestat_5fget" =>
    fn fd_filestat_get(_vmctx, _fd: u32, _buf: u32) -> i32 { errno::NOSYS.into() }
    "fd_filestat_set_size" as "fd_5ffilestat_5fset_5fsize" =>
    fn fd_filestat_set_size(_vmctx, _fd: u32, _size: u64) -> i32 { errno::NOSYS.into() }
    "fd_filestat_set_times" as "fd_5ffilestat_5fset_5ftimes" =>
    fn fd_filestat_set_times(_vmctx, _fd: u32, _atim: u64, _mtim: u64, _flags: u32) -> i32 { errno::NOSYS.into() }
    "fd_pread" as "fd_5fpread" =>
    fn fd_pread(_vmctx, _fd: u32, _iovs: u32, _iovs_len: u32, _offset: u64, _nread: u32) -> i32 {
        errno::NOSYS.into()
    }
    "fd_prestat_dir_name" as "fd_5fprestat_5fdir_5fname" =>
    fn fd_prestat_dir_name(_vmctx, _fd: u32, _path: u32, _path_len: u32) -> i32 {
        // No preopened directories yet.
        errno::BADF.into()
    }
    "fd_prestat_get" as "fd_5fprestat_5fget" => fn fd_prestat_get(_vmctx, _fd: u32, _buf: u32) -> i32 {
        // No preopened directories yet: wasi-libc stops scanning at EBADF.
        errno::BADF.into()
    }
    "fd_pwrite" as "fd_5fpwrite" =>
    fn fd_pwrite(_vmctx, _fd: u32, _iovs: u32, _iovs_len: u32, _offset: u64, _nwritten: u32) -> i32 {
        errno::NOSYS.into()
    }
    "fd_read" as "fd_5fread" => fn fd_read(vmctx, fd: u32, iovs: u32, iovs_len: u32, nread: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let host = host_fd(fd)?;
            if fd != 0 {
                return Err(errno::BADF);
            }
            g.check(nread, 4)?;
            let n = transfer(&g, iovs, iovs_len, |buf, len| {
                let dst = g.slice_mut(buf, len).map_err(|_| HostErrno::FAULT)?;
                rustix::io::read(borrow(host), dst)
            })?;
            g.write_u32(nread, n)
        })())
    }
    "fd_readdir" as "fd_5freaddir" =>
    fn fd_readdir(_vmctx, _fd: u32, _buf: u32, _buf_len: u32, _cookie: u64, _bufused: u32) -> i32 {
        errno::NOSYS.into()
    }
    "fd_renumber" as "fd_5frenumber" => fn fd_renumber(_vmctx, _fd: u32, _to: u32) -> i32 { errno::NOSYS.into() }
    "fd_seek" as "fd_5fseek" => fn fd_seek(vmctx, fd: u32, offset: u64, whence: u32, newoffset: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let host = host_fd(fd)?;
            g.check(newoffset, 8)?;
            let offset = offset as i64;
            let pos = match whence {
                0 => SeekFrom::Start(u64::try_from(offset).map_err(|_| errno::INVAL)?),
                1 => SeekFrom::Current(offset),
                2 => SeekFrom::End(offset),
                _ => return Err(errno::INVAL),
            };
            // Pipes and terminals refuse with ESPIPE, as in Wasmtime.
            let new = rustix::fs::seek(borrow(host), pos).map_err(errno::from_host)?;
            g.write_u64(newoffset, new)
        })())
    }
    "fd_sync" as "fd_5fsync" => fn fd_sync(_vmctx, _fd: u32) -> i32 { errno::NOSYS.into() }
    "fd_tell" as "fd_5ftell" => fn fd_tell(_vmctx, _fd: u32, _offset: u32) -> i32 { errno::NOSYS.into() }
    "fd_write" as "fd_5fwrite" => fn fd_write(vmctx, fd: u32, iovs: u32, iovs_len: u32, nwritten: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let host = host_fd(fd)?;
            if fd == 0 {
                return Err(errno::BADF);
            }
            g.check(nwritten, 4)?;
            let n = transfer(&g, iovs, iovs_len, |buf, len| {
                let src = g.slice(buf, len).map_err(|_| HostErrno::FAULT)?;
                rustix::io::write(borrow(host), src)
            })?;
            g.write_u32(nwritten, n)
        })())
    }
    "path_create_directory" as "path_5fcreate_5fdirectory" =>
    fn path_create_directory(_vmctx, _fd: u32, _path: u32, _path_len: u32) -> i32 { errno::NOSYS.into() }
    "path_filestat_get" as "path_5ffilestat_5fget" =>
    fn path_filestat_get(_vmctx, _fd: u32, _flags: u32, _path: u32, _path_len: u32, _buf: u32) -> i32 {
        errno::NOSYS.into()
    }
    "path_filestat_set_times" as "path_5ffilestat_5fset_5ftimes" =>
    fn path_filestat_set_times(
        _vmctx, _fd: u32, _flags: u32, _path: u32, _path_len: u32, _atim: u64, _mtim: u64, _fst_flags: u32
    ) -> i32 {
        errno::NOSYS.into()
    }
    "path_link" as "path_5flink" =>
    fn path_link(
        _vmctx, _old_fd: u32, _old_flags: u32, _old_path: u32, _old_len: u32, _new_fd: u32, _new_path: u32,
        _new_len: u32
    ) -> i32 {
        errno::NOSYS.into()
    }
    "path_open" as "path_5fopen" =>
    fn path_open(
        _vmctx, _fd: u32, _dirflags: u32, _path: u32, _path_len: u32, _oflags: u32, _base: u64, _inheriting: u64,
        _fdflags: u32, _opened: u32
    ) -> i32 {
        errno::NOSYS.into()
    }
    "path_readlink" as "path_5freadlink" =>
    fn path_readlink(_vmctx, _fd: u32, _path: u32, _path_len: u32, _buf: u32, _buf_len: u32, _used: u32) -> i32 {
        errno::NOSYS.into()
    }
    "path_remove_directory" as "path_5fremove_5fdirectory" =>
    fn path_remove_directory(_vmctx, _fd: u32, _path: u32, _path_len: u32) -> i32 { errno::NOSYS.into() }
    "path_rename" as "path_5frename" =>
    fn path_rename(_vmctx, _fd: u32, _old: u32, _old_len: u32, _new_fd: u32, _new: u32, _new_len: u32) -> i32 {
        errno::NOSYS.into()
    }
    "path_symlink" as "path_5fsymlink" =>
    fn path_symlink(_vmctx, _old: u32, _old_len: u32, _fd: u32, _new: u32, _new_len: u32) -> i32 {
        errno::NOSYS.into()
    }
    "path_unlink_file" as "path_5funlink_5ffile" =>
    fn path_unlink_file(_vmctx, _fd: u32, _path: u32, _path_len: u32) -> i32 { errno::NOSYS.into() }
    "poll_oneoff" as "poll_5foneoff" =>
    fn poll_oneoff(_vmctx, _subs: u32, _events: u32, _nsubs: u32, _nevents: u32) -> i32 { errno::NOSYS.into() }
    "proc_exit" as "proc_5fexit" => fn proc_exit(_vmctx, code: u32) {
        // Nothing is buffered: every fd_write went straight to the host.
        sys::exit_group(code as i32)
    }
    "proc_raise" as "proc_5fraise" => fn proc_raise(_vmctx, _sig: u32) -> i32 { errno::NOSYS.into() }
    "random_get" as "random_5fget" => fn random_get(vmctx, buf: u32, buf_len: u32) -> i32 {
        result((|| {
            // SAFETY: our caller's vmctx.
            let g = unsafe { guest(vmctx) }?;
            let mut rest = g.slice_mut(buf, buf_len)?;
            while !rest.is_empty() {
                match rustix::rand::getrandom(&mut *rest, rustix::rand::GetRandomFlags::empty()) {
                    Ok(n) => rest = &mut rest[n..],
                    Err(HostErrno::INTR) => {}
                    Err(e) => return Err(errno::from_host(e)),
                }
            }
            Ok(())
        })())
    }
    "sched_yield" as "sched_5fyield" => fn sched_yield(_vmctx) -> i32 {
        rustix::thread::sched_yield();
        errno::SUCCESS.into()
    }
    "sock_accept" as "sock_5faccept" =>
    fn sock_accept(_vmctx, _fd: u32, _flags: u32, _result: u32) -> i32 { errno::NOSYS.into() }
    "sock_recv" as "sock_5frecv" =>
    fn sock_recv(_vmctx, _fd: u32, _iovs: u32, _iovs_len: u32, _flags: u32, _nread: u32, _oflags: u32) -> i32 {
        errno::NOSYS.into()
    }
    "sock_send" as "sock_5fsend" =>
    fn sock_send(_vmctx, _fd: u32, _iovs: u32, _iovs_len: u32, _flags: u32, _nwritten: u32) -> i32 {
        errno::NOSYS.into()
    }
    "sock_shutdown" as "sock_5fshutdown" =>
    fn sock_shutdown(_vmctx, _fd: u32, _how: u32) -> i32 { errno::NOSYS.into() }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use kiln_abi::{symbols, wasi};
    use std::string::String;

    #[test]
    fn every_preview1_function_is_exported_under_its_import_symbol() {
        assert_eq!(HOST_FUNCS.len(), wasi::FUNCS.len());
        for (h, f) in HOST_FUNCS.iter().zip(wasi::FUNCS) {
            assert_eq!(h.name, f.name);
            let mut expected = String::new();
            symbols::import_symbol(wasi::MODULE, f.name, &mut expected).unwrap();
            assert_eq!(h.symbol, expected, "{}", f.name);
            assert_eq!(h.params, f.params, "params of {}", f.name);
            assert_eq!(h.results, f.results, "results of {}", f.name);
            assert!(host_func(f.name).is_some());
        }
        assert!(host_func("fd_nonexistent").is_none());
    }
}
