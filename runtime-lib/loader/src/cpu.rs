//! The host's target triple and CPU features, as blob headers name them.

use std::sync::OnceLock;

/// The triple of the machine kiln runs on, as `target_lexicon` displays it
/// (the spelling the compiler's `Target::host()` uses).
pub fn host_triple() -> &'static str {
    static TRIPLE: OnceLock<String> = OnceLock::new();
    TRIPLE.get_or_init(|| target_lexicon::Triple::host().to_string())
}

/// Whether this machine has CPU feature `name` (the `std::arch` detection
/// names, e.g. `sse4.2`, `popcnt`, `avx2`; `sse41`/`sse42` are accepted too).
/// `None` when the name is not known for this architecture.
pub fn host_has_feature(name: &str) -> Option<bool> {
    detect(canonical_name(name))
}

/// Maps Cranelift's spelling of a feature to the `std::arch` one.
fn canonical_name(name: &str) -> &str {
    kiln_abi::cpu_feature_name(name)
}

/// The feature string for a blob header from Cranelift ISA flags, e.g. the
/// compiler's `Target::baseline()` `[("has_sse3", "true"), ...]` gives
/// `"sse3,ssse3,sse4.1,sse4.2,popcnt"`. Flags not set to `true` are skipped.
pub fn features_string(cranelift_flags: &[(&str, &str)]) -> String {
    let names: Vec<&str> =
        cranelift_flags.iter().filter(|(_, v)| *v == "true").map(|(k, _)| canonical_name(k)).collect();
    names.join(",")
}

#[cfg(target_arch = "x86_64")]
fn detect(name: &str) -> Option<bool> {
    Some(match name {
        "sse" => std::is_x86_feature_detected!("sse"),
        "sse2" => std::is_x86_feature_detected!("sse2"),
        "sse3" => std::is_x86_feature_detected!("sse3"),
        "ssse3" => std::is_x86_feature_detected!("ssse3"),
        "sse4.1" => std::is_x86_feature_detected!("sse4.1"),
        "sse4.2" => std::is_x86_feature_detected!("sse4.2"),
        "popcnt" => std::is_x86_feature_detected!("popcnt"),
        "cmpxchg16b" => std::is_x86_feature_detected!("cmpxchg16b"),
        "avx" => std::is_x86_feature_detected!("avx"),
        "avx2" => std::is_x86_feature_detected!("avx2"),
        "fma" => std::is_x86_feature_detected!("fma"),
        "bmi1" => std::is_x86_feature_detected!("bmi1"),
        "bmi2" => std::is_x86_feature_detected!("bmi2"),
        "lzcnt" => std::is_x86_feature_detected!("lzcnt"),
        "f16c" => std::is_x86_feature_detected!("f16c"),
        "movbe" => std::is_x86_feature_detected!("movbe"),
        "aes" => std::is_x86_feature_detected!("aes"),
        "pclmulqdq" => std::is_x86_feature_detected!("pclmulqdq"),
        "avx512f" => std::is_x86_feature_detected!("avx512f"),
        "avx512vl" => std::is_x86_feature_detected!("avx512vl"),
        "avx512dq" => std::is_x86_feature_detected!("avx512dq"),
        "avx512bw" => std::is_x86_feature_detected!("avx512bw"),
        "avx512bitalg" => std::is_x86_feature_detected!("avx512bitalg"),
        "avx512vbmi" => std::is_x86_feature_detected!("avx512vbmi"),
        _ => return None,
    })
}

#[cfg(target_arch = "aarch64")]
fn detect(name: &str) -> Option<bool> {
    Some(match name {
        "neon" => std::arch::is_aarch64_feature_detected!("neon"),
        "lse" => std::arch::is_aarch64_feature_detected!("lse"),
        "fp16" => std::arch::is_aarch64_feature_detected!("fp16"),
        "crc" => std::arch::is_aarch64_feature_detected!("crc"),
        "aes" => std::arch::is_aarch64_feature_detected!("aes"),
        "sha2" => std::arch::is_aarch64_feature_detected!("sha2"),
        "rcpc" => std::arch::is_aarch64_feature_detected!("rcpc"),
        "pauth" | "paca" => std::arch::is_aarch64_feature_detected!("paca"),
        "bti" => std::arch::is_aarch64_feature_detected!("bti"),
        _ => return None,
    })
}

/// Stable Rust cannot detect RISC-V extensions at run time. The Linux ABI
/// this kiln was built for (riscv64gc) guarantees RV64GC, so its parts are
/// known present; anything beyond it is unknown, and a blob assuming it is
/// refused.
#[cfg(target_arch = "riscv64")]
fn detect(name: &str) -> Option<bool> {
    match name {
        "m" | "a" | "f" | "d" | "c" | "zicsr" | "zifencei" | "zca" | "zcd" => Some(true),
        _ => None,
    }
}

/// Feature detection is not stable on other architectures: every named
/// feature is unknown, so only blobs that assume none are accepted.
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64", target_arch = "riscv64")))]
fn detect(_name: &str) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cranelift_flags_map_to_detection_names() {
        let baseline = [
            ("has_sse3", "true"),
            ("has_ssse3", "true"),
            ("has_sse41", "true"),
            ("has_sse42", "true"),
            ("has_popcnt", "true"),
        ];
        assert_eq!(features_string(&baseline), "sse3,ssse3,sse4.1,sse4.2,popcnt");
        assert_eq!(features_string(&[("has_avx", "false")]), "");
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn x86_64_detection() {
        // Every x86_64 CPU has SSE2; the name list is closed.
        assert_eq!(host_has_feature("sse2"), Some(true));
        assert_eq!(host_has_feature("has_sse42"), Some(std::is_x86_feature_detected!("sse4.2")));
        assert_eq!(host_has_feature("warp-drive"), None);
        assert!(host_triple().starts_with("x86_64-"));
    }
}
