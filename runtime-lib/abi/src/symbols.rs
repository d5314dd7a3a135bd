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

/// Runtime functions that compiled code calls directly. Each returns 0 on
/// success and non-zero when the operation must trap (the compiled code then
/// traps with the kind the operation implies), except where noted.
pub mod libcall {
    /// `(vmctx, mem: u32, delta_pages: u64) -> i64`: old size in pages, or -1.
    pub const MEMORY_GROW: &str = "kiln_rt_memory_grow";
    /// `(vmctx, mem: u32, dst: u64, val: u32, len: u64) -> u32`.
    pub const MEMORY_FILL: &str = "kiln_rt_memory_fill";
    /// `(vmctx, dst_mem: u32, src_mem: u32, dst: u64, src: u64, len: u64) -> u32`.
    pub const MEMORY_COPY: &str = "kiln_rt_memory_copy";
    /// `(vmctx, mem: u32, data: u32, dst: u64, src: u32, len: u32) -> u32`.
    pub const MEMORY_INIT: &str = "kiln_rt_memory_init";
    /// `(vmctx, data: u32)`, no result.
    pub const DATA_DROP: &str = "kiln_rt_data_drop";
    /// `(vmctx, table: u32, init: usize, delta: u64) -> i64`: old size or -1.
    pub const TABLE_GROW: &str = "kiln_rt_table_grow";
    /// `(vmctx, table: u32, dst: u64, val: usize, len: u64) -> u32`.
    pub const TABLE_FILL: &str = "kiln_rt_table_fill";
    /// `(vmctx, dst_table: u32, src_table: u32, dst: u64, src: u64, len: u64) -> u32`.
    pub const TABLE_COPY: &str = "kiln_rt_table_copy";
    /// `(vmctx, table: u32, elem: u32, dst: u64, src: u32, len: u32) -> u32`.
    pub const TABLE_INIT: &str = "kiln_rt_table_init";
    /// `(vmctx, elem: u32)`, no result.
    pub const ELEM_DROP: &str = "kiln_rt_elem_drop";

    /// Every libcall, for loaders that resolve them by name.
    pub const ALL: [&str; 10] = [
        MEMORY_GROW,
        MEMORY_FILL,
        MEMORY_COPY,
        MEMORY_INIT,
        DATA_DROP,
        TABLE_GROW,
        TABLE_FILL,
        TABLE_COPY,
        TABLE_INIT,
        ELEM_DROP,
    ];
}

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
