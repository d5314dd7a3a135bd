//! The C memory functions Rust's `core` calls and a libc-free archive must
//! supply: `memcpy`, `memmove`, `memset`, `memcmp`, `bcmp`, and `strlen`
//! (`core::ffi::CStr::from_ptr` calls it; rustix's vDSO lookup uses that).
//!
//! Data flow: `core`, the runtime and compiled wasm code call the C names;
//! each is a *weak* alias (set in the assembly block below) of a strong
//! `kiln_rt_*` function here, so a C host linking `libkiln_rt.a` next to its
//! own libc gets libc's versions.
//!
//! LLVM must not turn these loops back into calls to themselves. A separate
//! `#![no_builtins]` crate does not work here: with `lto = true` cargo
//! compiles dependencies to bitcode only, and rustc leaves no_builtins
//! crates out of LTO, so the archive would carry raw LLVM bitcode that
//! ld.bfd or an older lld cannot read. Instead every store here is volatile
//! (and memcmp's loads), which loop-idiom recognition and vectorization never
//! touch. Copies still move a word at a time: aligned volatile stores,
//! plain byte-assembled loads, which need no alignment.

use core::mem::size_of;
use core::ptr::{read_volatile, write_volatile};

const WORD: usize = size_of::<usize>();

/// # Safety
/// C `memcpy`: `n` bytes readable at `src`, writable at `dst`, no overlap.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller guarantees both ranges; forward copying is correct
    // for disjoint ranges.
    unsafe { copy_forward(dst, src, n) };
    dst
}

/// # Safety
/// C `memmove`: `n` bytes readable at `src`, writable at `dst`; may overlap.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller guarantees both ranges. Copying forward is safe
    // when dst is below src (or the ranges are disjoint), backward otherwise.
    unsafe {
        if (dst as usize).wrapping_sub(src as usize) >= n {
            copy_forward(dst, src, n);
        } else {
            copy_backward(dst, src, n);
        }
    }
    dst
}

/// # Safety
/// C `memset`: `n` bytes writable at `dst`.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
    let byte = c as u8;
    let mut i = 0;
    // SAFETY: every write is below `dst + n`, which the caller guarantees;
    // word writes are aligned.
    unsafe {
        while i < n && !(dst as usize + i).is_multiple_of(WORD) {
            write_volatile(dst.add(i), byte);
            i += 1;
        }
        let pattern = usize::from(byte) * (usize::MAX / 0xff);
        while i + WORD <= n {
            write_volatile(dst.add(i).cast::<usize>(), pattern);
            i += WORD;
        }
        while i < n {
            write_volatile(dst.add(i), byte);
            i += 1;
        }
    }
    dst
}

/// # Safety
/// C `memcmp`: `n` bytes readable at both pointers.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        // SAFETY: `i < n`; the caller guarantees both ranges.
        let (x, y) = unsafe { (read_volatile(a.add(i)), read_volatile(b.add(i))) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
        i += 1;
    }
    0
}

/// # Safety
/// C `bcmp`: as `memcmp`; only zero/non-zero is meaningful.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: same contract as memcmp.
    unsafe { kiln_rt_memcmp(a, b, n) }
}

/// # Safety
/// C `strlen`: `s` points to a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn kiln_rt_strlen(s: *const u8) -> usize {
    let mut n = 0;
    // SAFETY: the caller guarantees a terminator; volatile keeps LLVM from
    // recognising the loop as a strlen call.
    while unsafe { read_volatile(s.add(n)) } != 0 {
        n += 1;
    }
    n
}

/// Loads a word from any address, byte by byte (every target is little
/// endian). Optimized builds merge the bytes into one load; neither they nor
/// unoptimized builds call memcpy, as `read_unaligned` or `from_ne_bytes`
/// could.
///
/// # Safety
/// `WORD` bytes must be readable at `p`.
#[inline(always)]
unsafe fn load_word(p: *const u8) -> usize {
    let mut w = 0;
    let mut k = 0;
    while k < WORD {
        // SAFETY: `k < WORD`, guaranteed readable by the caller.
        w |= usize::from(unsafe { *p.add(k) }) << (8 * k);
        k += 1;
    }
    w
}

/// # Safety
/// As `memcpy`, or `dst <= src` with overlap.
unsafe fn copy_forward(dst: *mut u8, src: *const u8, n: usize) {
    let mut i = 0;
    // SAFETY: all accesses are below `n`; word stores are aligned, word
    // loads may not be and go through `load_word`.
    unsafe {
        while i < n && !(dst as usize + i).is_multiple_of(WORD) {
            write_volatile(dst.add(i), *src.add(i));
            i += 1;
        }
        while i + WORD <= n {
            write_volatile(dst.add(i).cast::<usize>(), load_word(src.add(i)));
            i += WORD;
        }
        while i < n {
            write_volatile(dst.add(i), *src.add(i));
            i += 1;
        }
    }
}

/// # Safety
/// `n` bytes readable at `src` and writable at `dst`, `dst > src`.
unsafe fn copy_backward(dst: *mut u8, src: *const u8, n: usize) {
    let mut i = n;
    // SAFETY: all accesses are below `n`; word stores are aligned, word
    // loads go through `load_word`. Each word is loaded before it is stored,
    // and stores only go to bytes no later load reads (dst > src).
    unsafe {
        while i > 0 && !(dst as usize + i).is_multiple_of(WORD) {
            i -= 1;
            write_volatile(dst.add(i), *src.add(i));
        }
        while i >= WORD {
            i -= WORD;
            write_volatile(dst.add(i).cast::<usize>(), load_word(src.add(i)));
        }
        while i > 0 {
            i -= 1;
            write_volatile(dst.add(i), *src.add(i));
        }
    }
}

// Weak C names, so a host libc's strong definitions take precedence.
core::arch::global_asm!(
    ".weak memcpy",
    ".type memcpy, @function",
    ".set memcpy, kiln_rt_memcpy",
    ".weak memmove",
    ".type memmove, @function",
    ".set memmove, kiln_rt_memmove",
    ".weak memset",
    ".type memset, @function",
    ".set memset, kiln_rt_memset",
    ".weak memcmp",
    ".type memcmp, @function",
    ".set memcmp, kiln_rt_memcmp",
    ".weak bcmp",
    ".type bcmp, @function",
    ".set bcmp, kiln_rt_bcmp",
    ".weak strlen",
    ".type strlen, @function",
    ".set strlen, kiln_rt_strlen",
);

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    fn pattern(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 7 + 3) as u8).collect()
    }

    #[test]
    fn memmove_handles_overlap_both_ways_at_every_alignment() {
        for n in [0, 1, 7, 8, 9, 31, 64] {
            for shift in 0..10 {
                for start in 0..3 {
                    let mut buf = pattern(n + 20);
                    let mut expected = buf.clone();
                    expected.copy_within(start..start + n, start + shift);
                    // SAFETY: both ranges are inside `buf`.
                    unsafe { kiln_rt_memmove(buf.as_mut_ptr().add(start + shift), buf.as_ptr().add(start), n) };
                    assert_eq!(buf, expected, "forward overlap n={n} shift={shift} start={start}");
                    let mut buf = pattern(n + 20);
                    let mut expected = buf.clone();
                    expected.copy_within(start + shift..start + shift + n, start);
                    // SAFETY: both ranges are inside `buf`.
                    unsafe { kiln_rt_memmove(buf.as_mut_ptr().add(start), buf.as_ptr().add(start + shift), n) };
                    assert_eq!(buf, expected, "backward overlap n={n} shift={shift} start={start}");
                }
            }
        }
    }

    #[test]
    fn memcpy_memset_memcmp() {
        let src = pattern(100);
        let mut dst = std::vec![0u8; 100];
        for (off, n) in [(0, 100), (3, 50), (1, 0), (5, 95)] {
            // SAFETY: in bounds.
            unsafe { kiln_rt_memcpy(dst.as_mut_ptr().add(off), src.as_ptr().add(off), n) };
            assert_eq!(dst[off..off + n], src[off..off + n]);
        }
        // SAFETY: in bounds.
        unsafe { kiln_rt_memset(dst.as_mut_ptr().add(3), 0x1ab, 90) };
        assert!(dst[3..93].iter().all(|&b| b == 0xab) && dst[2] == src[2] && dst[93] == src[93]);
        let (a, b) = ([1u8, 2, 3], [1u8, 2, 4]);
        // SAFETY: 3 bytes each.
        unsafe {
            assert!(kiln_rt_memcmp(a.as_ptr(), b.as_ptr(), 3) < 0);
            assert!(kiln_rt_memcmp(b.as_ptr(), a.as_ptr(), 3) > 0);
            assert_eq!(kiln_rt_memcmp(a.as_ptr(), b.as_ptr(), 2), 0);
            assert_ne!(kiln_rt_bcmp(a.as_ptr(), b.as_ptr(), 3), 0);
            assert_eq!(kiln_rt_strlen(c"kiln".as_ptr().cast()), 4);
            assert_eq!(kiln_rt_strlen(c"".as_ptr().cast()), 0);
        }
    }
}
