//! Linear memories: a fixed reservation of `MEMORY_RESERVATION` bytes of
//! inaccessible address space whose first `length` bytes are committed
//! read/write. Compiled code does no bounds checks: any access past
//! `length` lands in the reservation and faults, which the trap handler
//! reports as "out of bounds memory access". `base` never moves; for code
//! compiled with `--memory-base fixed` it is the address the code assumes.

use crate::sys;
use core::cell::UnsafeCell;
use kiln_abi::{VMMemory, MEMORY_RESERVATION, WASM_PAGE_SIZE};
use rustix::io::Errno;

/// The most pages a 32-bit memory can have (4 GiB).
pub const MAX_PAGES_32: u64 = 65536;

/// One linear memory, owned by its instance.
pub struct Memory {
    /// Read by compiled code through the vmctx's memory pointer.
    vm: UnsafeCell<VMMemory>,
    /// Maximum size in pages: the declared max, at most [`MAX_PAGES_32`].
    max_pages: u64,
}

impl Memory {
    /// Reserves the address space, at `fixed_base` when given (code compiled
    /// with the address as a constant), and commits `min_pages`.
    pub fn new(min_pages: u64, max_pages: Option<u64>, fixed_base: Option<usize>) -> Result<Memory, MemoryError> {
        let max_pages = max_pages.unwrap_or(MAX_PAGES_32).min(MAX_PAGES_32);
        if min_pages > max_pages {
            return Err(MemoryError::TooLarge);
        }
        let base = match fixed_base {
            None => sys::reserve(MEMORY_RESERVATION as usize).map_err(MemoryError::Reserve)?,
            Some(addr) => sys::reserve_at(addr, MEMORY_RESERVATION as usize).map_err(MemoryError::ReserveAt)?,
        };
        let memory = Memory { vm: UnsafeCell::new(VMMemory { base, length: 0 }), max_pages };
        // SAFETY: the range is the start of our own fresh reservation.
        unsafe { sys::commit(base, (min_pages * WASM_PAGE_SIZE) as usize) }.map_err(MemoryError::Commit)?;
        // SAFETY: no compiled code runs on this memory yet.
        unsafe { (*memory.vm.get()).length = min_pages * WASM_PAGE_SIZE };
        Ok(memory)
    }

    /// The record compiled code reads (`base`, `length`).
    pub fn vm_ptr(&self) -> *mut VMMemory {
        self.vm.get()
    }

    /// Start of the memory; never changes.
    pub fn base(&self) -> *mut u8 {
        // SAFETY: only `grow` writes the record, and never `base`.
        unsafe { (*self.vm.get()).base }
    }

    /// Current size in bytes.
    pub fn len(&self) -> u64 {
        // SAFETY: plain read of a word only this thread writes.
        unsafe { (*self.vm.get()).length }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Current size in pages.
    pub fn pages(&self) -> u64 {
        self.len() / WASM_PAGE_SIZE
    }

    pub fn max_pages(&self) -> u64 {
        self.max_pages
    }

    /// `memory.grow`: the old size in pages, or `None` if the memory cannot
    /// grow by `delta` pages (past its maximum or out of memory).
    pub fn grow(&self, delta: u64) -> Option<u64> {
        let old = self.pages();
        let new = old.checked_add(delta).filter(|&n| n <= self.max_pages)?;
        if delta > 0 {
            let old_len = old * WASM_PAGE_SIZE;
            // SAFETY: `[old_len, new * page)` lies inside our reservation,
            // whose size covers the 32-bit maximum.
            unsafe { sys::commit(self.base().add(old_len as usize), (delta * WASM_PAGE_SIZE) as usize) }.ok()?;
            // SAFETY: single-threaded instance; compiled code reloads length.
            unsafe { (*self.vm.get()).length = new * WASM_PAGE_SIZE };
        }
        Some(old)
    }

    /// Whether `[offset, offset + len)` is inside the memory.
    pub fn in_bounds(&self, offset: u64, len: u64) -> bool {
        offset.checked_add(len).is_some_and(|end| end <= self.len())
    }

    /// The whole memory as bytes.
    ///
    /// # Safety
    /// No compiled code or other reference may access the memory while the
    /// slice lives.
    pub unsafe fn as_slice(&self) -> &[u8] {
        // SAFETY: `[base, base + len)` is committed; aliasing is the
        // caller's obligation.
        unsafe { core::slice::from_raw_parts(self.base(), self.len() as usize) }
    }

    /// The whole memory as mutable bytes.
    ///
    /// # Safety
    /// As [`Memory::as_slice`], and no other slice of it may be live.
    #[allow(clippy::mut_from_ref, reason = "the memory is shared with compiled code through raw pointers")]
    pub unsafe fn as_mut_slice(&self) -> &mut [u8] {
        // SAFETY: as `as_slice`; exclusivity is the caller's obligation.
        unsafe { core::slice::from_raw_parts_mut(self.base(), self.len() as usize) }
    }
}

impl Drop for Memory {
    fn drop(&mut self) {
        // SAFETY: the instance owning this memory is being dropped, so no
        // compiled code can reach it any more.
        let unmapped = unsafe { sys::unmap(self.base(), MEMORY_RESERVATION as usize) };
        // munmap of our own whole reservation fails only on a runtime bug.
        debug_assert!(unmapped.is_ok(), "cannot unmap a linear memory: {unmapped:?}");
    }
}

/// Why a memory could not be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryError {
    TooLarge,
    Reserve(Errno),
    /// The fixed address was taken (`EEXIST`) or could not be mapped.
    ReserveAt(Errno),
    Commit(Errno),
}
