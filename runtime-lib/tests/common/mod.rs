//! Shared test support: building a `ModuleInfo` by hand (the tables the
//! compiler would emit), constant-expression shorthands, hand-written
//! machine code standing in for compiled wasm functions, and running a test
//! in a child process for behavior that ends the process (traps, exits).
#![allow(dead_code, reason = "each test binary uses a different part")]

use kiln_abi::{
    constop, extern_kind, limits_flags, valtype, ConstOp, DataSegment, ElemSegment, Export, FuncEntry, FuncType,
    GlobalDecl, Import, MemoryDecl, ModuleInfo, Slice, TableDecl, TrapEntry, TrapKind, VMOffsets, ABI_VERSION,
    MODULE_MAGIC,
};
use std::process::{Command, Output, Stdio};

fn leak<T: 'static>(v: Vec<T>) -> Slice<T> {
    let s: &'static [T] = Vec::leak(v);
    Slice { ptr: s.as_ptr(), len: s.len() }
}

fn leak_str(s: &str) -> Slice<u8> {
    leak(s.as_bytes().to_vec())
}

pub fn op(op: u32, a: u64) -> ConstOp {
    ConstOp { op, _pad: 0, a, b: 0 }
}
pub fn i32c(v: i32) -> Vec<ConstOp> {
    vec![op(constop::I32_CONST, v as u32 as u64)]
}
pub fn i64c(v: i64) -> Vec<ConstOp> {
    vec![op(constop::I64_CONST, v as u64)]
}
pub fn ref_func(i: u32) -> Vec<ConstOp> {
    vec![op(constop::REF_FUNC, i.into())]
}
pub fn ref_null() -> Vec<ConstOp> {
    vec![op(constop::REF_NULL, 0)]
}
pub fn global_get(i: u32) -> Vec<ConstOp> {
    vec![op(constop::GLOBAL_GET, i.into())]
}

pub struct Func {
    pub ptr: *const u8,
    pub code_len: u32,
    pub type_index: u32,
    pub name: &'static str,
    pub traps: Vec<TrapEntry>,
}

/// An element segment: (mode, table, offset, items).
pub type Elem = (u32, u32, Vec<ConstOp>, Vec<Vec<ConstOp>>);

pub struct Table {
    pub min: u64,
    pub max: Option<u64>,
    pub elem_type: u8,
    pub init: Vec<ConstOp>,
}

/// A module under construction; [`Builder::build`] leaks it into the
/// `'static` tables the runtime expects.
pub struct Builder {
    pub name: &'static str,
    pub types: Vec<(Vec<u8>, Vec<u8>)>,
    /// (module, name, kind, index, type_index, host_func)
    pub imports: Vec<(&'static str, &'static str, u8, u32, u32, *const u8)>,
    pub funcs: Vec<Func>,
    pub memories: Vec<MemoryDecl>,
    pub tables: Vec<Table>,
    /// (type, init)
    pub globals: Vec<(u8, Vec<ConstOp>)>,
    pub exports: Vec<(&'static str, u8, u32)>,
    /// (mode, memory, offset, bytes)
    pub data: Vec<(u32, u32, Vec<ConstOp>, Vec<u8>)>,
    pub elems: Vec<Elem>,
    pub start: Option<u32>,
    /// `ModuleInfo::cpu_features`.
    pub cpu_features: &'static str,
}

impl Builder {
    pub fn new(name: &'static str) -> Builder {
        Builder {
            name,
            types: Vec::new(),
            imports: Vec::new(),
            funcs: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            globals: Vec::new(),
            exports: Vec::new(),
            data: Vec::new(),
            elems: Vec::new(),
            start: None,
            cpu_features: "",
        }
    }

    pub fn ty(mut self, params: &[u8], results: &[u8]) -> Self {
        self.types.push((params.to_vec(), results.to_vec()));
        self
    }

    pub fn import_func(mut self, module: &'static str, name: &'static str, type_index: u32, f: *const u8) -> Self {
        let index = self.imports.iter().filter(|i| i.2 == extern_kind::FUNC).count() as u32;
        self.imports.push((module, name, extern_kind::FUNC, index, type_index, f));
        self
    }

    /// A defined function; functions must be added in ascending address order.
    pub fn func(mut self, name: &'static str, ptr: *const u8, code_len: u32, type_index: u32) -> Self {
        self.funcs.push(Func { ptr, code_len, type_index, name, traps: Vec::new() });
        self
    }

    /// A trap entry for the last added function.
    pub fn trap(mut self, code_offset: u32, wasm_offset: u32, kind: TrapKind) -> Self {
        let f = self.funcs.last_mut().expect("a function to attach the trap to");
        f.traps.push(TrapEntry { code_offset, wasm_offset, kind: kind as u8, _pad: [0; 3] });
        self
    }

    pub fn memory(self, min: u64, max: Option<u64>) -> Self {
        self.memory_typed(min, max, false, kiln_abi::WASM_PAGE_SIZE_LOG2)
    }

    /// A memory with a 64-bit index (`memory64`) and/or pages of
    /// `1 << page_size_log2` bytes.
    pub fn memory_typed(mut self, min: u64, max: Option<u64>, memory64: bool, page_size_log2: u32) -> Self {
        let mut flags = if max.is_some() { limits_flags::HAS_MAX } else { 0 };
        if memory64 {
            flags |= limits_flags::MEMORY64;
        }
        let max = max.unwrap_or(0);
        self.memories.push(MemoryDecl { min, max, flags, imported: 0, fixed_base: 0, page_size_log2, _pad: 0 });
        self
    }

    /// A memory the code expects at `fixed_base` (`--memory-base fixed`).
    pub fn memory_at(mut self, min: u64, fixed_base: u64) -> Self {
        let page_size_log2 = kiln_abi::WASM_PAGE_SIZE_LOG2;
        self.memories.push(MemoryDecl { min, max: 0, flags: 0, imported: 0, fixed_base, page_size_log2, _pad: 0 });
        self
    }

    pub fn table(mut self, min: u64, max: Option<u64>, init: Vec<ConstOp>) -> Self {
        self.tables.push(Table { min, max, elem_type: valtype::FUNCREF, init });
        self
    }

    pub fn global(mut self, ty: u8, init: Vec<ConstOp>) -> Self {
        self.globals.push((ty, init));
        self
    }

    pub fn export(mut self, name: &'static str, kind: u8, index: u32) -> Self {
        self.exports.push((name, kind, index));
        self
    }

    pub fn data(mut self, mode: u32, memory: u32, offset: Vec<ConstOp>, bytes: &[u8]) -> Self {
        self.data.push((mode, memory, offset, bytes.to_vec()));
        self
    }

    pub fn elem(mut self, mode: u32, table: u32, offset: Vec<ConstOp>, items: Vec<Vec<ConstOp>>) -> Self {
        self.elems.push((mode, table, offset, items));
        self
    }

    pub fn start(mut self, func: u32) -> Self {
        self.start = Some(func);
        self
    }

    pub fn build(self) -> &'static ModuleInfo {
        let types = self
            .types
            .into_iter()
            .map(|(p, r)| {
                let mut canon = Vec::new();
                kiln_abi::canon::scalar_func_type(&p, &r, &mut |b| canon.push(b));
                FuncType { params: leak(p), results: leak(r), array_call: std::ptr::null(), canon: leak(canon) }
            })
            .collect();
        let num_imported_funcs = self.imports.iter().filter(|i| i.2 == extern_kind::FUNC).count() as u32;
        let imports = self
            .imports
            .into_iter()
            .map(|(m, n, kind, index, type_index, host_func)| Import {
                module: leak_str(m),
                name: leak_str(n),
                kind,
                _pad: [0; 3],
                index,
                type_index,
                _pad2: 0,
                host_func,
                // Hand-built functions use the C convention: no adapter.
                adapter: std::ptr::null(),
            })
            .collect();
        let mut traps = Vec::new();
        let funcs = self
            .funcs
            .into_iter()
            .map(|f| {
                let entry = FuncEntry {
                    ptr: f.ptr,
                    code_len: f.code_len,
                    type_index: f.type_index,
                    name: leak_str(f.name),
                    traps_start: traps.len() as u32,
                    traps_len: f.traps.len() as u32,
                    lines_start: 0,
                    lines_len: 0,
                    calls_start: 0,
                    calls_len: 0,
                };
                traps.extend(f.traps);
                entry
            })
            .collect();
        let tables = self
            .tables
            .into_iter()
            .map(|t| TableDecl {
                min: t.min,
                max: t.max.unwrap_or(0),
                flags: if t.max.is_some() { limits_flags::HAS_MAX } else { 0 },
                elem_type: t.elem_type,
                nullable: 1,
                imported: 0,
                init: leak(t.init),
                ref_type: leak(kiln_abi::canon::of_valtype_code(t.elem_type).to_vec()),
            })
            .collect();
        let globals = self.globals.into_iter().map(|(ty, init)| GlobalDecl {
            ty,
            mutable: 1,
            imported: 0,
            // Hand-built code reaches globals through their pointers.
            in_vmctx: 0,
            _pad: 0,
            init: leak(init),
            full_type: leak(kiln_abi::canon::of_valtype_code(ty).to_vec()),
        });
        let exports = self
            .exports
            .into_iter()
            .map(|(name, kind, index)| Export { name: leak_str(name), kind, _pad: [0; 3], index })
            .collect();
        let data = self
            .data
            .into_iter()
            .map(|(mode, memory, offset, bytes)| DataSegment { mode, memory, offset: leak(offset), bytes: leak(bytes) })
            .collect();
        let elems = self
            .elems
            .into_iter()
            .map(|(mode, table, offset, items)| ElemSegment {
                mode,
                table,
                offset: leak(offset),
                items: leak(items.into_iter().map(leak).collect()),
                elem_type: valtype::FUNCREF,
                _pad: [0; 7],
            })
            .collect();
        let mut info = ModuleInfo {
            magic: MODULE_MAGIC,
            abi_version: ABI_VERSION,
            name: leak_str(self.name),
            types: leak(types),
            imports: leak(imports),
            funcs: leak(funcs),
            memories: leak(self.memories),
            tables: leak(tables),
            globals: leak(globals.collect()),
            exports: leak(exports),
            data: leak(data),
            elems: leak(elems),
            traps: leak(traps),
            start_func: self.start.unwrap_or(u32::MAX),
            num_imported_funcs,
            num_imported_memories: 0,
            num_imported_tables: 0,
            num_imported_globals: 0,
            vmctx_size: 0,
            lines: leak(Vec::new()),
            files: leak(Vec::new()),
            tags: leak(Vec::new()),
            cpu_features: leak_str(self.cpu_features),
            num_imported_tags: 0,
            checks: 0,
            call_sites: leak(Vec::new()),
            handlers: leak(Vec::new()),
            entry: leak_str(""),
        };
        info.vmctx_size = VMOffsets::new(info.vm_counts()).size;
        Box::leak(Box::new(info))
    }
}

/// Set in a child process to the scenario it must run.
const CHILD_ENV: &str = "KILN_RUNTIME_TEST_CHILD";

/// The scenario this process must run, if it is a child.
pub fn child_scenario() -> Option<String> {
    std::env::var(CHILD_ENV).ok()
}

/// Runs test `test` of the current test binary in a child process with
/// `scenario`, feeding `stdin`.
pub fn run_child(test: &str, scenario: &str, stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(std::env::current_exe().expect("the test binary's path"))
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, scenario)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the test binary");
    child.stdin.take().expect("piped stdin").write_all(stdin).expect("write the child's stdin");
    child.wait_with_output().expect("wait for the child")
}

/// The child's stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---------------------------------------------------------------------------
// Machine code standing in for compiled wasm functions, with labels marking
// the instructions a trap table would list. The vmctx layout assumed: no
// imported functions, so memory 0's `*mut VMMemory` is at vmctx+48.

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl kiln_test_load",
    // (vmctx, addr: u32) -> u32: loads memory 0 at addr, unchecked. Memory
    // 0's record pointer is the vmctx's first word after the header
    // (`asm_module` checks VMOffsets agrees).
    "kiln_test_load:",
    "mov rax, [rdi + 48]",
    "mov rax, [rax]",
    "mov esi, esi",
    ".globl kiln_test_load_access",
    "kiln_test_load_access:",
    "mov eax, [rax + rsi]",
    "ret",
    // (vmctx): executes a trap instruction.
    ".globl kiln_test_unreachable",
    "kiln_test_unreachable:",
    "ud2",
    // (vmctx): recurses until SP is below vmctx.stack_limit.
    ".globl kiln_test_recurse",
    "kiln_test_recurse:",
    "cmp rsp, [rdi]",
    "jb 2f",
    "push rbx",
    "call kiln_test_recurse",
    "pop rbx",
    "ret",
    ".globl kiln_test_recurse_trap",
    "kiln_test_recurse_trap:",
    "2: ud2",
    // (vmctx): a wild store with no trap entry, far from the stack.
    ".globl kiln_test_wild",
    "kiln_test_wild:",
    "mov qword ptr [8], 0",
    "ret",
    ".globl kiln_test_code_end",
    "kiln_test_code_end:",
    "nop",
);

#[cfg(target_arch = "x86_64")]
unsafe extern "C" {
    pub fn kiln_test_load(vmctx: *mut kiln_abi::VMContext, addr: u32) -> u32;
    pub fn kiln_test_load_access();
    pub fn kiln_test_unreachable(vmctx: *mut kiln_abi::VMContext);
    pub fn kiln_test_recurse(vmctx: *mut kiln_abi::VMContext);
    pub fn kiln_test_recurse_trap();
    pub fn kiln_test_wild(vmctx: *mut kiln_abi::VMContext);
    pub fn kiln_test_code_end();
}

/// Function indices of [`asm_module`].
#[cfg(target_arch = "x86_64")]
pub mod asm_funcs {
    pub const LOAD: u32 = 0;
    pub const UNREACHABLE: u32 = 1;
    pub const RECURSE: u32 = 2;
    pub const WILD: u32 = 3;
}

/// A module whose functions are the machine code above, with one memory of
/// one page (max 2) and the trap entries compiled code would have. One per
/// process, so the trap handler's code registry has one owner of the code.
#[cfg(target_arch = "x86_64")]
pub fn asm_module() -> &'static ModuleInfo {
    static MODULE: std::sync::OnceLock<&'static ModuleInfo> = std::sync::OnceLock::new();
    MODULE.get_or_init(build_asm_module)
}

#[cfg(target_arch = "x86_64")]
fn build_asm_module() -> &'static ModuleInfo {
    let a = |f: unsafe extern "C" fn()| f as usize;
    let load = kiln_test_load as *const () as usize;
    let unreachable = kiln_test_unreachable as *const () as usize;
    let recurse = kiln_test_recurse as *const () as usize;
    let wild = kiln_test_wild as *const () as usize;
    let end = a(kiln_test_code_end);
    let counts = kiln_abi::VMCounts { imported_funcs: 0, memories: 1, tables: 0, globals: 0, funcs: 4, tags: 0 };
    assert_eq!(kiln_abi::VMOffsets::new(counts).memory(0), 48, "kiln_test_load's vmctx offset");
    Builder::new("asm")
        .ty(&[valtype::I32], &[valtype::I32])
        .ty(&[], &[])
        .memory(1, Some(2))
        .func("load", load as *const u8, (unreachable - load) as u32, 0)
        .trap((a(kiln_test_load_access) - load) as u32, 0x2a, TrapKind::MemoryOutOfBounds)
        .func("unreachable_fn", unreachable as *const u8, (recurse - unreachable) as u32, 1)
        .trap(0, 0x31, TrapKind::Unreachable)
        .func("recurse", recurse as *const u8, (wild - recurse) as u32, 1)
        .trap((a(kiln_test_recurse_trap) - recurse) as u32, 0x40, TrapKind::StackOverflow)
        .func("", wild as *const u8, (end - wild) as u32, 1)
        .export("load", extern_kind::FUNC, 0)
        .build()
}
