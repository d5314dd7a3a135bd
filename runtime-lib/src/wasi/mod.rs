//! WASI preview1 (`wasi_snapshot_preview1`).
//!
//! Data flow: the entry code (or an embedder) stores the program's
//! arguments and granted environment variables here with [`set_args`] and
//! [`grant_env`]; compiled code calls the host functions in [`funcs`]
//! through the symbols `kiln_abi::symbols::import_symbol` names, passing its
//! own vmctx; they read and write the caller's memory 0 through a checked
//! [`guest::Guest`] view and talk to the host through rustix. The state is
//! process-wide: one WASI program per process for now.
//!
//! Environment variables are denied by default: a module sees none unless
//! granted. The descriptor table holds stdin, stdout and stderr (fds 0-2);
//! there are no preopened directories yet.

pub mod errno;
pub mod funcs;
pub mod guest;

use crate::sync::SpinLock;
use alloc::vec::Vec;

pub use funcs::{host_func, HostExport, HOST_FUNCS};

/// Process-wide WASI state.
struct WasiCtx {
    /// Arguments, without NUL terminators.
    args: Vec<Vec<u8>>,
    /// Granted variables as `KEY=VALUE`, without NUL terminators.
    env: Vec<Vec<u8>>,
    /// Whether the guest still has fd 0, 1, 2 open (`fd_close` closes the
    /// guest's descriptor, not the host's).
    stdio_open: [bool; 3],
}

static CTX: SpinLock<WasiCtx> = SpinLock::new(WasiCtx { args: Vec::new(), env: Vec::new(), stdio_open: [true; 3] });

/// Sets the program arguments (`args_get`), `argv[0]` first. An argument
/// containing a NUL byte is seen by the guest up to that byte.
pub fn set_args<I, A>(args: I)
where
    I: IntoIterator<Item = A>,
    A: AsRef<[u8]>,
{
    CTX.lock().args = args.into_iter().map(|a| a.as_ref().to_vec()).collect();
}

/// The program arguments as stored.
pub fn args() -> Vec<Vec<u8>> {
    CTX.lock().args.clone()
}

/// Grants the guest these environment variables (in addition to any
/// granted before).
pub fn grant_env<I, K, V>(vars: I)
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<[u8]>,
    V: AsRef<[u8]>,
{
    let mut ctx = CTX.lock();
    for (k, v) in vars {
        let mut entry = k.as_ref().to_vec();
        entry.push(b'=');
        entry.extend_from_slice(v.as_ref());
        ctx.env.push(entry);
    }
}

/// Revokes every granted environment variable.
pub fn clear_env() {
    CTX.lock().env.clear();
}

/// Reopens the guest's stdin/stdout/stderr (for embedders that run several
/// programs in one process).
pub fn reset_stdio() {
    CTX.lock().stdio_open = [true; 3];
}

/// The host descriptor behind guest descriptor `fd`.
fn host_fd(fd: u32) -> Result<i32, errno::Errno> {
    let open = CTX.lock().stdio_open;
    match open.get(fd as usize) {
        Some(true) => Ok(fd as i32),
        _ => Err(errno::BADF),
    }
}

/// Closes guest descriptor `fd`.
fn close_fd(fd: u32) -> Result<(), errno::Errno> {
    let mut ctx = CTX.lock();
    match ctx.stdio_open.get_mut(fd as usize) {
        Some(open @ true) => {
            *open = false;
            Ok(())
        }
        _ => Err(errno::BADF),
    }
}
