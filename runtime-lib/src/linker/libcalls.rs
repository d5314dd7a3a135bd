//! The runtime functions compiled code calls, for modules instantiated as
//! [`LinkedInstance`]s: the same contract as [`crate::libcalls`] (see
//! `kiln_abi::symbols::libcall`), reaching memories, tables and segments
//! through the linked instance, whose memories and tables may be another
//! instance's. A loader binds them by name with [`libcall_address`].

use super::LinkedInstance;
use kiln_abi::symbols::libcall;
use kiln_abi::VMContext;

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
/// Only compiled code of a linked module calls these, passing its own vmctx.
unsafe fn instance<'a>(vmctx: *mut VMContext) -> &'a LinkedInstance {
    // SAFETY: guaranteed by the caller.
    unsafe { LinkedInstance::from_vmctx(vmctx) }
}

/// The address of libcall `name` for linked modules.
pub fn libcall_address(name: &str) -> Option<usize> {
    let f: *const () = match name {
        libcall::MEMORY_GROW => memory_grow as *const (),
        libcall::MEMORY_FILL => memory_fill as *const (),
        libcall::MEMORY_COPY => memory_copy as *const (),
        libcall::MEMORY_INIT => memory_init as *const (),
        libcall::DATA_DROP => data_drop as *const (),
        libcall::TABLE_GROW => table_grow as *const (),
        libcall::TABLE_FILL => table_fill as *const (),
        libcall::TABLE_COPY => table_copy as *const (),
        libcall::TABLE_INIT => table_init as *const (),
        libcall::ELEM_DROP => elem_drop as *const (),
        _ => return None,
    };
    Some(f as usize)
}

unsafe extern "C" fn memory_grow(vmctx: *mut VMContext, mem: u32, delta: u64) -> i64 {
    // SAFETY: compiled code passes its own vmctx.
    let instance = unsafe { instance(vmctx) };
    instance.memory(mem).and_then(|m| m.grow(delta)).map_or(-1, |old| old as i64)
}

unsafe extern "C" fn memory_fill(vmctx: *mut VMContext, mem: u32, dst: u64, val: u32, len: u64) -> u32 {
    // SAFETY: compiled code passes its own vmctx.
    let Some(m) = (unsafe { instance(vmctx) }).memory(mem) else { return TRAP };
    if !m.in_bounds(dst, len) {
        return TRAP;
    }
    // SAFETY: the range is inside the committed memory.
    unsafe { core::ptr::write_bytes(m.base().add(dst as usize), val as u8, len as usize) };
    OK
}

unsafe extern "C" fn memory_copy(
    vmctx: *mut VMContext,
    dst_mem: u32,
    src_mem: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> u32 {
    // SAFETY: compiled code passes its own vmctx.
    let instance = unsafe { instance(vmctx) };
    let (Some(d), Some(s)) = (instance.memory(dst_mem), instance.memory(src_mem)) else { return TRAP };
    if !d.in_bounds(dst, len) || !s.in_bounds(src, len) {
        return TRAP;
    }
    // SAFETY: both ranges are inside committed memory; `copy` is memmove.
    unsafe { core::ptr::copy(s.base().add(src as usize), d.base().add(dst as usize), len as usize) };
    OK
}

unsafe extern "C" fn memory_init(vmctx: *mut VMContext, mem: u32, data: u32, dst: u64, src: u32, len: u32) -> u32 {
    // SAFETY: compiled code passes its own vmctx.
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

unsafe extern "C" fn data_drop(vmctx: *mut VMContext, data: u32) {
    // SAFETY: compiled code passes its own vmctx.
    unsafe { instance(vmctx) }.drop_data(data)
}

unsafe extern "C" fn table_grow(vmctx: *mut VMContext, table: u32, init: usize, delta: u64) -> i64 {
    // SAFETY: compiled code passes its own vmctx.
    let instance = unsafe { instance(vmctx) };
    instance.table(table).and_then(|t| t.grow(delta, init)).map_or(-1, |old| old as i64)
}

unsafe extern "C" fn table_fill(vmctx: *mut VMContext, table: u32, dst: u64, val: usize, len: u64) -> u32 {
    // SAFETY: compiled code passes its own vmctx.
    let instance = unsafe { instance(vmctx) };
    status(instance.table(table).is_some_and(|t| t.fill(dst, val, len)))
}

unsafe extern "C" fn table_copy(
    vmctx: *mut VMContext,
    dst_table: u32,
    src_table: u32,
    dst: u64,
    src: u64,
    len: u64,
) -> u32 {
    // SAFETY: compiled code passes its own vmctx.
    let instance = unsafe { instance(vmctx) };
    let (Some(d), Some(s)) = (instance.table(dst_table), instance.table(src_table)) else { return TRAP };
    status(d.copy_from(s, dst, src, len))
}

unsafe extern "C" fn table_init(vmctx: *mut VMContext, table: u32, elem: u32, dst: u64, src: u32, len: u32) -> u32 {
    // SAFETY: compiled code passes its own vmctx.
    let instance = unsafe { instance(vmctx) };
    let (Some(t), Some(values)) = (instance.table(table), instance.elem_segment(elem)) else { return TRAP };
    let Some(values) = values.get(src as usize..(src as usize).saturating_add(len as usize)) else { return TRAP };
    status(t.init(dst, values))
}

unsafe extern "C" fn elem_drop(vmctx: *mut VMContext, elem: u32) {
    // SAFETY: compiled code passes its own vmctx.
    unsafe { instance(vmctx) }.drop_elem(elem)
}
