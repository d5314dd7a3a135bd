//! The runtime functions compiled code calls, with the signatures
//! `kiln_abi::foreach_libcall!` lists (checked by `bind_libcalls!`). Bulk operations check
//! bounds before touching anything and return 0 on success, 1 when the
//! operation must trap (the compiled code then executes its trap
//! instruction); grow operations return the old size or -1. Indices that
//! name no memory/table/segment (impossible for validated code) trap too
//! rather than panic.

use crate::atomics::{kiln_rt_atomic_notify, kiln_rt_atomic_wait32, kiln_rt_atomic_wait64};
use crate::instance::Instance;
use crate::unwind::{kiln_rt_exn_new, kiln_rt_throw};
#[cfg(target_arch = "x86_64")]
use core::{arch::x86_64::__m128i, mem};
use kiln_abi::{Libcall, VMContext};

/// Binds every libcall of `kiln_abi::foreach_libcall!` to its definition
/// here through a function pointer of the listed type, so a definition
/// whose signature differs from the list does not compile.
macro_rules! bind_libcalls {
    ($( $(#[$doc:meta])* $variant:ident $symbol:ident ( $($param:ident : $ty:ident),* ) $(-> $ret:ident)? ; )*) => {
        /// The address of `libcall`'s definition.
        pub fn address(libcall: Libcall) -> usize {
            match libcall {
                $( Libcall::$variant => {
                    let f: unsafe extern "C" fn(*mut VMContext $(, kiln_abi::libcall_rust_type!($ty))*)
                        $(-> kiln_abi::libcall_rust_type!($ret))? = $symbol;
                    f as usize
                } )*
            }
        }
    };
}

kiln_abi::foreach_libcall!(bind_libcalls);

/// The address of the runtime function compiled code calls as `name`, for
/// loaders that bind compiled code to this runtime in-process (a linker
/// binds the `kiln_rt_*` symbols).
pub fn libcall_address(name: &str) -> Option<usize> {
    if let Some(libcall) = Libcall::from_symbol(name) {
        return Some(address(libcall));
    }
    #[cfg(target_arch = "x86_64")]
    if name == X86_PSHUFB {
        return Some(kiln_rt_x86_pshufb as *const () as usize);
    }
    None
}

/// The symbol Cranelift calls for `pshufb` (v128 shuffles and swizzles)
/// when compiling for x86_64 without SSSE3 (`--cpu x86-64`).
pub const X86_PSHUFB: &str = "__cranelift_x86_pshufb";

/// `pshufb` in software: lane `i` of the result is `a[b[i] & 15]`, or 0
/// when bit 7 of `b[i]` is set.
#[cfg(target_arch = "x86_64")]
#[no_mangle]
#[allow(
    improper_ctypes_definitions,
    reason = "`__m128i` travels in an xmm register, as C's does and Cranelift expects"
)]
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
