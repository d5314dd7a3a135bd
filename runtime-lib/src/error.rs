//! Instantiation errors. Each names the module and the index of the item at
//! fault (the runtime has no byte offsets: those stay in the compiler).

use crate::trap::Trap;
use rustix::io::Errno;

#[derive(Debug, thiserror::Error)]
pub enum InstantiateError {
    #[error("module info at {address:#x} has magic {found:#010x}, not \"KILN\": not a kiln module")]
    BadMagic { address: usize, found: u32 },
    #[error(
        "module `{module}` was compiled for kiln ABI version {found}, but this runtime implements version {expected}"
    )]
    AbiVersion { module: &'static str, found: u32, expected: u32 },
    #[error(
        "this code was compiled for CPU feature `{feature}`, which this machine's CPU lacks; compile it for a \
         lower baseline (`--cpu`, see `kiln targets`)"
    )]
    MissingCpuFeature { module: &'static str, feature: &'static str },
    #[error("module `{module}`: its VM context size {found} does not match the runtime's layout ({expected} bytes)")]
    VmctxSize { module: &'static str, found: u32, expected: u32 },
    #[error("module `{module}`: its tables are inconsistent: {what}")]
    Malformed { module: &'static str, what: &'static str, index: u32 },
    #[error(
        "module `{module}`: imported function `{import_module}`.`{name}` (function {index}) is not provided: \
         no host function was linked for it"
    )]
    UnresolvedImport { module: &'static str, import_module: &'static str, name: &'static str, index: u32 },
    #[error(
        "module `{module}`: unsupported import `{import_module}`.`{name}`: {kind} imports are not supported yet \
         (import {index})"
    )]
    UnsupportedImport {
        module: &'static str,
        import_module: &'static str,
        name: &'static str,
        kind: &'static str,
        index: u32,
    },
    #[error("module `{module}`: {feature} (in {item} {index}) is not supported by this runtime")]
    Unsupported { module: &'static str, feature: &'static str, item: &'static str, index: u32 },
    #[error("module `{module}`: constant expression of {item} {index} is invalid at operation {op}: {reason}")]
    ConstExpr { module: &'static str, item: &'static str, index: u32, op: usize, reason: &'static str },
    #[error(
        "module `{module}`: memory {index} starts at {pages} pages of {page_size} bytes, more than it can have here \
         ({max_pages} pages: a 32-bit memory of 64 KiB pages can be 4 GiB, a 64-bit memory or one of 1-byte pages \
         at most the 8 GiB this runtime reserves for it)"
    )]
    MemoryTooLarge { module: &'static str, index: u32, pages: u64, page_size: u64, max_pages: u64 },
    #[error(
        "module `{module}`: memory {index} starts at {bytes} bytes, more than the {limit} bytes `--max-memory` \
         allows"
    )]
    MemoryLimit { module: &'static str, index: u32, bytes: u64, limit: u64 },
    #[error(
        "module `{module}`: table {index} starts at {elements} elements, more than the {limit} \
             `--max-table-elements` allows"
    )]
    TableLimit { module: &'static str, index: u32, elements: u64, limit: u64 },
    #[error("module `{module}`: cannot reserve address space for memory {index}: {errno}")]
    MemoryReserve { module: &'static str, index: u32, errno: Errno },
    #[error(
        "module `{module}`: cannot place memory {index} at {address:#x}, the address its code was compiled for \
         (`--memory-base fixed` allows one live instance per process): {errno}"
    )]
    MemoryFixedBase { module: &'static str, index: u32, address: u64, errno: Errno },
    #[error("module `{module}`: cannot commit {pages} pages of memory {index}: {errno}")]
    MemoryCommit { module: &'static str, index: u32, pages: u64, errno: Errno },
    #[error("module `{module}`: table {index} needs {elements} elements, more than this runtime allows ({limit})")]
    TableTooLarge { module: &'static str, index: u32, elements: u64, limit: u64 },
    #[error(
        "module `{module}` was compiled without the checks {limit} needs; rebuild it with `kiln build {flag}` \
         (or give {limit} at build time; `kiln compile` and `kiln precompile` take {flag} too)"
    )]
    NotCompiledFor { module: &'static str, limit: &'static str, flag: &'static str },
    #[error("cannot start the --timeout timer: {0}")]
    Timer(Errno),
    #[error("cannot install the trap handlers: {0}")]
    TrapHandlers(Errno),
    /// Initialization trapped (an active segment was out of bounds).
    #[error("{0}")]
    Trap(Trap),
}
