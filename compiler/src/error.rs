//! The compiler's typed errors. Every error about the input carries the
//! byte offset in the wasm module it refers to.

use thiserror::Error;

/// Anything that stops a module from compiling.
#[derive(Debug, Error)]
pub enum CompileError {
    /// The text format could not be parsed.
    #[error("cannot parse WebAssembly text: {0}")]
    Wat(String),
    /// The module is malformed or fails validation.
    #[error("invalid module at offset {offset:#x}: {message}")]
    Invalid { offset: u64, message: String },
    /// The module is valid but uses something kiln does not compile yet.
    #[error("unsupported feature at offset {offset:#x}: {feature}")]
    Unsupported { feature: String, offset: u64 },
    /// The requested target cannot be compiled for.
    #[error("unsupported target `{target}`: {reason}")]
    Target { target: String, reason: String },
    /// Cranelift rejected the generated IR (a kiln bug) or failed to lower it.
    #[error("code generation failed in function {func_index} ({name}): {message}")]
    Codegen { func_index: u32, name: String, message: String },
    /// Writing the object file failed.
    #[error("cannot emit object: {0}")]
    Emit(String),
}

impl CompileError {
    /// An `Unsupported` error naming `feature`.
    pub fn unsupported(feature: impl Into<String>, offset: u64) -> Self {
        CompileError::Unsupported { feature: feature.into(), offset }
    }
}

impl From<wasmparser::BinaryReaderError> for CompileError {
    fn from(e: wasmparser::BinaryReaderError) -> Self {
        CompileError::Invalid { offset: e.offset(), message: e.message().to_string() }
    }
}

pub type Result<T, E = CompileError> = std::result::Result<T, E>;
