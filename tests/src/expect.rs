//! Expectation files kept beside their fixtures (`tests/codegen/add.clif`
//! beside `add.wat`): compared with what kiln produces, and rewritten when
//! the bless variable `KILN_BLESS=1` is set.

use anyhow::{bail, Context, Result};
use std::path::Path;

/// The environment variable that regenerates expectation files.
pub const BLESS_VAR: &str = "KILN_BLESS";

/// Whether this run rewrites expectations instead of checking them.
pub fn blessing() -> bool {
    std::env::var(BLESS_VAR).is_ok_and(|v| v == "1")
}

/// Checks `actual` against the file at `path`, or (blessing) writes it.
pub fn check(path: &Path, actual: &str) -> Result<()> {
    if blessing() {
        let current = std::fs::read_to_string(path).ok();
        if current.as_deref() != Some(actual) {
            std::fs::write(path, actual).with_context(|| format!("cannot write {}", path.display()))?;
        }
        return Ok(());
    }
    let expected = match std::fs::read_to_string(path) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{} does not exist; run with {BLESS_VAR}=1 to create it", path.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if expected == actual {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string();
    bail!("{} differs from kiln's output (run with {BLESS_VAR}=1 to accept the new output):\n{diff}", path.display())
}
