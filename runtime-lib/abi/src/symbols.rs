//! Symbol names shared by the compiler (which references or defines them)
//! and the runtime (which defines or reads them).

/// The [`crate::ModuleInfo`] of a compiled module.
pub const MODULE_INFO: &str = "kiln_module_info";

/// Entry point of a standalone executable (passed to the linker with `-e`).
/// Not `_start`, so a C host linking runtime-lib keeps its own.
pub const ENTRY: &str = "kiln_entry";

/// Prefix of the global alias every wasm export gets, for C callers:
/// export `add` becomes `kiln_export_add`. See [`c_export_symbol`].
pub const EXPORT_PREFIX: &str = "kiln_export_";

/// Escapes `s` so that the result is a C identifier fragment and no two
/// inputs collide: ASCII letters and digits stay, every other byte becomes
/// `_xx` (two lowercase hex digits). `_` itself becomes `_5f`, so `__`
/// never occurs in an escaped fragment and can serve as a separator.
pub fn escape_into(s: &str, out: &mut impl core::fmt::Write) -> core::fmt::Result {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.write_char(b as char)?;
        } else {
            write!(out, "_{b:02x}")?;
        }
    }
    Ok(())
}

/// The symbol an import `(import "module" "name" (func ...))` is bound to:
/// `kiln_import_` + escaped module + `__` + escaped name.
/// For example `wasi_snapshot_preview1.fd_write` becomes
/// `kiln_import_wasi_5fsnapshot_5fpreview1__fd_5fwrite`.
pub fn import_symbol(module: &str, name: &str, out: &mut impl core::fmt::Write) -> core::fmt::Result {
    out.write_str("kiln_import_")?;
    escape_into(module, out)?;
    out.write_str("__")?;
    escape_into(name, out)
}

/// The C-callable alias of export `name`: [`EXPORT_PREFIX`] + escaped name.
pub fn c_export_symbol(name: &str, out: &mut impl core::fmt::Write) -> core::fmt::Result {
    out.write_str(EXPORT_PREFIX)?;
    escape_into(name, out)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    #[test]
    fn import_symbols_are_c_identifiers_and_unambiguous() {
        let mut a = String::new();
        import_symbol("wasi_snapshot_preview1", "fd_write", &mut a).unwrap();
        assert_eq!(a, "kiln_import_wasi_5fsnapshot_5fpreview1__fd_5fwrite");
        let mut b = String::new();
        let mut c = String::new();
        import_symbol("a_", "b", &mut b).unwrap();
        import_symbol("a", "_b", &mut c).unwrap();
        assert_ne!(b, c);
        let mut d = String::new();
        c_export_symbol("my-func", &mut d).unwrap();
        assert_eq!(d, "kiln_export_my_2dfunc");
    }
}
