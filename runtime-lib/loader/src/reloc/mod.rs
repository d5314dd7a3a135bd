//! Relocation arithmetic, one module per architecture.
//!
//! Data flow: the loader first asks [`classify`] about every relocation of a
//! loaded section (to size the GOT and the call stubs and to reject unknown
//! types before mapping anything), lays out the image, then calls [`apply`]
//! with the resolved addresses ([`Inputs`]) and the bytes at the place.
//! RISC-V `%pcrel_lo` parts name the place of their `%pcrel_hi` partner; the
//! loader applies all [`Pair::Hi`] relocations first and hands the value each
//! computed to its `Lo` partners through [`Inputs::partner`].

pub(crate) mod aarch64;
pub(crate) mod riscv64;
pub(crate) mod x86_64;

use std::fmt;

/// An architecture the loader relocates for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Aarch64,
    Riscv64,
}

impl Arch {
    /// The architecture this process runs on, if the loader supports it.
    pub const HOST: Option<Arch> = if cfg!(target_arch = "x86_64") {
        Some(Arch::X86_64)
    } else if cfg!(target_arch = "aarch64") {
        Some(Arch::Aarch64)
    } else if cfg!(target_arch = "riscv64") {
        Some(Arch::Riscv64)
    } else {
        None
    };

    /// Size and alignment of one call stub.
    pub(crate) const fn stub_size(self) -> usize {
        match self {
            Arch::X86_64 => x86_64::STUB_SIZE,
            Arch::Aarch64 => aarch64::STUB_SIZE,
            Arch::Riscv64 => riscv64::STUB_SIZE,
        }
    }
}

impl fmt::Display for Arch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Arch::X86_64 => "x86_64",
            Arch::Aarch64 => "aarch64",
            Arch::Riscv64 => "riscv64",
        })
    }
}

/// Role of a relocation in a RISC-V hi/lo pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pair {
    None,
    /// Computes a PC-relative value the loader records by place.
    Hi,
    /// Uses the value of the `Hi` relocation at address S + A.
    Lo,
}

/// What the loader must prepare for a relocation type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Class {
    /// Bytes at the place it reads or writes (0: nothing to do).
    pub width: u8,
    /// Needs a GOT slot holding the symbol's address.
    pub got: bool,
    /// A call or jump: an external target is reached through a stub.
    pub call: bool,
    pub pair: Pair,
}

impl Class {
    pub(crate) const NOTHING: Class = Class { width: 0, got: false, call: false, pair: Pair::None };
    pub(crate) const fn data(width: u8) -> Class {
        Class { width, got: false, call: false, pair: Pair::None }
    }
    pub(crate) const fn got(width: u8) -> Class {
        Class { width, got: true, call: false, pair: Pair::None }
    }
    pub(crate) const fn call(width: u8) -> Class {
        Class { width, got: false, call: true, pair: Pair::None }
    }
}

/// Resolved operands of one relocation (ELF psABI names).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Inputs {
    /// Address of the place.
    pub p: u64,
    /// Address of the symbol, or of its stub for calls to external symbols.
    pub s: u64,
    pub a: i64,
    /// Address of the symbol's GOT slot (only for `Class::got`).
    pub got_slot: u64,
    /// Address of the GOT.
    pub got: u64,
    /// For `Pair::Lo`: the value the partner `Hi` relocation computed.
    pub partner: i64,
}

impl Inputs {
    pub(crate) fn s_a(&self) -> i64 {
        (self.s as i64).wrapping_add(self.a)
    }
    pub(crate) fn s_a_p(&self) -> i64 {
        self.s_a().wrapping_sub(self.p as i64)
    }
    pub(crate) fn g_a_p(&self) -> i64 {
        (self.got_slot as i64).wrapping_add(self.a).wrapping_sub(self.p as i64)
    }
}

/// Why a relocation could not be applied; the loader adds where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ApplyError {
    /// The value does not fit the field.
    Overflow { value: i64, bits: u32 },
    /// The value's low bits must be zero for this field.
    Misaligned { value: i64, align: u32 },
    /// The instruction at the place is not the one the relocation patches.
    BadInstruction { insn: u32 },
    /// A GOT-generating relocation with a non-zero addend (GDAT(S + A) with
    /// A != 0 would need one slot per addend).
    GotAddend { addend: i64 },
    /// A type [`classify`] rejects (the loader never asks for one).
    Unsupported,
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApplyError::Overflow { value, bits } => {
                write!(f, "value {value:#x} does not fit in {bits} bits (the image or target is too far)")
            }
            ApplyError::Misaligned { value, align } => write!(f, "value {value:#x} is not a multiple of {align}"),
            ApplyError::BadInstruction { insn } => write!(f, "instruction {insn:#010x} cannot take this relocation"),
            ApplyError::GotAddend { addend } => write!(f, "GOT relocation with non-zero addend {addend}"),
            ApplyError::Unsupported => f.write_str("unsupported relocation type"),
        }
    }
}

/// Classifies relocation `r_type`; `None` if it is not supported.
pub(crate) fn classify(arch: Arch, r_type: u32) -> Option<Class> {
    match arch {
        Arch::X86_64 => x86_64::classify(r_type),
        Arch::Aarch64 => aarch64::classify(r_type),
        Arch::Riscv64 => riscv64::classify(r_type),
    }
}

/// Whether relocation `r_type` stores an absolute address in a 32-bit
/// field, so the image must be mapped in the low 2 GiB to satisfy it.
pub(crate) fn needs_low_image(arch: Arch, r_type: u32) -> bool {
    arch == Arch::X86_64 && x86_64::needs_low_image(r_type)
}

/// Applies relocation `r_type` to `place` (exactly `Class::width` bytes).
/// Returns the value computed, which `Pair::Hi` partners record.
pub(crate) fn apply(arch: Arch, r_type: u32, place: &mut [u8], inp: &Inputs) -> Result<i64, ApplyError> {
    match arch {
        Arch::X86_64 => x86_64::apply(r_type, place, inp),
        Arch::Aarch64 => aarch64::apply(r_type, place, inp),
        Arch::Riscv64 => riscv64::apply(r_type, place, inp),
    }
}

/// Writes a call stub at address `stub` that jumps to the address stored in
/// the GOT slot at `slot`.
pub(crate) fn write_stub(arch: Arch, buf: &mut [u8], stub: u64, slot: u64) -> Result<(), ApplyError> {
    match arch {
        Arch::X86_64 => x86_64::write_stub(buf, stub, slot),
        Arch::Aarch64 => aarch64::write_stub(buf, stub, slot),
        Arch::Riscv64 => riscv64::write_stub(buf, stub, slot),
    }
}

/// A readable name for `r_type`, for error messages.
pub(crate) fn name(arch: Arch, r_type: u32) -> String {
    let known = match arch {
        Arch::X86_64 => x86_64::name(r_type),
        Arch::Aarch64 => aarch64::name(r_type),
        Arch::Riscv64 => riscv64::name(r_type),
    };
    match known {
        Some(n) => n.to_string(),
        None => format!("type {r_type}"),
    }
}

// Little-endian field access and range checks shared by the architectures.

pub(crate) fn read32(place: &[u8]) -> u32 {
    u32::from_le_bytes([place[0], place[1], place[2], place[3]])
}

pub(crate) fn write32(place: &mut [u8], v: u32) {
    place[..4].copy_from_slice(&v.to_le_bytes());
}

pub(crate) fn write64(place: &mut [u8], v: u64) {
    place[..8].copy_from_slice(&v.to_le_bytes());
}

pub(crate) fn read_n(place: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a[..place.len()].copy_from_slice(place);
    u64::from_le_bytes(a)
}

pub(crate) fn write_n(place: &mut [u8], v: u64) {
    let n = place.len();
    place.copy_from_slice(&v.to_le_bytes()[..n]);
}

/// Checks that `v` fits in a signed field of `bits` bits.
pub(crate) fn check_signed(v: i64, bits: u32) -> Result<(), ApplyError> {
    let min = -(1i64 << (bits - 1));
    let max = (1i64 << (bits - 1)) - 1;
    if v < min || v > max {
        return Err(ApplyError::Overflow { value: v, bits });
    }
    Ok(())
}

/// Checks that `v` fits in an unsigned field of `bits` bits.
pub(crate) fn check_unsigned(v: i64, bits: u32) -> Result<(), ApplyError> {
    if v < 0 || (bits < 64 && (v as u64) >> bits != 0) {
        return Err(ApplyError::Overflow { value: v, bits });
    }
    Ok(())
}

/// Checks that `v` fits in a field of `bits` bits read as either signed or
/// unsigned (ELF `R_*_32`-style data fields).
pub(crate) fn check_either(v: i64, bits: u32) -> Result<(), ApplyError> {
    if check_signed(v, bits).is_ok() || check_unsigned(v, bits).is_ok() {
        return Ok(());
    }
    Err(ApplyError::Overflow { value: v, bits })
}

pub(crate) fn check_align(v: i64, align: u32) -> Result<(), ApplyError> {
    if v & (align as i64 - 1) != 0 {
        return Err(ApplyError::Misaligned { value: v, align });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_checks() {
        assert!(check_signed(i32::MAX as i64, 32).is_ok());
        assert!(check_signed(i32::MIN as i64, 32).is_ok());
        assert_eq!(check_signed(1 << 31, 32), Err(ApplyError::Overflow { value: 1 << 31, bits: 32 }));
        assert!(check_unsigned(u32::MAX as i64, 32).is_ok());
        assert!(check_unsigned(-1, 32).is_err());
        assert!(check_either(-1, 32).is_ok());
        assert!(check_either(u32::MAX as i64, 32).is_ok());
        assert!(check_either(1 << 32, 32).is_err());
        assert!(check_align(8, 4).is_ok());
        assert!(check_align(6, 4).is_err());
    }
}
