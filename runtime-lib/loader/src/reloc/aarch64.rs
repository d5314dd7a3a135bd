//! AArch64 relocations (ELF for the Arm 64-bit Architecture). Instruction
//! fields are patched in place after checking the instruction class, so a
//! relocation against the wrong instruction is an error, not silent damage.

use super::{
    check_align, check_either, check_signed, check_unsigned, read32, write32, write64, write_n, ApplyError, Class,
    Inputs,
};
use object::elf::*;

/// `adrp x16, slot; ldr x16, [x16, :lo12:slot]; br x16; brk #0`.
pub(crate) const STUB_SIZE: usize = 16;

pub(crate) fn classify(r_type: u32) -> Option<Class> {
    Some(match r_type {
        R_AARCH64_NONE | 256 => Class::NOTHING,
        R_AARCH64_ABS64 | R_AARCH64_PREL64 => Class::data(8),
        R_AARCH64_ABS32 | R_AARCH64_PREL32 => Class::data(4),
        R_AARCH64_ABS16 | R_AARCH64_PREL16 => Class::data(2),
        R_AARCH64_ADR_PREL_LO21
        | R_AARCH64_ADR_PREL_PG_HI21
        | R_AARCH64_ADR_PREL_PG_HI21_NC
        | R_AARCH64_ADD_ABS_LO12_NC
        | R_AARCH64_LDST8_ABS_LO12_NC
        | R_AARCH64_LDST16_ABS_LO12_NC
        | R_AARCH64_LDST32_ABS_LO12_NC
        | R_AARCH64_LDST64_ABS_LO12_NC
        | R_AARCH64_LDST128_ABS_LO12_NC
        | R_AARCH64_CONDBR19
        | R_AARCH64_TSTBR14
        | R_AARCH64_LD_PREL_LO19
        | R_AARCH64_MOVW_UABS_G0
        | R_AARCH64_MOVW_UABS_G0_NC
        | R_AARCH64_MOVW_UABS_G1
        | R_AARCH64_MOVW_UABS_G1_NC
        | R_AARCH64_MOVW_UABS_G2
        | R_AARCH64_MOVW_UABS_G2_NC
        | R_AARCH64_MOVW_UABS_G3 => Class::data(4),
        R_AARCH64_CALL26 | R_AARCH64_JUMP26 => Class::call(4),
        R_AARCH64_ADR_GOT_PAGE | R_AARCH64_LD64_GOT_LO12_NC | R_AARCH64_GOT_LD_PREL19 => Class::got(4),
        _ => return None,
    })
}

fn page(x: i64) -> i64 {
    x & !0xfff
}

/// Patches the 21-bit immediate of an ADR/ADRP.
fn set_adr_imm(insn: u32, imm: i64) -> u32 {
    let imm = imm as u32;
    (insn & !((0x3 << 29) | (0x7ffff << 5))) | ((imm & 0x3) << 29) | (((imm >> 2) & 0x7ffff) << 5)
}

fn expect(insn: u32, mask: u32, bits: u32) -> Result<(), ApplyError> {
    if insn & mask != bits {
        return Err(ApplyError::BadInstruction { insn });
    }
    Ok(())
}

const ADRP: (u32, u32) = (0x9f00_0000, 0x9000_0000);
const ADR: (u32, u32) = (0x9f00_0000, 0x1000_0000);
const B_BL: (u32, u32) = (0x7c00_0000, 0x1400_0000);
/// Load/store (unsigned immediate) and ADD (immediate): both keep imm12 at 10..22.
const IMM12_CLASS: (u32, u32) = (0x3b00_0000, 0x3900_0000);
const ADD_IMM: (u32, u32) = (0x1f80_0000, 0x1100_0000);

fn set_imm12(insn: u32, imm: i64) -> u32 {
    (insn & !(0xfff << 10)) | (((imm as u32) & 0xfff) << 10)
}

/// Patches a PC-relative word offset of `bits` bits at bit 5 (B.cond, CBZ,
/// TBZ, LDR literal).
fn set_imm_at5(insn: u32, v: i64, bits: u32) -> Result<u32, ApplyError> {
    check_align(v, 4)?;
    check_signed(v, bits + 2)?;
    let mask = ((1u32 << bits) - 1) << 5;
    Ok((insn & !mask) | ((((v >> 2) as u32) << 5) & mask))
}

pub(crate) fn apply(r_type: u32, place: &mut [u8], inp: &Inputs) -> Result<i64, ApplyError> {
    let p = inp.p as i64;
    match r_type {
        R_AARCH64_NONE | 256 => return Ok(0),
        R_AARCH64_ABS64 => {
            write64(place, inp.s_a() as u64);
            return Ok(inp.s_a());
        }
        R_AARCH64_PREL64 => {
            write64(place, inp.s_a_p() as u64);
            return Ok(inp.s_a_p());
        }
        R_AARCH64_ABS32 | R_AARCH64_ABS16 | R_AARCH64_PREL32 | R_AARCH64_PREL16 => {
            let v = if matches!(r_type, R_AARCH64_ABS32 | R_AARCH64_ABS16) { inp.s_a() } else { inp.s_a_p() };
            check_either(v, place.len() as u32 * 8)?;
            write_n(place, v as u64);
            return Ok(v);
        }
        _ => {}
    }
    let insn = read32(place);
    let (new, v) = match r_type {
        R_AARCH64_ADR_PREL_LO21 => {
            expect(insn, ADR.0, ADR.1)?;
            let v = inp.s_a_p();
            check_signed(v, 21)?;
            (set_adr_imm(insn, v), v)
        }
        R_AARCH64_ADR_PREL_PG_HI21 | R_AARCH64_ADR_PREL_PG_HI21_NC | R_AARCH64_ADR_GOT_PAGE => {
            expect(insn, ADRP.0, ADRP.1)?;
            let target = if r_type == R_AARCH64_ADR_GOT_PAGE {
                if inp.a != 0 {
                    return Err(ApplyError::GotAddend { addend: inp.a });
                }
                inp.got_slot as i64
            } else {
                inp.s_a()
            };
            let v = page(target).wrapping_sub(page(p));
            if r_type != R_AARCH64_ADR_PREL_PG_HI21_NC {
                check_signed(v, 33)?;
            }
            (set_adr_imm(insn, v >> 12), v)
        }
        R_AARCH64_ADD_ABS_LO12_NC => {
            expect(insn, ADD_IMM.0, ADD_IMM.1)?;
            let v = inp.s_a();
            (set_imm12(insn, v & 0xfff), v)
        }
        R_AARCH64_LDST8_ABS_LO12_NC
        | R_AARCH64_LDST16_ABS_LO12_NC
        | R_AARCH64_LDST32_ABS_LO12_NC
        | R_AARCH64_LDST64_ABS_LO12_NC
        | R_AARCH64_LDST128_ABS_LO12_NC
        | R_AARCH64_LD64_GOT_LO12_NC => {
            expect(insn, IMM12_CLASS.0, IMM12_CLASS.1)?;
            let (v, shift) = match r_type {
                R_AARCH64_LDST8_ABS_LO12_NC => (inp.s_a(), 0),
                R_AARCH64_LDST16_ABS_LO12_NC => (inp.s_a(), 1),
                R_AARCH64_LDST32_ABS_LO12_NC => (inp.s_a(), 2),
                R_AARCH64_LDST64_ABS_LO12_NC => (inp.s_a(), 3),
                R_AARCH64_LDST128_ABS_LO12_NC => (inp.s_a(), 4),
                _ => {
                    if inp.a != 0 {
                        return Err(ApplyError::GotAddend { addend: inp.a });
                    }
                    (inp.got_slot as i64, 3)
                }
            };
            check_align(v, 1 << shift)?;
            (set_imm12(insn, (v & 0xfff) >> shift), v)
        }
        R_AARCH64_CALL26 | R_AARCH64_JUMP26 => {
            expect(insn, B_BL.0, B_BL.1)?;
            let v = inp.s_a_p();
            check_align(v, 4)?;
            check_signed(v, 28)?;
            ((insn & !0x03ff_ffff) | (((v >> 2) as u32) & 0x03ff_ffff), v)
        }
        R_AARCH64_CONDBR19 | R_AARCH64_LD_PREL_LO19 => {
            let v = inp.s_a_p();
            (set_imm_at5(insn, v, 19)?, v)
        }
        R_AARCH64_GOT_LD_PREL19 => {
            if inp.a != 0 {
                return Err(ApplyError::GotAddend { addend: inp.a });
            }
            let v = (inp.got_slot as i64).wrapping_sub(p);
            (set_imm_at5(insn, v, 19)?, v)
        }
        R_AARCH64_TSTBR14 => {
            let v = inp.s_a_p();
            (set_imm_at5(insn, v, 14)?, v)
        }
        R_AARCH64_MOVW_UABS_G0
        | R_AARCH64_MOVW_UABS_G0_NC
        | R_AARCH64_MOVW_UABS_G1
        | R_AARCH64_MOVW_UABS_G1_NC
        | R_AARCH64_MOVW_UABS_G2
        | R_AARCH64_MOVW_UABS_G2_NC
        | R_AARCH64_MOVW_UABS_G3 => {
            let v = inp.s_a();
            let (group, checked) = match r_type {
                R_AARCH64_MOVW_UABS_G0 => (0, true),
                R_AARCH64_MOVW_UABS_G0_NC => (0, false),
                R_AARCH64_MOVW_UABS_G1 => (1, true),
                R_AARCH64_MOVW_UABS_G1_NC => (1, false),
                R_AARCH64_MOVW_UABS_G2 => (2, true),
                R_AARCH64_MOVW_UABS_G2_NC => (2, false),
                _ => (3, false),
            };
            if checked {
                check_unsigned(v, 16 * (group + 1))?;
            }
            let imm = ((v as u64) >> (16 * group)) as u32 & 0xffff;
            ((insn & !(0xffff << 5)) | (imm << 5), v)
        }
        _ => return Err(ApplyError::Unsupported),
    };
    write32(place, new);
    Ok(v)
}

pub(crate) fn write_stub(buf: &mut [u8], stub: u64, slot: u64) -> Result<(), ApplyError> {
    let pages = page(slot as i64).wrapping_sub(page(stub as i64));
    check_signed(pages, 33)?;
    check_align(slot as i64, 8)?;
    let adrp = set_adr_imm(0x9000_0010, pages >> 12); // adrp x16, ...
    let ldr = set_imm12(0xf940_0210, (slot as i64 & 0xfff) >> 3); // ldr x16, [x16, #..]
    for (i, insn) in [adrp, ldr, 0xd61f_0200 /* br x16 */, 0xd420_0000 /* brk #0 */].into_iter().enumerate() {
        write32(&mut buf[i * 4..], insn);
    }
    Ok(())
}

pub(crate) fn name(r_type: u32) -> Option<&'static str> {
    Some(match r_type {
        R_AARCH64_NONE => "R_AARCH64_NONE",
        R_AARCH64_ABS64 => "R_AARCH64_ABS64",
        R_AARCH64_ABS32 => "R_AARCH64_ABS32",
        R_AARCH64_ABS16 => "R_AARCH64_ABS16",
        R_AARCH64_PREL64 => "R_AARCH64_PREL64",
        R_AARCH64_PREL32 => "R_AARCH64_PREL32",
        R_AARCH64_PREL16 => "R_AARCH64_PREL16",
        R_AARCH64_MOVW_UABS_G0 => "R_AARCH64_MOVW_UABS_G0",
        R_AARCH64_MOVW_UABS_G0_NC => "R_AARCH64_MOVW_UABS_G0_NC",
        R_AARCH64_MOVW_UABS_G1 => "R_AARCH64_MOVW_UABS_G1",
        R_AARCH64_MOVW_UABS_G1_NC => "R_AARCH64_MOVW_UABS_G1_NC",
        R_AARCH64_MOVW_UABS_G2 => "R_AARCH64_MOVW_UABS_G2",
        R_AARCH64_MOVW_UABS_G2_NC => "R_AARCH64_MOVW_UABS_G2_NC",
        R_AARCH64_MOVW_UABS_G3 => "R_AARCH64_MOVW_UABS_G3",
        R_AARCH64_LD_PREL_LO19 => "R_AARCH64_LD_PREL_LO19",
        R_AARCH64_ADR_PREL_LO21 => "R_AARCH64_ADR_PREL_LO21",
        R_AARCH64_ADR_PREL_PG_HI21 => "R_AARCH64_ADR_PREL_PG_HI21",
        R_AARCH64_ADR_PREL_PG_HI21_NC => "R_AARCH64_ADR_PREL_PG_HI21_NC",
        R_AARCH64_ADD_ABS_LO12_NC => "R_AARCH64_ADD_ABS_LO12_NC",
        R_AARCH64_LDST8_ABS_LO12_NC => "R_AARCH64_LDST8_ABS_LO12_NC",
        R_AARCH64_TSTBR14 => "R_AARCH64_TSTBR14",
        R_AARCH64_CONDBR19 => "R_AARCH64_CONDBR19",
        R_AARCH64_JUMP26 => "R_AARCH64_JUMP26",
        R_AARCH64_CALL26 => "R_AARCH64_CALL26",
        R_AARCH64_LDST16_ABS_LO12_NC => "R_AARCH64_LDST16_ABS_LO12_NC",
        R_AARCH64_LDST32_ABS_LO12_NC => "R_AARCH64_LDST32_ABS_LO12_NC",
        R_AARCH64_LDST64_ABS_LO12_NC => "R_AARCH64_LDST64_ABS_LO12_NC",
        R_AARCH64_LDST128_ABS_LO12_NC => "R_AARCH64_LDST128_ABS_LO12_NC",
        R_AARCH64_GOT_LD_PREL19 => "R_AARCH64_GOT_LD_PREL19",
        R_AARCH64_ADR_GOT_PAGE => "R_AARCH64_ADR_GOT_PAGE",
        R_AARCH64_LD64_GOT_LO12_NC => "R_AARCH64_LD64_GOT_LO12_NC",
        R_AARCH64_TLSDESC_ADR_PAGE21 => "R_AARCH64_TLSDESC_ADR_PAGE21",
        R_AARCH64_TLSDESC_LD64_LO12 => "R_AARCH64_TLSDESC_LD64_LO12",
        R_AARCH64_TLSDESC_ADD_LO12 => "R_AARCH64_TLSDESC_ADD_LO12",
        R_AARCH64_TLSDESC_CALL => "R_AARCH64_TLSDESC_CALL",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(p: u64, s: u64) -> Inputs {
        Inputs { p, s, a: 0, got_slot: 0x5008, got: 0x5000, partner: 0 }
    }

    #[test]
    fn call26_encodes_and_checks_range() {
        let mut b = 0x9400_0000u32.to_le_bytes(); // bl #0
        assert_eq!(apply(R_AARCH64_CALL26, &mut b, &inputs(0x1000, 0x2000)), Ok(0x1000));
        assert_eq!(u32::from_le_bytes(b), 0x9400_0400);
        let far = inputs(0x1000, 0x1000 + (1 << 27));
        assert!(matches!(apply(R_AARCH64_CALL26, &mut b, &far), Err(ApplyError::Overflow { .. })));
        let mut nop = 0xd503_201fu32.to_le_bytes();
        assert!(matches!(apply(R_AARCH64_CALL26, &mut nop, &inputs(0, 4)), Err(ApplyError::BadInstruction { .. })));
    }

    #[test]
    fn adrp_and_lo12() {
        // adrp x0, #0 at 0x1ffc; target 0x3010 -> pages differ by 2.
        let mut b = 0x9000_0000u32.to_le_bytes();
        apply(R_AARCH64_ADR_PREL_PG_HI21, &mut b, &inputs(0x1ffc, 0x3010)).unwrap();
        assert_eq!(u32::from_le_bytes(b), 0x9000_0000 | (2 << 29));
        // ldr x1, [x0, #0] with the GOT slot 0x5008 -> imm12 = 1.
        let mut l = 0xf940_0001u32.to_le_bytes();
        apply(R_AARCH64_LD64_GOT_LO12_NC, &mut l, &inputs(0, 0)).unwrap();
        assert_eq!(u32::from_le_bytes(l), 0xf940_0401);
    }
}
