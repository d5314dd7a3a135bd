//! Tables: vectors of pointer-sized references (`*const VMFuncRef` for
//! funcref, an opaque non-zero word for externref, 0 = null). Compiled code
//! reads and writes elements through `VMTable.base`, which moves on grow.

use alloc::vec::Vec;
use core::cell::UnsafeCell;
use kiln_abi::VMTable;

/// The most elements a table may have in this runtime: growth beyond fails
/// (returns -1) and larger minimums fail instantiation. 10 M elements =
/// 80 MiB, far above what real programs use.
pub const MAX_TABLE_ELEMENTS: u64 = 10_000_000;

pub struct Table {
    /// Read by compiled code through the vmctx's table pointer.
    vm: UnsafeCell<VMTable>,
    elements: UnsafeCell<Vec<usize>>,
    max: u64,
}

impl Table {
    /// A table of `min` null elements; `None` if the runtime limit or the
    /// allocator refuses.
    pub fn new(min: u64, max: Option<u64>) -> Option<Table> {
        let max = max.unwrap_or(u64::from(u32::MAX)).min(MAX_TABLE_ELEMENTS);
        if min > max {
            return None;
        }
        let mut elements = Vec::new();
        elements.try_reserve_exact(min as usize).ok()?;
        elements.resize(min as usize, 0);
        let vm = VMTable { base: elements.as_mut_ptr(), length: min };
        Some(Table { vm: UnsafeCell::new(vm), elements: UnsafeCell::new(elements), max })
    }

    /// The record compiled code reads (`base`, `length`).
    pub fn vm_ptr(&self) -> *mut VMTable {
        self.vm.get()
    }

    pub fn len(&self) -> u64 {
        // SAFETY: plain read of a word only this thread writes.
        unsafe { (*self.vm.get()).length }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn max(&self) -> u64 {
        self.max
    }

    /// The elements.
    ///
    /// # Safety
    /// No compiled code may run while the slice lives.
    #[allow(clippy::mut_from_ref, reason = "elements are shared with compiled code through raw pointers")]
    unsafe fn elements(&self) -> &mut [usize] {
        // SAFETY: instances are single-threaded and the caller keeps
        // compiled code out; the Vec itself is only resized by `grow`.
        unsafe { (*self.elements.get()).as_mut_slice() }
    }

    pub fn get(&self, index: u64) -> Option<usize> {
        // SAFETY: a short read while no compiled code runs on this thread.
        unsafe { self.elements() }.get(usize::try_from(index).ok()?).copied()
    }

    /// Sets one element; false if out of bounds.
    pub fn set(&self, index: u64, value: usize) -> bool {
        let Some(range) = self.range(index, 1) else { return false };
        // SAFETY: as `get`.
        (unsafe { self.elements() })[range.start] = value;
        true
    }

    /// `table.grow`: the old size, or `None` past the maximum, past
    /// `--max-table-elements` ([`crate::limits::max_table_elements`]) or
    /// when out of memory.
    pub fn grow(&self, delta: u64, init: usize) -> Option<u64> {
        let old = self.len();
        let new = old.checked_add(delta).filter(|&n| n <= self.max)?;
        if crate::limits::max_table_elements().is_some_and(|limit| new > limit) {
            return None;
        }
        // SAFETY: no compiled code runs during a libcall's grow, and the
        // record is updated before it resumes.
        unsafe {
            let elements = &mut *self.elements.get();
            elements.try_reserve_exact(delta as usize).ok()?;
            elements.resize(new as usize, init);
            *self.vm.get() = VMTable { base: elements.as_mut_ptr(), length: new };
        }
        Some(old)
    }

    /// `table.fill`; false (nothing written) if out of bounds.
    pub fn fill(&self, dst: u64, value: usize, len: u64) -> bool {
        let Some(range) = self.range(dst, len) else { return false };
        // SAFETY: as `get`.
        (unsafe { self.elements() })[range].fill(value);
        true
    }

    /// `table.copy` within this table (overlap allowed); false if either
    /// range is out of bounds.
    pub fn copy_within(&self, dst: u64, src: u64, len: u64) -> bool {
        let (Some(d), Some(s)) = (self.range(dst, len), self.range(src, len)) else { return false };
        // SAFETY: as `get`.
        unsafe { self.elements() }.copy_within(s, d.start);
        true
    }

    /// `table.copy` from another table; false if either range is out of
    /// bounds.
    pub fn copy_from(&self, src_table: &Table, dst: u64, src: u64, len: u64) -> bool {
        if core::ptr::eq(self, src_table) {
            return self.copy_within(dst, src, len);
        }
        let (Some(d), Some(s)) = (self.range(dst, len), src_table.range(src, len)) else { return false };
        // SAFETY: distinct tables, so the two slices do not alias.
        unsafe { self.elements()[d].copy_from_slice(&src_table.elements()[s]) };
        true
    }

    /// Writes `values` at `dst` (`table.init`, active segments); false (and
    /// nothing written) if out of bounds.
    pub fn init(&self, dst: u64, values: &[usize]) -> bool {
        let Some(range) = self.range(dst, values.len() as u64) else { return false };
        // SAFETY: as `get`; `values` is never one of our own tables.
        (unsafe { self.elements() })[range].copy_from_slice(values);
        true
    }

    fn range(&self, start: u64, len: u64) -> Option<core::ops::Range<usize>> {
        let end = start.checked_add(len).filter(|&e| e <= self.len())?;
        Some(start as usize..end as usize)
    }
}
