//! Mapping between Cranelift trap codes and kiln's [`TrapKind`]s. Kinds that
//! Cranelift raises by itself map to its reserved codes; the rest use the
//! kind's discriminant as a user code.

use cranelift_codegen::ir::TrapCode;
use kiln_abi::TrapKind;

/// The Cranelift trap code compiled code uses for `kind`.
pub const fn trap_code(kind: TrapKind) -> TrapCode {
    match kind {
        TrapKind::StackOverflow => TrapCode::STACK_OVERFLOW,
        TrapKind::MemoryOutOfBounds => TrapCode::HEAP_OUT_OF_BOUNDS,
        TrapKind::IntegerOverflow => TrapCode::INTEGER_OVERFLOW,
        TrapKind::IntegerDivideByZero => TrapCode::INTEGER_DIVISION_BY_ZERO,
        TrapKind::InvalidConversionToInteger => TrapCode::BAD_CONVERSION_TO_INTEGER,
        other => TrapCode::unwrap_user(other as u8),
    }
}

/// The kind a trap code in compiled code stands for.
pub fn trap_kind(code: TrapCode) -> Option<TrapKind> {
    match code {
        TrapCode::STACK_OVERFLOW => Some(TrapKind::StackOverflow),
        TrapCode::HEAP_OUT_OF_BOUNDS => Some(TrapKind::MemoryOutOfBounds),
        TrapCode::INTEGER_OVERFLOW => Some(TrapKind::IntegerOverflow),
        TrapCode::INTEGER_DIVISION_BY_ZERO => Some(TrapKind::IntegerDivideByZero),
        TrapCode::BAD_CONVERSION_TO_INTEGER => Some(TrapKind::InvalidConversionToInteger),
        other => TrapKind::from_u8(other.as_raw().get()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips() {
        for &k in TrapKind::ALL {
            assert_eq!(trap_kind(trap_code(k)), Some(k), "{k:?}");
        }
    }
}
