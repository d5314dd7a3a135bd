//! Targets kiln compiles for. What a target is (ISA flags and CPU
//! baselines, object format, linking, runtime archive) is data: one entry
//! per target under `targets/`, embedded here and parsed by
//! `targets/spec.rs`. This file turns an entry into a Cranelift ISA; it is
//! the one place that names architectures.

use crate::error::{CompileError, Result};
use crate::OptLevel;
use cranelift_codegen::isa::{self, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use std::str::FromStr;
use std::sync::OnceLock;
use target_lexicon::{Endianness, PointerWidth, Triple};

#[path = "../../targets/spec.rs"]
pub mod spec;

pub use spec::{ObjectFormat, TargetSpec};

/// Embeds `targets/<name>.toml` for each name, so kiln needs no data files
/// at run time.
macro_rules! embed_targets {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../targets/", $name, ".toml")))),*]
    };
}

/// Every target entry: (file stem, text).
const ENTRIES: &[(&str, &str)] = embed_targets!(
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "riscv64gc-unknown-linux-gnu",
    "aarch64-apple-darwin",
    "x86_64-apple-darwin",
    "x86_64-pc-windows-msvc",
);

/// The parsed target entries, in [`ENTRIES`] order.
pub fn all() -> Result<&'static [TargetSpec]> {
    static SPECS: OnceLock<std::result::Result<Vec<TargetSpec>, spec::SpecError>> = OnceLock::new();
    let specs = SPECS.get_or_init(|| {
        ENTRIES.iter().map(|(name, text)| spec::parse(&format!("targets/{name}.toml"), text)).collect()
    });
    specs.as_deref().map_err(|e| CompileError::Target { target: e.file.clone(), reason: e.message.clone() })
}

/// The `--cpu` name for the CPU kiln runs on (`-march=native`).
pub const NATIVE_CPU: &str = "native";

/// The entry's features that this machine's CPU has, as ISA flags set to
/// `true`: Cranelift's own host detection, narrowed to the features the
/// entry names, so that `kiln targets` lists everything native may use.
fn native_flags(spec: &'static TargetSpec) -> std::result::Result<Vec<(&'static str, &'static str)>, &'static str> {
    /// Records the flags host detection turns on.
    #[derive(Default)]
    struct Detected(Vec<String>);
    impl Configurable for Detected {
        fn set(&mut self, name: &str, value: &str) -> settings::SetResult<()> {
            if value == "true" {
                self.0.push(name.to_string());
            }
            Ok(())
        }
        fn enable(&mut self, name: &str) -> settings::SetResult<()> {
            self.0.push(name.to_string());
            Ok(())
        }
    }
    let mut detected = Detected::default();
    cranelift_native::infer_native_flags(&mut detected)?;
    Ok(spec
        .cpu
        .features
        .values()
        .filter(|flag| detected.0.contains(flag))
        .map(|flag| (flag.as_str(), "true"))
        .collect())
}

/// A validated compilation target with a chosen CPU baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub triple: Triple,
    /// The target's entry; `None` only for a host kiln has no entry for.
    spec: Option<&'static TargetSpec>,
    /// The baseline's name (`--cpu`).
    cpu: &'static str,
    /// Cranelift ISA flags from the baseline and `--features`.
    flags: Vec<(&'static str, &'static str)>,
}

impl Target {
    /// The machine kiln runs on, at its entry's default baseline.
    pub fn host() -> Target {
        let triple = Triple::host();
        match Target::parse(&triple.to_string()) {
            Ok(target) => target,
            // Without an entry: Cranelift's defaults for the architecture.
            Err(_) => Target { triple, spec: None, cpu: "generic", flags: Vec::new() },
        }
    }

    /// Parses a triple or a short name from `targets/`, at the entry's
    /// default CPU baseline.
    pub fn parse(name: &str) -> Result<Target> {
        let specs = all()?;
        let found = specs.iter().find(|s| s.triple == name || s.short_names.iter().any(|n| n == name));
        let Some(spec) = found else {
            let bad = |reason: String| CompileError::Target { target: name.to_string(), reason };
            let triple = Triple::from_str(name).map_err(|e| bad(format!("not a target triple: {e}")))?;
            Target { triple, spec: None, cpu: "", flags: Vec::new() }.check()?;
            let known: Vec<&str> = specs.iter().map(|s| s.triple.as_str()).collect();
            return Err(bad(format!("kiln's targets are {} (see `kiln targets`)", known.join(", "))));
        };
        let triple = Triple::from_str(&spec.triple).map_err(|e| CompileError::Target {
            target: name.to_string(),
            reason: format!("targets/{}.toml: not a target triple: {e}", spec.triple),
        })?;
        let target = Target { triple, spec: Some(spec), cpu: "", flags: Vec::new() };
        target.check()?;
        target.with_cpu(None, &[])
    }

    /// This target at CPU baseline `cpu` (the entry's default if `None`),
    /// with `features` (`+name` or `name` to enable, `-name` to disable)
    /// applied on top.
    pub fn with_cpu(self, cpu: Option<&str>, features: &[String]) -> Result<Target> {
        let bad = |reason: String| CompileError::Target { target: self.triple.to_string(), reason };
        let Some(spec) = self.spec else {
            if cpu.is_some() || !features.is_empty() {
                return Err(bad("kiln has no CPU baselines or features for this target".to_string()));
            }
            return Ok(self);
        };
        let name = cpu.unwrap_or(&spec.cpu.default);
        let (cpu, mut flags): (&'static str, Vec<(&'static str, &'static str)>) = if name == NATIVE_CPU {
            if !self.is_host() {
                return Err(bad(format!(
                    "`--cpu {NATIVE_CPU}` means the CPU kiln runs on, and this machine is not {}; name a \
                     baseline (see `kiln targets`)",
                    self.triple
                )));
            }
            (NATIVE_CPU, native_flags(spec).map_err(|e| bad(format!("cannot detect this machine's CPU: {e}")))?)
        } else {
            let Some((cpu, baseline)) = spec.cpu.baselines.get_key_value(name) else {
                let mut known: Vec<&str> = spec.cpu.baselines.keys().map(String::as_str).collect();
                if self.is_host() {
                    known.push(NATIVE_CPU);
                }
                return Err(bad(format!("unknown CPU baseline `{name}` (known: {})", known.join(", "))));
            };
            (cpu.as_str(), baseline.flags.iter().map(|f| (f.as_str(), "true")).collect())
        };
        for feature in features {
            let (value, name) = match feature.strip_prefix('-') {
                Some(name) => ("false", name),
                None => ("true", feature.strip_prefix('+').unwrap_or(feature)),
            };
            let Some(flag) = spec.cpu.features.get(name) else {
                let known: Vec<&str> = spec.cpu.features.keys().map(String::as_str).collect();
                return Err(bad(format!("unknown CPU feature `{name}` (known: {})", known.join(", "))));
            };
            flags.retain(|(f, _)| *f != flag.as_str());
            flags.push((flag.as_str(), value));
        }
        Ok(Target { cpu, flags, ..self })
    }

    fn check(&self) -> Result<()> {
        let bad = |reason: &str| CompileError::Target { target: self.triple.to_string(), reason: reason.to_string() };
        if self.triple.pointer_width() != Ok(PointerWidth::U64) {
            return Err(bad("kiln needs a 64-bit target"));
        }
        if self.triple.endianness() != Ok(Endianness::Little) {
            return Err(bad("kiln needs a little-endian target"));
        }
        isa::lookup(self.triple.clone()).map(drop).map_err(|e| bad(&e.to_string()))
    }

    /// The target's entry under `targets/`.
    pub fn spec(&self) -> Option<&'static TargetSpec> {
        self.spec
    }

    /// The CPU baseline's name.
    pub fn cpu(&self) -> &'static str {
        self.cpu
    }

    pub fn binary_format(&self) -> target_lexicon::BinaryFormat {
        self.triple.binary_format
    }

    /// Whether this is the machine kiln runs on (so its output can run here).
    pub fn is_host(&self) -> bool {
        self.triple == Triple::host()
    }

    /// Builds the Cranelift ISA for this target at `opt`, with the chosen
    /// CPU baseline.
    pub fn isa(&self, opt: OptLevel) -> Result<OwnedTargetIsa> {
        let err =
            |e: &dyn std::fmt::Display| CompileError::Target { target: self.triple.to_string(), reason: e.to_string() };
        let mut flags = settings::builder();
        let set = |b: &mut settings::Builder, k: &str, v: &str| b.set(k, v).map_err(|e| err(&e));
        set(&mut flags, "opt_level", opt.cranelift_name())?;
        // Code is linked into position-independent and static executables.
        set(&mut flags, "is_pic", "true")?;
        // Stack checks compare the stack pointer with vmctx.stack_limit.
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
        // Functions start on a 32-byte boundary (Cranelift's preferred x86_64
        // alignment, as in Wasmtime; the default minimum is 1): small hot
        // functions then never share a fetch block and branch-predictor
        // entries with a neighbour. 16 made call-heavy code 18% slower.
        set(&mut flags, "log2_min_function_alignment", "5")?;
        let mut builder = isa::lookup(self.triple.clone()).map_err(|e| err(&e))?;
        for (k, v) in self.baseline() {
            builder.set(k, v).map_err(|e| err(&format!("CPU flag `{k}`: {e}")))?;
        }
        builder.finish(settings::Flags::new(flags)).map_err(|e| err(&e))
    }

    /// The Cranelift ISA flags of the chosen baseline and features, e.g.
    /// `[("has_sse3", "true"), ...]`.
    pub fn baseline(&self) -> &[(&'static str, &'static str)] {
        &self.flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use target_lexicon::BinaryFormat;

    #[test]
    fn every_entry_parses_and_builds_an_isa_at_every_baseline() {
        for spec in all().expect("target entries parse") {
            let target = Target::parse(&spec.triple).expect("entry is a valid target");
            let format = match spec.object_format {
                ObjectFormat::Elf => BinaryFormat::Elf,
                ObjectFormat::Macho => BinaryFormat::Macho,
                ObjectFormat::Coff => BinaryFormat::Coff,
            };
            assert_eq!(target.binary_format(), format, "{}", spec.triple);
            for cpu in spec.cpu.baselines.keys() {
                let t = target.clone().with_cpu(Some(cpu), &[]).expect("baseline");
                t.isa(OptLevel::Speed).unwrap_or_else(|e| panic!("{} --cpu {cpu}: {e}", spec.triple));
            }
            let all_features: Vec<String> = spec.cpu.features.keys().cloned().collect();
            let t = target.clone().with_cpu(None, &all_features).expect("features");
            t.isa(OptLevel::Speed).unwrap_or_else(|e| panic!("{} with every feature: {e}", spec.triple));
        }
    }

    #[test]
    fn every_file_under_targets_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../targets");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .expect("targets/ exists")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| p.file_stem().expect("file name").to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut embedded: Vec<String> = ENTRIES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(files, embedded);
        for spec in all().expect("entries parse") {
            assert!(ENTRIES.iter().any(|(n, _)| *n == spec.triple), "{} is not in its own file", spec.triple);
        }
    }

    #[test]
    fn short_names_cpu_and_features() {
        let t = Target::parse("aarch64-linux").expect("short name");
        assert_eq!(t.triple.to_string(), "aarch64-unknown-linux-gnu");
        assert_eq!(t.cpu(), "armv8-a");
        assert!(t.baseline().is_empty());
        let t = t.with_cpu(Some("armv8.1-a"), &["-lse".to_string(), "+fp16".to_string()]).expect("cpu");
        assert_eq!(t.baseline(), &[("has_lse", "false"), ("has_fp16", "true")]);
        let err = Target::parse("riscv64-linux").expect("rv").with_cpu(Some("pentium"), &[]).unwrap_err();
        assert!(err.to_string().contains("unknown CPU baseline `pentium` (known: rv64gc, rva22u64)"), "{err}");
        let err = Target::parse("x86_64-linux").expect("x86").with_cpu(None, &["neon".to_string()]).unwrap_err();
        assert!(err.to_string().contains("unknown CPU feature `neon`"), "{err}");
        let err = Target::parse("aarch64-unknown-linux-musl").unwrap_err();
        assert!(err.to_string().contains("kiln's targets are x86_64-unknown-linux-gnu, aarch64"), "{err}");
        let err = Target::parse("i686-unknown-linux-gnu").unwrap_err();
        assert!(err.to_string().contains("kiln needs a 64-bit target"), "{err}");
    }

    #[test]
    fn host_default_is_the_conservative_baseline() {
        let host = Target::host();
        if host.triple.to_string() == "x86_64-unknown-linux-gnu" {
            assert_eq!(host.cpu(), "x86-64-v2");
            let names: Vec<&str> = host.baseline().iter().map(|(k, _)| *k).collect();
            assert_eq!(names, ["has_sse3", "has_ssse3", "has_sse41", "has_sse42", "has_popcnt"]);
        }
    }

    #[test]
    fn native_cpu_is_the_hosts_features_and_only_for_the_host() {
        let host = Target::host();
        let Some(spec) = host.spec() else { return };
        let native = host.clone().with_cpu(Some(NATIVE_CPU), &[]).expect("native");
        assert_eq!(native.cpu(), NATIVE_CPU);
        // Every flag is one the entry names, and the ISA builds.
        for (flag, value) in native.baseline() {
            assert_eq!(*value, "true");
            assert!(spec.cpu.features.values().any(|f| f == flag), "{flag} is not in the entry");
        }
        native.isa(OptLevel::Speed).expect("native ISA");
        // Features still apply on top.
        let (first, _) = spec.cpu.features.iter().next().expect("a feature");
        let off = host.with_cpu(Some(NATIVE_CPU), &[format!("-{first}")]).expect("native -feature");
        assert!(off.baseline().iter().any(|(f, v)| *f == spec.cpu.features[first].as_str() && *v == "false"));
        // Another architecture's native is refused by name.
        let other = if cfg!(target_arch = "aarch64") { "riscv64-linux" } else { "aarch64-linux" };
        let err = Target::parse(other).expect("other").with_cpu(Some(NATIVE_CPU), &[]).unwrap_err().to_string();
        assert!(err.contains("`--cpu native` means the CPU kiln runs on"), "{err}");
    }

    #[test]
    fn a_fixed_memory_base_must_be_a_nonzero_multiple_of_64_kib() {
        let (name, text) = ENTRIES[0];
        assert!(text.contains("fixed-memory-base = 0x60000000"), "{name} names its fixed memory base");
        assert_eq!(spec::parse(name, text).expect("entry parses").fixed_memory_base, Some(0x6000_0000));
        for bad in ["0", "0x60001000"] {
            let text = text.replace("fixed-memory-base = 0x60000000", &format!("fixed-memory-base = {bad}"));
            let err = spec::parse(name, &text).expect_err(bad).to_string();
            assert!(err.contains("is not a non-zero multiple of 64 KiB"), "{err}");
        }
    }
}
