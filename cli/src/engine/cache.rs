//! The content-addressed blob cache of `kiln run x.wasm`.
//!
//! An entry is a whole blob named by the hex SHA-256 of the wasm, the kiln
//! version, the target and the compile flags. Entries are written to a
//! temporary file in the cache directory and renamed into place, so a
//! reader sees either no entry or a complete one; a reader still checks
//! every entry (blob decode with checksum, and the recorded source hash)
//! and treats a bad one as missing, so it is rebuilt.

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;

/// A cache directory.
#[derive(Debug, Clone)]
pub struct BlobCache {
    dir: PathBuf,
}

/// What a cache key is made of besides the wasm itself.
#[derive(Debug, Clone, Copy)]
pub struct KeyParts<'a> {
    pub kiln_version: &'a str,
    pub triple: &'a str,
    /// Every compile flag that changes the code, in a stable spelling.
    pub flags: &'a str,
}

impl BlobCache {
    /// The platform cache directory: `$XDG_CACHE_HOME/kiln`, else
    /// `$HOME/.cache/kiln`; `None` if neither variable is set (or both
    /// are relative, which the XDG spec says to ignore).
    pub fn default_dir() -> Option<PathBuf> {
        let absolute = |var: &str| std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute());
        if let Some(xdg) = absolute("XDG_CACHE_HOME") {
            return Some(xdg.join("kiln"));
        }
        absolute("HOME").map(|home| home.join(".cache").join("kiln"))
    }

    pub fn new(dir: PathBuf) -> BlobCache {
        BlobCache { dir }
    }

    /// The key of a module: hex SHA-256 over the wasm and the key parts,
    /// each length-prefixed so no two inputs collide.
    pub fn key(wasm: &[u8], parts: &KeyParts<'_>) -> String {
        let mut h = Sha256::new();
        for field in [wasm, parts.kiln_version.as_bytes(), parts.triple.as_bytes(), parts.flags.as_bytes()] {
            h.update((field.len() as u64).to_le_bytes());
            h.update(field);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Where the entry for `key` lives.
    pub fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.kwasm"))
    }

    /// The bytes stored under `key`, if any; the caller checks them.
    pub fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let path = self.path(key);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read cache entry `{}`", path.display())),
        }
    }

    /// Stores `blob` under `key`, replacing any entry atomically.
    pub fn put(&self, key: &str, blob: &[u8]) -> Result<()> {
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create the cache directory `{}`", self.dir.display()))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".tmp-")
            .suffix(".kwasm")
            .tempfile_in(&self.dir)
            .with_context(|| format!("cannot create a temporary file in `{}`", self.dir.display()))?;
        tmp.write_all(blob).and_then(|()| tmp.as_file().sync_data()).context("cannot write a cache entry")?;
        let path = self.path(key);
        tmp.persist(&path).with_context(|| format!("cannot move a cache entry into `{}`", path.display()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTS: KeyParts<'static> =
        KeyParts { kiln_version: "1.0", triple: "x86_64-unknown-linux-gnu", flags: "O=speed" };

    #[test]
    fn keys_depend_on_every_part() {
        let base = BlobCache::key(b"wasm", &PARTS);
        assert_eq!(base.len(), 64);
        assert_eq!(base, BlobCache::key(b"wasm", &PARTS));
        assert_ne!(base, BlobCache::key(b"wasM", &PARTS));
        assert_ne!(base, BlobCache::key(b"wasm", &KeyParts { kiln_version: "1.1", ..PARTS }));
        assert_ne!(base, BlobCache::key(b"wasm", &KeyParts { triple: "aarch64-unknown-linux-gnu", ..PARTS }));
        assert_ne!(base, BlobCache::key(b"wasm", &KeyParts { flags: "O=none", ..PARTS }));
        // Length prefixes keep field boundaries apart.
        assert_ne!(
            BlobCache::key(b"ab", &KeyParts { kiln_version: "c", ..PARTS }),
            BlobCache::key(b"a", &KeyParts { kiln_version: "bc", ..PARTS })
        );
    }

    #[test]
    fn put_then_get_leaves_no_temporary_files() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let cache_dir = dir.path().join("nested");
        let cache = BlobCache::new(cache_dir.clone());
        assert_eq!(cache.get("k")?, None);
        cache.put("k", b"first")?;
        cache.put("k", b"second")?;
        assert_eq!(cache.get("k")?.as_deref(), Some(&b"second"[..]));
        let names: Vec<_> =
            std::fs::read_dir(&cache_dir)?.map(|e| e.map(|e| e.file_name())).collect::<Result<_, _>>()?;
        assert_eq!(names, vec![std::ffi::OsString::from("k.kwasm")]);
        Ok(())
    }
}
