//! Linear memories: a fixed reservation of inaccessible address space
//! whose first `length` bytes are committed read/write. `base` never moves;
//! for code compiled with `--memory-base fixed` it is the address the code
//! assumes.
//!
//! Two kinds, as `kiln_abi::memory_bounds_checked` decides from the type:
//! - **Guarded** (32-bit index, 64 KiB pages): the reservation is
//!   `MEMORY_RESERVATION` bytes, so any `base + u32 index + u32 offset`
//!   lands in it; compiled code does no bounds checks, and an access past
//!   `length` faults, which the trap handler reports as "out of bounds
//!   memory access".
//! - **Bounds-checked** (64-bit index, or 1-byte pages): compiled code
//!   compares every access with `length`, so no guard region is needed. The
//!   reservation is what the memory may grow to: its declared maximum, at
//!   most [`CHECKED_RESERVATION_MAX`] bytes. A memory whose minimum is larger
//!   is refused; `memory.grow` past the reservation fails (returns -1).
//!   Reserved address space costs no memory (`MAP_NORESERVE`, committed
//!   lazily by the kernel page by page as it is touched).

use crate::error::InstantiateError;
use crate::linker::SharedMemory;
use crate::sys;
use alloc::rc::Rc;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use kiln_abi::{VMMemory, MEMORY_RESERVATION, WASM_PAGE_SIZE_LOG2};
use rustix::io::Errno;

/// The most pages a 32-bit memory of 64 KiB pages can have (4 GiB).
pub const MAX_PAGES_32: u64 = 65536;

/// The most address space a bounds-checked memory (64-bit index or 1-byte
/// pages) reserves, and so the largest it can grow to: 8 GiB, as much as a
/// guarded 32-bit memory reserves. Address space is reserved up front (the
/// base never moves), and the reservation itself is not free everywhere
/// kiln runs: qemu-user 7.2 keeps 24 bytes of bookkeeping per reserved 4 KiB
/// page (48 MB per 8 GiB), and RV64 with Sv39 has 256 GiB of user address
/// space in all.
pub const CHECKED_RESERVATION_MAX: u64 = 8 << 30;

/// The type of a memory: index width, page size and limits (in pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryType {
    pub min: u64,
    pub max: Option<u64>,
    /// 64-bit indices (`memory64`).
    pub memory64: bool,
    /// Log2 of the page size: 16 (64 KiB) or 0 (1 byte).
    pub page_size_log2: u32,
    /// A shared memory (threads). Its base never moves, as every memory's.
    pub shared: bool,
}

impl MemoryType {
    /// A 32-bit memory of 64 KiB pages (the Wasm 1.0 kind).
    pub fn new(min: u64, max: Option<u64>) -> MemoryType {
        MemoryType { min, max, memory64: false, page_size_log2: WASM_PAGE_SIZE_LOG2, shared: false }
    }

    /// The type a module declares, or `None` for a page size kiln does
    /// not know.
    pub fn from_decl(decl: &kiln_abi::MemoryDecl) -> Option<MemoryType> {
        if decl.page_size_log2 != 0 && decl.page_size_log2 != WASM_PAGE_SIZE_LOG2 {
            return None;
        }
        Some(MemoryType {
            min: decl.min,
            max: (decl.flags & kiln_abi::limits_flags::HAS_MAX != 0).then_some(decl.max),
            memory64: decl.flags & kiln_abi::limits_flags::MEMORY64 != 0,
            page_size_log2: decl.page_size_log2,
            shared: decl.flags & kiln_abi::limits_flags::SHARED != 0,
        })
    }

    /// Whether compiled code checks accesses explicitly.
    pub fn bounds_checked(&self) -> bool {
        kiln_abi::memory_bounds_checked(self.memory64, self.page_size_log2)
    }

    /// The most pages the index type can address: 2^32 bytes (or 2^64)
    /// in pages, less one for 1-byte pages so that the size fits the index.
    pub fn index_max_pages(&self) -> u64 {
        let bytes: u128 = if self.memory64 { 1 << 64 } else { 1 << 32 };
        let pages = bytes >> self.page_size_log2;
        if pages == bytes {
            (bytes - 1) as u64
        } else {
            pages as u64
        }
    }
}

/// One linear memory, owned by its instance.
pub struct Memory {
    /// Read by compiled code through the vmctx's memory pointer.
    vm: UnsafeCell<VMMemory>,
    ty: MemoryType,
    /// Maximum size in pages: the declared max, at most what the index
    /// type allows and (bounds-checked memories) what is reserved.
    max_pages: u64,
    /// Bytes of address space reserved at `base`.
    reserved: usize,
    /// Whether `own_limit` replaces the process's `--max-memory`.
    own: AtomicBool,
    /// This memory's own byte limit (`u64::MAX`: none).
    own_limit: AtomicU64,
}

/// `len` rounded up to a multiple of the host page size.
fn host_pages(len: u64) -> u64 {
    len.next_multiple_of(sys::page_size() as u64)
}

impl Memory {
    /// Reserves the address space, at `fixed_base` when given (code compiled
    /// with the address as a constant), and commits `ty.min` pages.
    pub fn new(ty: MemoryType, fixed_base: Option<usize>) -> Result<Memory, MemoryError> {
        let index_max = ty.index_max_pages();
        let mut max_pages = ty.max.unwrap_or(index_max).min(index_max);
        let reserved = if ty.bounds_checked() {
            max_pages = max_pages.min(CHECKED_RESERVATION_MAX >> ty.page_size_log2);
            // At least a page, so that even an empty memory has an address.
            host_pages((max_pages << ty.page_size_log2).max(1))
        } else {
            MEMORY_RESERVATION
        };
        if ty.min > max_pages {
            return Err(MemoryError::TooLarge { max_pages });
        }
        let base = match fixed_base {
            None => sys::reserve(reserved as usize).map_err(MemoryError::Reserve)?,
            Some(addr) => sys::reserve_at(addr, reserved as usize).map_err(MemoryError::ReserveAt)?,
        };
        let memory = Memory {
            vm: UnsafeCell::new(VMMemory { base, length: 0 }),
            ty,
            max_pages,
            reserved: reserved as usize,
            own: AtomicBool::new(false),
            own_limit: AtomicU64::new(u64::MAX),
        };
        let length = ty.min << ty.page_size_log2;
        // SAFETY: the range is the start of our own fresh reservation, which
        // holds `max_pages >= min` pages.
        unsafe { sys::commit(base, host_pages(length) as usize) }.map_err(MemoryError::Commit)?;
        // SAFETY: no compiled code runs on this memory yet.
        unsafe { (*memory.vm.get()).length = length };
        Ok(memory)
    }

    /// Gives the memory its own byte limit, in place of the process's
    /// `--max-memory` (`None`: unlimited).
    pub fn set_limit(&self, limit: Option<u64>) {
        self.own_limit.store(limit.unwrap_or(u64::MAX), Ordering::Relaxed);
        self.own.store(true, Ordering::Release);
    }

    /// The byte limit `memory.grow` enforces.
    fn limit(&self) -> Option<u64> {
        if self.own.load(Ordering::Acquire) {
            Some(self.own_limit.load(Ordering::Relaxed)).filter(|&v| v != u64::MAX)
        } else {
            crate::limits::max_memory()
        }
    }

    /// The memory's type (its minimum as declared, not its current size).
    pub fn ty(&self) -> &MemoryType {
        &self.ty
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

    /// Current size in pages (of this memory's page size).
    pub fn pages(&self) -> u64 {
        self.len() >> self.ty.page_size_log2
    }

    pub fn max_pages(&self) -> u64 {
        self.max_pages
    }

    /// `memory.grow`: the old size in pages, or `None` if the memory cannot
    /// grow by `delta` pages (past its maximum, past its reservation, past
    /// `--max-memory` ([`crate::limits::max_memory`]) or the memory's own
    /// limit ([`Memory::set_limit`]), or out of memory).
    pub fn grow(&self, delta: u64) -> Option<u64> {
        let old = self.pages();
        let new = old.checked_add(delta).filter(|&n| n <= self.max_pages)?;
        if self.limit().is_some_and(|limit| (new << self.ty.page_size_log2) > limit) {
            return None;
        }
        if delta > 0 {
            let (old_len, new_len) = (self.len(), new << self.ty.page_size_log2);
            // Host pages are committed whole: with 1-byte pages the last one
            // may already be.
            let (from, to) = (host_pages(old_len), host_pages(new_len));
            if to > from {
                // SAFETY: `[from, to)` lies inside our reservation, which
                // covers `max_pages` pages rounded up to host pages.
                unsafe { sys::commit(self.base().add(from as usize), (to - from) as usize) }.ok()?;
            }
            // SAFETY: single-threaded instance; compiled code reloads length.
            unsafe { (*self.vm.get()).length = new_len };
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
        let unmapped = unsafe { sys::unmap(self.base(), self.reserved) };
        // munmap of our own whole reservation fails only on a runtime bug.
        debug_assert!(unmapped.is_ok(), "cannot unmap a linear memory: {unmapped:?}");
    }
}

/// Why a memory could not be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryError {
    /// The minimum exceeds `max_pages`, the most this memory can have
    /// (the index type's limit, or for a bounds-checked memory
    /// [`CHECKED_RESERVATION_MAX`]).
    TooLarge {
        max_pages: u64,
    },
    Reserve(Errno),
    /// The fixed address was taken (`EEXIST`) or could not be mapped.
    ReserveAt(Errno),
    Commit(Errno),
}

/// Creates defined memory `index` of module `name` as `decl` declares it,
/// with the limit of `own` (an instance's own limits) or else the process's.
pub(crate) fn instantiate(
    name: &'static str,
    index: u32,
    decl: &kiln_abi::MemoryDecl,
    own: Option<&crate::limits::InstanceLimits>,
) -> Result<SharedMemory, InstantiateError> {
    let unsupported = |feature| InstantiateError::Unsupported { module: name, feature, item: "memory", index };
    let ty = MemoryType::from_decl(decl).ok_or(unsupported("a page size other than 1 or 65536 bytes"))?;
    if let Some(limit) = own.map_or_else(crate::limits::max_memory, |l| l.max_memory) {
        let bytes = ty.min.saturating_mul(1 << ty.page_size_log2);
        if bytes > limit {
            return Err(InstantiateError::MemoryLimit { module: name, index, bytes, limit });
        }
    }
    let fixed_base = (decl.fixed_base != 0).then_some(decl.fixed_base as usize);
    let memory = Memory::new(ty, fixed_base).map_err(|e| match e {
        MemoryError::TooLarge { max_pages } => InstantiateError::MemoryTooLarge {
            module: name,
            index,
            pages: ty.min,
            page_size: 1 << ty.page_size_log2,
            max_pages,
        },
        MemoryError::Reserve(errno) => InstantiateError::MemoryReserve { module: name, index, errno },
        MemoryError::ReserveAt(errno) => {
            InstantiateError::MemoryFixedBase { module: name, index, address: decl.fixed_base, errno }
        }
        MemoryError::Commit(errno) => InstantiateError::MemoryCommit { module: name, index, pages: decl.min, errno },
    })?;
    if let Some(own) = own {
        memory.set_limit(own.max_memory);
    }
    Ok(SharedMemory { memory: Rc::new(memory), max: ty.max })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_types_bound_the_page_count() {
        let ty = |memory64, page_size_log2| MemoryType { min: 0, max: None, memory64, page_size_log2, shared: false };
        assert_eq!(ty(false, 16).index_max_pages(), 65536);
        assert_eq!(ty(false, 0).index_max_pages(), u32::MAX as u64);
        assert_eq!(ty(true, 16).index_max_pages(), 1 << 48);
        assert_eq!(ty(true, 0).index_max_pages(), u64::MAX);
        assert!(!ty(false, 16).bounds_checked());
        assert!(ty(true, 16).bounds_checked() && ty(false, 0).bounds_checked());
    }
}
