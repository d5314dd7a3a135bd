//! Checked access to the calling instance's memory 0. Every guest pointer
//! and length is validated against the memory's current length before use,
//! so a bad pointer yields `EFAULT` instead of a fault. WASI preview1's
//! pointers are 32-bit: a 64-bit memory 0 is no memory to it (`EFAULT`;
//! the compiler already refuses imports of the functions that take
//! pointers in such a module).

use super::errno::{self, Errno};
use super::WasiCtx;
use crate::instance::Instance;
use kiln_abi::VMContext;

pub struct Guest {
    base: *mut u8,
    len: u64,
    /// The calling instance's WASI context.
    wasi: *const WasiCtx,
}

impl Guest {
    /// Memory 0 of the instance owning `vmctx`; `EFAULT` if it has none.
    ///
    /// # Safety
    /// `vmctx` must be a live instance's vmctx (host functions receive the
    /// caller's).
    pub unsafe fn from_vmctx(vmctx: *mut VMContext) -> Result<Guest, Errno> {
        // SAFETY: guaranteed by the caller.
        let instance = unsafe { Instance::from_vmctx(vmctx) };
        let memory = instance.memory(0).filter(|m| !m.ty().memory64).ok_or(errno::FAULT)?;
        Ok(Guest { base: memory.base(), len: memory.len(), wasi: instance.wasi() })
    }

    /// The WASI context of the instance whose memory this is.
    pub fn wasi(&self) -> &WasiCtx {
        // SAFETY: the context outlives the host call (it belongs to the
        // calling instance, or is the process default).
        unsafe { &*self.wasi }
    }

    /// A guest view of raw bytes (for tests and embedders), with the
    /// process default WASI context.
    ///
    /// # Safety
    /// `[base, base + len)` must stay valid and otherwise unreferenced while
    /// the view is used.
    pub unsafe fn from_raw(base: *mut u8, len: u64) -> Guest {
        Guest { base, len, wasi: super::default_ctx() }
    }

    /// The host address of guest range `[ptr, ptr + len)`, or `EFAULT`.
    pub fn check(&self, ptr: u32, len: u64) -> Result<*mut u8, Errno> {
        let end = u64::from(ptr).checked_add(len).ok_or(errno::FAULT)?;
        if end > self.len {
            return Err(errno::FAULT);
        }
        // SAFETY: in bounds of the memory.
        Ok(unsafe { self.base.add(ptr as usize) })
    }

    /// Shared view of a guest range.
    pub fn slice(&self, ptr: u32, len: u32) -> Result<&[u8], Errno> {
        let p = self.check(ptr, u64::from(len))?;
        // SAFETY: checked in bounds; wasm is suspended during host calls.
        Ok(unsafe { core::slice::from_raw_parts(p, len as usize) })
    }

    /// Exclusive view of a guest range. Callers keep at most one such view
    /// (and no other) alive at a time.
    #[allow(clippy::mut_from_ref, reason = "guest memory is shared with compiled code through raw pointers")]
    pub fn slice_mut(&self, ptr: u32, len: u32) -> Result<&mut [u8], Errno> {
        let p = self.check(ptr, u64::from(len))?;
        // SAFETY: checked in bounds; exclusivity per the doc comment.
        Ok(unsafe { core::slice::from_raw_parts_mut(p, len as usize) })
    }

    pub fn read_u32(&self, ptr: u32) -> Result<u32, Errno> {
        let p = self.check(ptr, 4)?;
        // SAFETY: checked in bounds; guest data has no alignment guarantee.
        Ok(u32::from_le(unsafe { p.cast::<u32>().read_unaligned() }))
    }

    pub fn write_u32(&self, ptr: u32, value: u32) -> Result<(), Errno> {
        self.write_bytes(ptr, &value.to_le_bytes())
    }

    pub fn write_u64(&self, ptr: u32, value: u64) -> Result<(), Errno> {
        self.write_bytes(ptr, &value.to_le_bytes())
    }

    pub fn write_bytes(&self, ptr: u32, bytes: &[u8]) -> Result<(), Errno> {
        let p = self.check(ptr, bytes.len() as u64)?;
        // SAFETY: checked in bounds; `bytes` is host data, not guest memory.
        unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
        Ok(())
    }
}
