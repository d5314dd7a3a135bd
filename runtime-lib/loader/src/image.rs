//! The mapped image: one anonymous mapping holding code, read-only data and
//! writable data in three page-aligned parts, unmapped on drop.

use crate::error::LoadError;
use crate::reloc::Arch;
use rustix::mm::{self, MapFlags, MprotectFlags, ProtFlags};
use std::collections::HashMap;
use std::ffi::c_void;
use std::ops::Range;
use std::ptr::NonNull;

/// An anonymous private mapping, read-write until [`Mapping::protect`].
pub(crate) struct Mapping {
    ptr: NonNull<u8>,
    len: usize,
}

impl Mapping {
    /// Maps `len` bytes; with `low`, below 2 GiB (x86_64 Linux only), for
    /// code that holds absolute addresses in 32-bit fields.
    pub(crate) fn new(len: usize, low: bool) -> Result<Mapping, LoadError> {
        let mut flags = MapFlags::PRIVATE;
        if low && cfg!(all(target_arch = "x86_64", target_os = "linux")) {
            // MAP_32BIT: rustix has no name for it, the kernel knows it.
            flags |= MapFlags::from_bits_retain(0x40);
        }
        // SAFETY: a fresh anonymous mapping at an address the kernel picks
        // aliases nothing.
        let ptr = unsafe { mm::mmap_anonymous(std::ptr::null_mut(), len, ProtFlags::READ | ProtFlags::WRITE, flags) }
            .map_err(|errno| LoadError::Memory { op: "mmap", len, errno })?;
        let ptr = NonNull::new(ptr.cast::<u8>()).ok_or(LoadError::Memory {
            op: "mmap",
            len,
            errno: rustix::io::Errno::NOMEM,
        })?;
        Ok(Mapping { ptr, len })
    }

    pub(crate) fn addr(&self) -> u64 {
        self.ptr.as_ptr() as u64
    }

    /// The whole mapping as bytes; only used before any part is protected.
    pub(crate) fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: the mapping is `len` bytes, readable and writable until
        // protect() is called (callers only use this before), and `&mut self`
        // makes the slice unique.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }

    /// Faults in the first `len` bytes at once, which costs a fraction of
    /// taking one page fault per page while copying. Only an optimization:
    /// kernels before Linux 5.14 refuse it and pages then fault in on first
    /// write, as they would anyway.
    pub(crate) fn populate(&self, len: usize) {
        let len = len.min(self.len);
        if len == 0 {
            return;
        }
        // SAFETY: the range lies inside this mapping, which is read-write.
        let advised = unsafe { mm::madvise(self.ptr.as_ptr().cast::<c_void>(), len, mm::Advice::LinuxPopulateWrite) };
        if advised.is_err() {
            // Nothing to undo: the mapping is unchanged.
        }
    }

    /// Sets the protection of the page-aligned `range` (offsets).
    pub(crate) fn protect(&self, range: Range<usize>, flags: MprotectFlags) -> Result<(), LoadError> {
        if range.is_empty() {
            return Ok(());
        }
        let len = range.end - range.start;
        // SAFETY: `range` lies inside this mapping and starts on a page
        // boundary (the layout rounds every part to pages).
        unsafe { mm::mprotect(self.ptr.as_ptr().add(range.start).cast::<c_void>(), len, flags) }
            .map_err(|errno| LoadError::Memory { op: "mprotect", len, errno })
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: the mapping was created by Mapping::new with this length
        // and nothing borrows it once the owner is dropped.
        if let Err(errno) = unsafe { mm::munmap(self.ptr.as_ptr().cast::<c_void>(), self.len) } {
            // munmap of a whole mapping we own cannot fail; leaking it is the
            // only option if it somehow does.
            debug_assert!(false, "munmap failed: {errno}");
        }
    }
}

/// A loaded, relocated and protected object.
///
/// Code is read+execute, read-only data (including `.data.rel.ro` and the
/// GOT, which are read-only once relocated) is read-only, and writable data
/// is read-write; no page is ever writable and executable at once. Dropping
/// the image unmaps it, so no pointer obtained from it may be used after.
pub struct LoadedImage {
    pub(crate) map: Mapping,
    pub(crate) arch: Arch,
    pub(crate) text: Range<usize>,
    pub(crate) rodata: Range<usize>,
    pub(crate) data: Range<usize>,
    /// Defined global and weak symbols: name -> address.
    pub(crate) symbols: HashMap<Box<str>, usize>,
}

// SAFETY: the image owns its mapping exclusively and the loader never writes
// to it after load() returns; what the code inside does with its writable
// data is the caller's contract with that code, as with any shared library.
unsafe impl Send for LoadedImage {}
// SAFETY: as for Send; `&LoadedImage` only hands out addresses.
unsafe impl Sync for LoadedImage {}

impl LoadedImage {
    /// Address of defined global symbol `name` (e.g. `kiln_module_info`).
    /// Local symbols are not visible.
    pub fn symbol(&self, name: &str) -> Option<*const u8> {
        self.symbols.get(name).map(|&a| a as *const u8)
    }

    /// Every defined global symbol and its address, in no particular order.
    pub fn symbols(&self) -> impl Iterator<Item = (&str, *const u8)> {
        self.symbols.iter().map(|(k, &v)| (&**k, v as *const u8))
    }

    /// The architecture of the code.
    pub fn arch(&self) -> Arch {
        self.arch
    }

    /// Start of the mapping.
    pub fn base(&self) -> *const u8 {
        self.map.ptr.as_ptr()
    }

    /// Size of the mapping in bytes (whole pages).
    pub fn len(&self) -> usize {
        self.map.len
    }

    /// Always false: an image maps at least one page.
    pub fn is_empty(&self) -> bool {
        self.map.len == 0
    }

    fn absolute(&self, r: &Range<usize>) -> Range<usize> {
        let base = self.map.ptr.as_ptr() as usize;
        base + r.start..base + r.end
    }

    /// Addresses of the executable pages (code and call stubs), for a trap
    /// handler deciding whether a faulting PC is in loaded code.
    pub fn text(&self) -> Range<usize> {
        self.absolute(&self.text)
    }

    /// Addresses of the read-only pages (constants, relocated tables, GOT).
    pub fn rodata(&self) -> Range<usize> {
        self.absolute(&self.rodata)
    }

    /// Addresses of the read-write pages (`.data`, `.bss`).
    pub fn data(&self) -> Range<usize> {
        self.absolute(&self.data)
    }
}

impl std::fmt::Debug for LoadedImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedImage")
            .field("arch", &self.arch)
            .field("base", &self.base())
            .field("len", &self.len())
            .field("symbols", &self.symbols.len())
            .finish()
    }
}

/// Makes freshly written code visible to instruction fetch. x86_64 keeps
/// its caches coherent; on aarch64 the data cache is cleaned and the
/// instruction cache invalidated line by line, as `__clear_cache` does.
#[cfg(target_arch = "aarch64")]
pub(crate) fn flush_icache(range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    let ctr: u64;
    // SAFETY: reading CTR_EL0 is allowed at EL0 on Linux (the kernel sets
    // SCTLR_EL1.UCT or emulates the read).
    unsafe { core::arch::asm!("mrs {0}, ctr_el0", out(reg) ctr, options(nomem, nostack)) };
    let dline = 4usize << ((ctr >> 16) & 0xf);
    let iline = 4usize << (ctr & 0xf);
    let mut a = range.start & !(dline - 1);
    while a < range.end {
        // SAFETY: cleaning a cache line of mapped memory has no other effect.
        unsafe { core::arch::asm!("dc cvau, {0}", in(reg) a, options(nostack)) };
        a += dline;
    }
    // SAFETY: barriers and cache maintenance on mapped memory only.
    unsafe { core::arch::asm!("dsb ish", options(nostack)) };
    let mut a = range.start & !(iline - 1);
    while a < range.end {
        // SAFETY: as above.
        unsafe { core::arch::asm!("ic ivau, {0}", in(reg) a, options(nostack)) };
        a += iline;
    }
    // SAFETY: barriers only.
    unsafe { core::arch::asm!("dsb ish", "isb", options(nostack)) };
}

/// On riscv64 Linux the `riscv_flush_icache` system call makes new code
/// visible to every hart of the process.
#[cfg(all(target_arch = "riscv64", target_os = "linux"))]
pub(crate) fn flush_icache(range: Range<usize>) {
    const SYS_RISCV_FLUSH_ICACHE: usize = 259;
    // SAFETY: riscv_flush_icache(start, end, flags = 0) only affects
    // instruction caches; it reads no memory.
    unsafe {
        core::arch::asm!("ecall", in("a7") SYS_RISCV_FLUSH_ICACHE, inlateout("a0") range.start => _,
            in("a1") range.end, in("a2") 0usize, options(nostack))
    };
}

#[cfg(not(any(target_arch = "aarch64", all(target_arch = "riscv64", target_os = "linux"))))]
pub(crate) fn flush_icache(_range: Range<usize>) {}
