//! The runtime archives (`libkiln_rt.a`) embedded in kiln by `build.rs`,
//! one per target triple listed in `targets/runtime-archives.txt`.

use anyhow::{bail, Result};
use kiln_compiler::target::Target;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/runtime_archives.rs"));
}

/// The triple kiln was built for: the default target.
pub const HOST_TRIPLE: &str = env!("KILN_HOST_TRIPLE");

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
        "this kiln has no runtime library for target `{triple}` (it has: {}); \
         add the triple to targets/runtime-archives.txt and rebuild kiln",
        have.join(", ")
    )
}
