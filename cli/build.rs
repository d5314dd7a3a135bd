//! Builds the runtime archive (`runtime-lib/staticlib`, package `kiln-rt`)
//! for every target entry under `targets/` that has a `[runtime]` table,
//! and writes `runtime_archives.rs` into `OUT_DIR`: a table from target
//! triple to the archive's bytes (`include_bytes!`), which `src/runtime.rs`
//! includes.
//!
//! The archive is a separate cargo workspace (no_std, panic=abort), so it is
//! built by a nested `cargo build` with the environment the outer cargo set
//! for this script removed. The host's archive uses the outer toolchain;
//! other targets (`build-std = true`) build `core` and `alloc` from source
//! with Debian's `rustc-web`/`rust-web-src` (`-Zbuild-std`), since rustup
//! cannot install their standard libraries here. All builds share one
//! target directory, `<cargo target dir>/kiln-rt`, so debug, release and
//! test builds of kiln build each archive once.

#[path = "../targets/spec.rs"]
#[allow(dead_code, reason = "build.rs reads only the [runtime] part of an entry")]
mod spec;

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

/// The Debian packages that provide a rustc with standard-library sources.
const CROSS_PACKAGES: &str = "rustc-web cargo-web rust-web-src";

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let repo = manifest_dir.parent().expect("cli/ lives inside the repository").to_path_buf();
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let kiln_target = env::var("TARGET").expect("cargo sets TARGET");
    let rt_dir = repo.join("runtime-lib");
    let rt_manifest = rt_dir.join("staticlib/Cargo.toml");
    let targets_dir = repo.join("targets");

    println!("cargo:rerun-if-changed={}", targets_dir.display());
    println!("cargo:rerun-if-env-changed=KILN_SKIP_RUNTIME");
    println!("cargo:rerun-if-env-changed=KILN_CROSS_RUSTC");
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
        let target_dir = shared_target_dir(&out_dir);
        for (triple, runtime) in runtime_targets(&targets_dir, &kiln_target) {
            // A missing cross toolchain leaves that target out rather than
            // failing the build: kiln still builds for its own machine.
            let rustc = if runtime.build_std && !std_installed(&runtime.rust_target) {
                match cross_rustc() {
                    Ok(rustc) => Some(rustc),
                    Err(why) => {
                        println!("cargo:warning=no runtime archive for {triple}: {why}");
                        continue;
                    }
                }
            } else {
                None
            };
            archives.push((triple, build_archive(&rt_manifest, &target_dir, &runtime, rustc.as_deref())));
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

/// `<target dir>/kiln-rt`, where the target dir is the nearest ancestor of
/// OUT_DIR (`<target dir>/[<triple>/]<profile>/build/<pkg>/out`) that cargo
/// tagged with `CACHEDIR.TAG`; OUT_DIR itself if there is none.
fn shared_target_dir(out_dir: &Path) -> PathBuf {
    match out_dir.ancestors().find(|p| p.join("CACHEDIR.TAG").is_file()) {
        Some(dir) => dir.join("kiln-rt"),
        None => out_dir.join("kiln-rt"),
    }
}

/// (kiln triple, runtime build) for every entry with a runtime archive, the
/// host's first.
fn runtime_targets(dir: &Path, host: &str) -> Vec<(String, spec::RuntimeSpec)> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => fail(&format!("cannot list {}: {e}", dir.display())),
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) if e.path().extension().is_some_and(|x| x == "toml") => files.push(e.path()),
            Ok(_) => {}
            Err(e) => fail(&format!("cannot list {}: {e}", dir.display())),
        }
    }
    files.sort();
    let mut targets = Vec::new();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => fail(&format!("cannot read {}: {e}", file.display())),
        };
        let entry = match spec::parse(&file.display().to_string(), &text) {
            Ok(s) => s,
            Err(e) => fail(&e.to_string()),
        };
        if let Some(runtime) = entry.runtime {
            targets.push((entry.triple, runtime));
        }
    }
    // The host's archive first: it is the one every kiln needs.
    targets.sort_by_key(|(_, r)| r.rust_target != host);
    targets
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

/// The rustc that builds `core` and `alloc` from source for other targets:
/// `$KILN_CROSS_RUSTC`, else Debian's rustc-web at `/usr/bin/rustc`; or why
/// there is none, naming the packages to install.
fn cross_rustc() -> Result<PathBuf, String> {
    let rustc = env::var_os("KILN_CROSS_RUSTC").map_or_else(|| PathBuf::from("/usr/bin/rustc"), PathBuf::from);
    let install = format!(
        "the aarch64 and riscv64 runtime archives are built from source with Debian's Rust \
         ({CROSS_PACKAGES}); install them with `sudo apt-get install {CROSS_PACKAGES}` (scripts/test.sh does) \
         or set KILN_CROSS_RUSTC to a nightly-capable rustc whose sysroot has lib/rustlib/src/rust/library, \
         then rebuild kiln"
    );
    let out = match Command::new(&rustc).args(["--print", "sysroot"]).output() {
        Ok(o) if o.status.success() => o,
        Ok(o) => return Err(format!("`{} --print sysroot` failed ({}); {install}", rustc.display(), o.status)),
        Err(e) => return Err(format!("cannot run `{}` ({e}); {install}", rustc.display())),
    };
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let library = sysroot.join("lib/rustlib/src/rust/library");
    if !library.join("core/Cargo.toml").is_file() || !library.join("alloc/Cargo.toml").is_file() {
        return Err(format!(
            "{} has no standard-library sources (`{}` is missing); {install}",
            rustc.display(),
            library.display()
        ));
    }
    Ok(rustc)
}

/// Whether the rustc building kiln (`$RUSTC`) has `triple`'s standard library.
fn std_installed(triple: &str) -> bool {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(out) = Command::new(rustc).args(["--print", "sysroot"]).output() else { return false };
    if !out.status.success() {
        return false;
    }
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    sysroot.join("lib/rustlib").join(triple).join("lib").is_dir()
}

/// Runs the nested `cargo build` for one runtime and returns the archive's
/// path. `build_std_rustc` builds `core` and `alloc` from source.
fn build_archive(
    manifest: &Path,
    target_dir: &Path,
    runtime: &spec::RuntimeSpec,
    build_std_rustc: Option<&Path>,
) -> PathBuf {
    let triple = runtime.rust_target.as_str();
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
    // Build-std only where the toolchain building kiln lacks the target's
    // standard library (a kiln built for aarch64 has aarch64's, say).
    if let Some(rustc) = build_std_rustc {
        let rustdoc = rustc.with_file_name("rustdoc");
        // -Zbuild-std is unstable; Debian's rustc is a release build.
        cmd.arg("-Zbuild-std=core,alloc").env("RUSTC_BOOTSTRAP", "1").env("RUSTC", rustc).env("RUSTDOC", rustdoc);
    }
    if !runtime.rustflags.is_empty() {
        cmd.env("CARGO_ENCODED_RUSTFLAGS", runtime.rustflags.join("\x1f"));
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
    strip_debug(&archive)
}

/// A copy of `archive` without DWARF, beside it. The prebuilt `core` and
/// `alloc` of a rustup toolchain carry line tables that LTO keeps, nearly
/// 100 KB in every executable; kiln's own DWARF for the wasm code is
/// unaffected. Any LLVM objcopy reads every target's objects: the one in
/// the toolchain's sysroot (rustup's `rust-objcopy`) or `llvm-objcopy`.
fn strip_debug(archive: &Path) -> PathBuf {
    let stripped = archive.with_file_name("libkiln_rt-nodebug.a");
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let host = env::var("HOST").expect("cargo sets HOST");
    let sysroot_objcopy =
        Command::new(rustc).args(["--print", "sysroot"]).output().ok().filter(|o| o.status.success()).map(|o| {
            PathBuf::from(String::from_utf8_lossy(&o.stdout).trim())
                .join("lib/rustlib")
                .join(&host)
                .join("bin/rust-objcopy")
        });
    let candidates = sysroot_objcopy.into_iter().chain([PathBuf::from("llvm-objcopy")]);
    for objcopy in candidates {
        match Command::new(&objcopy).arg("--strip-debug").arg(archive).arg(&stripped).output() {
            Ok(o) if o.status.success() => return stripped,
            Ok(o) => fail(&format!(
                "`{} --strip-debug {}` failed ({}):\n{}",
                objcopy.display(),
                archive.display(),
                o.status,
                String::from_utf8_lossy(&o.stderr)
            )),
            Err(_) => continue,
        }
    }
    println!(
        "cargo:warning=no LLVM objcopy (rust-objcopy or llvm-objcopy): the runtime archive keeps its debug info, \
         which makes every executable about 100 KB larger"
    );
    archive.to_path_buf()
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
