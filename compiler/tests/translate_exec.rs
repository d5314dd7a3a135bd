//! Runs translated functions natively, on a VM context this test builds by
//! hand with the `kiln_abi` layout, to check what the verifier cannot: that
//! the translated code computes what the wasm means (block parameters,
//! branch tables, unreachable code, every load and store width, globals,
//! tables, direct, imported, indirect and reference calls, multi-value
//! returns). Host-only (x86_64 Linux); the functions used never trap and
//! never call runtime libcalls.
#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use anyhow::{bail, ensure, Context, Result};
use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::ExternalName;
use cranelift_codegen::FinalizedRelocTarget;
use kiln_abi::{constop, segment_mode, ConstOp, VMGlobal, VMMemory, VMOffsets, VMTable};
use kiln_compiler::module::{self, ModuleEnv};
use kiln_compiler::target::Target;
use kiln_compiler::translate::{FuncTranslator, NS_WASM_FUNC};
use kiln_compiler::OptLevel;
use rustix::mm::{mmap_anonymous, mprotect, munmap, MapFlags, MprotectFlags, ProtFlags};
use std::collections::HashMap;
use std::ffi::c_void;

/// A host function with the compiled-code calling convention.
type HostFn = extern "C" fn(*mut u8, i32) -> i32;

extern "C" fn add100(_vmctx: *mut u8, x: i32) -> i32 {
    x + 100
}

/// An anonymous mapping, unmapped on drop.
struct Mapping {
    ptr: *mut u8,
    len: usize,
}

impl Mapping {
    fn new(len: usize, prot: ProtFlags) -> Result<Mapping> {
        // SAFETY: a fresh private anonymous mapping aliases nothing.
        let ptr = unsafe {
            mmap_anonymous(std::ptr::null_mut(), len, prot, MapFlags::PRIVATE | MapFlags::NORESERVE)
                .map_err(|e| anyhow::anyhow!("mmap: {e}"))?
        };
        Ok(Mapping { ptr: ptr.cast(), len })
    }

    fn protect(&self, len: usize, flags: MprotectFlags) -> Result<()> {
        // SAFETY: the range lies inside this mapping, which nothing borrows.
        unsafe { mprotect(self.ptr.cast::<c_void>(), len, flags).map_err(|e| anyhow::anyhow!("mprotect: {e}"))? };
        Ok(())
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: the mapping is ours and no pointer into it outlives `self`
        // (the instance owning it is dropped with it).
        if let Err(e) = unsafe { munmap(self.ptr.cast::<c_void>(), self.len) } {
            eprintln!("munmap failed: {e}");
        }
    }
}

/// A compiled and instantiated module, enough to call its exports.
struct Instance {
    _code: Mapping,
    _memories: Vec<(Mapping, Box<VMMemory>)>,
    _tables: Vec<(Vec<usize>, Box<VMTable>)>,
    #[allow(clippy::vec_box, reason = "compiled code holds pointers to each global")]
    _globals: Vec<Box<VMGlobal>>,
    _type_ids: Vec<u32>,
    vmctx: Vec<u64>,
    exports: HashMap<String, usize>,
}

impl Instance {
    fn new(wat: &str, imports: &[(&str, HostFn)]) -> Result<Instance> {
        let wasm = wat::parse_str(wat)?;
        let env = module::parse(&wasm)?;
        let (code, func_addrs) = compile(&env, imports)?;
        let offsets = env.vm_offsets();
        let mut vmctx = vec![0u64; (offsets.size as usize).div_ceil(8)];
        let base = vmctx.as_mut_ptr().cast::<u8>();
        let put = |vmctx: &mut Vec<u64>, offset: u32, value: u64| {
            assert_eq!(offset % 8, 0);
            vmctx[offset as usize / 8] = value;
        };

        // Canonical type ids: equal signatures share the lowest index.
        let type_ids: Vec<u32> =
            env.types.iter().map(|t| env.types.iter().position(|u| u == t).unwrap_or(0) as u32).collect();
        put(&mut vmctx, VMOffsets::TYPE_IDS, type_ids.as_ptr() as u64);

        for i in 0..env.num_imported_funcs {
            let at = offsets.imported_func(i);
            put(&mut vmctx, at + VMOffsets::FUNC_IMPORT_FUNC_PTR, func_addrs[i as usize] as u64);
            put(&mut vmctx, at + VMOffsets::FUNC_IMPORT_VMCTX, base as u64);
        }
        for (i, addr) in func_addrs.iter().enumerate() {
            let at = offsets.funcref(i as u32);
            let type_id = type_ids[env.func_types[i] as usize];
            put(&mut vmctx, at + VMOffsets::FUNCREF_FUNC_PTR, *addr as u64);
            put(&mut vmctx, at + VMOffsets::FUNCREF_TYPE_ID, u64::from(type_id));
            put(&mut vmctx, at + VMOffsets::FUNCREF_VMCTX, base as u64);
        }
        let funcref = |f: u64| base as u64 + u64::from(offsets.funcref(f as u32));

        let mut memories = Vec::new();
        for (i, mem) in env.memories.iter().enumerate() {
            let reservation = Mapping::new(kiln_abi::MEMORY_RESERVATION as usize, ProtFlags::empty())?;
            let len = (mem.ty.initial * kiln_abi::WASM_PAGE_SIZE) as usize;
            reservation.protect(len, MprotectFlags::READ | MprotectFlags::WRITE)?;
            let record = Box::new(VMMemory { base: reservation.ptr, length: len as u64 });
            put(&mut vmctx, offsets.memory(i as u32), &*record as *const VMMemory as u64);
            memories.push((reservation, record));
        }
        let mut tables = Vec::new();
        for (i, table) in env.tables.iter().enumerate() {
            let mut elems = vec![0usize; table.ty.initial as usize];
            let record = Box::new(VMTable { base: elems.as_mut_ptr(), length: table.ty.initial });
            put(&mut vmctx, offsets.table(i as u32), &*record as *const VMTable as u64);
            tables.push((elems, record));
        }
        let mut globals: Vec<Box<VMGlobal>> = Vec::new();
        for (i, global) in env.globals.iter().enumerate() {
            let value = eval(&global.init, &globals, funcref)?;
            let mut storage = Box::new(VMGlobal::default());
            storage.bytes[..8].copy_from_slice(&value.to_le_bytes());
            if global.in_vmctx {
                // Compiled code keeps private globals in the vmctx itself.
                let slot = offsets.global_slot(i as u32);
                put(&mut vmctx, slot, value);
                put(&mut vmctx, offsets.global(i as u32), base as u64 + u64::from(slot));
            } else {
                put(&mut vmctx, offsets.global(i as u32), &*storage as *const VMGlobal as u64);
            }
            globals.push(storage);
        }
        for elem in env.elems.iter().filter(|e| e.mode == segment_mode::ACTIVE) {
            let start = eval(&elem.offset, &globals, funcref)? as usize;
            let table = &mut tables[elem.table as usize].0;
            for (j, item) in elem.items.iter().enumerate() {
                table[start + j] = eval(item, &globals, funcref)? as usize;
            }
        }
        for data in env.data.iter().filter(|d| d.mode == segment_mode::ACTIVE) {
            let start = eval(&data.offset, &globals, funcref)? as usize;
            let (memory, record) = &memories[data.memory as usize];
            ensure!(start + data.bytes.len() <= record.length as usize, "data segment out of bounds");
            // SAFETY: the range was just checked to lie in the accessible
            // part of the reservation, which nothing else references yet.
            unsafe { std::ptr::copy_nonoverlapping(data.bytes.as_ptr(), memory.ptr.add(start), data.bytes.len()) };
        }

        let exports = env
            .exports
            .iter()
            .filter(|e| e.kind == kiln_abi::extern_kind::FUNC)
            .map(|e| (e.name.clone(), func_addrs[e.index as usize]))
            .collect();
        Ok(Instance {
            _code: code,
            _memories: memories,
            _tables: tables,
            _globals: globals,
            _type_ids: type_ids,
            vmctx,
            exports,
        })
    }

    /// Calls export `name`, of type `(i32) -> i32`.
    fn call(&mut self, name: &str, arg: i32) -> Result<i32> {
        let addr = *self.exports.get(name).with_context(|| format!("no export {name}"))?;
        // SAFETY: `addr` is the entry of a function compiled for this host
        // with the C calling convention and the signature
        // `(vmctx, i32) -> i32` (every export these tests call has wasm type
        // `[i32] -> [i32]`); the VM context, memories, tables and globals it
        // reaches are owned by `self` and laid out as `kiln_abi` specifies.
        let f = unsafe { std::mem::transmute::<usize, HostFn>(addr) };
        Ok(f(self.vmctx.as_mut_ptr().cast(), arg))
    }
}

/// Evaluates a constant expression to its 64-bit slot value.
fn eval(ops: &[ConstOp], globals: &[Box<VMGlobal>], funcref: impl Fn(u64) -> u64) -> Result<u64> {
    let mut stack = Vec::new();
    for op in ops {
        let v = match op.op {
            constop::I32_CONST | constop::I64_CONST | constop::F32_CONST | constop::F64_CONST => op.a,
            constop::REF_NULL => 0,
            constop::REF_FUNC => funcref(op.a),
            constop::GLOBAL_GET => u64::from_le_bytes(globals[op.a as usize].bytes[..8].try_into()?),
            other => bail!("constant operator {other} not needed by these tests"),
        };
        stack.push(v);
    }
    stack.pop().context("empty constant expression")
}

/// Compiles every defined function into one executable mapping and
/// resolves direct calls; returns the mapping and every function's address
/// (imports: the host function of the same field name).
fn compile(env: &ModuleEnv<'_>, imports: &[(&str, HostFn)]) -> Result<(Mapping, Vec<usize>)> {
    let isa = Target::host().isa(OptLevel::Speed)?;
    let mut translator = FuncTranslator::new();
    let mut funcs = Vec::new();
    for (i, body) in env.bodies.iter().enumerate() {
        let func_index = env.num_imported_funcs + i as u32;
        let func = translator.translate(env, isa.as_ref(), func_index, body)?;
        cranelift_codegen::verify_function(&func, isa.as_ref()).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut ctx = cranelift_codegen::Context::for_function(func);
        let code =
            ctx.compile(isa.as_ref(), &mut ControlPlane::default()).map_err(|e| anyhow::anyhow!("{:?}", e.inner))?;
        let bytes = code.code_buffer().to_vec();
        let relocs: Vec<_> =
            code.buffer.relocs().iter().map(|r| (r.offset, r.kind, r.target.clone(), r.addend)).collect();
        let mut calls = Vec::new();
        for (offset, kind, target, addend) in relocs {
            let FinalizedRelocTarget::ExternalName(ExternalName::User(name)) = target else {
                bail!("unexpected relocation target {target:?}");
            };
            let name = &ctx.func.params.user_named_funcs()[name];
            ensure!(kind == Reloc::X86CallPCRel4 && name.namespace == NS_WASM_FUNC, "unexpected relocation {kind}");
            calls.push((offset as usize, name.index, addend));
        }
        funcs.push((bytes, calls));
    }

    let mut starts = Vec::new();
    let mut len = 0;
    for (bytes, _) in &funcs {
        starts.push(len);
        len = (len + bytes.len()).next_multiple_of(16);
    }
    let code = Mapping::new(len.max(1).next_multiple_of(4096), ProtFlags::READ | ProtFlags::WRITE)?;
    let mut addrs = Vec::new();
    for import in &env.imports {
        let host = imports.iter().find(|(n, _)| *n == import.name).with_context(|| import.name.clone())?;
        addrs.push(host.1 as usize);
    }
    addrs.extend(starts.iter().map(|s| code.ptr as usize + s));
    for ((bytes, calls), start) in funcs.iter().zip(&starts) {
        // SAFETY: `start..start + len` lies inside the writable mapping.
        let dst = unsafe { code.ptr.add(*start) };
        // SAFETY: as above; the source is a separate heap buffer.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len()) };
        for &(offset, callee, addend) in calls {
            let site = dst as i64 + offset as i64;
            let value = i32::try_from(addrs[callee as usize] as i64 + addend - site)?;
            // SAFETY: the relocation's 4 bytes lie inside this function's code.
            unsafe { std::ptr::write_unaligned(dst.add(offset).cast::<i32>(), value) };
        }
    }
    code.protect(code.len, MprotectFlags::READ | MprotectFlags::EXEC)?;
    Ok((code, addrs))
}

fn check(instance: &mut Instance, name: &str, cases: &[(i32, i32)]) -> Result<()> {
    for &(arg, expected) in cases {
        let got = instance.call(name, arg)?;
        ensure!(got == expected, "{name}({arg}) = {got}, expected {expected}");
    }
    Ok(())
}

#[test]
fn control_flow() -> Result<()> {
    let wat = r#"
      (module
        (func (export "block_params") (param $x i32) (result i32)
          (local.get $x) (i32.const 10)
          (block (param i32 i32) (result i32)
            (i32.add)
            (br_if 0 (local.get $x))
            (i32.const 1000)
            (i32.add)))
        (func (export "loop_params") (param $n i32) (result i32)
          (i32.const 0) (local.get $n)
          (loop $l (param i32 i32) (result i32)
            (local.set $n)
            (local.get $n) (i32.add)
            (local.get $n) (i32.const 1) (i32.sub)
            (local.tee $n)
            (br_if $l (local.get $n))
            (drop)))
        (func (export "if_params") (param $x i32) (result i32)
          (i32.const 7)
          (if (param i32) (result i32) (local.get $x)
            (then (i32.const 2) (i32.mul))
            (else (i32.const 3) (i32.add)))
          (i32.const 1)
          (if (param i32) (result i32) (i32.and (local.get $x) (i32.const 2))
            (then (i32.const 100) (i32.add)))
          (i32.add))
        (func (export "br_table") (param $x i32) (result i32)
          (local $n i32)
          (block $b0 (result i32)
            (i32.const 1)
            (block $b1 (param i32) (result i32)
              (loop $l (param i32) (result i32)
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (i32.add (i32.const 10))
                (br_table $l $l $b1 $b0 3 (i32.sub (local.get $x) (local.get $n)))))
            (i32.add (i32.const 1000)))
          (i32.add (i32.const 5)))
        (func (export "dead_code") (param $x i32) (result i32)
          (block $out (result i32)
            (block
              (br_if 0 (local.get $x))
              (br $out (i32.const 1))
              (if (i32.const 1) (then (unreachable)) (else (drop (i32.const 9))))
              (loop (br 0))
              (block (result i32) (i32.const 3))
              (drop))
            (i32.const 2)))
        (func (export "early") (param $x i32) (result i32)
          (block (block
            (br_if 2 (i32.const 50) (local.get $x))
            (return (i32.const 60))))
          (i32.const 70))
        (func (export "select") (param $x i32) (result i32)
          (local $t i32)
          (select (i32.const 11) (local.tee $t (i32.const 22)) (local.get $x)))
        (func $divmod (param i32 i32) (result i32 i32 i32)
          (i32.div_u (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1)) (i32.const 7))
        (func (export "multi") (param $x i32) (result i32)
          (call $divmod (local.get $x) (i32.const 10))
          (i32.mul)
          (i32.sub))
        (func $fib (export "fib") (param $n i32) (result i32)
          (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
            (then (local.get $n))
            (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                           (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
      )"#;
    let mut inst = Instance::new(wat, &[])?;
    check(&mut inst, "block_params", &[(0, 1010), (5, 15)])?;
    check(&mut inst, "loop_params", &[(1, 1), (4, 10), (100, 5050)])?;
    check(&mut inst, "if_params", &[(0, 11), (1, 15), (2, 115), (3, 115)])?;
    check(&mut inst, "br_table", &[(0, 11), (1, 21), (2, 31), (3, 1016), (4, 16), (5, 11)])?;
    check(&mut inst, "dead_code", &[(0, 1), (1, 2)])?;
    check(&mut inst, "early", &[(0, 60), (1, 50)])?;
    check(&mut inst, "select", &[(0, 22), (1, 11)])?;
    check(&mut inst, "multi", &[(123, 12 - 3 * 7), (40, 4)])?;
    check(&mut inst, "fib", &[(0, 0), (1, 1), (20, 6765)])?;
    Ok(())
}

#[test]
fn memories_and_globals() -> Result<()> {
    let wat = r#"
      (module
        (memory 1)
        (memory $m1 2)
        (global $g (mut i32) (i32.const 5))
        (global $c i64 (i64.const 0x100000000))
        (global $f (mut f64) (f64.const 1.5))
        (data (i32.const 16) "\ff\fe\fd\fc\01\02\03\04")
        (func (export "load8_s") (param i32) (result i32) (i32.load8_s offset=16 (local.get 0)))
        (func (export "load8_u") (param i32) (result i32) (i32.load8_u offset=16 (local.get 0)))
        (func (export "load16_s") (param i32) (result i32) (i32.load16_s offset=16 (local.get 0)))
        (func (export "load16_u") (param i32) (result i32) (i32.load16_u offset=16 (local.get 0)))
        (func (export "load32") (param i32) (result i32) (i32.load offset=16 (local.get 0)))
        (func (export "i64_high") (param i32) (result i32)
          (i32.wrap_i64 (i64.shr_u (i64.load offset=16 (local.get 0)) (i64.const 32))))
        (func (export "i64_load32_s_high") (param i32) (result i32)
          (i32.wrap_i64 (i64.shr_u (i64.load32_s offset=16 (local.get 0)) (i64.const 32))))
        (func (export "i64_load8_s") (param i32) (result i32)
          (i32.wrap_i64 (i64.shr_s (i64.load8_s offset=16 (local.get 0)) (i64.const 40))))
        (func (export "i64_load16_u") (param i32) (result i32)
          (i32.wrap_i64 (i64.load16_u offset=16 (local.get 0))))
        (func (export "f32_bits") (param i32) (result i32)
          (f32.store (i32.const 200) (f32.convert_i32_s (local.get 0)))
          (i32.load (i32.const 200)))
        (func (export "f64_roundtrip") (param i32) (result i32)
          (f64.store offset=8 (i32.const 200) (f64.convert_i32_s (local.get 0)))
          (i32.trunc_f64_s (f64.mul (f64.load (i32.const 208)) (f64.const 2))))
        (func (export "store") (param $v i32) (result i32)
          (i32.store (i32.const 100) (i32.const 0))
          (i32.store8 (i32.const 100) (local.get $v))
          (i32.store16 offset=1 (i32.const 101) (local.get $v))
          (i32.load (i32.const 100)))
        (func (export "store64") (param $v i32) (result i32)
          (i64.store (i32.const 120) (i64.const -1))
          (i64.store32 (i32.const 120) (i64.extend_i32_u (local.get $v)))
          (i64.store8 offset=4 (i32.const 120) (i64.const 0))
          (i64.store16 offset=6 (i32.const 120) (i64.const 0x1234))
          (i32.wrap_i64 (i64.shr_u (i64.load (i32.const 120)) (i64.const 32))))
        (func (export "mem1") (param $v i32) (result i32)
          (i32.store $m1 offset=70000 (i32.const 0) (local.get $v))
          (i32.add (i32.load $m1 (i32.const 70000))
            (i32.add (i32.load (i32.const 0))
              (i32.add (memory.size $m1) (i32.mul (memory.size) (i32.const 10))))))
        (func (export "globals") (param $v i32) (result i32)
          (global.set $g (i32.add (global.get $g) (local.get $v)))
          (global.set $f (f64.add (global.get $f) (f64.const 1)))
          (i32.add (global.get $g)
            (i32.add (i32.wrap_i64 (i64.shr_u (global.get $c) (i64.const 32)))
                     (i32.trunc_f64_s (global.get $f)))))
      )"#;
    let mut inst = Instance::new(wat, &[])?;
    check(&mut inst, "load8_s", &[(0, -1), (4, 1)])?;
    check(&mut inst, "load8_u", &[(0, 255), (1, 254)])?;
    check(&mut inst, "load16_s", &[(0, -257)])?;
    check(&mut inst, "load16_u", &[(0, 0xfeff)])?;
    check(&mut inst, "load32", &[(0, 0xfcfdfeffu32 as i32), (4, 0x04030201)])?;
    check(&mut inst, "i64_high", &[(0, 0x04030201)])?;
    check(&mut inst, "i64_load32_s_high", &[(0, -1), (4, 0)])?;
    check(&mut inst, "i64_load8_s", &[(0, -1), (4, 0)])?;
    check(&mut inst, "i64_load16_u", &[(0, 0xfeff)])?;
    check(&mut inst, "f32_bits", &[(1, 0x3f80_0000), (-2, 0xc000_0000u32 as i32)])?;
    check(&mut inst, "f64_roundtrip", &[(21, 42), (-5, -10)])?;
    check(&mut inst, "store", &[(0x12345678, 0x56780078)])?;
    check(&mut inst, "store64", &[(7, 0x1234_ff00)])?;
    check(&mut inst, "mem1", &[(1000, 1012)])?;
    check(&mut inst, "globals", &[(10, 18), (1, 20)])?;
    Ok(())
}

#[test]
fn tables_references_and_calls() -> Result<()> {
    let wat = r#"
      (module
        (type $ii (func (param i32) (result i32)))
        (type $same (func (param i32) (result i32)))
        (type $v (func))
        (import "host" "add100" (func $host (param i32) (result i32)))
        (table $t 4 funcref)
        (table $e 2 externref)
        (elem (table $t) (i32.const 0) func $double $host $noop)
        (elem declare func $triple)
        (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
        (func $triple (type $ii) (i32.mul (local.get 0) (i32.const 3)))
        (func $noop (type $v))
        (func (export "call_indirect") (param $i i32) (result i32)
          (call_indirect $t (type $same) (i32.const 21) (local.get $i)))
        (func (export "call_import") (param i32) (result i32) (call $host (local.get 0)))
        (func (export "call_ref") (param $x i32) (result i32)
          (call_ref $ii (local.get $x) (ref.func $triple)))
        (func (export "as_non_null") (param $x i32) (result i32)
          (call_ref $ii (local.get $x) (ref.as_non_null (ref.func $double))))
        (func (export "table_ops") (param $x i32) (result i32)
          (table.set $t (i32.const 3) (ref.func $triple))
          (table.set $e (i32.const 1) (ref.null extern))
          (i32.add
            (call_indirect $t (type $ii) (local.get $x) (i32.const 3))
            (i32.add (table.size $t)
              (i32.add (i32.mul (i32.const 100) (ref.is_null (table.get $t (i32.const 2))))
                       (i32.mul (i32.const 1000) (ref.is_null (table.get $e (i32.const 1))))))))
        (func (export "non_null") (param $x i32) (result i32)
          (local $r (ref null $ii))
          (if (local.get $x) (then (local.set $r (ref.func $triple))))
          (i32.const 5)
          (block $nn (param i32) (result i32 (ref $ii))
            (br_on_non_null $nn (local.get $r))
            (ref.func $double))
          (call_ref $ii))
        (func (export "on_null") (param $x i32) (result i32)
          (local $r (ref null $ii))
          (if (local.get $x) (then (local.set $r (ref.func $triple))))
          (block $null
            (i32.const 7)
            (local.get $r)
            (br_on_null $null)
            (call_ref $ii)
            (return))
          (i32.const -1))
        (func (export "select_ref") (param $x i32) (result i32)
          (call_ref $ii (i32.const 10)
            (select (result (ref $ii)) (ref.func $double) (ref.func $triple) (local.get $x))))
      )"#;
    let mut inst = Instance::new(wat, &[("add100", add100)])?;
    check(&mut inst, "call_indirect", &[(0, 42), (1, 121)])?;
    check(&mut inst, "call_import", &[(1, 101)])?;
    check(&mut inst, "call_ref", &[(5, 15)])?;
    check(&mut inst, "as_non_null", &[(5, 10)])?;
    check(&mut inst, "table_ops", &[(5, 15 + 4 + 1000)])?;
    check(&mut inst, "non_null", &[(0, 10), (1, 15)])?;
    check(&mut inst, "on_null", &[(0, -1), (1, 21)])?;
    check(&mut inst, "select_ref", &[(0, 30), (1, 20)])?;
    Ok(())
}
