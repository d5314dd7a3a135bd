//! Whether this machine's CPU has a feature the compiled code was built to
//! use (`ModuleInfo::cpu_features`, named by `kiln_abi::cpu_feature_name`).
//! x86_64 asks `cpuid` (and `xgetbv` for the register state the OS saves);
//! aarch64 and riscv64 read the kernel's HWCAP words, which the executable's
//! entry passes in from the aux vector ([`set_hwcap`]). A name this file
//! cannot check gives `None`, and the runtime lets the code run.

use core::sync::atomic::{AtomicUsize, Ordering};

/// AT_HWCAP and AT_HWCAP2, or 0 if nobody passed them in.
static HWCAP: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];

/// Records the aux vector's AT_HWCAP and AT_HWCAP2 words.
pub fn set_hwcap(hwcap: usize, hwcap2: usize) {
    HWCAP[0].store(hwcap, Ordering::Relaxed);
    HWCAP[1].store(hwcap2, Ordering::Relaxed);
}

/// The recorded HWCAP words, if any.
#[cfg_attr(target_arch = "x86_64", allow(dead_code, reason = "x86_64 asks cpuid"))]
fn hwcap() -> Option<(usize, usize)> {
    let words = (HWCAP[0].load(Ordering::Relaxed), HWCAP[1].load(Ordering::Relaxed));
    (words.0 != 0).then_some(words)
}

/// The CPU's answers, asked once per check and only for the `cpuid` leaves
/// the features in question need: `cpuid` exits to the hypervisor in a
/// virtual machine, where each one can cost microseconds of start-up.
#[cfg(target_arch = "x86_64")]
#[derive(Default)]
pub struct Cpu {
    leaf1_ecx: Option<u32>,
    leaf7: Option<(u32, u32)>,
    ext_ecx: Option<u32>,
    xcr0: Option<u64>,
}

#[cfg(target_arch = "x86_64")]
impl Cpu {
    fn leaf1_ecx(&mut self) -> u32 {
        *self.leaf1_ecx.get_or_insert_with(|| core::arch::x86_64::__cpuid(1).ecx)
    }

    /// Leaf 7's EBX and ECX (zero if the CPU has no leaf 7).
    fn leaf7(&mut self) -> (u32, u32) {
        *self.leaf7.get_or_insert_with(|| {
            use core::arch::x86_64::{__cpuid, __cpuid_count};
            if __cpuid(0).eax >= 7 {
                let r = __cpuid_count(7, 0);
                (r.ebx, r.ecx)
            } else {
                (0, 0)
            }
        })
    }

    /// Leaf 0x8000_0001's ECX (zero if the CPU has no such leaf).
    fn ext_ecx(&mut self) -> u32 {
        *self.ext_ecx.get_or_insert_with(|| {
            use core::arch::x86_64::__cpuid;
            if __cpuid(0x8000_0000).eax >= 0x8000_0001 {
                __cpuid(0x8000_0001).ecx
            } else {
                0
            }
        })
    }

    /// XCR0, the register state the OS saves (zero without OSXSAVE).
    fn xcr0(&mut self) -> u64 {
        if let Some(x) = self.xcr0 {
            return x;
        }
        let x = if self.leaf1_ecx() & (1 << 27) != 0 {
            let (lo, hi): (u32, u32);
            // SAFETY: OSXSAVE (CPUID.1:ECX.27) says xgetbv is enabled;
            // reading XCR0 has no side effects.
            unsafe {
                core::arch::asm!("xgetbv", in("ecx") 0, out("eax") lo, out("edx") hi, options(nomem, nostack, preserves_flags))
            };
            u64::from(lo) | u64::from(hi) << 32
        } else {
            0
        };
        self.xcr0 = Some(x);
        x
    }

    /// Whether the CPU has feature `name`; `None` if this file cannot tell.
    pub fn has(&mut self, name: &str) -> Option<bool> {
        let bit = |word: u32, n: u32| word & (1 << n) != 0;
        // AVX needs the OS to save SSE and AVX state; AVX-512 the three
        // AVX-512 states on top.
        let mut avx_state = || self.xcr0() & 0x6 == 0x6;
        let avx = match name {
            "fma" | "avx" | "avx2" => avx_state(),
            "avx512f" | "avx512dq" | "avx512vl" | "avx512vbmi" | "avx512bitalg" => self.xcr0() & 0xe6 == 0xe6,
            _ => true,
        };
        Some(
            avx && match name {
                "sse3" => bit(self.leaf1_ecx(), 0),
                "ssse3" => bit(self.leaf1_ecx(), 9),
                "fma" => bit(self.leaf1_ecx(), 12),
                "cmpxchg16b" => bit(self.leaf1_ecx(), 13),
                "sse4.1" => bit(self.leaf1_ecx(), 19),
                "sse4.2" => bit(self.leaf1_ecx(), 20),
                "popcnt" => bit(self.leaf1_ecx(), 23),
                "avx" => bit(self.leaf1_ecx(), 28),
                "bmi1" => bit(self.leaf7().0, 3),
                "avx2" => bit(self.leaf7().0, 5),
                "bmi2" => bit(self.leaf7().0, 8),
                "avx512f" => bit(self.leaf7().0, 16),
                "avx512dq" => bit(self.leaf7().0, 17),
                "avx512vl" => bit(self.leaf7().0, 31),
                "avx512vbmi" => bit(self.leaf7().1, 1),
                "avx512bitalg" => bit(self.leaf7().1, 12),
                "lzcnt" => bit(self.ext_ecx(), 5),
                _ => return None,
            },
        )
    }
}

/// The CPU's answers (from the HWCAP words).
#[cfg(not(target_arch = "x86_64"))]
#[derive(Default)]
pub struct Cpu;

#[cfg(not(target_arch = "x86_64"))]
impl Cpu {
    /// Whether the CPU has feature `name`; `None` if this file cannot tell.
    pub fn has(&mut self, name: &str) -> Option<bool> {
        has_feature(name)
    }
}

/// Whether the CPU has feature `name`; `None` if this file cannot tell
/// (or the HWCAP words were not passed in).
#[cfg(target_arch = "aarch64")]
fn has_feature(name: &str) -> Option<bool> {
    // <asm/hwcap.h>
    let (hwcap, hwcap2) = hwcap()?;
    Some(match name {
        "lse" => hwcap & (1 << 8) != 0,
        // FPHP and ASIMDHP: half precision in scalar and vector registers.
        "fp16" => hwcap & (0b11 << 9) == 0b11 << 9,
        "dotprod" => hwcap & (1 << 20) != 0,
        "pauth" => hwcap & (1 << 30) != 0,
        "i8mm" => hwcap2 & (1 << 13) != 0,
        _ => return None,
    })
}

/// Whether the CPU has feature `name`; `None` if this file cannot tell
/// (multi-letter extensions need `riscv_hwprobe`, which kiln does not ask).
#[cfg(target_arch = "riscv64")]
fn has_feature(name: &str) -> Option<bool> {
    // The single-letter extensions, one bit each from 'a'.
    let (hwcap, _) = hwcap()?;
    let letter = match name.as_bytes() {
        [c @ (b'a' | b'c' | b'd' | b'f' | b'm' | b'v')] => *c,
        _ => return None,
    };
    Some(hwcap & (1 << (letter - b'a')) != 0)
}
