//! RISC-V 64 relocations (RISC-V ELF psABI). No linker relaxation is done:
//! `R_RISCV_RELAX` and `R_RISCV_ALIGN` are accepted and ignored, which is
//! correct because the assembler emitted the unrelaxed sequences and the
//! padding already. `%pcrel_lo12` parts get their value from the `%pcrel_hi20`
//! (or `%got_pcrel_hi`) relocation at the address their symbol names.

use super::{check_align, check_signed, read32, read_n, write32, write64, write_n, ApplyError, Class, Inputs, Pair};
use object::elf::*;

/// `auipc t3, %hi(slot); ld t3, %lo(slot)(t3); jr t3; nop`.
pub(crate) const STUB_SIZE: usize = 16;

pub(crate) fn classify(r_type: u32) -> Option<Class> {
    let hi = |got| Class { width: 4, got, call: false, pair: Pair::Hi };
    let lo = Class { width: 4, got: false, call: false, pair: Pair::Lo };
    Some(match r_type {
        R_RISCV_NONE | R_RISCV_RELAX | R_RISCV_ALIGN => Class::NOTHING,
        R_RISCV_64 | R_RISCV_ADD64 | R_RISCV_SUB64 => Class::data(8),
        R_RISCV_32 | R_RISCV_32_PCREL | R_RISCV_ADD32 | R_RISCV_SUB32 => Class::data(4),
        R_RISCV_ADD16 | R_RISCV_SUB16 => Class::data(2),
        R_RISCV_ADD8 | R_RISCV_SUB8 => Class::data(1),
        R_RISCV_BRANCH | R_RISCV_HI20 | R_RISCV_LO12_I | R_RISCV_LO12_S => Class::data(4),
        R_RISCV_JAL => Class::call(4),
        R_RISCV_CALL | R_RISCV_CALL_PLT => Class::call(8),
        R_RISCV_PCREL_HI20 => hi(false),
        R_RISCV_GOT_HI20 => hi(true),
        R_RISCV_PCREL_LO12_I | R_RISCV_PCREL_LO12_S => lo,
        _ => return None,
    })
}

/// Upper 20 bits of `v`, rounded so that adding the sign-extended low 12
/// bits gives `v` back.
fn hi20(v: i64) -> u32 {
    ((v.wrapping_add(0x800) >> 12) as u32) & 0xf_ffff
}

fn lo12(v: i64) -> i64 {
    ((v & 0xfff) ^ 0x800) - 0x800
}

/// Checks that a hi20/lo12 pair can express `v`.
fn check_hi_lo(v: i64) -> Result<(), ApplyError> {
    check_signed(v.wrapping_add(0x800), 32).map_err(|_| ApplyError::Overflow { value: v, bits: 32 })
}

fn set_u(insn: u32, v: i64) -> u32 {
    (insn & 0xfff) | (hi20(v) << 12)
}

fn set_i(insn: u32, lo: i64) -> u32 {
    (insn & 0x000f_ffff) | (((lo as u32) & 0xfff) << 20)
}

fn set_s(insn: u32, lo: i64) -> u32 {
    let lo = lo as u32;
    (insn & 0x01ff_f07f) | (((lo >> 5) & 0x7f) << 25) | ((lo & 0x1f) << 7)
}

fn set_b(insn: u32, v: i64) -> u32 {
    let v = v as u32;
    (insn & 0x01ff_f07f)
        | (((v >> 12) & 1) << 31)
        | (((v >> 5) & 0x3f) << 25)
        | (((v >> 1) & 0xf) << 8)
        | (((v >> 11) & 1) << 7)
}

fn set_j(insn: u32, v: i64) -> u32 {
    let v = v as u32;
    (insn & 0xfff)
        | (((v >> 20) & 1) << 31)
        | (((v >> 1) & 0x3ff) << 21)
        | (((v >> 11) & 1) << 20)
        | (((v >> 12) & 0xff) << 12)
}

const OPCODE_AUIPC: u32 = 0x17;
const OPCODE_LUI: u32 = 0x37;
const OPCODE_JALR: u32 = 0x67;

fn expect_opcode(insn: u32, opcode: u32) -> Result<(), ApplyError> {
    if insn & 0x7f != opcode {
        return Err(ApplyError::BadInstruction { insn });
    }
    Ok(())
}

pub(crate) fn apply(r_type: u32, place: &mut [u8], inp: &Inputs) -> Result<i64, ApplyError> {
    match r_type {
        R_RISCV_NONE | R_RISCV_RELAX | R_RISCV_ALIGN => return Ok(0),
        R_RISCV_64 => {
            write64(place, inp.s_a() as u64);
            return Ok(inp.s_a());
        }
        R_RISCV_32 => {
            let v = inp.s_a();
            super::check_either(v, 32)?;
            write32(place, v as u32);
            return Ok(v);
        }
        R_RISCV_32_PCREL => {
            let v = inp.s_a_p();
            check_signed(v, 32)?;
            write32(place, v as u32);
            return Ok(v);
        }
        R_RISCV_ADD8 | R_RISCV_ADD16 | R_RISCV_ADD32 | R_RISCV_ADD64 => {
            let v = read_n(place).wrapping_add(inp.s_a() as u64);
            write_n(place, v);
            return Ok(v as i64);
        }
        R_RISCV_SUB8 | R_RISCV_SUB16 | R_RISCV_SUB32 | R_RISCV_SUB64 => {
            let v = read_n(place).wrapping_sub(inp.s_a() as u64);
            write_n(place, v);
            return Ok(v as i64);
        }
        R_RISCV_CALL | R_RISCV_CALL_PLT => {
            let (auipc, jalr) = (read32(place), read32(&place[4..]));
            expect_opcode(auipc, OPCODE_AUIPC)?;
            expect_opcode(jalr, OPCODE_JALR)?;
            let v = inp.s_a_p();
            check_hi_lo(v)?;
            write32(place, set_u(auipc, v));
            write32(&mut place[4..], set_i(jalr, lo12(v)));
            return Ok(v);
        }
        _ => {}
    }
    let insn = read32(place);
    let (new, v) = match r_type {
        R_RISCV_PCREL_HI20 | R_RISCV_GOT_HI20 => {
            expect_opcode(insn, OPCODE_AUIPC)?;
            let v = if r_type == R_RISCV_GOT_HI20 {
                if inp.a != 0 {
                    return Err(ApplyError::GotAddend { addend: inp.a });
                }
                (inp.got_slot as i64).wrapping_sub(inp.p as i64)
            } else {
                inp.s_a_p()
            };
            check_hi_lo(v)?;
            (set_u(insn, v), v)
        }
        R_RISCV_PCREL_LO12_I => (set_i(insn, lo12(inp.partner)), inp.partner),
        R_RISCV_PCREL_LO12_S => (set_s(insn, lo12(inp.partner)), inp.partner),
        R_RISCV_HI20 => {
            expect_opcode(insn, OPCODE_LUI)?;
            let v = inp.s_a();
            check_hi_lo(v)?;
            (set_u(insn, v), v)
        }
        R_RISCV_LO12_I => (set_i(insn, lo12(inp.s_a())), inp.s_a()),
        R_RISCV_LO12_S => (set_s(insn, lo12(inp.s_a())), inp.s_a()),
        R_RISCV_BRANCH => {
            let v = inp.s_a_p();
            check_align(v, 2)?;
            check_signed(v, 13)?;
            (set_b(insn, v), v)
        }
        R_RISCV_JAL => {
            let v = inp.s_a_p();
            check_align(v, 2)?;
            check_signed(v, 21)?;
            (set_j(insn, v), v)
        }
        _ => return Err(ApplyError::Unsupported),
    };
    write32(place, new);
    Ok(v)
}

pub(crate) fn write_stub(buf: &mut [u8], stub: u64, slot: u64) -> Result<(), ApplyError> {
    let v = (slot as i64).wrapping_sub(stub as i64);
    check_hi_lo(v)?;
    const T3: u32 = 28;
    let auipc = set_u(OPCODE_AUIPC | (T3 << 7), v);
    let ld = set_i(0x3003 | (T3 << 7) | (T3 << 15), lo12(v)); // ld t3, lo(t3)
    let jr = OPCODE_JALR | (T3 << 15); // jalr x0, 0(t3)
    for (i, insn) in [auipc, ld, jr, 0x13 /* nop */].into_iter().enumerate() {
        write32(&mut buf[i * 4..], insn);
    }
    Ok(())
}

pub(crate) fn name(r_type: u32) -> Option<&'static str> {
    Some(match r_type {
        R_RISCV_NONE => "R_RISCV_NONE",
        R_RISCV_32 => "R_RISCV_32",
        R_RISCV_64 => "R_RISCV_64",
        R_RISCV_BRANCH => "R_RISCV_BRANCH",
        R_RISCV_JAL => "R_RISCV_JAL",
        R_RISCV_CALL => "R_RISCV_CALL",
        R_RISCV_CALL_PLT => "R_RISCV_CALL_PLT",
        R_RISCV_GOT_HI20 => "R_RISCV_GOT_HI20",
        R_RISCV_TLS_GOT_HI20 => "R_RISCV_TLS_GOT_HI20",
        R_RISCV_TLS_GD_HI20 => "R_RISCV_TLS_GD_HI20",
        R_RISCV_PCREL_HI20 => "R_RISCV_PCREL_HI20",
        R_RISCV_PCREL_LO12_I => "R_RISCV_PCREL_LO12_I",
        R_RISCV_PCREL_LO12_S => "R_RISCV_PCREL_LO12_S",
        R_RISCV_HI20 => "R_RISCV_HI20",
        R_RISCV_LO12_I => "R_RISCV_LO12_I",
        R_RISCV_LO12_S => "R_RISCV_LO12_S",
        R_RISCV_ADD8 => "R_RISCV_ADD8",
        R_RISCV_ADD16 => "R_RISCV_ADD16",
        R_RISCV_ADD32 => "R_RISCV_ADD32",
        R_RISCV_ADD64 => "R_RISCV_ADD64",
        R_RISCV_SUB8 => "R_RISCV_SUB8",
        R_RISCV_SUB16 => "R_RISCV_SUB16",
        R_RISCV_SUB32 => "R_RISCV_SUB32",
        R_RISCV_SUB64 => "R_RISCV_SUB64",
        R_RISCV_ALIGN => "R_RISCV_ALIGN",
        R_RISCV_RELAX => "R_RISCV_RELAX",
        R_RISCV_32_PCREL => "R_RISCV_32_PCREL",
        R_RISCV_SET6 => "R_RISCV_SET6",
        R_RISCV_SUB6 => "R_RISCV_SUB6",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(p: u64, s: u64) -> Inputs {
        Inputs { p, s, a: 0, got_slot: 0, got: 0, partner: 0 }
    }

    /// Decodes an auipc + I-type pair back to its PC-relative value.
    fn decode_pair(auipc: u32, itype: u32) -> i64 {
        let hi = (auipc & 0xffff_f000) as i32 as i64;
        let lo = (itype as i32 >> 20) as i64;
        hi + lo
    }

    #[test]
    fn call_plt_round_trips_with_negative_low_part() {
        // auipc ra, 0; jalr ra, 0(ra)
        let mut b = [0u8; 8];
        write32(&mut b, 0x0000_0097);
        write32(&mut b[4..], 0x0000_80e7);
        let v = apply(R_RISCV_CALL_PLT, &mut b, &inputs(0x1000, 0x1000 + 0x1_2ff0)).unwrap();
        assert_eq!(v, 0x1_2ff0);
        assert_eq!(decode_pair(read32(&b), read32(&b[4..])), 0x1_2ff0);
        assert!(apply(R_RISCV_CALL_PLT, &mut b, &inputs(0, 1 << 31)).is_err());
    }

    #[test]
    fn store_and_branch_immediates() {
        // sd a0, 0(a1) with lo12 = -8
        let s = set_s(0x00a5_b023, -8);
        let imm = (((s >> 25) << 5) | ((s >> 7) & 0x1f)) as i64;
        assert_eq!(((imm as i32) << 20 >> 20) as i64, -8);
        // beq with offset -4096 (the minimum)
        let b = set_b(0x0000_0063, -4096);
        assert_eq!(b >> 31, 1);
        let mut place = 0x0000_0063u32.to_le_bytes();
        assert!(apply(R_RISCV_BRANCH, &mut place, &inputs(0, 4096)).is_err());
    }
}
