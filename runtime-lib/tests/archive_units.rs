//! The runtime archive's own unit tests (memcpy and friends, the allocator,
//! float helpers). `runtime-lib/staticlib` is a separate workspace (it is
//! built `no_std` with `panic = "abort"` by `cli/build.rs`), so
//! `cargo test --workspace` does not reach it; this runs them with the same
//! cargo, into the workspace's target directory.

use std::path::Path;
use std::process::Command;

#[test]
fn staticlib_unit_tests_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target_dir = root.join("../target/kiln-rt-unit-tests");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .args(["test", "--release", "--lib", "--manifest-path"])
        .arg(root.join("staticlib/Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir)
        .output()
        .expect("running cargo");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the runtime archive's unit tests failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("mem::tests::memmove_handles_overlap_both_ways_at_every_alignment ... ok"), "{stdout}");
}
