//! The runtime functions compiled code calls (`kiln_abi::symbols::libcall`),
//! with the exact C signatures documented there. Bulk operations check
//! bounds before touching anything and return 0 on success, 1 when the
//! operation must trap (the compiled code then executes its trap
//! instruction); grow operations return the old size or -1. Indices that
//! name no memory/table/segment (impossible for validated code) trap too
//! rather than panic.

use crate::instance::Instance;
#[cfg(target_arch = "x86_64")]
use core::{arch::x86_64::__m128i, mem};
use kiln_abi::symbols::libcall;
use kiln_abi::VMContext;

/// The address of libcall `name`, for loaders that bind compiled code to
/// this runtime in-process (a linker binds the `kiln_rt_*` symbols).
pub fn libcall_address(name: &str) -> Option<usize> {
    let f: *const () = match name {
        libcall::MEMORY_GROW => kiln_rt_memory_grow as *const (),
        libcall::MEMORY_FILL => kiln_rt_memory_fill as *const (),
        libcall::MEMORY_COPY => kiln_rt_memory_copy as *const (),
        libcall::MEMORY_INIT => kiln_rt_memory_init as *const (),
        libcall::DATA_DROP => kiln_rt_data_drop as *const (),
        libcall::TABLE_GROW => kiln_rt_table_grow as *const (),
        libcall::TABLE_FILL => kiln_rt_table_fill as *const (),
        libcall::TABLE_COPY => kiln_rt_table_copy as *const (),
        libcall::TABLE_INIT => kiln_rt_table_init as *const (),
        libcall::ELEM_DROP => kiln_rt_elem_drop as *const (),
        #[cfg(target_arch = "x86_64")]
        X86_PSHUFB => kiln_rt_x86_pshufb as *const (),
        _ => return None,
    };
    Some(f as usize)
}

/// The symbol Cranelift calls for `pshufb` (v128 shuffles and swizzles)
/// when compiling for x86_64 without SSSE3 (`--cpu x86-64`).
pub const X86_PSHUFB: &str = "__cranelift_x86_pshufb";

/// `pshufb` in software: lane `i` of the result is `a[b[i] & 15]`, or 0
/// when bit 7 of `b[i]` is set.
#[cfg(target_arch = "x86_64")]
#[no_mangle]
// `__m128i` travels in an xmm register, as C's does and Cranelift expects.
#[allow(improper_ctypes_definitions)]
pub extern "C" fn kiln_rt_x86_pshufb(a: __m128i, b: __m128i) -> __m128i {
    // SAFETY: `__m128i` and `[u8; 16]` are both 16 plain bytes.
    let (a, b) = unsafe { (mem::transmute::<__m128i, [u8; 16]>(a), mem::transmute::<__m128i, [u8; 16]>(b)) };
    // SAFETY: as above.
    unsafe { mem::transmute::<[u8; 16], __m128i>(pshufb_lanes(a, b)) }
}

/// The lanes of [`kiln_rt_x86_pshufb`], for every architecture (and tests).
pub fn pshufb_lanes(a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
    core::array::from_fn(|i| if b[i] & 0x80 != 0 { 0 } else { a[usize::from(b[i] & 15)] })
}

const OK: u32 = 0;
const TRAP: u32 = 1;

fn status(ok: bool) -> u32 {
    if ok {
        OK
    } else {
        TRAP
    }
}

/// # Safety
/// Only compiled code calls these, passing its own live vmctx.
unsafe fn instance<'a>(vmctx: *mut VMContext) -> &'a Instance {
    // SAFETY: guaranteed by the caller.
    unsafe { Instance::from_vmctx(vmctx) }
}

/// `memory.grow`: old size in pages, or -1.
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_memory_grow(vmctx: *mut VMContext, mem: u32, delta: u64) -> i64 {
    // SAFETY: guaranteed by the caller.
    let instance = unsafe { instance(vmctx) };
    instance.memory(mem).and_then(|m| m.grow(delta)).map_or(-1, |old| old as i64)
}

/// `memory.fill`.
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_memory_fill(vmctx: *mut VMContext, mem: u32, dst: u64, val: u32, len: u64) -> u32 {
    // SAFETY: guaranteed by the caller.
    let Some(m) = (unsafe { instance(vmctx) }).memory(mem) else { return TRAP };
    if !m.in_bounds(dst, len) {
        return TRAP;
    }
    // SAFETY: the range is inside the committed memory.
    unsafe { core::ptr::write_bytes(m.base().add(dst as usize), val as u8, len as usize) };
    OK
}

/// `memory.copy` (overlapping ranges allowed).
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_memory_copy(
    vmctx: *mut VMContext,
    dst_mem: u32,
    src_mem: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> u32 {
    // SAFETY: guaranteed by the caller.
    let instance = unsafe { instance(vmctx) };
    let (Some(d), Some(s)) = (instance.memory(dst_mem), instance.memory(src_mem)) else { return TRAP };
    if !d.in_bounds(dst, len) || !s.in_bounds(src, len) {
        return TRAP;
    }
    // SAFETY: both ranges are inside committed memory; `copy` is memmove.
    unsafe { core::ptr::copy(s.base().add(src as usize), d.base().add(dst as usize), len as usize) };
    OK
}

/// `memory.init` from data segment `data` (a dropped segment has length 0).
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_memory_init(
    vmctx: *mut VMContext,
    mem: u32,
    data: u32,
    dst: u64,
    src: u32,
    len: u32,
) -> u32 {
    // SAFETY: guaranteed by the caller.
    let instance = unsafe { instance(vmctx) };
    let (Some(m), Some(bytes)) = (instance.memory(mem), instance.data_segment(data)) else { return TRAP };
    let Some(bytes) = bytes.get(src as usize..(src as usize).saturating_add(len as usize)) else { return TRAP };
    if !m.in_bounds(dst, u64::from(len)) {
        return TRAP;
    }
    // SAFETY: the destination is inside committed memory; segments are
    // read-only module data, never inside a linear memory.
    unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), m.base().add(dst as usize), bytes.len()) };
    OK
}

/// `data.drop`.
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_data_drop(vmctx: *mut VMContext, data: u32) {
    // SAFETY: guaranteed by the caller.
    unsafe { instance(vmctx) }.drop_data(data)
}

/// `table.grow`: old size, or -1.
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_table_grow(vmctx: *mut VMContext, table: u32, init: usize, delta: u64) -> i64 {
    // SAFETY: guaranteed by the caller.
    let instance = unsafe { instance(vmctx) };
    instance.table(table).and_then(|t| t.grow(delta, init)).map_or(-1, |old| old as i64)
}

/// `table.fill`.
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_table_fill(vmctx: *mut VMContext, table: u32, dst: u64, val: usize, len: u64) -> u32 {
    // SAFETY: guaranteed by the caller.
    let instance = unsafe { instance(vmctx) };
    status(instance.table(table).is_some_and(|t| t.fill(dst, val, len)))
}

/// `table.copy` (overlapping ranges allowed).
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_table_copy(
    vmctx: *mut VMContext,
    dst_table: u32,
    src_table: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> u32 {
    // SAFETY: guaranteed by the caller.
    let instance = unsafe { instance(vmctx) };
    let (Some(d), Some(s)) = (instance.table(dst_table), instance.table(src_table)) else { return TRAP };
    status(d.copy_from(s, dst, src, len))
}

/// `table.init` from element segment `elem` (a dropped segment has length 0).
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_table_init(
    vmctx: *mut VMContext,
    table: u32,
    elem: u32,
    dst: u64,
    src: u32,
    len: u32,
) -> u32 {
    // SAFETY: guaranteed by the caller.
    let instance = unsafe { instance(vmctx) };
    let (Some(t), Some(values)) = (instance.table(table), instance.elem_segment(elem)) else { return TRAP };
    let Some(values) = values.get(src as usize..(src as usize).saturating_add(len as usize)) else { return TRAP };
    status(t.init(dst, values))
}

/// `elem.drop`.
///
/// # Safety
/// `vmctx` must be a live instance's vmctx.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_elem_drop(vmctx: *mut VMContext, elem: u32) {
    // SAFETY: guaranteed by the caller.
    unsafe { instance(vmctx) }.drop_elem(elem)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pshufb_zeroes_lanes_with_the_high_bit() {
        let a: [u8; 16] = core::array::from_fn(|i| i as u8 + 100);
        let mut b = [0u8; 16];
        b[0] = 15;
        b[1] = 0x80;
        b[2] = 0x11;
        let r = super::pshufb_lanes(a, b);
        assert_eq!(&r[..4], &[115, 0, 101, 100]);
    }
}
