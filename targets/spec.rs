//! The schema of a target entry (`targets/<triple>.toml`) and its parser:
//! the one place that reads these files. `kiln-compiler` (`target.rs`)
//! includes this module for ISA flags, object format and linking, and
//! `cli/build.rs` includes it to know which runtime archives to build and
//! how.

use serde::Deserialize;
use std::collections::BTreeMap;

/// One target: everything kiln needs to know about it, as data.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TargetSpec {
    /// The target triple, as `target_lexicon` spells it.
    pub triple: String,
    /// Other names `--target` accepts.
    #[serde(default)]
    pub short_names: Vec<String>,
    /// One line for `kiln targets`.
    pub description: String,
    pub object_format: ObjectFormat,
    pub cpu: CpuSpec,
    pub link: LinkSpec,
    /// The runtime archive for executables; absent when kiln has none.
    pub runtime: Option<RuntimeSpec>,
    /// How executables for the target run; absent without executables.
    pub run: Option<RunSpec>,
    /// Where `--memory-base fixed` places memory 0, an address the code
    /// then uses as a constant; absent where kiln does not offer it.
    #[serde(default)]
    pub fixed_memory_base: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObjectFormat {
    Elf,
    Macho,
    Coff,
}

impl ObjectFormat {
    pub fn name(self) -> &'static str {
        match self {
            ObjectFormat::Elf => "ELF",
            ObjectFormat::Macho => "Mach-O",
            ObjectFormat::Coff => "COFF",
        }
    }
}

/// CPU baselines (`--cpu`) and individual features (`--features`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CpuSpec {
    /// The baseline used without `--cpu`: conservative, so that code runs on
    /// every machine of the architecture.
    pub default: String,
    pub baselines: BTreeMap<String, Baseline>,
    /// Feature name -> the Cranelift ISA flag it sets.
    #[serde(default)]
    pub features: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Baseline {
    pub description: String,
    /// Cranelift ISA flags set to `true`.
    pub flags: Vec<String>,
}

/// Linking executables.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinkSpec {
    /// Whether `kiln build` can link executables for the target.
    pub executables: bool,
    /// The linker's command-line flavour; `gnu`: GNU-ld compatible (ld.lld,
    /// `rust-lld -flavor gnu`, or a C compiler driver on the host).
    pub flavor: Option<LinkerFlavor>,
    /// Linker options, in the flavour's syntax (the entry point, output and
    /// inputs are added by kiln).
    #[serde(default)]
    pub args: Vec<String>,
    /// Why there are no executables, for messages.
    pub why_not: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkerFlavor {
    Gnu,
}

/// How `cli/build.rs` builds the runtime archive (`runtime-lib/staticlib`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuntimeSpec {
    /// The Rust target triple to build for.
    pub rust_target: String,
    /// Build `core` and `alloc` from source (`-Zbuild-std`), with Debian's
    /// rustc-web and rust-web-src, instead of using an installed standard
    /// library.
    pub build_std: bool,
    /// Extra flags for every crate of the archive, the standard library
    /// included.
    #[serde(default)]
    pub rustflags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RunSpec {
    /// The emulator that runs the target's executables on machines of other
    /// architectures (e.g. `qemu-aarch64`, from Debian's qemu-user).
    pub runner: String,
}

/// Why a target entry was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "target entry {}: {}", self.file, self.message)
    }
}

impl std::error::Error for SpecError {}

/// Parses and checks one entry; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<TargetSpec, SpecError> {
    let err = |message: String| SpecError { file: file.to_string(), message };
    let spec: TargetSpec = toml::from_str(text).map_err(|e| err(e.to_string()))?;
    if !spec.cpu.baselines.contains_key(&spec.cpu.default) {
        return Err(err(format!("the default CPU baseline `{}` is not under [cpu.baselines]", spec.cpu.default)));
    }
    if spec.link.executables {
        if spec.runtime.is_none() || spec.link.flavor.is_none() || spec.run.is_none() {
            return Err(err("a target with executables needs link.flavor, [runtime] and [run]".to_string()));
        }
    } else if spec.link.why_not.is_none() {
        return Err(err("a target without executables needs link.why-not".to_string()));
    }
    if let Some(base) = spec.fixed_memory_base {
        if base == 0 || base % 65536 != 0 {
            return Err(err(format!("fixed-memory-base {base:#x} is not a non-zero multiple of 64 KiB")));
        }
    }
    Ok(spec)
}
