//! Components: a component becomes one core module before compiling.
//!
//! Data flow: [`fuse`] validates the component, then [`eval`] runs its
//! definitions symbolically (nested components are inlined): the result
//! lists the core modules ([`summary`] reads each one's imports, exports and
//! counts), the order they are instantiated in, what every import is
//! bound to (another instance's export, or a host function the component
//! imports through `canon lower`), and the lifted functions the component
//! exports. [`fuse`](self::fuse::write) then writes one core module holding every
//! instantiation's definitions with their indices remapped: a lowered host
//! function becomes an import of the fused module from its interface
//! (`wasi:io/streams@0.2`, any 0.2.x normalized), called through a small
//! wrapper that passes the canonical options (memory, realloc) first, and
//! the exported `wasi:cli/run` becomes `_start`. The fused module is then
//! compiled like any WASI command; runtime-lib implements the WASI 0.2
//! imports at the canonical ABI's core level.

mod eval;
mod fuse;
mod summary;

use crate::error::{CompileError, Result};
use wasmparser::{Validator, WasmFeatures};

pub use eval::normalize_interface;

/// Whether `bytes` is a binary component (rather than a core module).
pub fn is_component(bytes: &[u8]) -> bool {
    bytes.len() >= 8 && bytes[..4] == *b"\0asm" && bytes[4..8] == [0x0d, 0x00, 0x01, 0x00]
}

/// The interface a command component exports.
const RUN_INTERFACE: &str = "wasi:cli/run@0.2";

/// Fuses component `bytes` into one core module that exports `_start`.
pub fn fuse(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut validator = Validator::new_with_features(WasmFeatures::all());
    validator.validate_all(bytes)?;
    let graph = eval::evaluate(bytes)?;
    let run =
        graph.exports.iter().find(|(name, _)| normalize_interface(name) == RUN_INTERFACE).map(|(_, item)| item.clone());
    let Some(run) = run else {
        let mut names: Vec<&str> = graph.exports.keys().map(|s| s.as_str()).collect();
        names.sort_unstable();
        let exports = if names.is_empty() { "nothing".to_string() } else { names.join(", ") };
        return Err(CompileError::unsupported(
            format!(
                "components that do not export `wasi:cli/run@0.2.x` (kiln builds command components; this one \
                 exports {exports})"
            ),
            0,
        ));
    };
    let lifted = match run {
        eval::Item::Instance(bag) => match bag.get("run") {
            Some(eval::Item::Func(eval::Func::Lifted(l))) => l.clone(),
            _ => {
                return Err(CompileError::Invalid {
                    offset: 0,
                    message: "the `wasi:cli/run` export has no lifted `run` function".into(),
                })
            }
        },
        _ => return Err(CompileError::unsupported("re-exporting an imported `wasi:cli/run` instance".to_string(), 0)),
    };
    fuse::write(&graph, bytes, &lifted)
}
