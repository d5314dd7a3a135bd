//! Encoding and checked decoding of precompiled blobs, in the layout
//! `kiln_abi::blob` defines.
//!
//! [`parse`] checks that a blob is intact (length, magic, format version,
//! checksum); [`decode`] also checks that it may run here (kiln version,
//! target triple, CPU features). Neither panics on any input.

use crate::error::BlobError;
use kiln_abi::blob as layout;
use sha2::{Digest, Sha256};

/// The version of kiln this crate belongs to; the workspace shares it, so it
/// is also the version of the `kiln` binary that writes and reads blobs.
pub const KILN_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the writer records about a payload.
#[derive(Debug, Clone, Copy)]
pub struct BlobMeta<'a> {
    /// `CARGO_PKG_VERSION` of the writer (normally [`KILN_VERSION`]).
    pub kiln_version: &'a str,
    /// Target triple the payload was compiled for, as `target_lexicon::Triple`
    /// displays it (e.g. `x86_64-unknown-linux-gnu`).
    pub triple: &'a str,
    /// Comma-separated CPU features the code assumes, in the names
    /// [`crate::cpu::host_has_feature`] knows (see [`crate::cpu::features_string`]).
    pub cpu_features: &'a str,
    /// SHA-256 of the source module ([`sha256`]).
    pub source_sha256: [u8; 32],
}

/// A decoded blob, borrowing from the input bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blob<'a> {
    pub format_version: u32,
    pub kiln_version: &'a str,
    pub triple: &'a str,
    pub cpu_features: &'a str,
    pub source_sha256: [u8; 32],
    /// The relocatable object, for [`crate::load`].
    pub payload: &'a [u8],
}

/// What the running kiln requires of a blob.
pub struct Expectation<'a> {
    pub kiln_version: &'a str,
    pub triple: &'a str,
    /// Whether this machine has a CPU feature; `None` if the name is unknown
    /// (an unknown feature refuses the blob).
    pub has_cpu_feature: &'a dyn Fn(&str) -> Option<bool>,
}

impl Expectation<'static> {
    /// This kiln, on this machine.
    pub fn host() -> Expectation<'static> {
        Expectation {
            kiln_version: KILN_VERSION,
            triple: crate::cpu::host_triple(),
            has_cpu_feature: &crate::cpu::host_has_feature,
        }
    }
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Writes a blob holding `payload`.
pub fn encode(meta: &BlobMeta<'_>, payload: &[u8]) -> Result<Vec<u8>, BlobError> {
    let version = meta.kiln_version.as_bytes();
    if version.len() > layout::KILN_VERSION_LEN {
        return Err(BlobError::FieldTooLong {
            field: "kiln version",
            len: version.len(),
            max: layout::KILN_VERSION_LEN,
        });
    }
    if version.contains(&0) {
        return Err(BlobError::NulInVersion(meta.kiln_version.to_string()));
    }
    let short = |field: &'static str, s: &str| {
        u16::try_from(s.len()).map_err(|_| BlobError::FieldTooLong { field, len: s.len(), max: u16::MAX as usize })
    };
    let triple_len = short("target triple", meta.triple)?;
    let features_len = short("CPU features", meta.cpu_features)?;
    let payload_offset = layout::payload_offset(triple_len, features_len);
    let mut out = vec![0u8; payload_offset];
    out[layout::OFF_MAGIC..][..8].copy_from_slice(&layout::MAGIC);
    out[layout::OFF_FORMAT_VERSION..][..4].copy_from_slice(&layout::FORMAT_VERSION.to_le_bytes());
    // payload_offset() is at most 128 + 2 * 65535 rounded up, far below u32::MAX.
    out[layout::OFF_PAYLOAD_OFFSET..][..4].copy_from_slice(&(payload_offset as u32).to_le_bytes());
    out[layout::OFF_KILN_VERSION..][..version.len()].copy_from_slice(version);
    out[layout::OFF_SOURCE_SHA256..][..32].copy_from_slice(&meta.source_sha256);
    out[layout::OFF_PAYLOAD_LEN..][..8].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    out[layout::OFF_TRIPLE_LEN..][..2].copy_from_slice(&triple_len.to_le_bytes());
    out[layout::OFF_CPU_FEATURES_LEN..][..2].copy_from_slice(&features_len.to_le_bytes());
    let strings = layout::FIXED_HEADER_LEN;
    out[strings..][..meta.triple.len()].copy_from_slice(meta.triple.as_bytes());
    out[strings + meta.triple.len()..][..meta.cpu_features.len()].copy_from_slice(meta.cpu_features.as_bytes());
    out.extend_from_slice(payload);
    let sum = checksum(&out);
    out[layout::OFF_CHECKSUM..][..32].copy_from_slice(&sum);
    Ok(out)
}

/// SHA-256 of the whole blob with the checksum field read as zeros.
fn checksum(blob: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(&blob[..layout::OFF_CHECKSUM]);
    h.update([0u8; 32]);
    h.update(&blob[layout::OFF_CHECKSUM + 32..]);
    h.finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn le_u16(b: &[u8], off: usize) -> u16 {
    u16::from_le_bytes([b[off], b[off + 1]])
}

fn le_u32(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]])
}

fn le_u64(b: &[u8], off: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[off..off + 8]);
    u64::from_le_bytes(a)
}

/// The kiln version in the stable prefix (`bytes` holds at least
/// `STABLE_PREFIX_LEN` bytes).
fn stable_kiln_version(bytes: &[u8]) -> Result<&str, BlobError> {
    let field = &bytes[layout::OFF_KILN_VERSION..][..layout::KILN_VERSION_LEN];
    let len = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    let bad = BlobError::BadHeader { what: "kiln version is not NUL-padded UTF-8", offset: layout::OFF_KILN_VERSION };
    if field[len..].iter().any(|&b| b != 0) {
        return Err(bad);
    }
    std::str::from_utf8(&field[..len]).map_err(|_| bad)
}

/// Checks that `bytes` is an intact blob of this format and splits it. Says
/// nothing about whether it may run here; see [`decode`].
pub fn parse(bytes: &[u8]) -> Result<Blob<'_>, BlobError> {
    let truncated = |what, needed: usize| BlobError::Truncated { what, needed: needed as u64, len: bytes.len() };
    if bytes.len() < layout::STABLE_PREFIX_LEN {
        if bytes.len() >= 8 && bytes[..8] != layout::MAGIC {
            return Err(BlobError::NotABlob { found: bytes[..8].to_vec() });
        }
        return Err(truncated("the blob header", layout::STABLE_PREFIX_LEN));
    }
    if bytes[..8] != layout::MAGIC {
        return Err(BlobError::NotABlob { found: bytes[..8].to_vec() });
    }
    let kiln_version = stable_kiln_version(bytes)?;
    let format_version = le_u32(bytes, layout::OFF_FORMAT_VERSION);
    if format_version != layout::FORMAT_VERSION {
        return Err(BlobError::FormatVersion {
            found: format_version,
            expected: layout::FORMAT_VERSION,
            kiln_version: kiln_version.to_string(),
        });
    }
    if bytes.len() < layout::FIXED_HEADER_LEN {
        return Err(truncated("the blob header", layout::FIXED_HEADER_LEN));
    }
    let triple_len = le_u16(bytes, layout::OFF_TRIPLE_LEN);
    let features_len = le_u16(bytes, layout::OFF_CPU_FEATURES_LEN);
    let payload_offset = layout::payload_offset(triple_len, features_len);
    if le_u32(bytes, layout::OFF_PAYLOAD_OFFSET) as usize != payload_offset {
        return Err(BlobError::BadHeader {
            what: "payload offset disagrees with the string lengths",
            offset: layout::OFF_PAYLOAD_OFFSET,
        });
    }
    if bytes.len() < payload_offset {
        return Err(truncated("the blob header", payload_offset));
    }
    let payload_len = le_u64(bytes, layout::OFF_PAYLOAD_LEN);
    let payload_end = (payload_offset as u64).saturating_add(payload_len);
    if payload_end > bytes.len() as u64 {
        return Err(BlobError::Truncated { what: "the payload", needed: payload_end, len: bytes.len() });
    }
    if payload_end < bytes.len() as u64 {
        return Err(BlobError::TrailingBytes { payload_end, extra: bytes.len() as u64 - payload_end });
    }
    let computed = checksum(bytes);
    let stored = &bytes[layout::OFF_CHECKSUM..][..32];
    if computed[..] != *stored {
        return Err(BlobError::Checksum { stored: hex(stored), computed: hex(&computed) });
    }
    if le_u32(bytes, layout::OFF_RESERVED) != 0 {
        return Err(BlobError::BadHeader { what: "reserved field is not zero", offset: layout::OFF_RESERVED });
    }
    let strings = layout::FIXED_HEADER_LEN;
    let text = |at: usize, len: u16, what| {
        std::str::from_utf8(&bytes[at..at + len as usize]).map_err(|_| BlobError::BadHeader { what, offset: at })
    };
    let triple = text(strings, triple_len, "target triple is not UTF-8")?;
    let cpu_features = text(strings + triple_len as usize, features_len, "CPU features are not UTF-8")?;
    let mut source_sha256 = [0u8; 32];
    source_sha256.copy_from_slice(&bytes[layout::OFF_SOURCE_SHA256..][..32]);
    Ok(Blob { format_version, kiln_version, triple, cpu_features, source_sha256, payload: &bytes[payload_offset..] })
}

/// Checks that `bytes` is an intact blob made by the expected kiln for this
/// target and CPU, and splits it.
pub fn decode<'a>(bytes: &'a [u8], expected: &Expectation<'_>) -> Result<Blob<'a>, BlobError> {
    let blob = match parse(bytes) {
        Ok(blob) => blob,
        // Another kiln's format: the version is the clearer reason.
        Err(BlobError::FormatVersion { kiln_version, .. }) if kiln_version != expected.kiln_version => {
            return Err(BlobError::KilnVersion { found: kiln_version, expected: expected.kiln_version.to_string() })
        }
        Err(e) => return Err(e),
    };
    if blob.kiln_version != expected.kiln_version {
        return Err(BlobError::KilnVersion {
            found: blob.kiln_version.to_string(),
            expected: expected.kiln_version.to_string(),
        });
    }
    if blob.triple != expected.triple {
        return Err(BlobError::Target { found: blob.triple.to_string(), expected: expected.triple.to_string() });
    }
    let mut missing = Vec::new();
    for feature in blob.cpu_features.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match (expected.has_cpu_feature)(feature) {
            Some(true) => {}
            Some(false) => missing.push(feature),
            None => return Err(BlobError::UnknownCpuFeature { feature: feature.to_string() }),
        }
    }
    if !missing.is_empty() {
        return Err(BlobError::CpuFeatures { missing: missing.join(","), required: blob.cpu_features.to_string() });
    }
    Ok(blob)
}
