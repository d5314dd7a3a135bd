//! The global allocator of the archive, over mmap.
//!
//! Data flow: requests up to [`MAX_SMALL`] bytes (size and alignment
//! rounded up to a power of two, at least 16) come from per-size-class free
//! lists, refilled by carving 64 KiB arenas; freed blocks go back on their
//! class's list. Larger requests get their own page-aligned mapping, which
//! `realloc` resizes with mremap. Each class has its own spin lock; the
//! runtime allocates only at instantiation and in a few host calls.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;
use core::sync::atomic::{AtomicBool, Ordering};
use kiln_runtime::sys;

const MIN_SHIFT: u32 = 4;
const MAX_SHIFT: u32 = 12;
/// Largest block served from a size class.
pub const MAX_SMALL: usize = 1 << MAX_SHIFT;
const CLASSES: usize = (MAX_SHIFT - MIN_SHIFT + 1) as usize;
const ARENA: usize = 64 << 10;

struct Class {
    locked: AtomicBool,
    /// Head of the free list (each free block starts with the next pointer)
    /// and the unused rest of the current arena.
    state: UnsafeCell<ClassState>,
}

struct ClassState {
    free: *mut u8,
    bump: usize,
    end: usize,
}

pub struct Allocator {
    classes: [Class; CLASSES],
}

// SAFETY: every class's state is only touched under its lock.
unsafe impl Sync for Allocator {}

impl Allocator {
    pub const fn new() -> Allocator {
        Allocator {
            classes: [const {
                Class {
                    locked: AtomicBool::new(false),
                    state: UnsafeCell::new(ClassState { free: null_mut(), bump: 0, end: 0 }),
                }
            }; CLASSES],
        }
    }
}

impl Default for Allocator {
    fn default() -> Self {
        Allocator::new()
    }
}

/// The size class of a layout, or `None` for a large allocation.
fn class_of(layout: &Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
    (size <= MAX_SMALL).then(|| (size.next_power_of_two().trailing_zeros() - MIN_SHIFT) as usize)
}

fn round_to_pages(n: usize) -> Option<usize> {
    let page = sys::page_size();
    n.checked_add(page - 1).map(|n| n & !(page - 1))
}

impl Class {
    fn with<R>(&self, f: impl FnOnce(&mut ClassState) -> R) -> R {
        while self.locked.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            core::hint::spin_loop();
        }
        // SAFETY: the lock gives exclusive access.
        let r = f(unsafe { &mut *self.state.get() });
        self.locked.store(false, Ordering::Release);
        r
    }
}

fn alloc_small(class: &Class, block: usize) -> *mut u8 {
    class.with(|s| {
        if !s.free.is_null() {
            let block_ptr = s.free;
            // SAFETY: free blocks start with the next free block's address.
            s.free = unsafe { block_ptr.cast::<*mut u8>().read() };
            return block_ptr;
        }
        if s.end - s.bump < block {
            let Ok(arena) = sys::map(ARENA) else { return null_mut() };
            s.bump = arena as usize;
            s.end = arena as usize + ARENA;
        }
        // Arenas are page-aligned and blocks are powers of two up to a
        // page, so consecutive blocks stay aligned to their size.
        let p = s.bump as *mut u8;
        s.bump += block;
        p
    })
}

fn alloc_large(layout: &Layout) -> *mut u8 {
    let Some(len) = round_to_pages(layout.size()) else { return null_mut() };
    let page = sys::page_size();
    if layout.align() <= page {
        return sys::map(len).unwrap_or(null_mut());
    }
    // Over-allocate, then trim to an aligned `len` bytes.
    let Some(total) = len.checked_add(layout.align()) else { return null_mut() };
    let Ok(raw) = sys::map(total) else { return null_mut() };
    let start = (raw as usize + layout.align() - 1) & !(layout.align() - 1);
    let (head, tail) = (start - raw as usize, total - (start - raw as usize) - len);
    // SAFETY: the trimmed pieces are ours and unreferenced.
    let trimmed = unsafe {
        (head == 0 || sys::unmap(raw, head).is_ok())
            && (tail == 0 || sys::unmap((start + len) as *mut u8, tail).is_ok())
    };
    // munmap of page-aligned pieces of our own mapping fails only on a bug;
    // even then the block is usable, the pieces just stay mapped.
    debug_assert!(trimmed, "cannot trim an over-aligned mapping");
    start as *mut u8
}

// SAFETY: blocks are distinct, sized and aligned as requested; freed blocks
// are only reused after `dealloc`.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(&layout) {
            Some(c) => alloc_small(&self.classes[c], 1 << (c as u32 + MIN_SHIFT)),
            None => alloc_large(&layout),
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match class_of(&layout) {
            Some(_) => {
                // SAFETY: forwarded contract.
                let p = unsafe { self.alloc(layout) };
                if !p.is_null() {
                    // SAFETY: a fresh block of at least `size` bytes.
                    unsafe { core::ptr::write_bytes(p, 0, layout.size()) };
                }
                p
            }
            // Fresh mappings are zero-filled.
            None => alloc_large(&layout),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class_of(&layout) {
            Some(c) => self.classes[c].with(|s| {
                // SAFETY: the block is ours again and big enough for a pointer.
                unsafe { ptr.cast::<*mut u8>().write(s.free) };
                s.free = ptr;
            }),
            None => {
                if let Some(len) = round_to_pages(layout.size()) {
                    // SAFETY: the caller returns a whole large mapping.
                    let unmapped = unsafe { sys::unmap(ptr, len) };
                    // Fails only on a bug; the mapping then just leaks.
                    debug_assert!(unmapped.is_ok(), "cannot unmap a large block: {unmapped:?}");
                }
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return null_mut() };
        let (old_class, new_class) = (class_of(&layout), class_of(&new_layout));
        if old_class.is_some() && old_class == new_class {
            return ptr;
        }
        if old_class.is_none() && new_class.is_none() && layout.align() <= sys::page_size() {
            let (Some(old_len), Some(new_len)) = (round_to_pages(layout.size()), round_to_pages(new_size)) else {
                return null_mut();
            };
            if old_len == new_len {
                return ptr;
            }
            // SAFETY: `ptr` is a whole large mapping of `old_len` bytes.
            return unsafe { sys::remap(ptr, old_len, new_len) }.unwrap_or(null_mut());
        }
        // SAFETY: forwarded contract.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks hold at least the smaller size and are
            // distinct.
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

#[cfg(not(test))]
#[global_allocator]
static GLOBAL: Allocator = Allocator::new();

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    #[test]
    fn blocks_are_aligned_distinct_and_reused() {
        let a = Allocator::new();
        let mut seen = Vec::new();
        for (size, align) in [(1, 1), (24, 8), (100, 16), (4096, 4096), (5000, 8), (10, 8192), (70000, 16)] {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: non-zero sizes.
            let p = unsafe { a.alloc_zeroed(layout) };
            assert!(!p.is_null() && (p as usize).is_multiple_of(align), "{size}/{align}");
            // SAFETY: the block holds `size` bytes.
            unsafe {
                assert!(core::slice::from_raw_parts(p, size).iter().all(|&b| b == 0));
                core::ptr::write_bytes(p, 0xa5, size);
            }
            seen.push((p, layout));
        }
        for w in seen.windows(2) {
            assert_ne!(w[0].0, w[1].0);
        }
        let (p, layout) = seen[2];
        // SAFETY: returning and re-requesting the same class.
        unsafe {
            a.dealloc(p, layout);
            assert_eq!(a.alloc(layout), p);
        }
    }

    #[test]
    fn realloc_keeps_contents_across_classes_and_mappings() {
        let a = Allocator::new();
        let layout = Layout::from_size_align(10, 8).unwrap();
        // SAFETY: all sizes non-zero; each realloc returns the new block.
        unsafe {
            let mut p = a.alloc(layout);
            for i in 0..10 {
                *p.add(i) = i as u8;
            }
            let mut size = 10;
            for new_size in [12, 300, 5000, 200_000, 9000, 40] {
                p = a.realloc(p, Layout::from_size_align(size, 8).unwrap(), new_size);
                assert!(!p.is_null());
                for i in 0..10 {
                    assert_eq!(*p.add(i), i as u8, "after realloc to {new_size}");
                }
                size = new_size;
            }
            a.dealloc(p, Layout::from_size_align(size, 8).unwrap());
        }
    }
}
