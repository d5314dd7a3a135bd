//! Trap kinds shared by compiler (trap table entries) and runtime (reports),
//! declared once by `trap_kinds!`.

/// Declares [`TrapKind`] from one list: variant, discriminant (stored in
/// [`crate::TrapEntry::kind`], never reused for another meaning) and the
/// message the WebAssembly spec test suite expects.
macro_rules! trap_kinds {
    ($( $(#[$doc:meta])* $name:ident = $value:literal, $message:literal; )*) => {
        /// Every way a wasm program can trap.
        #[repr(u8)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        pub enum TrapKind {
            $( $(#[$doc])* $name = $value, )*
        }

        impl TrapKind {
            /// All kinds, for tests and tables.
            pub const ALL: &'static [TrapKind] = &[ $( TrapKind::$name, )* ];

            /// The message the WebAssembly spec test suite expects for this trap.
            pub const fn message(self) -> &'static str {
                match self {
                    $( TrapKind::$name => $message, )*
                }
            }

            /// Decodes a stored discriminant.
            pub const fn from_u8(v: u8) -> Option<TrapKind> {
                match v {
                    $( $value => Some(TrapKind::$name), )*
                    _ => None,
                }
            }
        }
    };
}

trap_kinds! {
    /// `unreachable` was executed.
    Unreachable = 1, "unreachable";
    /// A linear-memory access (load, store, or bulk op) was out of bounds.
    MemoryOutOfBounds = 2, "out of bounds memory access";
    /// `table.get`/`set`/`fill`/`copy`/`init` was out of bounds.
    TableOutOfBounds = 3, "out of bounds table access";
    /// `call_indirect` with an index outside the table.
    UndefinedElement = 4, "undefined element";
    /// `call_indirect` found a null entry.
    UninitializedElement = 5, "uninitialized element";
    /// `call_indirect` found a function of another type.
    IndirectCallTypeMismatch = 6, "indirect call type mismatch";
    /// Integer division or remainder by zero.
    IntegerDivideByZero = 7, "integer divide by zero";
    /// Signed division overflow, or a float-to-int conversion out of range.
    IntegerOverflow = 8, "integer overflow";
    /// Float-to-int conversion of NaN.
    InvalidConversionToInteger = 9, "invalid conversion to integer";
    /// The wasm call stack is exhausted.
    StackOverflow = 10, "call stack exhausted";
    /// A null reference was dereferenced (`ref.as_non_null`, `throw_ref`).
    NullReference = 11, "null reference";
    /// An atomic access was not naturally aligned.
    UnalignedAtomic = 12, "unaligned atomic";
    /// An exception was thrown and no wasm frame up to the nearest host
    /// frame (the caller of an export, or a host function) caught it.
    UncaughtException = 13, "uncaught exception";
    /// `call_ref` or `return_call_ref` of a null function reference.
    NullFunctionReference = 14, "null function reference";
    /// The program ran past its `--timeout` (checked at function entries
    /// and loop headers of code compiled with interruption checks).
    Interrupted = 15, "interrupted (timeout)";
    /// The program consumed its `--fuel` budget.
    OutOfFuel = 16, "all fuel consumed";
    /// `memory.atomic.wait32`/`wait64` on a memory that is not shared.
    AtomicWaitNonShared = 17, "expected shared memory";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discriminants_round_trip() {
        for &k in TrapKind::ALL {
            assert_eq!(TrapKind::from_u8(k as u8), Some(k));
        }
        let mut values: [u8; 256] = [0; 256];
        for &k in TrapKind::ALL {
            values[k as usize] += 1;
        }
        assert!(values.iter().all(|&n| n <= 1), "discriminants are unique");
        assert_eq!(TrapKind::from_u8(0), None);
        assert_eq!(TrapKind::from_u8(200), None);
    }
}
