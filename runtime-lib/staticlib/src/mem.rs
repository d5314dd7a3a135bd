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
//!
//! On x86_64, memcpy/memmove/memset (what wasm's `memory.copy`/`fill` end
//! in) use inline assembly instead (see [`x86`]): overlapping scalar or SSE
//! moves for blocks up to 128 bytes, 64-byte SSE loops for medium ones and
//! `rep movsb`/`rep stosb` for long ones. Assembly is opaque to LLVM, so
//! no loop there can become a call either.

use core::ptr::read_volatile;
#[cfg(not(target_arch = "x86_64"))]
use words::{copy_backward, copy_forward, fill};
#[cfg(target_arch = "x86_64")]
use x86::{copy_backward, copy_forward, fill};

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
    // SAFETY: the caller guarantees the range.
    unsafe { fill(dst, c as u8, n) };
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

/// Portable word-at-a-time loops (aarch64, riscv64; tested everywhere).
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code, reason = "x86_64 uses the `x86` module"))]
mod words {
    use core::mem::size_of;
    use core::ptr::write_volatile;

    const WORD: usize = size_of::<usize>();

    /// Loads a word from any address, byte by byte (every target is little
    /// endian). Optimized builds merge the bytes into one load; neither they
    /// nor unoptimized builds call memcpy, as `read_unaligned` or
    /// `from_ne_bytes` could.
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
    pub unsafe fn copy_forward(dst: *mut u8, src: *const u8, n: usize) {
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
    pub unsafe fn copy_backward(dst: *mut u8, src: *const u8, n: usize) {
        let mut i = n;
        // SAFETY: all accesses are below `n`; word stores are aligned, word
        // loads go through `load_word`. Each word is loaded before it is
        // stored, and stores only go to bytes no later load reads (dst > src).
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

    /// # Safety
    /// `n` bytes writable at `dst`.
    pub unsafe fn fill(dst: *mut u8, byte: u8, n: usize) {
        let mut i = 0;
        // SAFETY: every write is below `dst + n`, which the caller
        // guarantees; word writes are aligned.
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
    }
}

/// x86_64: blocks up to 128 bytes as overlapping moves that cover the block
/// from both ends (every load before any store, so overlap needs no care),
/// longer ones in 64-byte SSE2 steps, long forward ones with `rep
/// movsb`/`rep stosb`, which every x86_64 CPU of the last decade (ERMS) runs
/// at full cache-line speed. SSE2 is part of the x86_64 baseline.
#[cfg(target_arch = "x86_64")]
mod x86 {
    use core::arch::asm;
    use core::arch::x86_64::__m128i;

    /// From this length on, `rep movsb`/`rep stosb` beat the SSE loops (their
    /// start-up cost is a few dozen cycles).
    pub const REP_MIN: usize = 1024;

    /// # Safety
    /// 16 bytes writable at `p`.
    #[inline(always)]
    unsafe fn store16(p: *mut u8, v: __m128i) {
        // SAFETY: guaranteed by the caller; movdqu needs no alignment.
        unsafe {
            asm!("movdqu xmmword ptr [{p}], {v}", p = in(reg) p, v = in(xmm_reg) v, options(nostack, preserves_flags))
        };
    }

    /// # Safety
    /// 64 bytes readable at `p`.
    #[inline(always)]
    unsafe fn load64(p: *const u8) -> [__m128i; 4] {
        let (a, b, c, d);
        // SAFETY: guaranteed by the caller; movdqu needs no alignment.
        unsafe {
            asm!(
                "movdqu {a}, xmmword ptr [{p}]",
                "movdqu {b}, xmmword ptr [{p} + 16]",
                "movdqu {c}, xmmword ptr [{p} + 32]",
                "movdqu {d}, xmmword ptr [{p} + 48]",
                p = in(reg) p, a = out(xmm_reg) a, b = out(xmm_reg) b, c = out(xmm_reg) c, d = out(xmm_reg) d,
                options(nostack, preserves_flags, readonly),
            )
        };
        [a, b, c, d]
    }

    /// # Safety
    /// 64 bytes writable at `p`.
    #[inline(always)]
    unsafe fn store64(p: *mut u8, [a, b, c, d]: [__m128i; 4]) {
        // SAFETY: guaranteed by the caller.
        unsafe {
            store16(p, a);
            store16(p.add(16), b);
            store16(p.add(32), c);
            store16(p.add(48), d);
        }
    }

    /// Copies 64 bytes from `src + i` to `dst + i` (loads first).
    ///
    /// # Safety
    /// 64 bytes readable at `src + i` and writable at `dst + i`.
    #[inline(always)]
    unsafe fn copy64(dst: *mut u8, src: *const u8, i: usize) {
        // SAFETY: guaranteed by the caller.
        unsafe {
            asm!(
                "movdqu {a}, xmmword ptr [{s} + {i}]",
                "movdqu {b}, xmmword ptr [{s} + {i} + 16]",
                "movdqu {c}, xmmword ptr [{s} + {i} + 32]",
                "movdqu {d}, xmmword ptr [{s} + {i} + 48]",
                "movdqu xmmword ptr [{t} + {i}], {a}",
                "movdqu xmmword ptr [{t} + {i} + 16], {b}",
                "movdqu xmmword ptr [{t} + {i} + 32], {c}",
                "movdqu xmmword ptr [{t} + {i} + 48], {d}",
                s = in(reg) src, t = in(reg) dst, i = in(reg) i,
                a = out(xmm_reg) _, b = out(xmm_reg) _, c = out(xmm_reg) _, d = out(xmm_reg) _,
                options(nostack, preserves_flags),
            )
        };
    }

    /// Copies `32 < n <= 128` bytes as the first and the last 32 (n <= 64)
    /// or 64 bytes, loading everything before storing.
    ///
    /// # Safety
    /// `n` bytes readable at `src` and writable at `dst`, `32 < n <= 128`.
    #[inline(always)]
    unsafe fn copy_medium(dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: both halves lie inside `[0, n)` because n > 32 (n > 64 for
        // the 64-byte halves); together they cover it because n <= 2 * half.
        unsafe {
            if n <= 64 {
                asm!(
                    "movdqu {a}, xmmword ptr [{s}]",
                    "movdqu {b}, xmmword ptr [{s} + 16]",
                    "movdqu {c}, xmmword ptr [{e} - 32]",
                    "movdqu {d}, xmmword ptr [{e} - 16]",
                    "movdqu xmmword ptr [{t}], {a}",
                    "movdqu xmmword ptr [{t} + 16], {b}",
                    "movdqu xmmword ptr [{u} - 32], {c}",
                    "movdqu xmmword ptr [{u} - 16], {d}",
                    s = in(reg) src, e = in(reg) src.add(n), t = in(reg) dst, u = in(reg) dst.add(n),
                    a = out(xmm_reg) _, b = out(xmm_reg) _, c = out(xmm_reg) _, d = out(xmm_reg) _,
                    options(nostack, preserves_flags),
                );
            } else {
                asm!(
                    "movdqu {a}, xmmword ptr [{s}]",
                    "movdqu {b}, xmmword ptr [{s} + 16]",
                    "movdqu {c}, xmmword ptr [{s} + 32]",
                    "movdqu {d}, xmmword ptr [{s} + 48]",
                    "movdqu {f}, xmmword ptr [{e} - 64]",
                    "movdqu {g}, xmmword ptr [{e} - 48]",
                    "movdqu {h}, xmmword ptr [{e} - 32]",
                    "movdqu {k}, xmmword ptr [{e} - 16]",
                    "movdqu xmmword ptr [{t}], {a}",
                    "movdqu xmmword ptr [{t} + 16], {b}",
                    "movdqu xmmword ptr [{t} + 32], {c}",
                    "movdqu xmmword ptr [{t} + 48], {d}",
                    "movdqu xmmword ptr [{u} - 64], {f}",
                    "movdqu xmmword ptr [{u} - 48], {g}",
                    "movdqu xmmword ptr [{u} - 32], {h}",
                    "movdqu xmmword ptr [{u} - 16], {k}",
                    s = in(reg) src, e = in(reg) src.add(n), t = in(reg) dst, u = in(reg) dst.add(n),
                    a = out(xmm_reg) _, b = out(xmm_reg) _, c = out(xmm_reg) _, d = out(xmm_reg) _,
                    f = out(xmm_reg) _, g = out(xmm_reg) _, h = out(xmm_reg) _, k = out(xmm_reg) _,
                    options(nostack, preserves_flags),
                );
            }
        }
    }

    /// Copies `n <= 128` bytes, loading everything before storing, so the
    /// ranges may overlap either way.
    ///
    /// # Safety
    /// `n` bytes readable at `src` and writable at `dst`.
    #[inline(always)]
    unsafe fn copy_short(dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: each pair of accesses covers `[0, n)` exactly (the two
        // halves overlap when n is not twice the width).
        unsafe {
            if n > 32 {
                copy_medium(dst, src, n);
            } else if n >= 16 {
                let (a, b): (__m128i, __m128i);
                asm!(
                    "movdqu {a}, xmmword ptr [{s}]",
                    "movdqu {b}, xmmword ptr [{e} - 16]",
                    s = in(reg) src, e = in(reg) src.add(n), a = out(xmm_reg) a, b = out(xmm_reg) b,
                    options(nostack, preserves_flags, readonly),
                );
                store16(dst, a);
                store16(dst.add(n - 16), b);
            } else if n >= 8 {
                let (a, b) = (src.cast::<u64>().read_unaligned(), src.add(n - 8).cast::<u64>().read_unaligned());
                dst.cast::<u64>().write_unaligned(a);
                dst.add(n - 8).cast::<u64>().write_unaligned(b);
            } else if n >= 4 {
                let (a, b) = (src.cast::<u32>().read_unaligned(), src.add(n - 4).cast::<u32>().read_unaligned());
                dst.cast::<u32>().write_unaligned(a);
                dst.add(n - 4).cast::<u32>().write_unaligned(b);
            } else if n >= 2 {
                let (a, b) = (src.cast::<u16>().read_unaligned(), src.add(n - 2).cast::<u16>().read_unaligned());
                dst.cast::<u16>().write_unaligned(a);
                dst.add(n - 2).cast::<u16>().write_unaligned(b);
            } else if n == 1 {
                *dst = *src;
            }
        }
    }

    /// Largest block `copy_short` handles.
    const SHORT_MAX: usize = 128;

    /// # Safety
    /// As `memcpy`, or `dst < src` with overlap.
    pub unsafe fn copy_forward(dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: every access is inside `[0, n)` of its range. With overlap
        // (dst < src), a load at `i` only reads bytes no earlier store wrote
        // (those are below `dst + i < src + i`); the tail is loaded first.
        unsafe {
            if n <= SHORT_MAX {
                return copy_short(dst, src, n);
            }
            if n >= REP_MIN {
                asm!(
                    "rep movsb",
                    inout("rcx") n => _, inout("rdi") dst => _, inout("rsi") src => _,
                    options(nostack, preserves_flags),
                );
                return;
            }
            // The last 64 bytes, loaded before any store.
            let [a, b, c, d] = load64(src.add(n - 64));
            let mut i = 0;
            while i + 64 < n {
                copy64(dst, src, i);
                i += 64;
            }
            store64(dst.add(n - 64), [a, b, c, d]);
        }
    }

    /// # Safety
    /// `n` bytes readable at `src` and writable at `dst`, `dst > src`.
    pub unsafe fn copy_backward(dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: the mirror image of `copy_forward`'s loop: a load at `i`
        // only reads bytes below `src + i + 64 <= dst + i + 64`, which no
        // earlier store (all at or above `dst + i + 64`) touched; the head
        // is loaded first.
        unsafe {
            if n <= SHORT_MAX {
                return copy_short(dst, src, n);
            }
            let head = load64(src);
            let mut i = n;
            while i > 64 {
                i -= 64;
                copy64(dst, src, i);
            }
            store64(dst, head);
        }
    }

    /// # Safety
    /// `n` bytes writable at `dst`.
    pub unsafe fn fill(dst: *mut u8, byte: u8, n: usize) {
        let word = u64::from(byte) * 0x0101_0101_0101_0101;
        // SAFETY: every store is inside `[0, n)` (pairs overlap as in
        // `copy_short`).
        unsafe {
            if n >= REP_MIN {
                asm!(
                    "rep stosb",
                    inout("rcx") n => _, inout("rdi") dst => _, in("al") byte,
                    options(nostack, preserves_flags),
                );
            } else if n >= 16 {
                let v: __m128i;
                asm!("movq {v}, {w}", "punpcklqdq {v}, {v}", w = in(reg) word, v = out(xmm_reg) v, options(pure, nomem, nostack, preserves_flags));
                // Blocks of 64, then the last 16, 32, 48 and 64 bytes (each
                // store only when the block is that long).
                let mut i = 0;
                while i + 64 < n {
                    asm!(
                        "movdqu xmmword ptr [{t}], {v}",
                        "movdqu xmmword ptr [{t} + 16], {v}",
                        "movdqu xmmword ptr [{t} + 32], {v}",
                        "movdqu xmmword ptr [{t} + 48], {v}",
                        t = in(reg) dst.add(i), v = in(xmm_reg) v,
                        options(nostack, preserves_flags),
                    );
                    i += 64;
                }
                let end = dst.add(n);
                store16(end.sub(16), v);
                if n - i > 16 {
                    store16(dst.add(i), v);
                }
                if n - i > 32 {
                    store16(dst.add(i + 16), v);
                    store16(end.sub(32), v);
                }
            } else if n >= 8 {
                dst.cast::<u64>().write_unaligned(word);
                dst.add(n - 8).cast::<u64>().write_unaligned(word);
            } else if n >= 4 {
                dst.cast::<u32>().write_unaligned(word as u32);
                dst.add(n - 4).cast::<u32>().write_unaligned(word as u32);
            } else if n >= 2 {
                dst.cast::<u16>().write_unaligned(word as u16);
                dst.add(n - 2).cast::<u16>().write_unaligned(word as u16);
            } else if n == 1 {
                *dst = byte;
            }
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

    /// Lengths at and around every size class of both implementations.
    const LENGTHS: &[usize] = &[
        0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 96, 100, 127, 128, 129, 191, 192, 193, 255,
        1023, 1024, 1025, 3001,
    ];
    const SHIFTS: &[usize] = &[0, 1, 3, 8, 15, 16, 17, 33, 64, 65, 100, 127];

    type Move = unsafe fn(*mut u8, *const u8, usize);

    /// memmove from the word loops, to test them on every machine.
    unsafe fn words_memmove(dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: the caller's ranges; direction chosen as kiln_rt_memmove does.
        unsafe {
            if (dst as usize).wrapping_sub(src as usize) >= n {
                words::copy_forward(dst, src, n);
            } else {
                words::copy_backward(dst, src, n);
            }
        }
    }

    unsafe fn rt_memmove(dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: the caller's ranges.
        unsafe { kiln_rt_memmove(dst, src, n) };
    }

    #[test]
    fn memmove_handles_overlap_both_ways_at_every_alignment() {
        for (name, mv) in [("memmove", rt_memmove as Move), ("words", words_memmove as Move)] {
            for &n in LENGTHS {
                for &shift in SHIFTS {
                    for start in 0..3 {
                        let mut buf = pattern(n + 140);
                        let mut expected = buf.clone();
                        expected.copy_within(start..start + n, start + shift);
                        // SAFETY: both ranges are inside `buf`.
                        unsafe { mv(buf.as_mut_ptr().add(start + shift), buf.as_ptr().add(start), n) };
                        assert!(buf == expected, "{name}: forward overlap n={n} shift={shift} start={start}");
                        let mut buf = pattern(n + 140);
                        let mut expected = buf.clone();
                        expected.copy_within(start + shift..start + shift + n, start);
                        // SAFETY: both ranges are inside `buf`.
                        unsafe { mv(buf.as_mut_ptr().add(start), buf.as_ptr().add(start + shift), n) };
                        assert!(buf == expected, "{name}: backward overlap n={n} shift={shift} start={start}");
                    }
                }
            }
        }
    }

    #[test]
    fn memcpy_and_memset_touch_exactly_their_range() {
        for &n in LENGTHS {
            for off in 0..4 {
                let src = pattern(n + 8);
                let mut dst = std::vec![0xEEu8; n + 8];
                // SAFETY: in bounds.
                unsafe { kiln_rt_memcpy(dst.as_mut_ptr().add(off), src.as_ptr().add(off), n) };
                assert_eq!(dst[off..off + n], src[off..off + n], "memcpy n={n} off={off}");
                assert!(dst[..off].iter().chain(&dst[off + n..]).all(|&b| b == 0xEE), "memcpy n={n} off={off}");
                for (name, fill) in [("memset", None), ("words", Some(words::fill as unsafe fn(*mut u8, u8, usize)))] {
                    let mut buf = pattern(n + 8);
                    let before = buf.clone();
                    // SAFETY: in bounds.
                    unsafe {
                        match fill {
                            Some(f) => f(buf.as_mut_ptr().add(off), 0xAB, n),
                            None => {
                                kiln_rt_memset(buf.as_mut_ptr().add(off), 0x1AB, n);
                            }
                        }
                    }
                    assert!(buf[off..off + n].iter().all(|&b| b == 0xAB), "{name} n={n} off={off}");
                    assert!(buf[..off] == before[..off] && buf[off + n..] == before[off + n..], "{name} n={n}");
                }
            }
        }
    }

    #[test]
    fn memcmp_bcmp_strlen() {
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
