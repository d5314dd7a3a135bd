//! The 46 host functions of `wasi_snapshot_preview1`. Each is an
//! `extern "C" fn(vmctx, args..) -> errno` exported under the symbol
//! `kiln_abi::symbols::import_symbol("wasi_snapshot_preview1", name)`; the
//! wrappers here only marshal, the work happens in [`super::fd`],
//! [`super::path`], [`super::dir`], [`super::poll`] and [`super::sock`].

use super::errno::{self, Errno};
use super::guest::Guest;
use super::{dir, fd, path, poll, sock, WasiCtx};
use crate::instance::Instance;
use crate::sys;
use alloc::vec::Vec;
use kiln_abi::valtype;
use kiln_abi::VMContext;
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

/// Runs `f` with the caller's memory.
///
/// # Safety
/// `vmctx` must be the caller's live vmctx.
unsafe fn with_guest(vmctx: *mut VMContext, f: impl FnOnce(&Guest) -> Result<(), Errno>) -> i32 {
    // SAFETY: guaranteed by the caller.
    result(unsafe { Guest::from_vmctx(vmctx) }.and_then(|g| f(&g)))
}

/// The WASI context of the instance owning `vmctx`.
///
/// # Safety
/// `vmctx` must be the caller's live vmctx; the context lives as long.
unsafe fn wasi<'a>(vmctx: *mut VMContext) -> &'a WasiCtx {
    // SAFETY: guaranteed by the caller.
    unsafe { Instance::from_vmctx(vmctx) }.wasi()
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

fn write_sizes(g: &Guest, list: &[Vec<u8>], count: u32, size: u32) -> Result<(), Errno> {
    let (n, bytes) = list_sizes(list)?;
    g.check(count, 4)?;
    g.check(size, 4)?;
    g.write_u32(count, n)?;
    g.write_u32(size, bytes)
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

fn random(g: &Guest, buf: u32, buf_len: u32) -> Result<(), Errno> {
    let mut rest = g.slice_mut(buf, buf_len)?;
    while !rest.is_empty() {
        match rustix::rand::getrandom(&mut *rest, rustix::rand::GetRandomFlags::empty()) {
            Ok(n) => rest = &mut rest[n..],
            Err(HostErrno::INTR) => {}
            Err(e) => return Err(errno::from_host(e)),
        }
    }
    Ok(())
}

/// `proc_raise`: the host signal for a preview1 `signal` (`None` for 0).
fn host_signal(sig: u32) -> Result<Option<i32>, Errno> {
    // preview1 numbers 1-30 in order: HUP INT QUIT ILL TRAP ABRT BUS FPE KILL
    // USR1 SEGV USR2 PIPE ALRM TERM CHLD CONT STOP TSTP TTIN TTOU URG XCPU
    // XFSZ VTALRM PROF WINCH POLL PWR SYS.
    const LINUX: [i32; 30] =
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];
    match sig {
        0 => Ok(None),
        1..=30 => Ok(Some(LINUX[sig as usize - 1])),
        _ => Err(errno::INVAL),
    }
}

fn raise(sig: u32) -> Result<(), Errno> {
    let Some(sig) = host_signal(sig)? else {
        return Ok(());
    };
    // The default action, not the runtime's trap handler: the program asked
    // for the signal's own effect (most terminate the process).
    // SAFETY: restores a default disposition; no handler code is involved.
    unsafe { sys::signal::restore(sig, &sys::signal::SigAction::default_action()) }.map_err(errno::from_host)?;
    let signal = rustix::process::Signal::from_named_raw(sig).ok_or(errno::INVAL)?;
    rustix::process::kill_process(rustix::process::getpid(), signal).map_err(errno::from_host)
}

host_funcs! {
    "args_get" as "args_5fget" => fn args_get(vmctx, argv: u32, argv_buf: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| write_list(g, &g.wasi().args(), argv, argv_buf)) }
    }
    "args_sizes_get" as "args_5fsizes_5fget" => fn args_sizes_get(vmctx, argc: u32, argv_buf_size: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| write_sizes(g, &g.wasi().args(), argc, argv_buf_size)) }
    }
    "clock_res_get" as "clock_5fres_5fget" => fn clock_res_get(vmctx, id: u32, resolution: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| g.write_u64(resolution, super::nanos(rustix::time::clock_getres(clock(id)?)))) }
    }
    "clock_time_get" as "clock_5ftime_5fget" => fn clock_time_get(vmctx, id: u32, _precision: u64, time: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| g.write_u64(time, super::nanos(rustix::time::clock_gettime(clock(id)?)))) }
    }
    "environ_get" as "environ_5fget" => fn environ_get(vmctx, environ: u32, environ_buf: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| write_list(g, &g.wasi().environment(), environ, environ_buf)) }
    }
    "environ_sizes_get" as "environ_5fsizes_5fget" =>
    fn environ_sizes_get(vmctx, count: u32, buf_size: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| write_sizes(g, &g.wasi().environment(), count, buf_size)) }
    }
    "fd_advise" as "fd_5fadvise" =>
    fn fd_advise(vmctx, fd: u32, offset: u64, len: u64, advice: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::advise(unsafe { wasi(vmctx) }, fd, offset, len, advice))
    }
    "fd_allocate" as "fd_5fallocate" => fn fd_allocate(vmctx, fd: u32, offset: u64, len: u64) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::allocate(unsafe { wasi(vmctx) }, fd, offset, len))
    }
    "fd_close" as "fd_5fclose" => fn fd_close(vmctx, fd: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::close(unsafe { wasi(vmctx) }, fd))
    }
    "fd_datasync" as "fd_5fdatasync" => fn fd_datasync(vmctx, fd: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::datasync(unsafe { wasi(vmctx) }, fd))
    }
    "fd_fdstat_get" as "fd_5ffdstat_5fget" => fn fd_fdstat_get(vmctx, fd: u32, buf: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::fdstat_get(g, fd, buf)) }
    }
    "fd_fdstat_set_flags" as "fd_5ffdstat_5fset_5fflags" => fn fd_fdstat_set_flags(vmctx, fd: u32, flags: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::fdstat_set_flags(unsafe { wasi(vmctx) }, fd, flags))
    }
    "fd_fdstat_set_rights" as "fd_5ffdstat_5fset_5frights" =>
    fn fd_fdstat_set_rights(vmctx, fd: u32, base: u64, inheriting: u64) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::fdstat_set_rights(unsafe { wasi(vmctx) }, fd, base, inheriting))
    }
    "fd_filestat_get" as "fd_5ffilestat_5fget" => fn fd_filestat_get(vmctx, fd: u32, buf: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::filestat_get(g, fd, buf)) }
    }
    "fd_filestat_set_size" as "fd_5ffilestat_5fset_5fsize" => fn fd_filestat_set_size(vmctx, fd: u32, size: u64) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::filestat_set_size(unsafe { wasi(vmctx) }, fd, size))
    }
    "fd_filestat_set_times" as "fd_5ffilestat_5fset_5ftimes" =>
    fn fd_filestat_set_times(vmctx, fd: u32, atim: u64, mtim: u64, flags: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::filestat_set_times(unsafe { wasi(vmctx) }, fd, atim, mtim, flags))
    }
    "fd_pread" as "fd_5fpread" =>
    fn fd_pread(vmctx, fd: u32, iovs: u32, iovs_len: u32, offset: u64, nread: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::pread(g, fd, iovs, iovs_len, offset, nread)) }
    }
    "fd_prestat_dir_name" as "fd_5fprestat_5fdir_5fname" =>
    fn fd_prestat_dir_name(vmctx, fd: u32, path: u32, path_len: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::prestat_dir_name(g, fd, path, path_len)) }
    }
    "fd_prestat_get" as "fd_5fprestat_5fget" => fn fd_prestat_get(vmctx, fd: u32, buf: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::prestat_get(g, fd, buf)) }
    }
    "fd_pwrite" as "fd_5fpwrite" =>
    fn fd_pwrite(vmctx, fd: u32, iovs: u32, iovs_len: u32, offset: u64, nwritten: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::pwrite(g, fd, iovs, iovs_len, offset, nwritten)) }
    }
    "fd_read" as "fd_5fread" => fn fd_read(vmctx, fd: u32, iovs: u32, iovs_len: u32, nread: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::read(g, fd, iovs, iovs_len, nread)) }
    }
    "fd_readdir" as "fd_5freaddir" =>
    fn fd_readdir(vmctx, fd: u32, buf: u32, buf_len: u32, cookie: u64, bufused: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| dir::readdir(g, fd, buf, buf_len, cookie, bufused)) }
    }
    "fd_renumber" as "fd_5frenumber" => fn fd_renumber(vmctx, from: u32, to: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::renumber(unsafe { wasi(vmctx) }, from, to))
    }
    "fd_seek" as "fd_5fseek" => fn fd_seek(vmctx, fd: u32, offset: u64, whence: u32, newoffset: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::seek(g, fd, offset, whence, newoffset)) }
    }
    "fd_sync" as "fd_5fsync" => fn fd_sync(vmctx, fd: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(fd::sync(unsafe { wasi(vmctx) }, fd))
    }
    "fd_tell" as "fd_5ftell" => fn fd_tell(vmctx, fd: u32, offset: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::tell(g, fd, offset)) }
    }
    "fd_write" as "fd_5fwrite" => fn fd_write(vmctx, fd: u32, iovs: u32, iovs_len: u32, nwritten: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::write(g, fd, iovs, iovs_len, nwritten)) }
    }
    "path_create_directory" as "path_5fcreate_5fdirectory" =>
    fn path_create_directory(vmctx, fd: u32, p: u32, len: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::create_directory(g, fd, p, len)) }
    }
    "path_filestat_get" as "path_5ffilestat_5fget" =>
    fn path_filestat_get(vmctx, fd: u32, flags: u32, p: u32, len: u32, buf: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::filestat_get(g, fd, flags, p, len, buf)) }
    }
    "path_filestat_set_times" as "path_5ffilestat_5fset_5ftimes" =>
    fn path_filestat_set_times(vmctx, fd: u32, flags: u32, p: u32, len: u32, atim: u64, mtim: u64, fst: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::filestat_set_times(g, fd, flags, p, len, atim, mtim, fst)) }
    }
    "path_link" as "path_5flink" =>
    fn path_link(vmctx, old_fd: u32, old_flags: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::link(g, old_fd, old_flags, old, old_len, new_fd, new, new_len)) }
    }
    "path_open" as "path_5fopen" =>
    fn path_open(
        vmctx, fd: u32, dirflags: u32, p: u32, len: u32, oflags: u32, base: u64, inheriting: u64, fdflags: u32,
        opened: u32
    ) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe {
            with_guest(vmctx, |g| path::open(g, fd, dirflags, p, len, oflags, base, inheriting, fdflags, opened))
        }
    }
    "path_readlink" as "path_5freadlink" =>
    fn path_readlink(vmctx, fd: u32, p: u32, len: u32, buf: u32, buf_len: u32, used: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::readlink(g, fd, p, len, buf, buf_len, used)) }
    }
    "path_remove_directory" as "path_5fremove_5fdirectory" =>
    fn path_remove_directory(vmctx, fd: u32, p: u32, len: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::remove_directory(g, fd, p, len)) }
    }
    "path_rename" as "path_5frename" =>
    fn path_rename(vmctx, fd: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::rename(g, fd, old, old_len, new_fd, new, new_len)) }
    }
    "path_symlink" as "path_5fsymlink" =>
    fn path_symlink(vmctx, old: u32, old_len: u32, fd: u32, new: u32, new_len: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::symlink(g, old, old_len, fd, new, new_len)) }
    }
    "path_unlink_file" as "path_5funlink_5ffile" =>
    fn path_unlink_file(vmctx, fd: u32, p: u32, len: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| path::unlink_file(g, fd, p, len)) }
    }
    "poll_oneoff" as "poll_5foneoff" =>
    fn poll_oneoff(vmctx, subs: u32, events: u32, nsubs: u32, nevents: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| poll::poll_oneoff(g, subs, events, nsubs, nevents)) }
    }
    "proc_exit" as "proc_5fexit" => fn proc_exit(_vmctx, code: u32) {
        // An embedder's call (`sys::catch`) ends with the status; else the
        // process does. Nothing is buffered: every fd_write went straight
        // to the host.
        sys::catch::exit(code as i32);
        sys::exit_group(code as i32)
    }
    "proc_raise" as "proc_5fraise" => fn proc_raise(_vmctx, sig: u32) -> i32 {
        result(raise(sig))
    }
    "random_get" as "random_5fget" => fn random_get(vmctx, buf: u32, buf_len: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| random(g, buf, buf_len)) }
    }
    "sched_yield" as "sched_5fyield" => fn sched_yield(_vmctx) -> i32 {
        rustix::thread::sched_yield();
        errno::SUCCESS.into()
    }
    "sock_accept" as "sock_5faccept" => fn sock_accept(vmctx, fd: u32, flags: u32, new: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| sock::accept(g, fd, flags, new)) }
    }
    "sock_recv" as "sock_5frecv" =>
    fn sock_recv(vmctx, fd: u32, iovs: u32, iovs_len: u32, flags: u32, nread: u32, oflags: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::sock_recv(g, fd, iovs, iovs_len, flags, nread, oflags)) }
    }
    "sock_send" as "sock_5fsend" =>
    fn sock_send(vmctx, fd: u32, iovs: u32, iovs_len: u32, flags: u32, nwritten: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        unsafe { with_guest(vmctx, |g| fd::sock_send(g, fd, iovs, iovs_len, flags, nwritten)) }
    }
    "sock_shutdown" as "sock_5fshutdown" => fn sock_shutdown(vmctx, fd: u32, how: u32) -> i32 {
        // SAFETY: our caller's vmctx.
        result(sock::shutdown(unsafe { wasi(vmctx) }, fd, how))
    }
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
