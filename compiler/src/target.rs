//! Targets kiln compiles for. This is the one place that names ISAs and
//! their CPU-feature baselines.

use crate::error::{CompileError, Result};
use crate::OptLevel;
use cranelift_codegen::isa::{self, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use std::str::FromStr;
use target_lexicon::{Architecture, BinaryFormat, Endianness, PointerWidth, Triple};

/// A validated compilation target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub triple: Triple,
}

/// Short names accepted by `--target`, and the triples they stand for.
pub const SHORT_NAMES: &[(&str, &str)] = &[
    ("x86_64-linux", "x86_64-unknown-linux-gnu"),
    ("aarch64-linux", "aarch64-unknown-linux-gnu"),
    ("riscv64-linux", "riscv64gc-unknown-linux-gnu"),
];

impl Target {
    /// The machine kiln runs on.
    pub fn host() -> Target {
        Target { triple: Triple::host() }
    }

    /// Parses a target-lexicon triple or a short name, and checks that kiln
    /// can compile for it.
    pub fn parse(name: &str) -> Result<Target> {
        let full = SHORT_NAMES.iter().find(|(s, _)| *s == name).map_or(name, |(_, t)| t);
        let triple = Triple::from_str(full).map_err(|e| CompileError::Target {
            target: name.to_string(),
            reason: format!("not a target triple: {e}"),
        })?;
        let target = Target { triple };
        target.check()?;
        Ok(target)
    }

    fn check(&self) -> Result<()> {
        let bad =
            |reason: &str| Err(CompileError::Target { target: self.triple.to_string(), reason: reason.to_string() });
        if self.triple.pointer_width() != Ok(PointerWidth::U64) {
            return bad("kiln needs a 64-bit target");
        }
        if self.triple.endianness() != Ok(Endianness::Little) {
            return bad("kiln needs a little-endian target");
        }
        match self.triple.architecture {
            Architecture::X86_64 | Architecture::Aarch64(_) | Architecture::Riscv64(_) => {}
            _ => return bad("supported architectures are x86_64, aarch64 and riscv64"),
        }
        match self.triple.binary_format {
            BinaryFormat::Elf | BinaryFormat::Macho | BinaryFormat::Coff => Ok(()),
            _ => bad("supported object formats are ELF, Mach-O and COFF"),
        }
    }

    pub fn binary_format(&self) -> BinaryFormat {
        self.triple.binary_format
    }

    /// Whether this is the machine kiln runs on (so its output can run here).
    pub fn is_host(&self) -> bool {
        self.triple == Triple::host()
    }

    /// Builds the Cranelift ISA for this target at `opt`, with the target's
    /// conservative CPU-feature baseline so that code runs on any machine of
    /// the architecture.
    pub fn isa(&self, opt: OptLevel) -> Result<OwnedTargetIsa> {
        let err =
            |e: &dyn std::fmt::Display| CompileError::Target { target: self.triple.to_string(), reason: e.to_string() };
        let mut flags = settings::builder();
        let set = |b: &mut settings::Builder, k: &str, v: &str| b.set(k, v).map_err(|e| err(&e));
        set(&mut flags, "opt_level", opt.cranelift_name())?;
        // Code is linked into position-independent and static executables.
        set(&mut flags, "is_pic", "true")?;
        // The prologue compares the stack pointer with vmctx.stack_limit.
        set(&mut flags, "enable_probestack", "false")?;
        // Multi-value functions return extra values through memory.
        set(&mut flags, "enable_multi_ret_implicit_sret", "true")?;
        // Float results are canonical only where wasm requires it.
        set(&mut flags, "enable_nan_canonicalization", "false")?;
        set(&mut flags, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })?;
        // Traps are reported through the trap table, so the frame must be
        // walkable for backtraces.
        set(&mut flags, "preserve_frame_pointers", "true")?;
        set(&mut flags, "unwind_info", "true")?;
        let mut builder = isa::lookup(self.triple.clone()).map_err(|e| err(&e))?;
        for (k, v) in self.baseline() {
            builder.set(k, v).map_err(|e| err(&e))?;
        }
        builder.finish(settings::Flags::new(flags)).map_err(|e| err(&e))
    }

    /// ISA feature flags every machine of the architecture is assumed to have.
    /// x86_64: the x86-64-v2 level (SSE4.2, POPCNT), which every x86_64 CPU
    /// of the last fifteen years has and which gives native float rounding.
    pub fn baseline(&self) -> &'static [(&'static str, &'static str)] {
        match self.triple.architecture {
            Architecture::X86_64 => &[
                ("has_sse3", "true"),
                ("has_ssse3", "true"),
                ("has_sse41", "true"),
                ("has_sse42", "true"),
                ("has_popcnt", "true"),
            ],
            _ => &[],
        }
    }
}
