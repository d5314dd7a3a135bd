//! The WASI preview1 functions runtime-lib provides, with their wasm
//! signatures, so the compiler can check imports before linking.

use crate::tables::valtype::{I32, I64};

/// The module name of WASI preview1 imports.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// A host function: wasm name, parameter types, result types.
pub struct HostFunc {
    /// The import name within [`MODULE`].
    pub name: &'static str,
    /// Parameter types, as [`crate::valtype`] codes.
    pub params: &'static [u8],
    /// Result types, as [`crate::valtype`] codes: the `i32` errno, or none
    /// for `proc_exit`.
    pub results: &'static [u8],
    /// Whether some parameter is a pointer into memory 0 (preview1 pointers
    /// are 32-bit, so these cannot serve a 64-bit memory 0).
    pub uses_memory: bool,
}

/// A function that takes pointers into memory 0.
const fn f(name: &'static str, params: &'static [u8]) -> HostFunc {
    HostFunc { name, params, results: &[I32], uses_memory: true }
}

/// A function whose parameters are all plain values.
const fn v(name: &'static str, params: &'static [u8]) -> HostFunc {
    HostFunc { name, params, results: &[I32], uses_memory: false }
}

/// Every function of `wasi_snapshot_preview1`, sorted by name.
pub const FUNCS: &[HostFunc] = &[
    f("args_get", &[I32, I32]),
    f("args_sizes_get", &[I32, I32]),
    f("clock_res_get", &[I32, I32]),
    f("clock_time_get", &[I32, I64, I32]),
    f("environ_get", &[I32, I32]),
    f("environ_sizes_get", &[I32, I32]),
    v("fd_advise", &[I32, I64, I64, I32]),
    v("fd_allocate", &[I32, I64, I64]),
    v("fd_close", &[I32]),
    v("fd_datasync", &[I32]),
    f("fd_fdstat_get", &[I32, I32]),
    v("fd_fdstat_set_flags", &[I32, I32]),
    v("fd_fdstat_set_rights", &[I32, I64, I64]),
    f("fd_filestat_get", &[I32, I32]),
    v("fd_filestat_set_size", &[I32, I64]),
    v("fd_filestat_set_times", &[I32, I64, I64, I32]),
    f("fd_pread", &[I32, I32, I32, I64, I32]),
    f("fd_prestat_dir_name", &[I32, I32, I32]),
    f("fd_prestat_get", &[I32, I32]),
    f("fd_pwrite", &[I32, I32, I32, I64, I32]),
    f("fd_read", &[I32, I32, I32, I32]),
    f("fd_readdir", &[I32, I32, I32, I64, I32]),
    v("fd_renumber", &[I32, I32]),
    f("fd_seek", &[I32, I64, I32, I32]),
    v("fd_sync", &[I32]),
    f("fd_tell", &[I32, I32]),
    f("fd_write", &[I32, I32, I32, I32]),
    f("path_create_directory", &[I32, I32, I32]),
    f("path_filestat_get", &[I32, I32, I32, I32, I32]),
    f("path_filestat_set_times", &[I32, I32, I32, I32, I64, I64, I32]),
    f("path_link", &[I32, I32, I32, I32, I32, I32, I32]),
    f("path_open", &[I32, I32, I32, I32, I32, I64, I64, I32, I32]),
    f("path_readlink", &[I32, I32, I32, I32, I32, I32]),
    f("path_remove_directory", &[I32, I32, I32]),
    f("path_rename", &[I32, I32, I32, I32, I32, I32]),
    f("path_symlink", &[I32, I32, I32, I32, I32]),
    f("path_unlink_file", &[I32, I32, I32]),
    f("poll_oneoff", &[I32, I32, I32, I32]),
    HostFunc { name: "proc_exit", params: &[I32], results: &[], uses_memory: false },
    v("proc_raise", &[I32]),
    f("random_get", &[I32, I32]),
    v("sched_yield", &[]),
    f("sock_accept", &[I32, I32, I32]),
    f("sock_recv", &[I32, I32, I32, I32, I32, I32]),
    f("sock_send", &[I32, I32, I32, I32, I32]),
    v("sock_shutdown", &[I32, I32]),
];

/// Capability grants baked into a standalone executable by `kiln build`.
///
/// The runtime archive holds one `GrantsBlock` in read-only data: the
/// [`GRANTS_MAGIC`] bytes, a little-endian `u32` length, then
/// [`GRANTS_CAPACITY`] bytes of grant options in `kiln run` syntax (`--dir`,
/// `data::/data`, `--env`, `K=V`, ...), each word followed by a NUL byte.
/// The archive ships it empty; `kiln build` finds the magic (exactly once)
/// in the linked executable and writes the length and words after it.
pub const GRANTS_MAGIC: [u8; 16] = *b"\x7fKILN_GRANTS_V1\x7f";

/// Bytes available for baked-in grant words.
pub const GRANTS_CAPACITY: usize = 8192;

/// The layout of the baked grants (see [`GRANTS_MAGIC`]).
#[repr(C)]
pub struct GrantsBlock {
    /// [`GRANTS_MAGIC`], which `kiln build` searches for.
    pub magic: [u8; 16],
    /// Bytes of `words` in use, little-endian; 0 as shipped.
    pub len: u32,
    /// The grant words, each followed by a NUL byte.
    pub words: [u8; GRANTS_CAPACITY],
}

/// Looks up a preview1 function by name.
pub fn find(name: &str) -> Option<&'static HostFunc> {
    FUNCS.binary_search_by(|h| h.name.cmp(name)).ok().map(|i| &FUNCS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_complete() {
        assert!(FUNCS.windows(2).all(|w| w[0].name < w[1].name));
        assert_eq!(FUNCS.len(), 46);
        assert!(find("fd_write").is_some());
        assert!(find("fd_nonexistent").is_none());
        assert!(find("fd_write").is_some_and(|f| f.uses_memory));
        assert!(find("proc_exit").is_some_and(|f| !f.uses_memory));
        assert_eq!(FUNCS.iter().filter(|f| !f.uses_memory).count(), 14);
    }
}
