//! x86_64 relocations (System V psABI). GOT-loading relocations
//! (`GOTPCRELX`, `REX_GOTPCRELX`) are not relaxed: the GOT is always used.

use super::{check_either, check_signed, check_unsigned, write32, write64, ApplyError, Class, Inputs};
use object::elf::*;

/// `jmp *slot(%rip)` padded with `int3`.
pub(crate) const STUB_SIZE: usize = 8;

pub(crate) fn classify(r_type: u32) -> Option<Class> {
    Some(match r_type {
        R_X86_64_NONE => Class::NOTHING,
        R_X86_64_64 | R_X86_64_PC64 | R_X86_64_GOTOFF64 | R_X86_64_GOTPC64 => Class::data(8),
        R_X86_64_PC32 | R_X86_64_32 | R_X86_64_32S | R_X86_64_GOTPC32 => Class::data(4),
        R_X86_64_PLT32 => Class::call(4),
        R_X86_64_GOTPCREL | R_X86_64_GOTPCRELX | R_X86_64_REX_GOTPCRELX | R_X86_64_GOT32 => Class::got(4),
        R_X86_64_GOTPCREL64 | R_X86_64_GOT64 => Class::got(8),
        _ => return None,
    })
}

/// `-fno-pic` code addresses statics with 32-bit absolute fields.
pub(crate) fn needs_low_image(r_type: u32) -> bool {
    matches!(r_type, R_X86_64_32 | R_X86_64_32S)
}

pub(crate) fn apply(r_type: u32, place: &mut [u8], inp: &Inputs) -> Result<i64, ApplyError> {
    let got_base = inp.got as i64;
    let v = match r_type {
        R_X86_64_NONE => return Ok(0),
        R_X86_64_64 => inp.s_a(),
        R_X86_64_PC64 => inp.s_a_p(),
        R_X86_64_GOTOFF64 => inp.s_a().wrapping_sub(got_base),
        R_X86_64_GOTPC64 => got_base.wrapping_add(inp.a).wrapping_sub(inp.p as i64),
        R_X86_64_GOTPCREL64 => inp.g_a_p(),
        R_X86_64_GOT64 => (inp.got_slot as i64).wrapping_sub(got_base).wrapping_add(inp.a),
        R_X86_64_PC32 | R_X86_64_PLT32 => {
            let v = inp.s_a_p();
            check_signed(v, 32)?;
            v
        }
        R_X86_64_GOTPCREL | R_X86_64_GOTPCRELX | R_X86_64_REX_GOTPCRELX => {
            let v = inp.g_a_p();
            check_signed(v, 32)?;
            v
        }
        R_X86_64_GOTPC32 => {
            let v = got_base.wrapping_add(inp.a).wrapping_sub(inp.p as i64);
            check_signed(v, 32)?;
            v
        }
        R_X86_64_GOT32 => {
            let v = (inp.got_slot as i64).wrapping_sub(got_base).wrapping_add(inp.a);
            check_either(v, 32)?;
            v
        }
        R_X86_64_32 => {
            let v = inp.s_a();
            check_unsigned(v, 32)?;
            v
        }
        R_X86_64_32S => {
            let v = inp.s_a();
            check_signed(v, 32)?;
            v
        }
        _ => return Err(ApplyError::Unsupported),
    };
    if place.len() == 8 {
        write64(place, v as u64);
    } else {
        write32(place, v as u32);
    }
    Ok(v)
}

pub(crate) fn write_stub(buf: &mut [u8], stub: u64, slot: u64) -> Result<(), ApplyError> {
    let disp = (slot as i64).wrapping_sub(stub as i64 + 6);
    check_signed(disp, 32)?;
    buf[..2].copy_from_slice(&[0xff, 0x25]);
    write32(&mut buf[2..6], disp as u32);
    buf[6..8].copy_from_slice(&[0xcc, 0xcc]);
    Ok(())
}

pub(crate) fn name(r_type: u32) -> Option<&'static str> {
    Some(match r_type {
        R_X86_64_NONE => "R_X86_64_NONE",
        R_X86_64_64 => "R_X86_64_64",
        R_X86_64_PC32 => "R_X86_64_PC32",
        R_X86_64_GOT32 => "R_X86_64_GOT32",
        R_X86_64_PLT32 => "R_X86_64_PLT32",
        R_X86_64_GOTPCREL => "R_X86_64_GOTPCREL",
        R_X86_64_32 => "R_X86_64_32",
        R_X86_64_32S => "R_X86_64_32S",
        R_X86_64_16 => "R_X86_64_16",
        R_X86_64_PC16 => "R_X86_64_PC16",
        R_X86_64_8 => "R_X86_64_8",
        R_X86_64_PC8 => "R_X86_64_PC8",
        R_X86_64_TPOFF32 => "R_X86_64_TPOFF32",
        R_X86_64_TLSGD => "R_X86_64_TLSGD",
        R_X86_64_TLSLD => "R_X86_64_TLSLD",
        R_X86_64_DTPOFF32 => "R_X86_64_DTPOFF32",
        R_X86_64_GOTTPOFF => "R_X86_64_GOTTPOFF",
        R_X86_64_PC64 => "R_X86_64_PC64",
        R_X86_64_GOTOFF64 => "R_X86_64_GOTOFF64",
        R_X86_64_GOTPC32 => "R_X86_64_GOTPC32",
        R_X86_64_GOT64 => "R_X86_64_GOT64",
        R_X86_64_GOTPCREL64 => "R_X86_64_GOTPCREL64",
        R_X86_64_GOTPC64 => "R_X86_64_GOTPC64",
        R_X86_64_SIZE32 => "R_X86_64_SIZE32",
        R_X86_64_SIZE64 => "R_X86_64_SIZE64",
        R_X86_64_GOTPCRELX => "R_X86_64_GOTPCRELX",
        R_X86_64_REX_GOTPCRELX => "R_X86_64_REX_GOTPCRELX",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(p: u64, s: u64, a: i64) -> Inputs {
        Inputs { p, s, a, got_slot: 0x3000, got: 0x3000, partner: 0 }
    }

    #[test]
    fn pc32_and_its_overflow() {
        let mut b = [0u8; 4];
        assert_eq!(apply(R_X86_64_PC32, &mut b, &inputs(0x1000, 0x2000, -4)), Ok(0xffc));
        assert_eq!(b, 0xffcu32.to_le_bytes());
        let far = inputs(0x1000, 0x1_0000_2000, -4);
        assert!(matches!(apply(R_X86_64_PLT32, &mut b, &far), Err(ApplyError::Overflow { bits: 32, .. })));
        // The place is left untouched on error.
        assert_eq!(b, 0xffcu32.to_le_bytes());
    }

    #[test]
    fn got_and_stub() {
        let mut b = [0u8; 4];
        assert_eq!(apply(R_X86_64_REX_GOTPCRELX, &mut b, &inputs(0x1000, 0xdead, -4)), Ok(0x3000 - 4 - 0x1000));
        let mut s = [0u8; STUB_SIZE];
        write_stub(&mut s, 0x2000, 0x3000).unwrap();
        assert_eq!(s, [0xff, 0x25, 0xfa, 0x0f, 0, 0, 0xcc, 0xcc]);
    }
}
