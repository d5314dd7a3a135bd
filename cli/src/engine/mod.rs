//! The in-process engine behind `kiln precompile`, `kiln run` and `kiln wast`.
//!
//! Data flow: wasm → `kiln_compiler::compile` → relocatable object →
//! [`Engine::precompile`] wraps it in a blob (`kiln_loader::encode`) →
//! [`Engine::load`] checks the blob against this kiln and machine
//! (`kiln_loader::decode`) and maps it with `kiln_loader::load`, binding its
//! runtime calls to the `kiln-runtime` linked into this process (per
//! [`Linking`] flavor: the linker's libcalls, or the standalone libcalls and
//! WASI functions) → a [`Module`] (its `kiln_module_info`) → a [`Store`]
//! instantiates it ([`instance`]) against imports resolved by name (other
//! instances' exports, host modules such as [`spectest`]) and [`call`]s its
//! exports through their types' `array_call` trampolines, with traps caught
//! in-process ([`catch`]). `kiln run x.wasm` goes through the same path with
//! a [`cache::BlobCache`] between compile and load; [`run`] holds the
//! subcommands, [`value`] the host's view of wasm values.

pub mod cache;
mod catch;
pub mod instance;
pub mod run;
pub mod spectest;
pub mod value;

use anyhow::{bail, Context, Result};
use cache::{BlobCache, KeyParts};
use kiln_abi::{symbols, ModuleInfo};
use kiln_compiler::CompileOptions;
use kiln_loader::{BlobMeta, Expectation, LoadedImage, KILN_VERSION};

pub use instance::{call, Extern, Instance, InstantiateFailure, Store};

/// How loaded modules are instantiated, which decides the runtime functions
/// their code is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linking {
    /// Against other instances and host modules (`kiln wast`).
    Linked,
    /// As a standalone program whose only imports are WASI (`kiln run`).
    Standalone,
}

/// Compiles and loads modules for one target and set of flags.
pub struct Engine {
    options: CompileOptions,
    linking: Linking,
    triple: String,
    cpu_features: String,
}

/// A loaded module: its tables, inside an image that stays mapped for the
/// rest of the process (see [`Engine::load`]).
#[derive(Clone, Copy)]
pub struct Module {
    info: &'static ModuleInfo,
    linking: Linking,
}

impl Engine {
    pub fn new(mut options: CompileOptions, linking: Linking) -> Engine {
        // Linked modules import other instances' functions, which may throw.
        options.wasm_imports = linking == Linking::Linked;
        let triple = options.target.triple.to_string();
        let cpu_features = kiln_loader::cpu::features_string(options.target.baseline());
        Engine { options, linking, triple, cpu_features }
    }

    /// The compile flags that change generated code, in the cache key's
    /// spelling, the layout version of the module tables, and the identity
    /// of this kiln executable: a cached blob from another build of the same
    /// kiln version (say, one with another layout during development) must
    /// be rebuilt, not loaded.
    fn flags(&self) -> String {
        // `-g` changes the backtrace lines in the module tables.
        let debug = if self.options.debug_info { ";g" } else { "" };
        let memory_base = match self.options.memory_base {
            kiln_compiler::MemoryBase::Any => "",
            kiln_compiler::MemoryBase::Fixed => ";memory-base=fixed",
        };
        let imports = if self.options.wasm_imports { ";wasm-imports" } else { "" };
        let checks = self.options.check_bits();
        format!(
            "opt={}{debug}{memory_base}{imports};checks={checks};features={};abi={};exe={}",
            self.options.opt_level.cranelift_name(),
            self.cpu_features,
            kiln_abi::ABI_VERSION,
            executable_identity()
        )
    }

    /// Compiles wasm (binary or text) into a blob. A compile error is
    /// returned as a `kiln_compiler::CompileError` inside the `anyhow::Error`.
    pub fn precompile(&self, wasm: &[u8]) -> Result<Vec<u8>> {
        self.precompile_with_warnings(wasm).map(|(blob, _)| blob)
    }

    /// As [`Engine::precompile`], with the compiler's warnings (ignored
    /// custom sections, DWARF it could not use).
    pub fn precompile_with_warnings(&self, wasm: &[u8]) -> Result<(Vec<u8>, Vec<String>)> {
        let compiled = kiln_compiler::compile(wasm, &self.options)?;
        let meta = BlobMeta {
            kiln_version: KILN_VERSION,
            triple: &self.triple,
            cpu_features: &self.cpu_features,
            source_sha256: kiln_loader::sha256(wasm),
        };
        Ok((kiln_loader::encode(&meta, &compiled.object)?, compiled.warnings))
    }

    /// Checks a blob against this kiln and machine and loads it. The image
    /// is never unmapped: the runtime's trap handler keeps the code ranges
    /// of instantiated modules for the life of the process.
    pub fn load(&self, blob: &[u8]) -> Result<Module> {
        let blob = kiln_loader::decode(blob, &Expectation::host())?;
        load_object(blob.payload, self.linking)
    }

    /// Compiles wasm and loads the result.
    pub fn compile_and_load(&self, wasm: &[u8]) -> Result<Module> {
        let blob = self.precompile(wasm)?;
        self.load(&blob)
    }

    /// Like [`Engine::compile_and_load`], through `cache`: a valid entry is
    /// loaded without compiling; a missing or bad one (corrupt, truncated,
    /// for another wasm) is rebuilt and replaced. A cache that cannot be
    /// written is reported on stderr and otherwise ignored.
    pub fn load_cached(&self, wasm: &[u8], cache: &BlobCache) -> Result<Module> {
        let parts = KeyParts { kiln_version: KILN_VERSION, triple: &self.triple, flags: &self.flags() };
        let key = BlobCache::key(wasm, &parts);
        let source = kiln_loader::sha256(wasm);
        match cache.get(&key) {
            Ok(Some(bytes)) => match kiln_loader::decode(&bytes, &Expectation::host()) {
                Ok(blob) if blob.source_sha256 == source => return load_object(blob.payload, self.linking),
                Ok(_) => eprintln!(
                    "warning: cache entry `{}` was compiled from another module; rebuilding it",
                    cache.path(&key).display()
                ),
                Err(e) => {
                    eprintln!("warning: cache entry `{}` is unusable ({e}); rebuilding it", cache.path(&key).display())
                }
            },
            Ok(None) => {}
            Err(e) => eprintln!("warning: {e:#}; compiling without the cache"),
        }
        let blob = self.precompile(wasm)?;
        if let Err(e) = cache.put(&key, &blob) {
            eprintln!("warning: cannot store the compiled module in the cache: {e:#}");
        }
        self.load(&blob)
    }
}

/// This kiln executable's size and modification time: a rebuilt kiln has
/// another, at the cost of a `stat` (hashing the binary would cost more
/// than many a cached run). Empty when it cannot be read.
fn executable_identity() -> String {
    use std::os::unix::fs::MetadataExt;
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{}-{}.{}", m.size(), m.mtime(), m.mtime_nsec()))
        .unwrap_or_default()
}

/// Maps a relocatable object and finds its module tables.
fn load_object(object: &[u8], linking: Linking) -> Result<Module> {
    let resolve = |name: &str| instance::runtime_symbol(linking, name);
    let image = kiln_loader::load(object, &resolve).context("cannot load the compiled module")?;
    let Some(info) = image.symbol(symbols::MODULE_INFO) else {
        bail!("the compiled module has no `{}` symbol", symbols::MODULE_INFO);
    };
    if !(info as usize).is_multiple_of(std::mem::align_of::<ModuleInfo>()) {
        bail!("the compiled module's `{}` is misaligned ({info:p})", symbols::MODULE_INFO);
    }
    let image: &'static LoadedImage = Box::leak(Box::new(image));
    let range = image.rodata();
    let end = (info as usize).checked_add(std::mem::size_of::<ModuleInfo>());
    if !(range.start <= info as usize && end.is_some_and(|end| end <= range.end)) {
        bail!("the compiled module's `{}` is not in its read-only data", symbols::MODULE_INFO);
    }
    // SAFETY: the symbol lies in the image's read-only data, which stays
    // mapped forever (leaked above) and is aligned; the runtime checks the
    // magic and ABI version before trusting anything else in it.
    let info = unsafe { &*info.cast::<ModuleInfo>() };
    Ok(Module { info, linking })
}

impl Module {
    pub fn info(&self) -> &'static ModuleInfo {
        self.info
    }

    /// The module's imports, in order.
    pub fn imports(&self) -> &'static [kiln_abi::Import] {
        // SAFETY: module tables are immutable and live for the process.
        unsafe { self.info.imports.as_slice() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_flags_name_the_table_layout_and_the_memory_base() {
        let any = Engine::new(CompileOptions::default(), Linking::Standalone).flags();
        assert!(any.contains(&format!(";abi={};exe=", kiln_abi::ABI_VERSION)), "{any}");
        assert!(!any.ends_with(";exe="), "the executable's identity is part of the key: {any}");
        let options = CompileOptions { memory_base: kiln_compiler::MemoryBase::Fixed, ..CompileOptions::default() };
        let fixed = Engine::new(options, Linking::Standalone).flags();
        assert_ne!(any, fixed);
        assert!(fixed.contains(";memory-base=fixed"), "{fixed}");
    }
}
