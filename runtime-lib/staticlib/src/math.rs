//! Float helpers compiled wasm code may call when the target lacks an
//! instruction (e.g. x86_64 without SSE4.1: ceil/floor/trunc/nearest; without
//! FMA: fma; without SSSE3: `pshufb`). Implemented with the `libm` crate under `kiln_rt_*` names and
//! exported as weak C aliases, so a C host's libm takes precedence.

#[no_mangle]
pub extern "C" fn kiln_rt_ceilf(x: f32) -> f32 {
    libm::ceilf(x)
}
#[no_mangle]
pub extern "C" fn kiln_rt_floorf(x: f32) -> f32 {
    libm::floorf(x)
}
#[no_mangle]
pub extern "C" fn kiln_rt_truncf(x: f32) -> f32 {
    libm::truncf(x)
}
/// Round to nearest, ties to even (the default rounding mode; wasm's
/// `nearest`), without raising exceptions.
#[no_mangle]
pub extern "C" fn kiln_rt_nearbyintf(x: f32) -> f32 {
    libm::rintf(x)
}
#[no_mangle]
pub extern "C" fn kiln_rt_fmaf(a: f32, b: f32, c: f32) -> f32 {
    libm::fmaf(a, b, c)
}
#[no_mangle]
pub extern "C" fn kiln_rt_ceil(x: f64) -> f64 {
    libm::ceil(x)
}
#[no_mangle]
pub extern "C" fn kiln_rt_floor(x: f64) -> f64 {
    libm::floor(x)
}
#[no_mangle]
pub extern "C" fn kiln_rt_trunc(x: f64) -> f64 {
    libm::trunc(x)
}
/// Round to nearest, ties to even.
#[no_mangle]
pub extern "C" fn kiln_rt_nearbyint(x: f64) -> f64 {
    libm::rint(x)
}
#[no_mangle]
pub extern "C" fn kiln_rt_fma(a: f64, b: f64, c: f64) -> f64 {
    libm::fma(a, b, c)
}

core::arch::global_asm!(
    ".weak ceilf",
    ".type ceilf, @function",
    ".set ceilf, kiln_rt_ceilf",
    ".weak floorf",
    ".type floorf, @function",
    ".set floorf, kiln_rt_floorf",
    ".weak truncf",
    ".type truncf, @function",
    ".set truncf, kiln_rt_truncf",
    ".weak nearbyintf",
    ".type nearbyintf, @function",
    ".set nearbyintf, kiln_rt_nearbyintf",
    ".weak fmaf",
    ".type fmaf, @function",
    ".set fmaf, kiln_rt_fmaf",
    ".weak ceil",
    ".type ceil, @function",
    ".set ceil, kiln_rt_ceil",
    ".weak floor",
    ".type floor, @function",
    ".set floor, kiln_rt_floor",
    ".weak trunc",
    ".type trunc, @function",
    ".set trunc, kiln_rt_trunc",
    ".weak nearbyint",
    ".type nearbyint, @function",
    ".set nearbyint, kiln_rt_nearbyint",
    ".weak fma",
    ".type fma, @function",
    ".set fma, kiln_rt_fma",
);

// Cranelift's software `pshufb` for x86_64 without SSSE3 (v128 shuffles).
#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".weak __cranelift_x86_pshufb",
    ".type __cranelift_x86_pshufb, @function",
    ".set __cranelift_x86_pshufb, kiln_rt_x86_pshufb",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_rounding_semantics() {
        assert_eq!(kiln_rt_nearbyintf(2.5), 2.0);
        assert_eq!(kiln_rt_nearbyintf(3.5), 4.0);
        assert_eq!(kiln_rt_nearbyint(-0.5).to_bits(), (-0.0f64).to_bits());
        assert_eq!(kiln_rt_ceilf(-0.5).to_bits(), (-0.0f32).to_bits());
        assert_eq!(kiln_rt_floor(-1.5), -2.0);
        assert_eq!(kiln_rt_trunc(-1.7), -1.0);
        assert_eq!(kiln_rt_truncf(1.7), 1.0);
        assert_eq!(kiln_rt_floorf(1.5), 1.0);
        assert_eq!(kiln_rt_ceil(1.2), 2.0);
        assert!(kiln_rt_nearbyint(f64::NAN).is_nan());
        // fma rounds once: (1 + 2^-30)^2 - 1 keeps the 2^-60 term.
        let x = 1.0 + f64::powi(2.0, -30);
        assert_eq!(kiln_rt_fma(x, x, -1.0), f64::powi(2.0, -29) + f64::powi(2.0, -60));
        assert_eq!(kiln_rt_fmaf(2.0, 3.0, 1.0), 7.0);
    }
}
