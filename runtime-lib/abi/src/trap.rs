//! Trap kinds shared by compiler (trap table entries) and runtime (reports).

/// Every way a wasm program can trap. The discriminant is stored in
/// [`crate::TrapEntry::kind`] and must never be reused for another meaning.
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum TrapKind {
    /// `unreachable` was executed.
    Unreachable = 1,
    /// A linear-memory access (load, store, or bulk op) was out of bounds.
    MemoryOutOfBounds = 2,
    /// `table.get`/`set`/`fill`/`copy`/`init` was out of bounds.
    TableOutOfBounds = 3,
    /// `call_indirect` with an index outside the table.
    UndefinedElement = 4,
    /// `call_indirect` found a null entry.
    UninitializedElement = 5,
    /// `call_indirect` found a function of another type.
    IndirectCallTypeMismatch = 6,
    /// Integer division or remainder by zero.
    IntegerDivideByZero = 7,
    /// Signed division overflow, or a float-to-int conversion out of range.
    IntegerOverflow = 8,
    /// Float-to-int conversion of NaN.
    InvalidConversionToInteger = 9,
    /// The wasm call stack is exhausted.
    StackOverflow = 10,
    /// A null reference was dereferenced (`call_ref`, `ref.as_non_null`).
    NullReference = 11,
    /// An atomic access was not naturally aligned.
    UnalignedAtomic = 12,
}

impl TrapKind {
    /// All kinds, for tests and tables.
    pub const ALL: [TrapKind; 12] = [
        TrapKind::Unreachable,
        TrapKind::MemoryOutOfBounds,
        TrapKind::TableOutOfBounds,
        TrapKind::UndefinedElement,
        TrapKind::UninitializedElement,
        TrapKind::IndirectCallTypeMismatch,
        TrapKind::IntegerDivideByZero,
        TrapKind::IntegerOverflow,
        TrapKind::InvalidConversionToInteger,
        TrapKind::StackOverflow,
        TrapKind::NullReference,
        TrapKind::UnalignedAtomic,
    ];

    /// The message the WebAssembly spec test suite expects for this trap.
    pub const fn message(self) -> &'static str {
        match self {
            TrapKind::Unreachable => "unreachable",
            TrapKind::MemoryOutOfBounds => "out of bounds memory access",
            TrapKind::TableOutOfBounds => "out of bounds table access",
            TrapKind::UndefinedElement => "undefined element",
            TrapKind::UninitializedElement => "uninitialized element",
            TrapKind::IndirectCallTypeMismatch => "indirect call type mismatch",
            TrapKind::IntegerDivideByZero => "integer divide by zero",
            TrapKind::IntegerOverflow => "integer overflow",
            TrapKind::InvalidConversionToInteger => "invalid conversion to integer",
            TrapKind::StackOverflow => "call stack exhausted",
            TrapKind::NullReference => "null reference",
            TrapKind::UnalignedAtomic => "unaligned atomic",
        }
    }

    /// Decodes a stored discriminant.
    pub const fn from_u8(v: u8) -> Option<TrapKind> {
        Some(match v {
            1 => TrapKind::Unreachable,
            2 => TrapKind::MemoryOutOfBounds,
            3 => TrapKind::TableOutOfBounds,
            4 => TrapKind::UndefinedElement,
            5 => TrapKind::UninitializedElement,
            6 => TrapKind::IndirectCallTypeMismatch,
            7 => TrapKind::IntegerDivideByZero,
            8 => TrapKind::IntegerOverflow,
            9 => TrapKind::InvalidConversionToInteger,
            10 => TrapKind::StackOverflow,
            11 => TrapKind::NullReference,
            12 => TrapKind::UnalignedAtomic,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discriminants_round_trip() {
        for k in TrapKind::ALL {
            assert_eq!(TrapKind::from_u8(k as u8), Some(k));
        }
        assert_eq!(TrapKind::from_u8(0), None);
        assert_eq!(TrapKind::from_u8(200), None);
    }
}
