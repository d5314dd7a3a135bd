//! Full, structural encodings of value types, for the checks that need more
//! than [`crate::valtype`] codes: canonical signature ids (`call_indirect`),
//! and import type matching, including reference types with nullability and
//! typed function references.
//!
//! Data flow: the compiler writes one encoding per function type
//! ([`crate::FuncType::canon`]), table element type and global value type;
//! the runtime compares them byte for byte (type equality) or with
//! [`valtype_subtype`] (import matching of immutable globals).
//!
//! Grammar (all lengths are one little-endian `u32`):
//! - a scalar value type is its `valtype` code (`I32`..`V128`);
//! - a reference type is [`REF`] or [`REF_NULL`], then a heap type;
//! - a heap type is an abstract code ([`heap`]), [`CONCRETE`] followed by the
//!   identity of a type defined in an earlier recursion group (expanded in
//!   place, so expansion terminates), or [`REC_REF`] and the index of a type
//!   within the recursion group being encoded;
//! - a type identity is [`PLAIN`] and a type definition (a type alone in its
//!   group that does not refer to itself), or [`REC`], the group's size, the
//!   type's index in it, and the definitions of the whole group -- so types
//!   are equal exactly when their groups are (iso-recursive equality);
//! - a definition is [`DEF_FUNC`], `len(params)`, the params, `len(results)`,
//!   the results; or [`DEF_ARRAY`] and a field; or [`DEF_STRUCT`], the
//!   number of fields and the fields;
//! - a field is its mutability (0 or 1) and a storage type: [`PACKED_I8`],
//!   [`PACKED_I16`] or a value type.

/// A non-nullable reference type follows.
pub const REF: u8 = 0x10;
/// A nullable reference type follows.
pub const REF_NULL: u8 = 0x11;
/// A concrete (function) heap type follows, as a type identity.
pub const CONCRETE: u8 = 0x30;
/// A reference to a type of the enclosing recursion group follows (`u32`).
pub const REC_REF: u8 = 0x31;
/// A type identity: a lone type.
pub const PLAIN: u8 = 0x40;
/// A type identity: a type of a recursion group.
pub const REC: u8 = 0x41;
/// Type definition kinds.
/// A function type: `len(params)`, the params, `len(results)`, the results.
pub const DEF_FUNC: u8 = 0x60;
/// An array type: its element field follows.
pub const DEF_ARRAY: u8 = 0x5e;
/// A struct type: the number of fields (`u32`) and the fields follow.
pub const DEF_STRUCT: u8 = 0x5f;
/// Packed storage types of array and struct fields.
/// `i8`.
pub const PACKED_I8: u8 = 0x78;
/// `i16`.
pub const PACKED_I16: u8 = 0x77;

/// Abstract heap type codes.
pub mod heap {
    /// `func`.
    pub const FUNC: u8 = 0x20;
    /// `extern`.
    pub const EXTERN: u8 = 0x21;
    /// `any`.
    pub const ANY: u8 = 0x22;
    /// `eq`.
    pub const EQ: u8 = 0x23;
    /// `i31`.
    pub const I31: u8 = 0x24;
    /// `struct`.
    pub const STRUCT: u8 = 0x25;
    /// `array`.
    pub const ARRAY: u8 = 0x26;
    /// `none`, the bottom of the `any` hierarchy.
    pub const NONE: u8 = 0x27;
    /// `nofunc`, the bottom of the `func` hierarchy.
    pub const NOFUNC: u8 = 0x28;
    /// `noextern`, the bottom of the `extern` hierarchy.
    pub const NOEXTERN: u8 = 0x29;
    /// `exn`.
    pub const EXN: u8 = 0x2a;
    /// `noexn`, the bottom of the `exn` hierarchy.
    pub const NOEXN: u8 = 0x2b;
}

/// Encodes a function type whose parameters and results are scalars or
/// `valtype` reference codes (host functions such as `spectest.print_i32`).
pub fn scalar_func_type(params: &[u8], results: &[u8], out: &mut impl FnMut(u8)) {
    out(PLAIN);
    out(DEF_FUNC);
    for list in [params, results] {
        for b in (list.len() as u32).to_le_bytes() {
            out(b);
        }
        for &code in list {
            match code {
                crate::valtype::FUNCREF => {
                    out(REF_NULL);
                    out(heap::FUNC);
                }
                crate::valtype::EXTERNREF => {
                    out(REF_NULL);
                    out(heap::EXTERN);
                }
                scalar => out(scalar),
            }
        }
    }
}

/// The encoding of a `valtype` code (reference codes stand for the
/// nullable `funcref` and `externref`), for host-made globals and tables.
pub fn of_valtype_code(code: u8) -> &'static [u8] {
    use crate::valtype::*;
    match code {
        I32 => &[I32],
        I64 => &[I64],
        F32 => &[F32],
        F64 => &[F64],
        V128 => &[V128],
        FUNCREF => &[REF_NULL, heap::FUNC],
        _ => &[REF_NULL, heap::EXTERN],
    }
}

/// Length of the value type encoded at the start of `enc`, or `None` when
/// it is malformed.
fn valtype_len(enc: &[u8]) -> Option<usize> {
    match *enc.first()? {
        REF | REF_NULL => Some(1 + heap_len(&enc[1..])?),
        code if code <= crate::valtype::V128 => Some(1),
        _ => None,
    }
}

fn heap_len(enc: &[u8]) -> Option<usize> {
    match *enc.first()? {
        CONCRETE => Some(1 + identity_len(&enc[1..])?),
        REC_REF => enc.get(1..5).map(|_| 5),
        code if (heap::FUNC..=heap::NOEXN).contains(&code) => Some(1),
        _ => None,
    }
}

/// Length of the type identity encoded at the start of `enc`.
pub fn identity_len(enc: &[u8]) -> Option<usize> {
    match *enc.first()? {
        PLAIN => Some(1 + definition_len(&enc[1..])?),
        REC => {
            let count = u32::from_le_bytes(enc.get(1..5)?.try_into().ok()?);
            let mut at = 9;
            for _ in 0..count {
                at += definition_len(enc.get(at..)?)?;
            }
            Some(at)
        }
        _ => None,
    }
}

/// Length of the type definition encoded at the start of `enc`.
pub fn definition_len(enc: &[u8]) -> Option<usize> {
    match *enc.first()? {
        DEF_FUNC => Some(1 + func_type_len(&enc[1..])?),
        DEF_ARRAY => Some(1 + field_len(&enc[1..])?),
        DEF_STRUCT => {
            let count = u32::from_le_bytes(enc.get(1..5)?.try_into().ok()?);
            let mut at = 5;
            for _ in 0..count {
                at += field_len(enc.get(at..)?)?;
            }
            Some(at)
        }
        _ => None,
    }
}

fn field_len(enc: &[u8]) -> Option<usize> {
    match *enc.get(1)? {
        PACKED_I8 | PACKED_I16 => Some(2),
        _ => Some(1 + valtype_len(&enc[1..])?),
    }
}

/// Length of the function type (after [`DEF_FUNC`]) at the start of `enc`.
fn func_type_len(enc: &[u8]) -> Option<usize> {
    let mut at = 0;
    for _ in 0..2 {
        let count = u32::from_le_bytes(enc.get(at..at + 4)?.try_into().ok()?);
        at += 4;
        for _ in 0..count {
            at += valtype_len(enc.get(at..)?)?;
        }
    }
    Some(at)
}

/// The top of the hierarchy an abstract heap type belongs to.
fn top(code: u8) -> u8 {
    match code {
        heap::FUNC | heap::NOFUNC | CONCRETE => heap::FUNC,
        heap::EXTERN | heap::NOEXTERN => heap::EXTERN,
        heap::EXN | heap::NOEXN => heap::EXN,
        _ => heap::ANY,
    }
}

fn is_bottom(code: u8) -> bool {
    matches!(code, heap::NONE | heap::NOFUNC | heap::NOEXTERN | heap::NOEXN)
}

/// Whether heap type `a` is a subtype of heap type `b` (both encoded).
fn heap_subtype(a: &[u8], b: &[u8]) -> bool {
    let (Some(&ca), Some(&cb)) = (a.first(), b.first()) else { return false };
    if a == b {
        return true;
    }
    if top(ca) != top(cb) {
        return false;
    }
    if is_bottom(ca) || cb == top(cb) {
        return true;
    }
    // Below the top: the any hierarchy has eq above i31/struct/array;
    // concrete function types (all final) match only themselves.
    cb == heap::EQ && matches!(ca, heap::I31 | heap::STRUCT | heap::ARRAY)
}

/// Whether value type `a` matches (is a subtype of) value type `b`.
pub fn valtype_subtype(a: &[u8], b: &[u8]) -> bool {
    match (a.first(), b.first()) {
        (Some(&ra @ (REF | REF_NULL)), Some(&rb @ (REF | REF_NULL))) => {
            (ra == REF || rb == REF_NULL) && heap_subtype(&a[1..], &b[1..])
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtyping() {
        let func_null = [REF_NULL, heap::FUNC];
        let func = [REF, heap::FUNC];
        let nofunc = [REF_NULL, heap::NOFUNC];
        let ext = [REF_NULL, heap::EXTERN];
        let concrete = [REF, CONCRETE, PLAIN, DEF_FUNC, 0, 0, 0, 0, 0, 0, 0, 0];
        assert!(valtype_subtype(&func, &func_null));
        assert!(!valtype_subtype(&func_null, &func));
        assert!(valtype_subtype(&nofunc, &func_null));
        assert!(!valtype_subtype(&ext, &func_null));
        assert!(valtype_subtype(&concrete, &func));
        assert!(!valtype_subtype(&func, &concrete));
        assert!(valtype_subtype(&[REF, heap::I31], &[REF_NULL, heap::EQ]));
        assert!(!valtype_subtype(&[REF_NULL, heap::ANY], &[REF_NULL, heap::EQ]));
        assert_eq!(identity_len(&concrete[2..]), Some(10));
        assert_eq!(valtype_len(&concrete), Some(12));
        let array = [REF, CONCRETE, PLAIN, DEF_ARRAY, 1, REF_NULL, heap::ARRAY];
        assert_eq!(valtype_len(&array), Some(array.len()));
        let rec = [
            REF_NULL, CONCRETE, REC, 1, 0, 0, 0, 0, 0, 0, 0, DEF_FUNC, 1, 0, 0, 0, REF, REC_REF, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        assert_eq!(valtype_len(&rec), Some(rec.len()));
        assert!(valtype_subtype(&[crate::valtype::I32], &[crate::valtype::I32]));
        assert!(!valtype_subtype(&[crate::valtype::I32], &[crate::valtype::I64]));
    }
}
