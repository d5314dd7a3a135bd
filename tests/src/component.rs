//! Preview1 programs as WASI 0.2 command components: the module plus the
//! preview1 adapter, encoded by wit-component (the library behind
//! `wasm-tools component new app.wasm --adapt wasi_snapshot_preview1=...`).

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_COMMAND_ADAPTER;

/// Encodes the preview1 command module `wasm` as a component.
pub fn from_module(wasm: &[u8]) -> Result<Vec<u8>> {
    wit_component::ComponentEncoder::default()
        .module(wasm)
        .context("wit-component cannot read the module")?
        .adapter("wasi_snapshot_preview1", WASI_SNAPSHOT_PREVIEW1_COMMAND_ADAPTER)
        .context("wit-component rejects the preview1 adapter")?
        .validate(true)
        .encode()
        .context("wit-component cannot encode the component")
}

/// Writes `<stem>.component.wasm` beside the module `wasm` and returns its
/// path.
pub fn componentize(wasm: &Path) -> Result<PathBuf> {
    let bytes = std::fs::read(wasm).with_context(|| format!("cannot read {}", wasm.display()))?;
    let component = from_module(&bytes).with_context(|| format!("cannot make a component of {}", wasm.display()))?;
    let out = wasm.with_extension("component.wasm");
    std::fs::write(&out, component).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(out)
}

/// Runs component `path` under Wasmtime (the PyPI `wasmtime` package, which
/// scripts/test.sh installs) with `grants` in kiln run's syntax, in `cwd`.
pub fn wasmtime_run(path: &Path, grants: &[String], args: &[&str], cwd: &Path) -> Result<crate::Output> {
    let runner = crate::fixture_dir("components").join("wasmtime_run.py");
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(runner).args(grants).arg(path).args(args).current_dir(cwd).env_clear();
    if let Some(p) = std::env::var_os("PATH") {
        cmd.env("PATH", p);
    }
    let out = crate::run(&mut cmd, std::time::Duration::from_secs(300))?;
    if out.stderr_text().contains("ModuleNotFoundError") {
        anyhow::bail!("the Python package `wasmtime` is missing (scripts/test.sh installs it)");
    }
    Ok(out)
}

/// Checks a self-checking program's failures that kiln does not share with
/// Wasmtime, from `tests/components/wasmtime-differences.txt`: fixture
/// name -> the source lines of checks Wasmtime fails and kiln passes.
pub fn known_differences() -> Result<std::collections::BTreeMap<String, Vec<u32>>> {
    let path = crate::fixture_dir("components").join("wasmtime-differences.txt");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut map = std::collections::BTreeMap::<String, Vec<u32>>::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(name), Some(number), Some(_reason)) = (words.next(), words.next(), words.next()) else {
            anyhow::bail!("{}:{}: expected `fixture line reason...`", path.display(), n + 1);
        };
        let number = number.parse().with_context(|| format!("{}:{}: bad line number", path.display(), n + 1))?;
        map.entry(name.to_string()).or_default().push(number);
    }
    Ok(map)
}

/// The `FAIL line N: ...` lines of a self-checking program's output.
pub fn failures(stdout: &str) -> Vec<String> {
    stdout.lines().filter(|l| l.starts_with("FAIL line ")).map(str::to_string).collect()
}

/// The source line of a `FAIL line N: ...` line.
pub fn failure_line(failure: &str) -> Option<u32> {
    failure.strip_prefix("FAIL line ")?.split(':').next()?.parse().ok()
}

/// A component of the core module in `.wat` file `wat` for `world` of the
/// WIT file `wit` (what `wasm-tools component embed` and `component new`
/// do).
pub fn from_wit(wat: &Path, wit: &Path, world: &str) -> Result<Vec<u8>> {
    let mut resolve = wit_parser::Resolve::default();
    let package = resolve.push_file(wit).with_context(|| format!("cannot read {}", wit.display()))?;
    let world = resolve.select_world(&[package], Some(world))?;
    let mut module = wat::parse_file(wat).with_context(|| format!("cannot parse {}", wat.display()))?;
    wit_component::embed_component_metadata(&mut module, &resolve, world, wit_component::StringEncoding::UTF8, false)?;
    wit_component::ComponentEncoder::default().module(&module)?.validate(true).encode()
}
