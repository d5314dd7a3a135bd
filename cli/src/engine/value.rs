//! Wasm values as the host sees them: conversion to and from the 16-byte
//! slots of `array_call` trampolines, parsing from command-line text by
//! parameter type (`kiln run --invoke`), and printing.

use anyhow::{bail, Context, Result};
use kiln_abi::valtype;
use kiln_abi::VALUE_SLOT_SIZE;
use std::fmt;

/// One value. Floats are kept as bits so NaN payloads survive; references
/// are the raw words compiled code uses (0 = null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128(u128),
    FuncRef(usize),
    ExternRef(usize),
}

/// One `array_call` slot.
pub type Slot = [u8; VALUE_SLOT_SIZE];

impl Val {
    /// The `kiln_abi::valtype` code of this value.
    pub fn ty(&self) -> u8 {
        match self {
            Val::I32(_) => valtype::I32,
            Val::I64(_) => valtype::I64,
            Val::F32(_) => valtype::F32,
            Val::F64(_) => valtype::F64,
            Val::V128(_) => valtype::V128,
            Val::FuncRef(_) => valtype::FUNCREF,
            Val::ExternRef(_) => valtype::EXTERNREF,
        }
    }

    /// The value's bits, little-endian in the low bytes (the layout of
    /// slots and of `VMGlobal`).
    pub fn bits(&self) -> u128 {
        match *self {
            Val::I32(v) => u128::from(v as u32),
            Val::I64(v) => u128::from(v as u64),
            Val::F32(v) => u128::from(v),
            Val::F64(v) => u128::from(v),
            Val::V128(v) => v,
            Val::FuncRef(v) | Val::ExternRef(v) => v as u128,
        }
    }

    pub fn to_slot(self) -> Slot {
        self.bits().to_le_bytes()
    }

    /// Reads a value of type `ty` from little-endian bits; `None` for an
    /// unknown type code.
    pub fn from_bits(ty: u8, bits: u128) -> Option<Val> {
        Some(match ty {
            valtype::I32 => Val::I32(bits as u32 as i32),
            valtype::I64 => Val::I64(bits as u64 as i64),
            valtype::F32 => Val::F32(bits as u32),
            valtype::F64 => Val::F64(bits as u64),
            valtype::V128 => Val::V128(bits),
            valtype::FUNCREF => Val::FuncRef(bits as usize),
            valtype::EXTERNREF => Val::ExternRef(bits as usize),
            _ => return None,
        })
    }

    pub fn from_slot(ty: u8, slot: &Slot) -> Option<Val> {
        Val::from_bits(ty, u128::from_le_bytes(*slot))
    }

    /// Parses a command-line argument as a value of type `ty`: integers in
    /// decimal (signed or unsigned) or `0x` hex, floats in Rust syntax plus
    /// `nan`/`inf`, `null` for references.
    pub fn parse(ty: u8, text: &str) -> Result<Val> {
        let what = || format!("`{text}` is not a valid {}", type_name(ty));
        Ok(match ty {
            valtype::I32 => Val::I32(parse_int(text, 32).with_context(what)? as u32 as i32),
            valtype::I64 => Val::I64(parse_int(text, 64).with_context(what)? as u64 as i64),
            valtype::F32 => Val::F32(text.parse::<f32>().ok().with_context(what)?.to_bits()),
            valtype::F64 => Val::F64(text.parse::<f64>().ok().with_context(what)?.to_bits()),
            valtype::V128 => Val::V128(parse_int(text, 128).with_context(what)?),
            valtype::FUNCREF | valtype::EXTERNREF if text == "null" => Val::from_bits(ty, 0).with_context(what)?,
            valtype::FUNCREF | valtype::EXTERNREF => {
                bail!("{}: a {} argument can only be `null` on the command line", what(), type_name(ty))
            }
            _ => bail!("parameters of type code {ty} cannot be passed from the command line"),
        })
    }
}

/// Parses an integer of `bits` width: decimal with an optional sign, or
/// `0x` hex; anything from the signed minimum to the unsigned maximum.
fn parse_int(text: &str, bits: u32) -> Option<u128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let digits = digits.replace('_', "");
    let magnitude = match digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        Some(hex) => u128::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<u128>().ok()?,
    };
    let mask = if bits == 128 { u128::MAX } else { (1u128 << bits) - 1 };
    if negative {
        let limit = if bits == 128 { 1u128 << 127 } else { 1u128 << (bits - 1) };
        (magnitude <= limit).then(|| magnitude.wrapping_neg() & mask)
    } else {
        (magnitude <= mask).then_some(magnitude)
    }
}

/// The text name of a `kiln_abi::valtype` code.
pub fn type_name(ty: u8) -> &'static str {
    match ty {
        valtype::I32 => "i32",
        valtype::I64 => "i64",
        valtype::F32 => "f32",
        valtype::F64 => "f64",
        valtype::V128 => "v128",
        valtype::FUNCREF => "funcref",
        valtype::EXTERNREF => "externref",
        _ => "unknown type",
    }
}

impl fmt::Display for Val {
    /// Integers in signed decimal, floats in the shortest decimal that
    /// reads back to the same bits (NaNs with a non-default payload in
    /// hex), v128 as 32 hex digits, references as `null` or their address.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Val::I32(v) => write!(f, "{v}"),
            Val::I64(v) => write!(f, "{v}"),
            Val::F32(bits) => {
                let v = f32::from_bits(bits);
                if v.is_nan() && bits & 0x7fff_ffff != 0x7fc0_0000 {
                    write!(f, "{}nan:{:#x}", if bits >> 31 != 0 { "-" } else { "" }, bits & 0x7f_ffff)
                } else {
                    write!(f, "{v}")
                }
            }
            Val::F64(bits) => {
                let v = f64::from_bits(bits);
                if v.is_nan() && bits & !(1 << 63) != 0x7ff8_0000_0000_0000 {
                    write!(f, "{}nan:{:#x}", if bits >> 63 != 0 { "-" } else { "" }, bits & 0xf_ffff_ffff_ffff)
                } else {
                    write!(f, "{v}")
                }
            }
            Val::V128(v) => write!(f, "{v:#034x}"),
            Val::FuncRef(0) | Val::ExternRef(0) => write!(f, "null"),
            Val::FuncRef(p) => write!(f, "funcref({p:#x})"),
            Val::ExternRef(p) => write!(f, "externref({p:#x})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_accept_signed_unsigned_and_hex() {
        assert_eq!(Val::parse(valtype::I32, "-1").unwrap(), Val::I32(-1));
        assert_eq!(Val::parse(valtype::I32, "4294967295").unwrap(), Val::I32(-1));
        assert_eq!(Val::parse(valtype::I32, "0x7fffffff").unwrap(), Val::I32(i32::MAX));
        assert_eq!(Val::parse(valtype::I32, "-2147483648").unwrap(), Val::I32(i32::MIN));
        assert!(Val::parse(valtype::I32, "4294967296").is_err());
        assert!(Val::parse(valtype::I32, "-2147483649").is_err());
        assert!(Val::parse(valtype::I32, "seven").is_err());
        assert_eq!(Val::parse(valtype::I64, "-9223372036854775808").unwrap(), Val::I64(i64::MIN));
        assert_eq!(Val::parse(valtype::I64, "18446744073709551615").unwrap(), Val::I64(-1));
    }

    #[test]
    fn floats_keep_their_bits() {
        assert_eq!(Val::parse(valtype::F32, "1.5").unwrap(), Val::F32(1.5f32.to_bits()));
        assert_eq!(Val::parse(valtype::F64, "-inf").unwrap(), Val::F64(f64::NEG_INFINITY.to_bits()));
        assert_eq!(Val::F32(0.1f32.to_bits()).to_string(), "0.1");
        assert_eq!(Val::F64(f64::NAN.to_bits()).to_string(), "NaN");
        assert_eq!(Val::F32(0x7fa0_0000).to_string(), "nan:0x200000");
        assert_eq!(Val::F64(0xfff0_0000_0000_0001).to_string(), "-nan:0x1");
    }

    #[test]
    fn slots_round_trip() {
        for v in [Val::I32(-5), Val::I64(1 << 40), Val::F32(0x7fc0_0001), Val::V128(u128::MAX), Val::FuncRef(0x1000)] {
            assert_eq!(Val::from_slot(v.ty(), &v.to_slot()), Some(v));
        }
        assert_eq!(Val::from_slot(99, &[0; 16]), None);
    }

    #[test]
    fn references_are_null_only() {
        assert_eq!(Val::parse(valtype::EXTERNREF, "null").unwrap(), Val::ExternRef(0));
        assert!(Val::parse(valtype::FUNCREF, "0x10").is_err());
        assert_eq!(Val::FuncRef(0).to_string(), "null");
    }
}
