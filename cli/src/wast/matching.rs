//! Script values: arguments of `invoke` as engine values, and the
//! `assert_return` result patterns (exact bits, `nan:canonical`,
//! `nan:arithmetic`, lane-wise v128 patterns, reference patterns, `either`).

use crate::engine::value::Val;
use ::wast::core::{AbstractHeapType, HeapType, NanPattern, V128Pattern, WastArgCore, WastRetCore};
use ::wast::token::{F32, F64};
use ::wast::{WastArg, WastRet};
use anyhow::{bail, Result};

/// How a script's `ref.extern N` host value is represented as an
/// externref word: never null, distinct for every N.
pub fn extern_word(n: u32) -> usize {
    n as usize + 1
}

/// An `invoke` argument as a value.
pub fn arg(a: &WastArg<'_>) -> Result<Val> {
    let WastArg::Core(a) = a else { bail!("component-model arguments are not supported") };
    Ok(match a {
        WastArgCore::I32(v) => Val::I32(*v),
        WastArgCore::I64(v) => Val::I64(*v),
        WastArgCore::F32(v) => Val::F32(v.bits),
        WastArgCore::F64(v) => Val::F64(v.bits),
        WastArgCore::V128(v) => Val::V128(u128::from_le_bytes(v.to_le_bytes())),
        WastArgCore::RefNull(ty) => match null_kind(ty)? {
            RefKind::Func => Val::FuncRef(0),
            RefKind::Extern => Val::ExternRef(0),
        },
        WastArgCore::RefExtern(n) => Val::ExternRef(extern_word(*n)),
        WastArgCore::RefHost(_) => bail!("`ref.host` arguments (GC proposal) are not supported"),
    })
}

enum RefKind {
    Func,
    Extern,
}

fn null_kind(ty: &HeapType<'_>) -> Result<RefKind> {
    Ok(match ty {
        HeapType::Abstract { ty: AbstractHeapType::Func | AbstractHeapType::NoFunc, .. } => RefKind::Func,
        HeapType::Abstract { ty: AbstractHeapType::Extern | AbstractHeapType::NoExtern, .. } => RefKind::Extern,
        // Without GC, every concrete type is a function type.
        HeapType::Concrete(_) | HeapType::Exact(_) => RefKind::Func,
        HeapType::Abstract { ty, .. } => bail!("`ref.null {ty:?}` (a GC or exceptions type) is not supported"),
    })
}

/// Checks one result against its pattern; the error says what differs.
pub fn check(expected: &WastRet<'_>, actual: &Val) -> Result<()> {
    let WastRet::Core(expected) = expected else { bail!("component-model results are not supported") };
    if matches(expected, actual)? {
        Ok(())
    } else {
        bail!("expected {}, got {actual}", describe(expected))
    }
}

fn matches(expected: &WastRetCore<'_>, actual: &Val) -> Result<bool> {
    Ok(match (expected, actual) {
        (WastRetCore::I32(e), Val::I32(a)) => e == a,
        (WastRetCore::I64(e), Val::I64(a)) => e == a,
        (WastRetCore::F32(e), Val::F32(a)) => f32_matches(e, *a),
        (WastRetCore::F64(e), Val::F64(a)) => f64_matches(e, *a),
        (WastRetCore::V128(e), Val::V128(a)) => v128_matches(e, *a),
        (WastRetCore::RefNull(_), Val::FuncRef(a) | Val::ExternRef(a)) => *a == 0,
        (WastRetCore::RefExtern(None), Val::ExternRef(a)) => *a != 0,
        (WastRetCore::RefExtern(Some(n)), Val::ExternRef(a)) => *a == extern_word(*n),
        (WastRetCore::RefFunc(_), Val::FuncRef(a)) => *a != 0,
        (WastRetCore::Either(options), _) => {
            for option in options {
                if matches(option, actual)? {
                    return Ok(true);
                }
            }
            false
        }
        (
            WastRetCore::RefHost(_)
            | WastRetCore::RefAny
            | WastRetCore::RefEq
            | WastRetCore::RefArray
            | WastRetCore::RefStruct
            | WastRetCore::RefI31
            | WastRetCore::RefI31Shared,
            _,
        ) => bail!("{} results (GC proposal) are not supported", describe(expected)),
        _ => false,
    })
}

fn f32_matches(e: &NanPattern<F32>, bits: u32) -> bool {
    match e {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff == 0x7fc0_0000,
        NanPattern::ArithmeticNan => bits & 0x7fc0_0000 == 0x7fc0_0000,
        NanPattern::Value(v) => v.bits == bits,
    }
}

fn f64_matches(e: &NanPattern<F64>, bits: u64) -> bool {
    match e {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
        NanPattern::ArithmeticNan => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
        NanPattern::Value(v) => v.bits == bits,
    }
}

fn v128_matches(e: &V128Pattern, bits: u128) -> bool {
    let b = bits.to_le_bytes();
    let lane = |i: usize, n: usize| {
        let mut out = [0u8; 8];
        out[..n].copy_from_slice(&b[i * n..][..n]);
        u64::from_le_bytes(out)
    };
    match e {
        V128Pattern::I8x16(v) => v.iter().enumerate().all(|(i, x)| lane(i, 1) == u64::from(*x as u8)),
        V128Pattern::I16x8(v) => v.iter().enumerate().all(|(i, x)| lane(i, 2) == u64::from(*x as u16)),
        V128Pattern::I32x4(v) => v.iter().enumerate().all(|(i, x)| lane(i, 4) == u64::from(*x as u32)),
        V128Pattern::I64x2(v) => v.iter().enumerate().all(|(i, x)| lane(i, 8) == *x as u64),
        V128Pattern::F32x4(v) => v.iter().enumerate().all(|(i, x)| f32_matches(x, lane(i, 4) as u32)),
        V128Pattern::F64x2(v) => v.iter().enumerate().all(|(i, x)| f64_matches(x, lane(i, 8))),
    }
}

fn nan_text<T>(p: &NanPattern<T>, value: impl Fn(&T) -> String) -> String {
    match p {
        NanPattern::CanonicalNan => "nan:canonical".into(),
        NanPattern::ArithmeticNan => "nan:arithmetic".into(),
        NanPattern::Value(v) => value(v),
    }
}

/// The pattern in script syntax, for failure messages.
fn describe(e: &WastRetCore<'_>) -> String {
    let f32_text = |p: &NanPattern<F32>| nan_text(p, |v| Val::F32(v.bits).to_string());
    let f64_text = |p: &NanPattern<F64>| nan_text(p, |v| Val::F64(v.bits).to_string());
    match e {
        WastRetCore::I32(v) => format!("(i32.const {v})"),
        WastRetCore::I64(v) => format!("(i64.const {v})"),
        WastRetCore::F32(p) => format!("(f32.const {})", f32_text(p)),
        WastRetCore::F64(p) => format!("(f64.const {})", f64_text(p)),
        WastRetCore::V128(p) => {
            let lanes: Vec<String> = match p {
                V128Pattern::I8x16(v) => v.iter().map(|x| x.to_string()).collect(),
                V128Pattern::I16x8(v) => v.iter().map(|x| x.to_string()).collect(),
                V128Pattern::I32x4(v) => v.iter().map(|x| x.to_string()).collect(),
                V128Pattern::I64x2(v) => v.iter().map(|x| x.to_string()).collect(),
                V128Pattern::F32x4(v) => v.iter().map(f32_text).collect(),
                V128Pattern::F64x2(v) => v.iter().map(f64_text).collect(),
            };
            format!("(v128.const {})", lanes.join(" "))
        }
        WastRetCore::RefNull(_) => "(ref.null)".into(),
        WastRetCore::RefExtern(None) => "(ref.extern)".into(),
        WastRetCore::RefExtern(Some(n)) => format!("(ref.extern {n})"),
        WastRetCore::RefHost(n) => format!("(ref.host {n})"),
        WastRetCore::RefFunc(_) => "(ref.func)".into(),
        WastRetCore::RefAny => "(ref.any)".into(),
        WastRetCore::RefEq => "(ref.eq)".into(),
        WastRetCore::RefArray => "(ref.array)".into(),
        WastRetCore::RefStruct => "(ref.struct)".into(),
        WastRetCore::RefI31 => "(ref.i31)".into(),
        WastRetCore::RefI31Shared => "(ref.i31_shared)".into(),
        WastRetCore::Either(options) => {
            let all: Vec<String> = options.iter().map(describe).collect();
            format!("(either {})", all.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::wast::parser::{self, ParseBuffer};

    fn ret(text: &str) -> WastRet<'static> {
        let buf = Box::leak(Box::new(ParseBuffer::new(Box::leak(text.to_string().into_boxed_str())).unwrap()));
        parser::parse::<WastRet<'static>>(buf).unwrap()
    }

    #[test]
    fn nan_patterns() {
        assert!(check(&ret("f32.const nan:canonical"), &Val::F32(0xffc0_0000)).is_ok());
        assert!(check(&ret("f32.const nan:canonical"), &Val::F32(0x7fc0_0001)).is_err());
        assert!(check(&ret("f32.const nan:arithmetic"), &Val::F32(0x7fc0_0001)).is_ok());
        assert!(check(&ret("f32.const nan:arithmetic"), &Val::F32(0x7f80_0001)).is_err());
        assert!(check(&ret("f64.const nan:canonical"), &Val::F64(0x7ff8_0000_0000_0000)).is_ok());
        assert!(check(&ret("f64.const nan:arithmetic"), &Val::F64(0xfff8_0000_0000_0001)).is_ok());
        assert!(check(&ret("f64.const nan:arithmetic"), &Val::F64(0x7ff0_0000_0000_0001)).is_err());
        // An exact NaN compares bits, payload included.
        assert!(check(&ret("f32.const nan:0x200000"), &Val::F32(0x7fa0_0000)).is_ok());
        assert!(check(&ret("f32.const nan:0x200000"), &Val::F32(0x7fc0_0000)).is_err());
    }

    #[test]
    fn exact_values_and_types() {
        assert!(check(&ret("i32.const -1"), &Val::I32(-1)).is_ok());
        let err = check(&ret("i32.const 1"), &Val::I64(1)).unwrap_err().to_string();
        assert_eq!(err, "expected (i32.const 1), got 1");
        assert!(check(&ret("f32.const -0"), &Val::F32(0)).is_err());
        assert!(check(
            &ret("v128.const i16x8 1 2 3 4 5 6 7 -1"),
            &Val::V128(0xffff_0007_0006_0005_0004_0003_0002_0001)
        )
        .is_ok());
        assert!(check(
            &ret("v128.const f32x4 nan:canonical 0 0 1"),
            &Val::V128(0x3f80_0000_0000_0000_0000_0000_7fc0_0000)
        )
        .is_ok());
    }

    #[test]
    fn references_and_either() {
        assert!(check(&ret("ref.null func"), &Val::FuncRef(0)).is_ok());
        assert!(check(&ret("ref.null extern"), &Val::ExternRef(8)).is_err());
        assert!(check(&ret("ref.extern 3"), &Val::ExternRef(extern_word(3))).is_ok());
        assert!(check(&ret("ref.extern"), &Val::ExternRef(extern_word(0))).is_ok());
        assert!(check(&ret("ref.func"), &Val::FuncRef(0)).is_err());
        assert!(check(&ret("either (i32.const 1) (i32.const 2)"), &Val::I32(2)).is_ok());
        assert!(check(&ret("either (i32.const 1) (i32.const 2)"), &Val::I32(3)).is_err());
    }
}
