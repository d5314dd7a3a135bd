//! Evaluation of constant expressions (`kiln_abi::constop` programs) with a
//! small stack machine: global initializers, table initializers, segment
//! offsets and element items. Values are held as `u128` bit patterns (low
//! bits for scalars, one word for references), the same little-endian
//! layout as [`kiln_abi::VMGlobal`].

use alloc::vec::Vec;
use kiln_abi::{constop, ConstOp};

/// What an expression may refer to.
pub trait ConstEnv {
    /// The current value of global `index`.
    fn global(&self, index: u32) -> Option<u128>;
    /// The funcref of function `index` (`ref.func`).
    fn func_ref(&self, index: u32) -> Option<usize>;
    /// The identity of type `index` ([`kiln_abi::canon`]).
    fn type_identity(&self, index: u32) -> Option<&'static [u8]>;
}

/// Arrays made by constant expressions: a header of the length and the
/// type index (two `u32`s) and the elements. There is no collector: they
/// live as long as the process, and only their identity (`ref.eq`) and
/// table slots are observable, since kiln compiles no array accesses.
const ARRAY_HEADER: usize = 8;
/// Larger arrays are refused rather than reserved.
const MAX_ARRAY_BYTES: usize = 1 << 30;

/// Element size of array type `identity`, or `None` if it is not an array.
fn array_elem_size(identity: &[u8]) -> Option<usize> {
    use kiln_abi::canon::*;
    let def = match *identity.first()? {
        PLAIN => identity.get(1..)?,
        REC => {
            let index = u32::from_le_bytes(identity.get(5..9)?.try_into().ok()?);
            let mut at = 9;
            for _ in 0..index {
                at += definition_len(identity.get(at..)?)?;
            }
            identity.get(at..)?
        }
        _ => return None,
    };
    if *def.first()? != DEF_ARRAY {
        return None;
    }
    Some(match *def.get(2)? {
        PACKED_I8 => 1,
        PACKED_I16 => 2,
        kiln_abi::valtype::I32 | kiln_abi::valtype::F32 => 4,
        kiln_abi::valtype::V128 => 16,
        _ => 8,
    })
}

fn array_new_default(type_index: u32, len: u32, elem_size: usize) -> Option<usize> {
    let bytes = (len as usize).checked_mul(elem_size)?.checked_add(ARRAY_HEADER)?;
    if bytes > MAX_ARRAY_BYTES {
        return None;
    }
    let layout = core::alloc::Layout::from_size_align(bytes, 16).ok()?;
    // SAFETY: the layout has a non-zero size (the header).
    let ptr = unsafe { alloc::alloc::alloc_zeroed(layout) };
    if ptr.is_null() {
        return None;
    }
    // SAFETY: the allocation holds at least the 8-byte header, 16-aligned.
    unsafe {
        ptr.cast::<u32>().write(len);
        ptr.cast::<u32>().add(1).write(type_index);
    }
    Some(ptr as usize)
}

/// Why an expression could not be evaluated: the index of the operation and
/// the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConstError {
    pub op: usize,
    pub reason: &'static str,
}

/// Evaluates `ops` to its single result.
pub fn eval(ops: &[ConstOp], env: &dyn ConstEnv) -> Result<u128, ConstError> {
    let mut stack: Vec<u128> = Vec::with_capacity(4);
    for (i, op) in ops.iter().enumerate() {
        let err = |reason| ConstError { op: i, reason };
        let value = match op.op {
            constop::I32_CONST | constop::F32_CONST => u128::from(op.a as u32),
            constop::I64_CONST | constop::F64_CONST => u128::from(op.a),
            constop::V128_CONST => u128::from(op.a) | (u128::from(op.b) << 64),
            constop::REF_NULL => 0,
            constop::GLOBAL_GET => {
                let index = u32::try_from(op.a).map_err(|_| err("global index out of range"))?;
                env.global(index).ok_or(err("global.get of an undefined or uninitialized global"))?
            }
            constop::REF_FUNC => {
                let index = u32::try_from(op.a).map_err(|_| err("function index out of range"))?;
                env.func_ref(index).ok_or(err("ref.func of an undefined function"))? as u128
            }
            constop::I32_ADD | constop::I32_SUB | constop::I32_MUL => {
                let (a, b) = pop2(&mut stack).ok_or(err("operand stack underflow"))?;
                let (a, b) = (a as u32, b as u32);
                u128::from(match op.op {
                    constop::I32_ADD => a.wrapping_add(b),
                    constop::I32_SUB => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                })
            }
            constop::I64_ADD | constop::I64_SUB | constop::I64_MUL => {
                let (a, b) = pop2(&mut stack).ok_or(err("operand stack underflow"))?;
                let (a, b) = (a as u64, b as u64);
                u128::from(match op.op {
                    constop::I64_ADD => a.wrapping_add(b),
                    constop::I64_SUB => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                })
            }
            constop::ARRAY_NEW_DEFAULT => {
                let index = u32::try_from(op.a).map_err(|_| err("type index out of range"))?;
                let size = env.type_identity(index).and_then(array_elem_size).ok_or(err("not an array type"))?;
                let len = stack.pop().ok_or(err("operand stack underflow"))? as u32;
                array_new_default(index, len, size).ok_or(err("array too large"))? as u128
            }
            _ => return Err(err("unknown operation")),
        };
        stack.push(value);
    }
    match stack.as_slice() {
        [value] => Ok(*value),
        [] => Err(ConstError { op: ops.len(), reason: "expression produces no value" }),
        _ => Err(ConstError { op: ops.len(), reason: "expression leaves more than one value" }),
    }
}

fn pop2(stack: &mut Vec<u128>) -> Option<(u128, u128)> {
    let b = stack.pop()?;
    let a = stack.pop()?;
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Env;
    impl ConstEnv for Env {
        fn global(&self, index: u32) -> Option<u128> {
            (index < 2).then_some(100 + index as u128)
        }
        fn func_ref(&self, index: u32) -> Option<usize> {
            (index == 3).then_some(0x1000)
        }
        fn type_identity(&self, index: u32) -> Option<&'static [u8]> {
            use kiln_abi::canon::*;
            const ARRAY_I16: &[u8] = &[PLAIN, DEF_ARRAY, 1, PACKED_I16];
            const FUNC: &[u8] = &[PLAIN, DEF_FUNC, 0, 0, 0, 0, 0, 0, 0, 0];
            [ARRAY_I16, FUNC].get(index as usize).copied()
        }
    }

    #[test]
    fn arrays_are_distinct_zeroed_objects() {
        let e = [op(constop::I32_CONST, 3), op(constop::ARRAY_NEW_DEFAULT, 0)];
        let a = eval(&e, &Env).unwrap() as usize;
        let b = eval(&e, &Env).unwrap() as usize;
        assert_ne!(a, b);
        // SAFETY: a 3-element i16 array: 8 header bytes and 6 element bytes.
        let bytes = unsafe { core::slice::from_raw_parts(a as *const u8, 14) };
        assert_eq!(bytes[..8], [3, 0, 0, 0, 0, 0, 0, 0]);
        assert!(bytes[8..].iter().all(|&b| b == 0));
        let not_array = [op(constop::I32_CONST, 1), op(constop::ARRAY_NEW_DEFAULT, 1)];
        assert_eq!(eval(&not_array, &Env).unwrap_err().reason, "not an array type");
        let huge = [op(constop::I32_CONST, u32::MAX as u64), op(constop::ARRAY_NEW_DEFAULT, 0)];
        assert_eq!(eval(&huge, &Env).unwrap_err().reason, "array too large");
    }

    fn op(op: u32, a: u64) -> ConstOp {
        ConstOp { op, _pad: 0, a, b: 0 }
    }

    #[test]
    fn extended_const_arithmetic_wraps() {
        let e = [op(constop::I32_CONST, u32::MAX as u64), op(constop::GLOBAL_GET, 1), op(constop::I32_ADD, 0)];
        assert_eq!(eval(&e, &Env), Ok(100));
        let e = [op(constop::I64_CONST, 2), op(constop::I64_CONST, 5), op(constop::I64_SUB, 0)];
        assert_eq!(eval(&e, &Env), Ok(u64::MAX as u128 - 2));
        let e = [op(constop::I32_CONST, 0x1_0000), op(constop::I32_CONST, 0x1_0000), op(constop::I32_MUL, 0)];
        assert_eq!(eval(&e, &Env), Ok(0));
        let e = [op(constop::I64_CONST, 7), op(constop::GLOBAL_GET, 0), op(constop::I64_MUL, 0)];
        assert_eq!(eval(&e, &Env), Ok(700));
    }

    #[test]
    fn references_and_vectors() {
        assert_eq!(eval(&[op(constop::REF_FUNC, 3)], &Env), Ok(0x1000));
        assert_eq!(eval(&[op(constop::REF_NULL, 0)], &Env), Ok(0));
        let v = ConstOp { op: constop::V128_CONST, _pad: 0, a: 1, b: 2 };
        assert_eq!(eval(&[v], &Env), Ok(1 | (2 << 64)));
    }

    #[test]
    fn malformed_programs_are_errors() {
        assert_eq!(eval(&[op(constop::I32_ADD, 0)], &Env).unwrap_err().op, 0);
        assert_eq!(eval(&[], &Env).unwrap_err().reason, "expression produces no value");
        assert_eq!(eval(&[op(99, 0)], &Env).unwrap_err().reason, "unknown operation");
        assert_eq!(eval(&[op(constop::GLOBAL_GET, 5)], &Env).unwrap_err().op, 0);
        assert_eq!(eval(&[op(constop::REF_FUNC, 4)], &Env).unwrap_err().op, 0);
        let two = [op(constop::I32_CONST, 1), op(constop::I32_CONST, 2)];
        assert_eq!(eval(&two, &Env).unwrap_err().reason, "expression leaves more than one value");
    }
}
