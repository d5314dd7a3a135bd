//! The `spectest` host module the spec test scripts import from:
//! `print*` functions (printing their arguments to stdout), the globals
//! `global_i32` = 666, `global_i64` = 666, `global_f32` = 666.6,
//! `global_f64` = 666.6, a funcref `table` of 10..20 elements (and
//! `table64`, the same with 64-bit indices) and a
//! `memory` of 1..2 pages (and `shared_memory`, the same, shared).

use super::instance::{Extern, Func};
use anyhow::{Context, Result};
use kiln_abi::{valtype, FuncType, Slice, VMContext};
use kiln_runtime::linker::{GlobalCell, SharedGlobal, SharedMemory, SharedTable};
use kiln_runtime::memory::{Memory, MemoryType};
use kiln_runtime::table::Table;
use std::io::Write;
use std::rc::Rc;
use std::sync::OnceLock;

/// One script's `spectest` instance: its memory, table and globals are
/// fresh for every script, as the spec interpreter makes them.
pub struct SpecTest {
    memory: SharedMemory,
    /// `shared_memory`: the same, shared (the threads proposal's tests).
    shared_memory: SharedMemory,
    table: SharedTable,
    table64: SharedTable,
    globals: Vec<(&'static str, SharedGlobal)>,
}

/// A host function and its signature.
struct HostFunc {
    name: &'static str,
    code: *const u8,
    params: &'static [u8],
}

/// Function types of the host functions, built once per process.
struct Types(Box<[(&'static str, *const u8, FuncType)]>);

// SAFETY: the types only point to `'static` immutable data.
unsafe impl Sync for Types {}
// SAFETY: as above.
unsafe impl Send for Types {}

/// Writes one line to stdout. Host functions cannot fail, and panicking
/// across the C ABI would abort: a closed stdout is left to the script's
/// summary line, which fails on it too.
fn print_line(args: std::fmt::Arguments<'_>) {
    match writeln!(std::io::stdout().lock(), "{args}") {
        Ok(()) | Err(_) => {}
    }
}

extern "C" fn print(_vmctx: *mut VMContext) {
    print_line(format_args!(""));
}

extern "C" fn print_i32(_vmctx: *mut VMContext, v: i32) {
    print_line(format_args!("{v}: i32"));
}

extern "C" fn print_i64(_vmctx: *mut VMContext, v: i64) {
    print_line(format_args!("{v}: i64"));
}

extern "C" fn print_f32(_vmctx: *mut VMContext, v: f32) {
    print_line(format_args!("{v}: f32"));
}

extern "C" fn print_f64(_vmctx: *mut VMContext, v: f64) {
    print_line(format_args!("{v}: f64"));
}

extern "C" fn print_i32_f32(_vmctx: *mut VMContext, a: i32, b: f32) {
    print_line(format_args!("{a}: i32\n{b}: f32"));
}

extern "C" fn print_f64_f64(_vmctx: *mut VMContext, a: f64, b: f64) {
    print_line(format_args!("{a}: f64\n{b}: f64"));
}

fn host_funcs() -> [HostFunc; 7] {
    use valtype::{F32, F64, I32, I64};
    [
        HostFunc { name: "print", code: print as *const u8, params: &[] },
        HostFunc { name: "print_i32", code: print_i32 as *const u8, params: &[I32] },
        HostFunc { name: "print_i64", code: print_i64 as *const u8, params: &[I64] },
        HostFunc { name: "print_f32", code: print_f32 as *const u8, params: &[F32] },
        HostFunc { name: "print_f64", code: print_f64 as *const u8, params: &[F64] },
        HostFunc { name: "print_i32_f32", code: print_i32_f32 as *const u8, params: &[I32, F32] },
        HostFunc { name: "print_f64_f64", code: print_f64_f64 as *const u8, params: &[F64, F64] },
    ]
}

fn types() -> &'static Types {
    static TYPES: OnceLock<Types> = OnceLock::new();
    TYPES.get_or_init(|| {
        Types(
            host_funcs()
                .into_iter()
                .map(|h| {
                    let mut canon = Vec::new();
                    kiln_abi::canon::scalar_func_type(h.params, &[], &mut |b| canon.push(b));
                    let canon = canon.leak();
                    let ty = FuncType {
                        canon: Slice { ptr: canon.as_ptr(), len: canon.len() },
                        params: Slice { ptr: h.params.as_ptr(), len: h.params.len() },
                        results: Slice { ptr: [].as_ptr(), len: 0 },
                        // Host functions are only called from wasm.
                        array_call: std::ptr::null(),
                    };
                    (h.name, h.code, ty)
                })
                .collect(),
        )
    })
}

fn global(ty: u8, bits: u128) -> SharedGlobal {
    SharedGlobal {
        cell: Rc::new(GlobalCell::new(bits)),
        ty,
        full_type: kiln_abi::canon::of_valtype_code(ty),
        mutable: false,
    }
}

impl SpecTest {
    pub fn new() -> Result<SpecTest> {
        let memory = |shared| -> Result<SharedMemory> {
            let ty = MemoryType { shared, ..MemoryType::new(1, Some(2)) };
            let memory = Memory::new(ty, None)
                .map_err(|e| anyhow::anyhow!("{e:?}"))
                .context("cannot create a spectest memory")?;
            Ok(SharedMemory { memory: Rc::new(memory), max: Some(2) })
        };
        let table = |flags| -> Result<SharedTable> {
            Ok(SharedTable {
                table: Rc::new(Table::new(10, Some(20)).context("cannot create a spectest table")?),
                elem_type: valtype::FUNCREF,
                ref_type: kiln_abi::canon::of_valtype_code(valtype::FUNCREF),
                max: Some(20),
                flags,
            })
        };
        Ok(SpecTest {
            memory: memory(false)?,
            shared_memory: memory(true)?,
            table: table(0)?,
            table64: table(kiln_abi::limits_flags::MEMORY64)?,
            globals: vec![
                ("global_i32", global(valtype::I32, 666)),
                ("global_i64", global(valtype::I64, 666)),
                ("global_f32", global(valtype::F32, u128::from(666.6f32.to_bits()))),
                ("global_f64", global(valtype::F64, u128::from(666.6f64.to_bits()))),
            ],
        })
    }

    /// The item called `name`.
    pub fn export(&self, name: &str) -> Option<Extern> {
        match name {
            "memory" => return Some(Extern::Memory(self.memory.clone())),
            "shared_memory" => return Some(Extern::Memory(self.shared_memory.clone())),
            "table" => return Some(Extern::Table(self.table.clone())),
            "table64" => return Some(Extern::Table(self.table64.clone())),
            _ => {}
        }
        if let Some((_, g)) = self.globals.iter().find(|(n, _)| *n == name) {
            return Some(Extern::Global(g.clone()));
        }
        let (_, code, ty) = types().0.iter().find(|(n, ..)| *n == name)?;
        // A null vmctx: host functions get their caller's.
        Some(Extern::Func(Func { func_ptr: *code, vmctx: std::ptr::null_mut(), ty }))
    }
}
