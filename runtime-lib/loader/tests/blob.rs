//! Blob encoding and every way decoding refuses a blob.

use kiln_abi::blob as layout;
use kiln_loader::{decode, encode, parse, sha256, BlobError, BlobMeta, Expectation, KILN_VERSION};

const TRIPLE: &str = "x86_64-unknown-linux-gnu";
const FEATURES: &str = "sse3,ssse3,sse4.1,sse4.2,popcnt";

fn meta<'a>(kiln_version: &'a str, triple: &'a str, cpu_features: &'a str) -> BlobMeta<'a> {
    BlobMeta { kiln_version, triple, cpu_features, source_sha256: sha256(b"(module)") }
}

fn payload() -> Vec<u8> {
    (0..1000u32).map(|i| (i * 7 + 3) as u8).collect()
}

fn all_features(_: &str) -> Option<bool> {
    Some(true)
}

fn expect(has: &dyn Fn(&str) -> Option<bool>) -> Expectation<'_> {
    Expectation { kiln_version: KILN_VERSION, triple: TRIPLE, has_cpu_feature: has }
}

fn good_blob() -> Vec<u8> {
    encode(&meta(KILN_VERSION, TRIPLE, FEATURES), &payload()).unwrap()
}

#[test]
fn round_trip() {
    let bytes = good_blob();
    let blob = decode(&bytes, &expect(&all_features)).unwrap();
    assert_eq!(blob.payload, &payload()[..]);
    assert_eq!(blob.kiln_version, KILN_VERSION);
    assert_eq!(blob.triple, TRIPLE);
    assert_eq!(blob.cpu_features, FEATURES);
    assert_eq!(blob.format_version, layout::FORMAT_VERSION);
    assert_eq!(blob.source_sha256, sha256(b"(module)"));
    assert_eq!(&bytes[..8], b"KILNBLOB");
    // The payload is aligned within the blob, so an aligned buffer parses in place.
    let offset = blob.payload.as_ptr() as usize - bytes.as_ptr() as usize;
    assert_eq!(offset % layout::PAYLOAD_ALIGN, 0);
    assert_eq!(offset, layout::payload_offset(TRIPLE.len() as u16, FEATURES.len() as u16));
}

#[test]
fn empty_payload_and_strings_round_trip() {
    let bytes = encode(&meta(KILN_VERSION, "", ""), &[]).unwrap();
    assert_eq!(bytes.len(), layout::FIXED_HEADER_LEN);
    let blob = parse(&bytes).unwrap();
    assert!(blob.payload.is_empty() && blob.triple.is_empty() && blob.cpu_features.is_empty());
}

#[test]
fn sha256_matches_a_known_vector() {
    // FIPS 180-2 example "abc".
    let hex: String = sha256(b"abc").iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[test]
fn other_kiln_version_is_named() {
    let bytes = encode(&meta("0.0.9", TRIPLE, FEATURES), &payload()).unwrap();
    let err = decode(&bytes, &expect(&all_features)).unwrap_err();
    assert_eq!(err.to_string(), format!("blob was made by kiln 0.0.9, this is kiln {KILN_VERSION}"));
}

#[test]
fn other_format_version_from_other_kiln_reports_the_kiln_version() {
    let mut bytes = encode(&meta("9.9.9", TRIPLE, FEATURES), &payload()).unwrap();
    bytes[layout::OFF_FORMAT_VERSION..][..4].copy_from_slice(&77u32.to_le_bytes());
    let err = decode(&bytes, &expect(&all_features)).unwrap_err();
    assert_eq!(err.to_string(), format!("blob was made by kiln 9.9.9, this is kiln {KILN_VERSION}"));
    // Same kiln version but another format: the format is named.
    let mut same = good_blob();
    same[layout::OFF_FORMAT_VERSION..][..4].copy_from_slice(&77u32.to_le_bytes());
    let err = decode(&same, &expect(&all_features)).unwrap_err();
    assert!(matches!(err, BlobError::FormatVersion { found: 77, expected: layout::FORMAT_VERSION, .. }), "{err}");
}

#[test]
fn other_target_is_named() {
    let bytes = encode(&meta(KILN_VERSION, "aarch64-unknown-linux-gnu", ""), &payload()).unwrap();
    let err = decode(&bytes, &expect(&all_features)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("blob was made for target aarch64-unknown-linux-gnu, this machine is {TRIPLE}")
    );
}

#[test]
fn missing_cpu_features_are_named() {
    let no_sse4 = |f: &str| Some(!f.starts_with("sse4"));
    let err = decode(&good_blob(), &expect(&no_sse4)).unwrap_err();
    assert_eq!(err, BlobError::CpuFeatures { missing: "sse4.1,sse4.2".to_string(), required: FEATURES.to_string() });
    assert!(err.to_string().contains("CPU features this machine lacks: sse4.1,sse4.2"), "{err}");
    let unknown = |f: &str| (f != "popcnt").then_some(true);
    let err = decode(&good_blob(), &expect(&unknown)).unwrap_err();
    assert_eq!(err, BlobError::UnknownCpuFeature { feature: "popcnt".to_string() });
}

#[test]
fn host_expectation_accepts_the_compiler_baseline_on_this_machine() {
    let host = Expectation::host();
    let bytes = encode(&meta(KILN_VERSION, host.triple, ""), &payload()).unwrap();
    assert!(decode(&bytes, &host).is_ok());
    #[cfg(target_arch = "x86_64")]
    {
        let sse2 = encode(&meta(KILN_VERSION, host.triple, "sse2"), &payload()).unwrap();
        assert!(decode(&sse2, &host).is_ok());
    }
}

#[test]
fn truncation_is_reported_at_every_length() {
    let bytes = good_blob();
    for len in 0..bytes.len() {
        let err = parse(&bytes[..len]).unwrap_err();
        match err {
            BlobError::Truncated { needed, len: have, .. } => {
                assert_eq!(have, len);
                assert!(needed as usize > len);
            }
            other => panic!("length {len}: {other}"),
        }
    }
}

#[test]
fn trailing_bytes_and_bad_magic() {
    let mut bytes = good_blob();
    bytes.push(0);
    assert_eq!(parse(&bytes).unwrap_err(), BlobError::TrailingBytes { payload_end: bytes.len() as u64 - 1, extra: 1 });
    let err = parse(b"\x7fELF\x02\x01\x01\0 and so on, an object file, not a blob ...").unwrap_err();
    assert!(matches!(err, BlobError::NotABlob { .. }), "{err}");
    assert!(err.to_string().starts_with("not a kiln blob"));
}

#[test]
fn any_flipped_bit_is_refused() {
    let bytes = good_blob();
    // Every bit of the header, and a spread of payload bits.
    let positions = (0..layout::payload_offset(TRIPLE.len() as u16, FEATURES.len() as u16) * 8)
        .chain((0..bytes.len() * 8).step_by(61));
    for bit in positions {
        let mut b = bytes.clone();
        b[bit / 8] ^= 1 << (bit % 8);
        let err = decode(&b, &expect(&all_features)).expect_err("a corrupted blob must be refused");
        let at = bit / 8;
        // Outside the stable prefix the checksum catches every flip.
        if at >= layout::STABLE_PREFIX_LEN {
            assert!(
                matches!(
                    err,
                    BlobError::Checksum { .. }
                        | BlobError::Truncated { .. }
                        | BlobError::TrailingBytes { .. }
                        | BlobError::BadHeader { .. }
                ),
                "byte {at}: {err}"
            );
        }
    }
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn fuzzed_blobs_never_panic_and_are_never_accepted() {
    let bytes = good_blob();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut b = bytes.clone();
        match rng.below(4) {
            0 => b.truncate(rng.below(bytes.len())),
            1 => {
                for _ in 0..1 + rng.below(8) {
                    let i = rng.below(b.len());
                    b[i] ^= 1 << rng.below(8);
                }
            }
            2 => {
                // Corrupt the length fields, the likeliest to mislead a decoder.
                let at = [
                    layout::OFF_PAYLOAD_LEN,
                    layout::OFF_TRIPLE_LEN,
                    layout::OFF_CPU_FEATURES_LEN,
                    layout::OFF_PAYLOAD_OFFSET,
                ][rng.below(4)];
                b[at + rng.below(2)] = rng.next() as u8;
            }
            _ => {
                let i = rng.below(b.len());
                b.insert(i, rng.next() as u8);
            }
        }
        if b == bytes {
            continue;
        }
        assert!(decode(&b, &expect(&all_features)).is_err());
    }
    // Pure noise, of every small length.
    for len in 0..300 {
        let noise: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        assert!(parse(&noise).is_err());
    }
}

#[test]
fn writer_rejects_oversized_fields() {
    let long = "x".repeat(40);
    assert_eq!(
        encode(&meta(&long, TRIPLE, ""), &[]).unwrap_err(),
        BlobError::FieldTooLong { field: "kiln version", len: 40, max: 32 }
    );
    let huge = "y".repeat(70_000);
    assert!(matches!(
        encode(&meta(KILN_VERSION, TRIPLE, &huge), &[]).unwrap_err(),
        BlobError::FieldTooLong { field: "CPU features", .. }
    ));
    assert!(matches!(encode(&meta("1.0\0", TRIPLE, ""), &[]).unwrap_err(), BlobError::NulInVersion(_)));
}
