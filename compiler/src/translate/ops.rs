//! Names of operators and of the proposals they come from, for errors
//! about operators kiln does not compile.

use wasmparser::Operator;

macro_rules! define_operator_info {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
        /// The proposal that introduced `op`, and its visitor method name.
        fn operator_info(op: &Operator<'_>) -> (&'static str, &'static str) {
            match op {
                $( Operator::$op { .. } => (stringify!($proposal), stringify!($visit)), )*
                _ => ("unknown_proposal", "visit_unknown"),
            }
        }
    };
}
wasmparser::for_each_operator!(define_operator_info);

/// Proposals the validator checks (see `module::supported_features`), so a
/// validation error in one of their operators means an invalid module. kiln
/// translates every operator of these except some of gc, which
/// translation refuses by name.
const VALIDATED: &[&str] = &[
    "mvp",
    "sign_extension",
    "saturating_float_to_int",
    "bulk_memory",
    "reference_types",
    "function_references",
    "gc",
    "exceptions",
    "legacy_exceptions",
    "tail_call",
    "memory64",
    "simd",
    "relaxed_simd",
    "wide_arithmetic",
    "threads",
];

/// Prefixes that the text format separates from the rest with a dot.
const DOTTED: &[&str] = &[
    "i32", "i64", "f32", "f64", "v128", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2", "memory", "table",
    "local", "global", "ref", "data", "elem", "struct", "array", "i31", "any", "extern", "cont",
];

/// "proposal: operator" for `op`, e.g. `simd: v128.load`.
pub(crate) fn describe(op: &Operator<'_>) -> String {
    let (proposal, visit) = operator_info(op);
    let proposal = match (proposal, op) {
        (_, Operator::ReturnCallRef { .. }) | ("tail_call", _) => "tail calls".to_string(),
        ("relaxed_simd", _) => "relaxed-simd".to_string(),
        ("exceptions", _) => "exception handling".to_string(),
        ("legacy_exceptions", _) => "legacy exception handling".to_string(),
        ("shared_everything_threads", _) => "shared-everything threads".to_string(),
        (p, _) => p.replace('_', " "),
    };
    let name = visit.strip_prefix("visit_").unwrap_or(visit);
    let name = match name.split_once('_') {
        Some((prefix, rest)) if DOTTED.contains(&prefix) => format!("{prefix}.{rest}"),
        _ => name.to_string(),
    };
    format!("{proposal}: {name}")
}

/// Whether `op` is a SIMD lane or v128 memory operator (fixed-width or
/// relaxed), which needs vector registers.
pub(crate) fn is_simd(op: &Operator<'_>) -> bool {
    matches!(operator_info(op).0, "simd" | "relaxed_simd")
}

/// `Some(description)` when `op` belongs to a proposal the validator has
/// disabled, so that its rejection means "unsupported", not "invalid".
pub(crate) fn unsupported_proposal(op: &Operator<'_>) -> Option<String> {
    let (proposal, _) = operator_info(op);
    (!VALIDATED.contains(&proposal)).then(|| describe(op))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_proposal_and_operator() {
        assert_eq!(describe(&Operator::V128Not), "simd: v128.not");
        assert_eq!(describe(&Operator::ReturnCall { function_index: 0 }), "tail calls: return_call");
        assert_eq!(describe(&Operator::ReturnCallRef { type_index: 0 }), "tail calls: return_call_ref");
        assert_eq!(describe(&Operator::ThrowRef), "exception handling: throw_ref");
        assert!(unsupported_proposal(&Operator::I32Add).is_none());
        assert!(unsupported_proposal(&Operator::RefAsNonNull).is_none());
        assert!(unsupported_proposal(&Operator::I31GetS).is_none());
        assert!(unsupported_proposal(&Operator::V128Not).is_none());
        assert!(unsupported_proposal(&Operator::ReturnCallRef { type_index: 0 }).is_none());
        assert!(unsupported_proposal(&Operator::Rethrow { relative_depth: 0 }).is_none());
        assert!(is_simd(&Operator::V128Not) && is_simd(&Operator::I8x16RelaxedSwizzle));
        assert!(!is_simd(&Operator::I64Add128) && !is_simd(&Operator::I32Add));
        assert!(unsupported_proposal(&Operator::I8x16RelaxedSwizzle).is_none());
        assert!(unsupported_proposal(&Operator::I64MulWideS).is_none());
        assert_eq!(describe(&Operator::I8x16RelaxedSwizzle), "relaxed-simd: i8x16.relaxed_swizzle");
        assert_eq!(describe(&Operator::I64Add128), "wide arithmetic: i64.add128");
        let fence = Operator::AtomicFence { ordering: wasmparser::Ordering::SeqCst };
        assert!(unsupported_proposal(&fence).is_none());
        let get = Operator::GlobalAtomicGet { ordering: wasmparser::Ordering::SeqCst, global_index: 0 };
        assert_eq!(unsupported_proposal(&get).as_deref(), Some("shared-everything threads: global.atomic_get"));
    }
}
