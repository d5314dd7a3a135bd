//! WASI preview1 (`wasi_snapshot_preview1`), every function, with
//! deny-by-default capabilities.
//!
//! Data flow: the entry code (or an embedder) stores the program's
//! arguments with [`set_args`] and hands the capabilities it grants to
//! [`grants`] (preopened directories, listening sockets, environment
//! variables). Compiled code calls the host functions in [`funcs`] through
//! the symbols `kiln_abi::symbols::import_symbol` names, passing its own
//! vmctx; each reads and writes the caller's memory 0 through a checked
//! [`guest::Guest`] view, looks its descriptor up in the [`table`] (which
//! enforces preview1 rights), and does the work in [`fd`], [`path`],
//! [`dir`], [`poll`] or [`sock`] through rustix. Every path is resolved
//! beneath its preopened directory by [`resolve`] (openat2
//! `RESOLVE_BENEATH`, or a component walk on old kernels): escapes fail with
//! `EPERM`. The state ([`WasiCtx`]) belongs to the calling instance
//! (`Instance::wasi`): an embedder gives each instance its own, while a
//! standalone executable and `kiln run` use the process default
//! ([`default_ctx`]), which the free functions here fill.
//!
//! Deny by default: a module sees no environment variable, file, directory
//! or socket unless granted. Descriptors 0-2 are the host's stdio (closing
//! them hides them from the guest only); preopened directories follow from
//! 3, then listening sockets.
//!
//! Where Wasmtime and the preview1 text differ, errno values follow
//! Wasmtime (escapes and read-only grants give `EPERM`, writing to a
//! descriptor opened read-only `EBADF`), while rights follow the text
//! (`fd_fdstat_set_rights` drops rights; using a dropped right gives
//! `ENOTCAPABLE`).

pub mod consts;
pub mod dir;
pub mod errno;
pub mod fd;
pub mod funcs;
pub mod grants;
pub mod guest;
pub mod path;
pub mod poll;
pub mod resolve;
pub mod sock;
pub mod table;

use crate::sync::{SpinGuard, SpinLock};
use alloc::vec::Vec;

pub use funcs::{host_func, HostExport, HOST_FUNCS};

/// The state behind one [`WasiCtx`].
struct State {
    /// Arguments, without NUL terminators.
    args: Vec<Vec<u8>>,
    /// Granted variables as `KEY=VALUE`, without NUL terminators.
    env: Vec<Vec<u8>>,
    /// The descriptor table; `None` marks a free number. Empty until first
    /// used, then stdio at 0-2.
    fds: Vec<Option<table::Entry>>,
    /// Whether stdio has been put into `fds`.
    started: bool,
}

/// One WASI program's state: arguments, granted environment variables and
/// the descriptor table (preopened directories, sockets, open files). An
/// instance uses its own context when it was given one
/// (`Instance::set_wasi`), the process default otherwise.
pub struct WasiCtx {
    state: SpinLock<State>,
}

impl Default for WasiCtx {
    fn default() -> WasiCtx {
        WasiCtx::new()
    }
}

impl WasiCtx {
    /// An empty context: no arguments, no environment, stdio only.
    pub const fn new() -> WasiCtx {
        WasiCtx { state: SpinLock::new(State { args: Vec::new(), env: Vec::new(), fds: Vec::new(), started: false }) }
    }

    /// The state, with stdio put at 0-2 when the table is first used.
    fn lock(&self) -> SpinGuard<'_, State> {
        let mut state = self.state.lock();
        if !state.started {
            state.started = true;
            state.fds = (0..3).map(|fd| Some(table::Entry::stdio(fd))).collect();
        }
        state
    }

    /// Sets the program arguments (`args_get`), `argv[0]` first. An
    /// argument containing a NUL byte is seen by the guest up to that byte.
    pub fn set_args<I, A>(&self, args: I)
    where
        I: IntoIterator<Item = A>,
        A: AsRef<[u8]>,
    {
        self.state.lock().args = args.into_iter().map(|a| a.as_ref().to_vec()).collect();
    }

    /// The program arguments as stored.
    pub fn args(&self) -> Vec<Vec<u8>> {
        self.state.lock().args.clone()
    }

    /// The granted environment variables, as `KEY=VALUE`.
    pub fn environment(&self) -> Vec<Vec<u8>> {
        self.state.lock().env.clone()
    }

    /// Grants the guest these environment variables (in addition to any
    /// granted before).
    pub fn grant_env<I, K, V>(&self, vars: I)
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<[u8]>,
        V: AsRef<[u8]>,
    {
        let mut state = self.state.lock();
        for (k, v) in vars {
            let mut entry = k.as_ref().to_vec();
            entry.push(b'=');
            entry.extend_from_slice(v.as_ref());
            state.env.push(entry);
        }
    }

    /// Revokes every granted environment variable.
    pub fn clear_env(&self) {
        self.state.lock().env.clear();
    }

    /// The preopened directories: a duplicate of each host descriptor, its
    /// guest path, and whether the grant is read-only (for WASI 0.2).
    pub fn preopens(&self) -> Vec<(rustix::fd::OwnedFd, Vec<u8>, bool)> {
        let state = self.lock();
        state
            .fds
            .iter()
            .flatten()
            .filter_map(|e| {
                let path = e.preopen.as_ref()?;
                let fd = match &e.host {
                    table::Host::Owned(fd) => rustix::io::fcntl_dupfd_cloexec(fd, 0).ok()?,
                    table::Host::Stdio(_) => return None,
                };
                Some((fd, path.clone(), e.readonly))
            })
            .collect()
    }

    /// Whether any descriptor beyond stdio is open.
    pub fn has_descriptors(&self) -> bool {
        self.lock().fds.iter().skip(3).any(Option::is_some)
    }

    /// Closes every descriptor and reopens the guest's stdin/stdout/stderr.
    pub fn reset_stdio(&self) {
        let old = {
            let mut state = self.state.lock();
            state.started = false;
            core::mem::take(&mut state.fds)
        };
        // Host descriptors close here, outside the lock.
        drop(old);
    }
}

/// The context of instances given none: the one the entry code of a
/// standalone executable and `kiln run` fill.
static DEFAULT: WasiCtx = WasiCtx::new();

/// The process-wide default context.
pub fn default_ctx() -> &'static WasiCtx {
    &DEFAULT
}

/// Sets the default context's arguments ([`WasiCtx::set_args`]).
pub fn set_args<I, A>(args: I)
where
    I: IntoIterator<Item = A>,
    A: AsRef<[u8]>,
{
    DEFAULT.set_args(args);
}

/// The default context's preopened directories ([`WasiCtx::preopens`]).
pub fn preopens() -> Vec<(rustix::fd::OwnedFd, Vec<u8>, bool)> {
    DEFAULT.preopens()
}

/// The default context's environment ([`WasiCtx::environment`]).
pub fn environment() -> Vec<Vec<u8>> {
    DEFAULT.environment()
}

/// The default context's arguments ([`WasiCtx::args`]).
pub fn args() -> Vec<Vec<u8>> {
    DEFAULT.args()
}

/// Grants the default context these variables ([`WasiCtx::grant_env`]).
pub fn grant_env<I, K, V>(vars: I)
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<[u8]>,
    V: AsRef<[u8]>,
{
    DEFAULT.grant_env(vars);
}

/// Revokes the default context's variables ([`WasiCtx::clear_env`]).
pub fn clear_env() {
    DEFAULT.clear_env();
}

/// Resets the default context's descriptors ([`WasiCtx::reset_stdio`]),
/// for embedders and tests that run several programs in one process.
pub fn reset_stdio() {
    DEFAULT.reset_stdio();
}

/// Nanoseconds of a host timespec (0 before the epoch).
pub(crate) fn nanos(t: rustix::time::Timespec) -> u64 {
    u64::try_from(t.tv_sec).map_or(0, |s| s.saturating_mul(1_000_000_000).saturating_add(t.tv_nsec as u64))
}
