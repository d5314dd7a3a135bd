//! Builds the runtime archive (`runtime-lib/staticlib`, package `kiln-rt`)
//! for every target listed in `targets/runtime-archives.txt` that this
//! toolchain can build, and writes `runtime_archives.rs` into `OUT_DIR`: a
//! table from target triple to the archive's bytes (`include_bytes!`), which
//! `src/runtime.rs` includes.
//!
//! The archive is a separate cargo workspace (no_std, panic=abort), so it is
//! built by a nested `cargo build` with the environment the outer cargo set
//! for this script removed.

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let repo = manifest_dir.parent().expect("cli/ lives inside the repository").to_path_buf();
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let kiln_target = env::var("TARGET").expect("cargo sets TARGET");
    let rt_dir = repo.join("runtime-lib");
    let rt_manifest = rt_dir.join("staticlib/Cargo.toml");
    let targets_file = repo.join("targets/runtime-archives.txt");

    println!("cargo:rerun-if-changed={}", targets_file.display());
    println!("cargo:rerun-if-env-changed=KILN_SKIP_RUNTIME");
    // The triple kiln itself runs on: its default `--target`.
    println!("cargo:rustc-env=KILN_HOST_TRIPLE={kiln_target}");

    let mut archives = Vec::new();
    if !rt_manifest.exists() {
        // The runtime has not been written yet: kiln still builds, and
        // `kiln build` reports that it has no runtime for the target.
        println!("cargo:warning=runtime-lib/staticlib/Cargo.toml not found: kiln is built without a runtime archive");
        println!("cargo:rerun-if-changed={}", rt_dir.display());
    } else if env::var_os("KILN_SKIP_RUNTIME").is_some() {
        println!("cargo:warning=KILN_SKIP_RUNTIME is set: kiln is built without a runtime archive");
    } else {
        rerun_if_runtime_changed(&rt_dir);
        let sysroot = rust_sysroot();
        let target_dir = out_dir.join("kiln-rt");
        for triple in listed_targets(&targets_file, &kiln_target) {
            let installed = sysroot.as_ref().is_none_or(|s| s.join("lib/rustlib").join(&triple).join("lib").is_dir());
            if triple != kiln_target && !installed {
                println!("cargo:warning=skipping runtime archive for {triple}: its Rust standard library is not installed (rustup target add {triple})");
                continue;
            }
            archives.push((triple.clone(), build_archive(&rt_manifest, &target_dir, &triple)));
        }
    }

    let mut table = String::from("/// Runtime archives embedded at build time: (target triple, `libkiln_rt.a`).\n");
    table.push_str("pub static ARCHIVES: &[(&str, &[u8])] = &[\n");
    for (triple, path) in &archives {
        writeln!(table, "    ({triple:?}, include_bytes!({:?})),", path.display().to_string())
            .expect("writing to a String");
    }
    table.push_str("];\n");
    if let Err(e) = std::fs::write(out_dir.join("runtime_archives.rs"), table) {
        fail(&format!("cannot write runtime_archives.rs: {e}"));
    }
}

/// Targets from the data file, host first, without duplicates.
fn listed_targets(file: &Path, host: &str) -> Vec<String> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => fail(&format!("cannot read {}: {e}", file.display())),
    };
    let mut triples = vec![host.to_string()];
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if !line.is_empty() && !triples.iter().any(|t| t == line) {
            triples.push(line.to_string());
        }
    }
    triples
}

/// Sources the archive is built from: everything under `runtime-lib/`
/// except build output (`target/`) and hidden files, with the crate
/// directories (`abi`, `staticlib`, `staticlib/mem`, ...) watched file by
/// file so a build directory inside them does not retrigger this script.
fn rerun_if_runtime_changed(dir: &Path) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => fail(&format!("cannot list {}: {e}", dir.display())),
    };
    for entry in entries {
        let path = match entry {
            Ok(e) => e.path(),
            Err(e) => fail(&format!("cannot list {}: {e}", dir.display())),
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "target" || (name.starts_with('.') && name != ".cargo") {
            continue;
        }
        if path.join("Cargo.toml").is_file() {
            rerun_if_runtime_changed(&path);
        } else {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

fn rust_sysroot() -> Option<PathBuf> {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc).args(["--print", "sysroot"]).output().ok()?;
    out.status.success().then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// Runs the nested `cargo build` for `triple` and returns the archive path.
fn build_archive(manifest: &Path, target_dir: &Path, triple: &str) -> PathBuf {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.arg("build")
        .arg("--release")
        .arg("--manifest-path")
        .arg(manifest)
        .arg("--target")
        .arg(triple)
        .arg("--target-dir")
        .arg(target_dir);
    for (key, _) in env::vars_os() {
        let Some(key) = key.to_str() else { continue };
        if leaks_from_outer_cargo(key) {
            cmd.env_remove(key);
        }
    }
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) => fail(&format!("cannot run cargo to build the runtime archive: {e}")),
    };
    if !out.status.success() {
        fail(&format!(
            "building the runtime archive for {triple} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let archive = target_dir.join(triple).join("release").join("libkiln_rt.a");
    if !archive.is_file() {
        fail(&format!("the runtime build succeeded but {} is missing", archive.display()));
    }
    archive
}

/// Environment variables the outer cargo sets for build scripts (or that
/// configure the outer build) which would change what the nested build does.
/// `CARGO_HOME`, registry/network settings and the jobserver
/// (`CARGO_MAKEFLAGS`) are kept.
fn leaks_from_outer_cargo(key: &str) -> bool {
    const KEEP: &[&str] = &["CARGO_HOME", "CARGO_MAKEFLAGS"];
    const KEEP_PREFIX: &[&str] = &["CARGO_NET_", "CARGO_HTTP_", "CARGO_REGISTRIES_", "CARGO_REGISTRY_"];
    const DROP: &[&str] = &[
        "RUSTFLAGS",
        "RUSTDOCFLAGS",
        "RUSTC_WORKSPACE_WRAPPER",
        "RUSTC_LINKER",
        "TARGET",
        "HOST",
        "OUT_DIR",
        "OPT_LEVEL",
        "PROFILE",
        "DEBUG",
        "NUM_JOBS",
    ];
    if KEEP.contains(&key) || KEEP_PREFIX.iter().any(|p| key.starts_with(p)) {
        return false;
    }
    key.starts_with("CARGO_") || key.starts_with("DEP_") || DROP.contains(&key)
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    exit(1);
}
