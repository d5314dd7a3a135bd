//! Running an instance as a program: which export runs, and its exit
//! status.
//!
//! Data flow: a standalone executable (`kiln build`) and `kiln run` ask
//! [`entry_point`] which function to run: the module's recorded entry
//! (`kiln_abi::ModuleInfo::entry`, from `kiln build --entry`) or the one the
//! caller names, after `_initialize` when the module exports it (a WASI
//! reactor, such as CPython for WASI); otherwise the WASI command's
//! `_start`. [`run_entry`] calls them; an `i32` result is the exit status.
//! A module that has neither is refused with the list of its function
//! exports, so the user can choose one.

use crate::instance::{Func, Instance};
use core::fmt;
use kiln_abi::{extern_kind, valtype, VALUE_SLOT_SIZE};

/// What a program runs.
#[derive(Debug, Clone, Copy)]
pub struct EntryPoint {
    /// `_initialize`, when an entry other than `_start` is named and the
    /// module exports it.
    pub initialize: Option<Func>,
    pub entry: Func,
    /// Whether `entry` returns an `i32` exit status.
    pub returns_status: bool,
}

/// Why an instance has nothing to run.
#[derive(Debug, Clone, Copy)]
pub enum EntryError<'a> {
    /// No entry was named and the module does not export `_start`.
    NoStart { module: &'static kiln_abi::ModuleInfo },
    /// The named export does not exist.
    Missing { name: &'a str, module: &'static kiln_abi::ModuleInfo },
    /// The named export is not a function.
    NotAFunction { name: &'a str },
    /// The entry takes parameters or returns something other than nothing
    /// or one `i32`.
    BadType { name: &'a str },
}

/// The names of `module`'s function exports, comma-separated, quoted.
struct FunctionExports(&'static kiln_abi::ModuleInfo);

impl fmt::Display for FunctionExports {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: module tables are immutable and live for the process.
        let exports = unsafe { self.0.exports.as_slice() };
        // SAFETY: as above; names are UTF-8.
        let names = exports.iter().filter(|e| e.kind == extern_kind::FUNC).map(|e| unsafe { e.name.as_str() });
        write_names(f, names)
    }
}

/// Writes `names` quoted and comma-separated, or `none`.
pub fn write_names<'a>(f: &mut impl fmt::Write, names: impl Iterator<Item = &'a str>) -> fmt::Result {
    let mut first = true;
    for name in names {
        write!(f, "{}`{name}`", if first { "" } else { ", " })?;
        first = false;
    }
    if first {
        f.write_str("none")?;
    }
    Ok(())
}

/// The message for a module with neither `_start` nor a named entry, whose
/// function exports are `names`.
pub fn write_no_start<'a>(f: &mut impl fmt::Write, names: impl Iterator<Item = &'a str>) -> fmt::Result {
    f.write_str(
        "the module has no `_start` export, so it is not a WASI command; name the export to run with \
         `--entry NAME` (its function exports: ",
    )?;
    write_names(f, names)?;
    f.write_str(")")
}

impl fmt::Display for EntryError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            EntryError::NoStart { module } => {
                // SAFETY: module tables are immutable and live for the process.
                let exports = unsafe { module.exports.as_slice() };
                // SAFETY: as above; names are UTF-8.
                let names = exports.iter().filter(|e| e.kind == extern_kind::FUNC).map(|e| unsafe { e.name.as_str() });
                write_no_start(f, names)
            }
            EntryError::Missing { name, module } => write!(
                f,
                "the module has no export named `{name}` to run (its function exports: {})",
                FunctionExports(module)
            ),
            EntryError::NotAFunction { name } => write!(f, "the module's export `{name}` is not a function"),
            EntryError::BadType { name } => write!(
                f,
                "the module's `{name}` cannot be a program's entry: it must take no parameters and return \
                 nothing or an i32 exit status"
            ),
        }
    }
}

/// What `instance` runs as a program: `entry` if given, else the entry the
/// module records, else `_start`.
pub fn entry_point<'a>(instance: &Instance, entry: Option<&'a str>) -> Result<EntryPoint, EntryError<'a>> {
    let module = instance.module();
    // SAFETY: module tables are immutable and live for the process.
    let recorded = unsafe { module.entry.as_str() };
    let named = entry.or((!recorded.is_empty()).then_some(recorded));
    let name = named.unwrap_or("_start");
    let Some(export) = instance.export_decl(name) else {
        return Err(match named {
            None => EntryError::NoStart { module },
            Some(name) => EntryError::Missing { name, module },
        });
    };
    if export.kind != extern_kind::FUNC {
        return Err(EntryError::NotAFunction { name });
    }
    let func = instance.func(export.index).ok_or(EntryError::NotAFunction { name })?;
    // SAFETY: as above.
    let (params, results) = unsafe { (func.ty.params.as_slice(), func.ty.results.as_slice()) };
    let returns_status = match results {
        [] => false,
        [valtype::I32] => true,
        _ => return Err(EntryError::BadType { name }),
    };
    if !params.is_empty() {
        return Err(EntryError::BadType { name });
    }
    let initialize = match named {
        Some(n) if n != "_start" && n != "_initialize" => instance.exported_func("_initialize"),
        _ => None,
    };
    Ok(EntryPoint { initialize, entry: func, returns_status })
}

/// Runs `entry`: `_initialize` first if it has one, then the entry;
/// returns the exit status (the entry's `i32` result, or 0).
///
/// # Safety
/// Runs compiled code: the trap handlers must be installed on this thread
/// (with a policy for traps) and the instance's stack limit valid for it.
pub unsafe fn run_entry(entry: &EntryPoint) -> i32 {
    if let Some(init) = &entry.initialize {
        // `_initialize` of a reactor takes and returns nothing; a
        // differently typed one is not run.
        if init.ty.params.len == 0 && init.ty.results.len == 0 {
            // SAFETY: guaranteed by the caller; the type is [] -> [].
            unsafe { init.call_nullary() };
        }
    }
    if entry.returns_status {
        let mut slots = [[0u8; VALUE_SLOT_SIZE]];
        // SAFETY: guaranteed by the caller; one slot holds the i32 result.
        unsafe { entry.entry.call_array(&mut slots) };
        i32::from_le_bytes([slots[0][0], slots[0][1], slots[0][2], slots[0][3]])
    } else {
        // SAFETY: guaranteed by the caller; the type is [] -> [].
        unsafe { entry.entry.call_nullary() };
        0
    }
}
