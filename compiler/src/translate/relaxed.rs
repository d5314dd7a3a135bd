//! Relaxed SIMD (Wasm 3.0's `relaxed_simd`): lane operators whose result
//! the specification lets the implementation pick from a small set, so that
//! each maps onto one instruction of the common vector ISAs.
//!
//! kiln picks one member of that set per target and CPU baseline, never per
//! run, so a module gives the same lanes every time, and as an executable
//! (`kiln build`) and in-process (`kiln run`, `kiln wast`) alike. The
//! choices, documented in the README ("Relaxed SIMD"), are [`Choices`]:
//!
//! - **x86_64**: what the SSE instructions give, on every baseline:
//!   `pshufb` (an index of 16..=127 wraps modulo 16, 128 and above gives 0),
//!   `cvttps2dq`/`cvttpd2dq` (NaN and out-of-range lanes give `i32::MIN`),
//!   `minps`/`maxps` (the first operand unless the second is strictly
//!   smaller/larger: wasm's `pmin`/`pmax`), `pmulhrsw` (`MIN * MIN` gives
//!   `MIN`), `pmaddubsw` (the second operand's bytes unsigned, the pair sums
//!   saturated to i16) and `blendv` (the top bit of each 8-, 32- or 64-bit
//!   lane; i16x8 lanes select bit by bit). Where the baseline lacks SSSE3 or
//!   SSE4.1 (`--cpu x86-64`), SSE2 sequences compute the same lanes. The
//!   unsigned truncations saturate, as `trunc_sat` does.
//! - **aarch64, riscv64** (and any other target): the deterministic profile
//!   of the specification, the non-relaxed operator each one relaxes:
//!   `swizzle`, `trunc_sat`, `min`/`max`, `q15mulr_sat`, `bitselect`, and a
//!   signed × signed dot product whose pair sums wrap.
//! - `relaxed_madd`/`nmadd` are fused (one rounding) on aarch64 and riscv64
//!   and on x86_64 when the baseline has FMA and AVX (`x86-64-v3`, or `--cpu
//!   native` on such a CPU); otherwise a multiply and an add, rounded each.

use super::simd::{cast, pseudo_min_max, zeros, Lanes};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{F32X4, F64X2, I16, I16X8, I32, I32X4, I64X2, I8, I8X16};
use cranelift_codegen::ir::{InstBuilder, Type, Value};
use cranelift_codegen::isa::TargetIsa;
use cranelift_frontend::FunctionBuilder;
use target_lexicon::Architecture;
use wasmparser::Operator;

/// The results kiln gives the relaxed operators on one target and CPU
/// baseline (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choices {
    /// The x86 SSE instructions' results (else the deterministic profile).
    pub x86: bool,
    /// `relaxed_madd`/`nmadd` round once.
    pub fused: bool,
    /// x86_64: `pshufb`, `pmulhrsw` and `pmaddubsw` are instructions (else
    /// SSE2 sequences with the same results).
    ssse3: bool,
    /// x86_64: `blendv` is an instruction (else an SSE2 sequence).
    sse41: bool,
}

impl Choices {
    /// The choices for the target and CPU baseline of `isa`.
    pub fn for_isa(isa: &dyn TargetIsa) -> Self {
        let flags = isa.isa_flags();
        let flag = |name: &str| flags.iter().any(|f| f.name == name && f.as_bool() == Some(true));
        match isa.triple().architecture {
            Architecture::X86_64 => Choices {
                x86: true,
                // Cranelift's native `fma` needs both; without them it
                // would call a libcall per lane.
                fused: flag("has_fma") && flag("has_avx"),
                ssse3: flag("has_ssse3"),
                sse41: flag("has_sse41"),
            },
            _ => Choices { x86: false, fused: true, ssse3: false, sse41: false },
        }
    }
}

/// Translates `op` if it is a relaxed-SIMD operator, popping its operands
/// from and pushing its result onto `stack`. Returns false, touching
/// nothing, for any other operator.
pub fn translate_relaxed(
    op: &Operator<'_>,
    b: &mut FunctionBuilder<'_>,
    stack: &mut Vec<Value>,
    choices: Choices,
) -> bool {
    use Operator as O;
    let mut l = Lanes::new(b, stack);
    let x86 = choices.x86;
    match *op {
        O::I8x16RelaxedSwizzle => l.bin(I8X16, |b, x, y| match (x86, choices.ssse3) {
            (true, true) => b.ins().x86_pshufb(x, y),
            // `pshufb` reads bit 7 and bits 0-3 of each index: keeping only
            // those, `swizzle` (a runtime helper on SSE2) gives its lanes.
            (true, false) => {
                let bits = b.ins().iconst(I8, 0x8f);
                let bits = b.ins().splat(I8X16, bits);
                let y = b.ins().band(y, bits);
                b.ins().swizzle(x, y)
            }
            (false, _) => b.ins().swizzle(x, y),
        }),

        O::I32x4RelaxedTruncF32x4S => {
            l.un(F32X4, |b, x| if x86 { b.ins().x86_cvtt2dq(I32X4, x) } else { b.ins().fcvt_to_sint_sat(I32X4, x) })
        }
        O::I32x4RelaxedTruncF32x4U => l.un(F32X4, |b, x| b.ins().fcvt_to_uint_sat(I32X4, x)),
        // On x86 the backend turns this pair into one `cvttpd2dq`.
        O::I32x4RelaxedTruncF64x2SZero => l.un(F64X2, |b, x| {
            let wide = if x86 { b.ins().x86_cvtt2dq(I64X2, x) } else { b.ins().fcvt_to_sint_sat(I64X2, x) };
            let zero = zeros(b, I64X2);
            b.ins().snarrow(wide, zero)
        }),
        O::I32x4RelaxedTruncF64x2UZero => l.un(F64X2, |b, x| {
            let wide = b.ins().fcvt_to_uint_sat(I64X2, x);
            let zero = zeros(b, I64X2);
            b.ins().uunarrow(wide, zero)
        }),

        O::F32x4RelaxedMadd => madd(&mut l, F32X4, false, choices.fused),
        O::F64x2RelaxedMadd => madd(&mut l, F64X2, false, choices.fused),
        O::F32x4RelaxedNmadd => madd(&mut l, F32X4, true, choices.fused),
        O::F64x2RelaxedNmadd => madd(&mut l, F64X2, true, choices.fused),

        O::I8x16RelaxedLaneselect => laneselect(&mut l, I8X16, choices),
        O::I16x8RelaxedLaneselect => laneselect(&mut l, I16X8, choices),
        O::I32x4RelaxedLaneselect => laneselect(&mut l, I32X4, choices),
        O::I64x2RelaxedLaneselect => laneselect(&mut l, I64X2, choices),

        O::F32x4RelaxedMin => l.bin(F32X4, |b, x, y| min_max(b, x, y, F32X4, false, x86)),
        O::F64x2RelaxedMin => l.bin(F64X2, |b, x, y| min_max(b, x, y, F64X2, false, x86)),
        O::F32x4RelaxedMax => l.bin(F32X4, |b, x, y| min_max(b, x, y, F32X4, true, x86)),
        O::F64x2RelaxedMax => l.bin(F64X2, |b, x, y| min_max(b, x, y, F64X2, true, x86)),

        O::I16x8RelaxedQ15mulrS => l.bin(I16X8, |b, x, y| match (x86, choices.ssse3) {
            (true, true) => b.ins().x86_pmulhrsw(x, y),
            (true, false) => pmulhrsw_sse2(b, x, y),
            (false, _) => b.ins().sqmul_round_sat(x, y),
        }),

        O::I16x8RelaxedDotI8x16I7x16S => l.bin(I8X16, |b, x, y| dot_i8(b, x, y, choices)),
        O::I32x4RelaxedDotI8x16I7x16AddS => {
            let acc = l.pop(I32X4);
            l.bin(I8X16, |b, x, y| {
                let pairs = dot_i8(b, x, y, choices);
                let lo = b.ins().swiden_low(pairs);
                let hi = b.ins().swiden_high(pairs);
                let quads = b.ins().iadd_pairwise(lo, hi);
                b.ins().iadd(quads, acc)
            });
        }

        _ => return false,
    }
    true
}

/// `relaxed_madd` (`a * b + c`) or `relaxed_nmadd` (`-(a * b) + c`), fused
/// or rounded twice. Negating `a` is exact, so `nmadd` is `madd(-a, b, c)`.
fn madd(l: &mut Lanes<'_, '_>, ty: Type, negate: bool, fused: bool) {
    let c = l.pop(ty);
    l.bin(ty, |b, x, y| {
        let x = if negate { b.ins().fneg(x) } else { x };
        if fused {
            b.ins().fma(x, y, c)
        } else {
            let product = b.ins().fmul(x, y);
            b.ins().fadd(product, c)
        }
    });
}

/// `relaxed_min`/`relaxed_max`: x86's `minps`/`maxps` (`pmin`/`pmax`:
/// `y < x ? y : x`, `x < y ? y : x`), which the backend pattern-matches into
/// one instruction; else wasm's `min`/`max`.
fn min_max(b: &mut FunctionBuilder<'_>, x: Value, y: Value, ty: Type, max: bool, x86: bool) -> Value {
    match (x86, max) {
        (true, _) => pseudo_min_max(b, x, y, ty, max),
        (false, false) => b.ins().fmin(x, y),
        (false, true) => b.ins().fmax(x, y),
    }
}

/// `relaxed_laneselect(a, b, mask)`: on x86_64, `a`'s lane where the top
/// bit of the mask's lane is set (`pblendvb`, `blendvps`, `blendvpd`; no
/// such instruction has 16-bit lanes, so i16x8 selects bit by bit); else
/// `v128.bitselect`.
fn laneselect(l: &mut Lanes<'_, '_>, ty: Type, choices: Choices) {
    let mask = l.pop(ty);
    let blend = choices.x86 && ty != I16X8;
    l.bin(ty, |b, x, y| {
        if blend && choices.sse41 {
            b.ins().blendv(mask, x, y)
        } else if blend {
            // Every bit of a lane copied from its top bit.
            let bits = i64::from(ty.lane_bits() - 1);
            let count = b.ins().iconst(I32, bits);
            let lanes = b.ins().sshr(mask, count);
            b.ins().bitselect(lanes, x, y)
        } else {
            b.ins().bitselect(mask, x, y)
        }
    });
}

/// `pmulhrsw` on SSE2: wasm's `q15mulr_sat`, except that `MIN * MIN`, which
/// saturates to `MAX` there, wraps to `MIN` (`0x7fff ^ 0xffff`).
fn pmulhrsw_sse2(b: &mut FunctionBuilder<'_>, x: Value, y: Value) -> Value {
    let product = b.ins().sqmul_round_sat(x, y);
    let min = b.ins().iconst(I16, 0x8000);
    let min = b.ins().splat(I16X8, min);
    let x_min = b.ins().icmp(IntCC::Equal, x, min);
    let y_min = b.ins().icmp(IntCC::Equal, y, min);
    let both = b.ins().band(x_min, y_min);
    b.ins().bxor(product, both)
}

/// The i16x8 sums of adjacent products of `x`'s and `y`'s bytes: on x86_64
/// `pmaddubsw` (`x` signed, `y` unsigned, sums saturated), else signed ×
/// signed with wrapping sums. The two agree whenever `y`'s bytes are below
/// 128, the proposal's `i7` operand.
fn dot_i8(b: &mut FunctionBuilder<'_>, x: Value, y: Value, choices: Choices) -> Value {
    if choices.x86 && choices.ssse3 {
        b.ins().x86_pmaddubsw(x, y)
    } else if choices.x86 {
        // Byte 2i of a vector is the low byte of its 16-bit lane i.
        let (x, y) = (cast(b, x, I16X8), cast(b, y, I16X8));
        let eight = b.ins().iconst(I32, 8);
        let x_even = b.ins().ishl(x, eight);
        let x_even = b.ins().sshr(x_even, eight);
        let x_odd = b.ins().sshr(x, eight);
        let low_byte = b.ins().iconst(I16, 0xff);
        let low_byte = b.ins().splat(I16X8, low_byte);
        let y_even = b.ins().band(y, low_byte);
        let y_odd = b.ins().ushr(y, eight);
        // |i8 × u8| < 2^15: each product fits its lane.
        let even = b.ins().imul(x_even, y_even);
        let odd = b.ins().imul(x_odd, y_odd);
        b.ins().sadd_sat(even, odd)
    } else {
        let lo_x = b.ins().swiden_low(x);
        let lo_y = b.ins().swiden_low(y);
        let lo = b.ins().imul(lo_x, lo_y);
        let hi_x = b.ins().swiden_high(x);
        let hi_y = b.ins().swiden_high(y);
        let hi = b.ins().imul(hi_x, hi_y);
        b.ins().iadd_pairwise(lo, hi)
    }
}

#[cfg(test)]
#[path = "relaxed_tests.rs"]
mod tests;
