//! Layout of a precompiled blob (`.kwasm`): a header followed by the
//! relocatable object the compiler produced. `kiln precompile` writes it and
//! `kiln run` loads it in-process (`kiln-loader` holds the encoder and the
//! checking decoder; this file only fixes the byte layout).
//!
//! ```text
//! offset size  field
//! 0      8     magic               b"KILNBLOB"
//! 8      4     format_version      u32 LE, FORMAT_VERSION
//! 12     4     payload_offset      u32 LE, header length incl. strings and padding
//! 16     32    kiln_version        UTF-8, NUL-padded (CARGO_PKG_VERSION of the writer)
//! 48     32    checksum            SHA-256 of the whole blob with these 32 bytes zeroed
//! 80     32    source_sha256       SHA-256 of the wasm (or wat) the payload was compiled from
//! 112    8     payload_len         u64 LE
//! 120    2     triple_len          u16 LE
//! 122    2     cpu_features_len    u16 LE
//! 124    4     reserved            zero
//! 128    ..    triple, cpu_features (UTF-8), zero padding to PAYLOAD_ALIGN
//! payload_offset  payload_len      the ELF relocatable object
//! ```
//!
//! The first [`STABLE_PREFIX_LEN`] bytes (magic, format version, payload
//! offset, kiln version) keep this meaning in every future format version,
//! so any kiln can say which kiln wrote a blob it cannot read.

/// First bytes of every blob.
pub const MAGIC: [u8; 8] = *b"KILNBLOB";

/// Bumped whenever anything after [`STABLE_PREFIX_LEN`] changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// The payload starts at a multiple of this, so a blob read into an aligned
/// buffer can be parsed as ELF in place.
pub const PAYLOAD_ALIGN: usize = 16;

/// The fixed part of the header. All fields are byte arrays (alignment 1),
/// integers little-endian, so the struct is its own wire format.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct FixedHeader {
    /// [`MAGIC`].
    pub magic: [u8; 8],
    /// [`FORMAT_VERSION`] of the writer, `u32` little-endian.
    pub format_version: [u8; 4],
    /// Where the payload starts, `u32` little-endian: the header length
    /// including strings and padding, always [`payload_offset`] of the two
    /// string lengths.
    pub payload_offset: [u8; 4],
    /// The writer's `CARGO_PKG_VERSION`, UTF-8, NUL-padded.
    pub kiln_version: [u8; KILN_VERSION_LEN],
    /// SHA-256 of the whole blob with these 32 bytes read as zeros.
    pub checksum: [u8; 32],
    /// SHA-256 of the wasm (or wat) source the payload was compiled from.
    pub source_sha256: [u8; 32],
    /// Length of the payload in bytes, `u64` little-endian; the payload
    /// ends the blob.
    pub payload_len: [u8; 8],
    /// Length in bytes of the target triple the payload was compiled for
    /// (e.g. `x86_64-unknown-linux-gnu`), which follows the fixed header;
    /// `u16` little-endian.
    pub triple_len: [u8; 2],
    /// Length in bytes of the CPU features the code assumes
    /// (comma-separated [`crate::cpu_feature_name`]s), which follow the
    /// triple; `u16` little-endian.
    pub cpu_features_len: [u8; 2],
    /// Zero; readers refuse anything else.
    pub reserved: [u8; 4],
}

/// Capacity of the NUL-padded kiln version field.
pub const KILN_VERSION_LEN: usize = 32;

/// Byte offset of [`FixedHeader::magic`] in the blob.
pub const OFF_MAGIC: usize = core::mem::offset_of!(FixedHeader, magic);
/// Byte offset of [`FixedHeader::format_version`] in the blob.
pub const OFF_FORMAT_VERSION: usize = core::mem::offset_of!(FixedHeader, format_version);
/// Byte offset of [`FixedHeader::payload_offset`] in the blob.
pub const OFF_PAYLOAD_OFFSET: usize = core::mem::offset_of!(FixedHeader, payload_offset);
/// Byte offset of [`FixedHeader::kiln_version`] in the blob.
pub const OFF_KILN_VERSION: usize = core::mem::offset_of!(FixedHeader, kiln_version);
/// Byte offset of [`FixedHeader::checksum`] in the blob.
pub const OFF_CHECKSUM: usize = core::mem::offset_of!(FixedHeader, checksum);
/// Byte offset of [`FixedHeader::source_sha256`] in the blob.
pub const OFF_SOURCE_SHA256: usize = core::mem::offset_of!(FixedHeader, source_sha256);
/// Byte offset of [`FixedHeader::payload_len`] in the blob.
pub const OFF_PAYLOAD_LEN: usize = core::mem::offset_of!(FixedHeader, payload_len);
/// Byte offset of [`FixedHeader::triple_len`] in the blob.
pub const OFF_TRIPLE_LEN: usize = core::mem::offset_of!(FixedHeader, triple_len);
/// Byte offset of [`FixedHeader::cpu_features_len`] in the blob.
pub const OFF_CPU_FEATURES_LEN: usize = core::mem::offset_of!(FixedHeader, cpu_features_len);
/// Byte offset of [`FixedHeader::reserved`] in the blob.
pub const OFF_RESERVED: usize = core::mem::offset_of!(FixedHeader, reserved);

/// Bytes that mean the same in every format version.
pub const STABLE_PREFIX_LEN: usize = OFF_CHECKSUM;

/// Size of [`FixedHeader`]; the variable-length strings follow it.
pub const FIXED_HEADER_LEN: usize = core::mem::size_of::<FixedHeader>();

const _: () = assert!(FIXED_HEADER_LEN == 128 && core::mem::align_of::<FixedHeader>() == 1);
const _: () = assert!(STABLE_PREFIX_LEN == 48 && FIXED_HEADER_LEN.is_multiple_of(PAYLOAD_ALIGN));

/// Where the payload starts for strings of these lengths. Both lengths are
/// `u16`, so this cannot overflow.
pub const fn payload_offset(triple_len: u16, cpu_features_len: u16) -> usize {
    let end = FIXED_HEADER_LEN + triple_len as usize + cpu_features_len as usize;
    end.div_ceil(PAYLOAD_ALIGN) * PAYLOAD_ALIGN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_matches_the_documented_offsets() {
        assert_eq!(
            [OFF_MAGIC, OFF_FORMAT_VERSION, OFF_PAYLOAD_OFFSET, OFF_KILN_VERSION, OFF_CHECKSUM, OFF_SOURCE_SHA256],
            [0, 8, 12, 16, 48, 80]
        );
        assert_eq!([OFF_PAYLOAD_LEN, OFF_TRIPLE_LEN, OFF_CPU_FEATURES_LEN, OFF_RESERVED], [112, 120, 122, 124]);
        assert_eq!(payload_offset(0, 0), 128);
        assert_eq!(payload_offset(24, 31), 128 + 64);
        assert_eq!(payload_offset(u16::MAX, u16::MAX) % PAYLOAD_ALIGN, 0);
    }
}
