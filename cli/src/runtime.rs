//! The runtime archives (`libkiln_rt.a`) embedded in kiln by `build.rs`,
//! one per target entry under `targets/` with a `[runtime]` table.

use anyhow::{bail, Result};
use kiln_compiler::target::Target;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/runtime_archives.rs"));
}

/// The triple kiln was built for: the default target.
pub const HOST_TRIPLE: &str = env!("KILN_HOST_TRIPLE");

/// Whether this kiln embeds a runtime archive for `triple`.
pub fn has_archive(triple: &str) -> bool {
    embedded::ARCHIVES.iter().any(|(t, _)| *t == triple)
}

/// The runtime archive for `target`.
pub fn archive(target: &Target) -> Result<&'static [u8]> {
    let triple = target.triple.to_string();
    if let Some((_, bytes)) = embedded::ARCHIVES.iter().find(|(t, _)| *t == triple) {
        return Ok(bytes);
    }
    let have: Vec<&str> = embedded::ARCHIVES.iter().map(|(t, _)| *t).collect();
    if have.is_empty() {
        bail!("this kiln was built without a runtime library (runtime-lib/staticlib was missing or skipped when kiln was built), so it cannot produce executables");
    }
    bail!(
        "this kiln has no runtime library for target `{triple}` (it has: {}); `kiln targets` says \
         which targets link executables. The aarch64 and riscv64 archives are built with kiln when \
         Debian's rustc-web, cargo-web and rust-web-src are installed: install them and rebuild kiln",
        have.join(", ")
    )
}
