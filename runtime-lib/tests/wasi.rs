//! WASI preview1 host functions called as compiled code calls them: with
//! the vmctx of an instance whose memory 0 holds the guest's buffers.

mod common;

use common::*;
use kiln_abi::VMContext;
use kiln_runtime::wasi::{self, errno, funcs::*};
use kiln_runtime::Instance;
use std::pin::Pin;
use std::sync::Mutex;

/// WASI state (args, environment, stdio) is process-wide.
static WASI_STATE: Mutex<()> = Mutex::new(());

const PAGE: u32 = 65536;

fn instance() -> Pin<Box<Instance>> {
    Instance::new(Builder::new("wasi").memory(1, None).build()).unwrap()
}

fn mem(inst: &Instance, at: u32, len: usize) -> Vec<u8> {
    // SAFETY: no wasm code runs.
    unsafe { inst.memory(0).unwrap().as_slice()[at as usize..at as usize + len].to_vec() }
}

fn put(inst: &Instance, at: u32, data: &[u8]) {
    // SAFETY: no wasm code runs.
    unsafe { inst.memory(0).unwrap().as_mut_slice()[at as usize..at as usize + data.len()].copy_from_slice(data) };
}

fn u32_at(inst: &Instance, at: u32) -> u32 {
    u32::from_le_bytes(mem(inst, at, 4).try_into().unwrap())
}

fn u64_at(inst: &Instance, at: u32) -> u64 {
    u64::from_le_bytes(mem(inst, at, 8).try_into().unwrap())
}

const FAULT: i32 = errno::FAULT as i32;

#[test]
fn args_are_laid_out_as_c_strings() {
    let _guard = WASI_STATE.lock().unwrap();
    wasi::set_args(["prog", "", "x y"]);
    let inst = instance();
    let v = inst.vmctx();
    // SAFETY: (for all host calls below) a live vmctx.
    unsafe {
        assert_eq!(args_sizes_get(v, 0, 4), 0);
        assert_eq!((u32_at(&inst, 0), u32_at(&inst, 4)), (3, 5 + 1 + 4));
        assert_eq!(args_get(v, 16, 100), 0);
        assert_eq!([u32_at(&inst, 16), u32_at(&inst, 20), u32_at(&inst, 24)], [100, 105, 106]);
        assert_eq!(mem(&inst, 100, 10), b"prog\0\0x y\0");
        // Bad pointers: EFAULT, and nothing written.
        put(&inst, 200, &[0xee; 16]);
        assert_eq!(args_sizes_get(v, PAGE - 3, 200), FAULT);
        assert_eq!(args_sizes_get(v, 200, u32::MAX), FAULT);
        assert_eq!(args_get(v, PAGE - 8, 200), FAULT, "pointer array does not fit");
        assert_eq!(args_get(v, 200, PAGE - 9), FAULT, "strings do not fit");
        assert_eq!(mem(&inst, 200, 16), [0xee; 16]);
    }
    assert_eq!(wasi::args(), vec![b"prog".to_vec(), vec![], b"x y".to_vec()]);
}

#[test]
fn the_environment_is_denied_unless_granted() {
    let _guard = WASI_STATE.lock().unwrap();
    wasi::clear_env();
    let inst = instance();
    let v = inst.vmctx();
    // SAFETY: (for all host calls below) a live vmctx.
    unsafe {
        put(&inst, 0, &[0xff; 8]);
        assert_eq!(environ_sizes_get(v, 0, 4), 0);
        assert_eq!((u32_at(&inst, 0), u32_at(&inst, 4)), (0, 0), "no host variables leak through");
        wasi::grant_env([("A", "1"), ("PATH", "/x")]);
        assert_eq!(environ_sizes_get(v, 0, 4), 0);
        assert_eq!((u32_at(&inst, 0), u32_at(&inst, 4)), (2, 4 + 8));
        assert_eq!(environ_get(v, 16, 64), 0);
        assert_eq!([u32_at(&inst, 16), u32_at(&inst, 20)], [64, 68]);
        assert_eq!(mem(&inst, 64, 12), b"A=1\0PATH=/x\0");
        assert_eq!(environ_get(v, 16, PAGE - 11), FAULT);
        assert_eq!(environ_sizes_get(v, PAGE, 0), FAULT);
    }
    wasi::clear_env();
}

#[test]
fn instances_with_their_own_context_share_nothing() {
    use kiln_runtime::wasi::WasiCtx;
    use std::sync::Arc;
    let _guard = WASI_STATE.lock().unwrap();
    wasi::set_args(["default"]);
    let (a, b) = (instance(), instance());
    let (ca, cb) = (Arc::new(WasiCtx::new()), Arc::new(WasiCtx::new()));
    ca.set_args(["a", "one"]);
    ca.grant_env([("MODE", "a")]);
    cb.set_args(["b"]);
    let here = std::env::current_dir().unwrap();
    let here = here.as_os_str().as_encoded_bytes();
    assert_eq!(wasi::grants::preopen_dir_to(&ca, here, b"/a", false).unwrap(), 3);
    assert!(a.set_wasi(ca.clone()) && b.set_wasi(cb.clone()));
    assert!(!a.set_wasi(cb.clone()), "a context is given once");
    let (va, vb) = (a.vmctx(), b.vmctx());
    // SAFETY: (for all host calls below) live vmctxs.
    unsafe {
        assert_eq!(args_sizes_get(va, 0, 4), 0);
        assert_eq!((u32_at(&a, 0), u32_at(&a, 4)), (2, 2 + 4));
        assert_eq!(args_sizes_get(vb, 0, 4), 0);
        assert_eq!((u32_at(&b, 0), u32_at(&b, 4)), (1, 2));
        assert_eq!(environ_sizes_get(va, 0, 4), 0);
        assert_eq!(u32_at(&a, 0), 1);
        assert_eq!(environ_sizes_get(vb, 0, 4), 0);
        assert_eq!(u32_at(&b, 0), 0, "b sees no variable granted to a");
        // Descriptor 3 is a's preopen; b has none, and closing its stdout
        // leaves a's open.
        assert_eq!(fd_prestat_get(va, 3, 0), 0);
        assert_eq!(fd_prestat_get(vb, 3, 0), errno::BADF as i32);
        assert_eq!(fd_close(vb, 1), 0);
        assert_eq!(fd_fdstat_get(vb, 1, 0), errno::BADF as i32);
        assert_eq!(fd_fdstat_get(va, 1, 0), 0);
    }
    assert_eq!(wasi::args(), vec![b"default".to_vec()], "the default context is untouched");
    assert!(ca.has_descriptors() && !cb.has_descriptors());
}

#[test]
fn clocks_and_random() {
    let inst = instance();
    let v = inst.vmctx();
    // SAFETY: (for all host calls below) a live vmctx.
    unsafe {
        for clock in 0..4 {
            assert_eq!(clock_res_get(v, clock, 0), 0, "clock {clock}");
            assert!(u64_at(&inst, 0) > 0 && u64_at(&inst, 0) <= 1_000_000_000);
            assert_eq!(clock_time_get(v, clock, 1, 8), 0, "clock {clock}");
        }
        assert_eq!(clock_time_get(v, 1, 0, 0), 0);
        let t0 = u64_at(&inst, 0);
        assert_eq!(clock_time_get(v, 1, 0, 0), 0);
        assert!(u64_at(&inst, 0) >= t0, "monotonic");
        assert_eq!(clock_time_get(v, 0, 0, 0), 0);
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
        assert!(now.abs_diff(u64_at(&inst, 0)) < 60_000_000_000, "realtime is the epoch clock");
        assert_eq!(clock_time_get(v, 4, 0, 0), errno::INVAL as i32);
        assert_eq!(clock_time_get(v, 0, 0, PAGE - 7), FAULT);
        assert_eq!(clock_res_get(v, 1, u32::MAX), FAULT);

        assert_eq!(random_get(v, 100, 64), 0);
        assert_ne!(mem(&inst, 100, 64), vec![0; 64], "64 random bytes are not all zero");
        assert_eq!(random_get(v, PAGE - 63, 64), FAULT);
        assert_eq!(random_get(v, PAGE, 0), 0, "empty range at the end");
        assert_eq!(sched_yield(v), 0);
    }
}

#[test]
fn descriptors_and_their_errors() {
    let _guard = WASI_STATE.lock().unwrap();
    wasi::reset_stdio();
    let inst = instance();
    let v = inst.vmctx();
    // SAFETY: (for all host calls below) a live vmctx.
    unsafe {
        assert_eq!(fd_fdstat_get(v, 2, 0), 0);
        let rights = u64_at(&inst, 8);
        assert_ne!(rights & (1 << 6), 0, "stderr is writable");
        assert_eq!(rights & ((1 << 2) | (1 << 5)), 0, "no seek/tell rights");
        assert_eq!(fd_fdstat_get(v, 3, 0), errno::BADF as i32);
        assert_eq!(fd_fdstat_get(v, 1, PAGE - 23), FAULT);
        assert_eq!(fd_prestat_get(v, 3, 0), errno::BADF as i32, "no preopens");
        assert_eq!(fd_prestat_dir_name(v, 3, 0, 10), errno::BADF as i32);
        assert_eq!(fd_write(v, 0, 0, 0, 0), errno::BADF as i32, "stdin is not writable");
        assert_eq!(fd_read(v, 1, 0, 0, 0), errno::BADF as i32, "stdout is not readable");
        assert_eq!(fd_write(v, 9, 0, 0, 0), errno::BADF as i32);
        // Nothing is written when an iovec is bad, even after good ones.
        put(&inst, 0, &[16, 0, 0, 0, 1, 0, 0, 0, 0xf0, 0xff, 0, 0, 0x20, 0, 0, 0]);
        assert_eq!(fd_write(v, 1, 0, 2, 100), FAULT);
        assert_eq!(fd_write(v, 1, 0, 1, PAGE - 2), FAULT, "nwritten out of bounds");
        assert_eq!(fd_write(v, 1, PAGE - 4, 1, 100), FAULT, "iovec array out of bounds");
        assert_eq!(fd_read(v, 0, 0, 2, 100), FAULT);
        // Stdio is a stream, whatever the arguments.
        assert_eq!(fd_seek(v, 0, 0, 9, 0), errno::SPIPE as i32);
        assert_eq!(fd_seek(v, 0, 0, 0, PAGE - 4), errno::SPIPE as i32);
        // Closing a guest descriptor hides it from the guest only.
        assert_eq!(fd_close(v, 0), 0);
        assert_eq!(fd_close(v, 0), errno::BADF as i32);
        assert_eq!(fd_fdstat_get(v, 0, 0), errno::BADF as i32);
        assert_eq!(fd_close(v, 7), errno::BADF as i32);
        assert_eq!(fd_sync(v, 9), errno::BADF as i32);
        assert_eq!(fd_tell(v, 1, 0), errno::SPIPE as i32, "stdio is a stream");
        assert_eq!(path_open(v, 3, 0, 0, 0, 0, 0, 0, 0, 0), errno::BADF as i32, "no preopens");
        assert_eq!(path_open(v, 1, 0, 0, 0, 0, 0, 0, 0, 0), errno::NOTDIR as i32);
        assert_eq!(proc_raise(v, 99), errno::INVAL as i32);
        assert_eq!(proc_raise(v, 0), 0, "signal 0 does nothing");
        assert_eq!(poll_oneoff(v, 0, 100, 0, 200), errno::INVAL as i32, "no subscriptions");
        assert_eq!(sock_accept(v, 1, 0, 0), errno::NOTSOCK as i32);
    }
    wasi::reset_stdio();
}

/// A module without memory gets EFAULT, not a crash.
#[test]
fn no_memory_means_efault() {
    let inst = Instance::new(Builder::new("nomem").build()).unwrap();
    // SAFETY: a live vmctx.
    assert_eq!(unsafe { random_get(inst.vmctx(), 0, 0) }, FAULT);
}

/// Preview1 pointers are 32-bit: a 64-bit memory 0 is no memory to WASI
/// (the compiler refuses such imports; this is the runtime's own guard),
/// while a 32-bit memory of 1-byte pages serves as any other.
#[test]
fn a_64_bit_memory_0_means_efault() {
    let inst = Instance::new(Builder::new("mem64").memory_typed(1, None, true, 16).build()).unwrap();
    // SAFETY: a live vmctx.
    assert_eq!(unsafe { random_get(inst.vmctx(), 0, 4) }, FAULT);
    let inst = Instance::new(Builder::new("tiny").memory_typed(8, None, false, 0).build()).unwrap();
    // SAFETY: a live vmctx.
    unsafe {
        assert_eq!(random_get(inst.vmctx(), 4, 4), 0);
        assert_eq!(random_get(inst.vmctx(), 5, 4), FAULT);
    }
}

/// Runs `f` with the vmctx of a fresh instance in a child process; the
/// child reports the results on stderr as `results: ...`.
fn child_io(f: impl FnOnce(&Instance, *mut VMContext) -> String) -> ! {
    let inst = instance();
    let report = f(&inst, inst.vmctx());
    eprintln!("results: {report}");
    std::process::exit(0)
}

#[test]
fn stdio_round_trip_in_a_child() {
    if let Some(scenario) = child_scenario() {
        match scenario.as_str() {
            "write" => child_io(|inst, v| {
                put(inst, 100, b"hello, world\n");
                // Two iovecs: "hello, " and "world\n", then an empty one.
                put(inst, 0, &[100, 0, 0, 0, 7, 0, 0, 0, 107, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
                // SAFETY: a live vmctx.
                let e = unsafe { fd_write(v, 1, 0, 3, 50) };
                format!("errno={e} nwritten={}", u32_at(inst, 50))
            }),
            "read" => child_io(|inst, v| {
                put(inst, 0, &[100, 0, 0, 0, 4, 0, 0, 0, 200, 0, 0, 0, 64, 0, 0, 0]);
                // SAFETY: a live vmctx.
                let e = unsafe { fd_read(v, 0, 0, 2, 50) };
                let n = u32_at(inst, 50);
                let got = [mem(inst, 100, 4), mem(inst, 200, (n as usize).saturating_sub(4))].concat();
                // SAFETY: a live vmctx.
                let seek = unsafe { fd_seek(v, 0, 0, 1, 60) };
                // SAFETY: a live vmctx.
                let stat = unsafe { fd_fdstat_get(v, 0, 80) };
                let filetype = mem(inst, 80, 1)[0];
                format!(
                    "errno={e} nread={n} data={} seek={seek} stat={stat} type={filetype}",
                    String::from_utf8_lossy(&got)
                )
            }),
            "exit" => {
                let inst = instance();
                // SAFETY: a live vmctx; does not return.
                unsafe { proc_exit(inst.vmctx(), 17) };
                unreachable!("proc_exit returned");
            }
            _ => unreachable!("unknown scenario {scenario}"),
        }
    }
    let out = run_child("stdio_round_trip_in_a_child", "write", b"");
    assert!(stderr(&out).contains("results: errno=0 nwritten=13"), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("hello, world\n"));

    let out = run_child("stdio_round_trip_in_a_child", "read", b"abcdefgh");
    // A pipe is not seekable (ESPIPE = 70) and has no WASI file type (0).
    assert!(stderr(&out).contains("results: errno=0 nread=8 data=abcdefgh seek=70 stat=0 type=0"), "{}", stderr(&out));

    let out = run_child("stdio_round_trip_in_a_child", "exit", b"");
    assert_eq!(out.status.code(), Some(17));
}

/// Path resolution beneath a directory, with openat2 and with the
/// component walk used where the kernel lacks it: the same answers.
#[test]
fn paths_resolve_beneath_their_directory_with_and_without_openat2() {
    use kiln_runtime::wasi::resolve;
    use rustix::fd::AsFd;
    use rustix::fs::{Mode, OFlags};
    use std::os::unix::fs::symlink;

    let root = std::env::temp_dir().join(format!("kiln-resolve-{}", std::process::id()));
    let (sandbox, outside) = (root.join("sandbox"), root.join("outside"));
    std::fs::create_dir_all(sandbox.join("a/b")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(sandbox.join("a/f"), "inside").unwrap();
    std::fs::write(outside.join("secret"), "outside").unwrap();
    symlink("../outside", sandbox.join("out")).unwrap();
    symlink(&outside, sandbox.join("abs")).unwrap();
    symlink("a", sandbox.join("dlink")).unwrap();
    symlink("a/b", sandbox.join("blink")).unwrap();
    symlink("loop2", sandbox.join("loop1")).unwrap();
    symlink("loop1", sandbox.join("loop2")).unwrap();
    symlink("../f", sandbox.join("a/b/up")).unwrap();
    let dir =
        rustix::fs::open(sandbox.as_os_str().as_encoded_bytes(), OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty())
            .unwrap();

    let read = |path: &str, follow: bool| -> Result<String, u16> {
        let fd = resolve::open(dir.as_fd(), path.as_bytes(), OFlags::RDONLY, Mode::empty(), follow)?;
        let mut buf = [0u8; 64];
        let n = rustix::io::read(&fd, &mut buf).unwrap();
        Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
    };
    for walk in [false, true] {
        resolve::force_walk(walk);
        let inside = Ok("inside".to_string());
        assert_eq!(read("a/f", true), inside, "walk={walk}");
        assert_eq!(read("./a//b/../f", true), inside, "walk={walk}");
        assert_eq!(read("dlink/f", true), inside, "walk={walk}");
        assert_eq!(read("blink/up", true), inside, "walk={walk}");
        assert_eq!(read("blink/../f", true), inside, "physical `..` after a symlink, walk={walk}");
        for escape in ["../outside/secret", "a/../../outside/secret", "out/secret", "abs/secret", "/etc/passwd", ".."] {
            assert_eq!(read(escape, true), Err(errno::PERM), "{escape}, walk={walk}");
        }
        assert_eq!(read("loop1", true), Err(errno::LOOP), "walk={walk}");
        assert_eq!(read("dlink", false).map(|_| ()), Err(errno::LOOP), "no follow, walk={walk}");
        assert_eq!(read("a/f/", true), Err(errno::NOTDIR), "walk={walk}");
        assert_eq!(read("a/none", true), Err(errno::NOENT), "walk={walk}");
        assert_eq!(read("", true), Err(errno::NOENT), "walk={walk}");
        // Parents: the final component is never followed, the rest are.
        let p = resolve::parent(dir.as_fd(), b"dlink/b/").unwrap();
        assert_eq!((p.name.as_slice(), p.trailing_slash), (&b"b"[..], true));
        assert!(resolve::parent(dir.as_fd(), b"out/secret").is_err());
        let p = resolve::parent_following(dir.as_fd(), b"blink/up").unwrap();
        assert_eq!(p.name, b"f");
        assert_eq!(resolve::parent_following(dir.as_fd(), b"out").err(), Some(errno::PERM));
        // Creating through the walk stays inside too.
        let created =
            resolve::open(dir.as_fd(), b"a/new", OFlags::WRONLY | OFlags::CREATE, Mode::from_raw_mode(0o644), true);
        assert!(created.is_ok(), "walk={walk}");
        std::fs::remove_file(sandbox.join("a/new")).unwrap();
        assert_eq!(
            resolve::open(dir.as_fd(), b"out/new", OFlags::WRONLY | OFlags::CREATE, Mode::from_raw_mode(0o644), true)
                .err(),
            Some(errno::PERM)
        );
    }
    resolve::force_walk(false);
    assert!(!outside.join("new").exists());
    std::fs::remove_dir_all(&root).unwrap();
}
