//! Typed errors of the blob decoder and the loader.

use crate::Arch;

/// Why a blob was refused. Every message says which check failed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BlobError {
    #[error("blob is truncated: {what} ends at byte {needed}, but the blob has only {len} bytes")]
    Truncated { what: &'static str, needed: u64, len: usize },
    #[error("not a kiln blob: bytes 0..8 are {found:02x?}, expected \"KILNBLOB\"")]
    NotABlob { found: Vec<u8> },
    #[error("blob was made by kiln {found}, this is kiln {expected}")]
    KilnVersion { found: String, expected: String },
    #[error("blob format version {found} (written by kiln {kiln_version}), this kiln reads version {expected}")]
    FormatVersion { found: u32, expected: u32, kiln_version: String },
    #[error("blob header is corrupted: {what} (at byte offset {offset})")]
    BadHeader { what: &'static str, offset: usize },
    #[error("blob has {extra} unexpected bytes after the payload, which ends at byte {payload_end}")]
    TrailingBytes { payload_end: u64, extra: u64 },
    #[error("blob is corrupted: checksum stored at byte offset 48 does not match its contents (stored {stored}, computed {computed})")]
    Checksum { stored: String, computed: String },
    #[error("blob was made for target {found}, this machine is {expected}")]
    Target { found: String, expected: String },
    #[error("blob code needs CPU features this machine lacks: {missing} (blob requires \"{required}\")")]
    CpuFeatures { missing: String, required: String },
    #[error("blob code needs CPU feature \"{feature}\", which this kiln cannot detect on this machine")]
    UnknownCpuFeature { feature: String },
    #[error("cannot write blob: {field} is {len} bytes long, at most {max} fit")]
    FieldTooLong { field: &'static str, len: usize, max: usize },
    #[error("cannot write blob: the kiln version {0:?} contains a NUL byte")]
    NulInVersion(String),
}

/// Why an object could not be loaded. Offsets are byte offsets within the
/// named section of the object.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("not a loadable 64-bit little-endian ELF object: {0}")]
    Parse(String),
    #[error("not a relocatable object (ELF e_type {0}, expected ET_REL = 1)")]
    NotRelocatable(u16),
    #[error("unsupported ELF machine {0} (supported: x86_64, aarch64, riscv64)")]
    UnsupportedMachine(u16),
    #[error("object is for {found}, this machine is {host}")]
    ForeignArch { found: Arch, host: &'static str },
    #[error("section {section}: {reason}")]
    UnsupportedSection { section: String, reason: String },
    #[error("section {section} offset {offset:#x}: unsupported {arch} relocation {kind}")]
    UnsupportedRelocation { section: String, offset: u64, arch: Arch, kind: String },
    #[error("section {section} offset {offset:#x}: {kind} relocation does not fit inside the section ({size} bytes)")]
    RelocationOutOfBounds { section: String, offset: u64, kind: String, size: u64 },
    #[error("section {section} offset {offset:#x}: {kind} against {symbol}: {problem}")]
    RelocationValue { section: String, offset: u64, kind: String, symbol: String, problem: String },
    #[error(
        "section {section} offset {offset:#x}: relocation refers to symbol {index}, but the symbol table has {count}"
    )]
    BadSymbolIndex { section: String, offset: u64, index: u32, count: usize },
    #[error("symbol {symbol} is defined in section {section}, which is not loaded")]
    SymbolInUnloadedSection { symbol: String, section: String },
    #[error("unresolved symbols: {}", .0.join(", "))]
    Unresolved(Vec<String>),
    #[error("image of {len} bytes is too large")]
    TooLarge { len: u64 },
    #[error("{op} of {len} bytes failed: {errno}")]
    Memory { op: &'static str, len: usize, errno: rustix::io::Errno },
}
