//! Object emission: compiles every function (in parallel) and writes one
//! relocatable object holding the code and the `kiln_abi` module tables.

use crate::error::Result;
use crate::target::Target;

/// Cranelift optimization level, as `-O` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OptLevel {
    None,
    #[default]
    Speed,
    SpeedAndSize,
}

impl OptLevel {
    pub fn cranelift_name(self) -> &'static str {
        match self {
            OptLevel::None => "none",
            OptLevel::Speed => "speed",
            OptLevel::SpeedAndSize => "speed_and_size",
        }
    }
}

/// How to compile.
#[derive(Debug, Clone)]
pub struct CompileOptions {
    pub target: Target,
    pub opt_level: OptLevel,
    /// Run the Cranelift IR verifier on every function (always on in tests).
    pub verify: bool,
    /// Keep the optimized Cranelift IR text of every function.
    pub capture_clif: bool,
    /// Keep the machine-code listing (Cranelift's VCode text) of every function.
    pub capture_asm: bool,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions { target: Target::host(), opt_level: OptLevel::Speed, verify: cfg!(debug_assertions), capture_clif: false, capture_asm: false }
    }
}

/// The result of compiling one module.
pub struct CompiledModule {
    /// The relocatable object file.
    pub object: Vec<u8>,
    /// A C header declaring the object's exports and runtime entry points.
    pub header: String,
    /// The module's imports, for checking at link time that each is provided.
    pub imports: Vec<crate::module::ImportDesc>,
    /// With `capture_clif`: every function's IR, in function order.
    pub clif: Option<String>,
    /// With `capture_asm`: every function's machine code listing.
    pub asm: Option<String>,
}

/// Compiles wasm (binary or text) into a relocatable object.
pub fn compile(input: &[u8], options: &CompileOptions) -> Result<CompiledModule> {
    let _ = (input, options);
    todo!()
}
