//! aarch64 and riscv64 objects (from Cranelift) cannot run here, so these
//! tests load them with `load_any_arch` and decode every relocated
//! instruction and word independently, checking that each resolves to the
//! address its symbol must have (through the GOT and call stubs where used).

use crate::objects;
use kiln_loader::{load_any_arch, LoadedImage};
use object::elf::*;
use object::{Object, ObjectSection, ObjectSymbol, RelocationFlags, RelocationTarget, SectionIndex};
use std::collections::{BTreeSet, HashMap};

fn read32(addr: u64) -> u32 {
    // SAFETY: callers only pass addresses inside the loaded image.
    unsafe { (addr as *const u32).read_unaligned() }
}

fn read64(addr: u64) -> u64 {
    // SAFETY: as for read32.
    unsafe { (addr as *const u64).read_unaligned() }
}

fn sext(v: u64, bits: u32) -> i64 {
    ((v << (64 - bits)) as i64) >> (64 - bits)
}

fn page(x: u64) -> u64 {
    x & !0xfff
}

/// Where one object section landed in the image, found through a global
/// symbol it defines.
fn section_bases(file: &object::File<'_>, image: &LoadedImage) -> HashMap<SectionIndex, u64> {
    let mut bases = HashMap::new();
    for sym in file.symbols() {
        if let (Some(index), Ok(name)) = (sym.section_index(), sym.name()) {
            if let Some(addr) = image.symbol(name) {
                bases.insert(index, addr as u64 - sym.address());
            }
        }
    }
    bases
}

/// The address a symbol must have: its image address if defined here,
/// else what the resolver gives (null for the missing import).
fn expected(image: &LoadedImage, name: &str) -> u64 {
    image.symbol(name).map(|p| p as u64).or_else(|| objects::resolve(name).map(|a| a as u64)).unwrap_or_else(|| {
        assert_eq!(name, objects::MISSING_IMPORT);
        0
    })
}

/// Decodes an aarch64 call stub and returns what its GOT slot holds.
fn aarch64_stub_target(image: &LoadedImage, stub: u64) -> u64 {
    assert!(image.text().contains(&(stub as usize)), "stubs live in the code pages");
    let (adrp, ldr, br) = (read32(stub), read32(stub + 4), read32(stub + 8));
    assert_eq!(br, 0xd61f_0200, "br x16");
    let slot = page(stub).wrapping_add_signed(adrp_imm(adrp)) + ((ldr >> 10) & 0xfff) as u64 * 8;
    assert!(image.rodata().contains(&(slot as usize)), "the GOT is read-only");
    read64(slot)
}

fn adrp_imm(insn: u32) -> i64 {
    assert_eq!(insn & 0x9f00_0000, 0x9000_0000, "adrp");
    let imm = (((insn >> 5) & 0x7ffff) << 2 | ((insn >> 29) & 3)) as u64;
    sext(imm, 21) << 12
}

fn riscv_pair(auipc: u32, itype: u32) -> i64 {
    sext((auipc & 0xffff_f000) as u64, 32) + sext((itype >> 20) as u64, 12)
}

/// Decodes a riscv64 call stub and returns what its GOT slot holds.
fn riscv_stub_target(image: &LoadedImage, stub: u64) -> u64 {
    assert!(image.text().contains(&(stub as usize)));
    let slot = stub.wrapping_add_signed(riscv_pair(read32(stub), read32(stub + 4)));
    assert_eq!(read32(stub + 8), 0x000e_0067, "jr t3");
    assert!(image.rodata().contains(&(slot as usize)));
    read64(slot)
}

/// Checks every relocation of `obj` in `image`; returns the kinds seen.
fn verify(obj: &[u8], image: &LoadedImage) -> BTreeSet<u32> {
    let file = object::File::parse(obj).unwrap();
    let bases = section_bases(&file, image);
    let mut seen = BTreeSet::new();
    let mut got_page: HashMap<String, u64> = HashMap::new();
    // riscv: offset of each %pcrel_hi/%got_pcrel_hi -> (is_got, symbol, partial address)
    let mut hi: HashMap<u64, (bool, String, u64)> = HashMap::new();
    let mut los = Vec::new();
    for section in file.sections() {
        let Some(&base) = bases.get(&section.index()) else { continue };
        for (offset, r) in section.relocations() {
            let RelocationFlags::Elf { r_type } = r.flags() else { panic!("ELF relocations only") };
            seen.insert(r_type);
            let RelocationTarget::Symbol(si) = r.target() else { panic!("symbol targets only") };
            let sym = file.symbol_by_index(si).unwrap();
            let name = sym.name().unwrap().to_string();
            let p = base + offset;
            let insn = read32(p);
            match r_type {
                R_AARCH64_ABS64 | R_RISCV_64 => assert_eq!(read64(p), expected(image, &name), "{name}"),
                R_AARCH64_CALL26 => {
                    let target = p.wrapping_add_signed(sext((insn & 0x03ff_ffff) as u64, 26) * 4);
                    let reached = if sym.is_undefined() { aarch64_stub_target(image, target) } else { target };
                    assert_eq!(reached, expected(image, &name), "call to {name}");
                }
                R_AARCH64_ADR_PREL_PG_HI21 => {
                    assert_eq!(page(p).wrapping_add_signed(adrp_imm(insn)), page(expected(image, &name)))
                }
                R_AARCH64_ADD_ABS_LO12_NC => {
                    assert_eq!(((insn >> 10) & 0xfff) as u64, expected(image, &name) & 0xfff)
                }
                R_AARCH64_LDST64_ABS_LO12_NC => {
                    assert_eq!(((insn >> 10) & 0xfff) as u64 * 8, expected(image, &name) & 0xfff)
                }
                R_AARCH64_ADR_GOT_PAGE => {
                    got_page.insert(name, page(p).wrapping_add_signed(adrp_imm(insn)));
                }
                R_AARCH64_LD64_GOT_LO12_NC => {
                    let slot = got_page[&name] + ((insn >> 10) & 0xfff) as u64 * 8;
                    assert_eq!(read64(slot), expected(image, &name), "GOT slot of {name}");
                }
                R_RISCV_CALL_PLT | R_RISCV_CALL => {
                    let target = p.wrapping_add_signed(riscv_pair(insn, read32(p + 4)));
                    let reached = if sym.is_undefined() { riscv_stub_target(image, target) } else { target };
                    assert_eq!(reached, expected(image, &name), "call to {name}");
                }
                R_RISCV_PCREL_HI20 | R_RISCV_GOT_HI20 => {
                    let partial = p.wrapping_add_signed(sext((insn & 0xffff_f000) as u64, 32));
                    hi.insert(offset, (r_type == R_RISCV_GOT_HI20, name, partial));
                }
                R_RISCV_PCREL_LO12_I => los.push((sym.address(), sext((insn >> 20) as u64, 12))),
                R_RISCV_RELAX => {}
                other => panic!("relocation type {other} has no check"),
            }
        }
    }
    for (hi_offset, lo) in los {
        let (is_got, name, partial) = hi.get(&hi_offset).expect("every %pcrel_lo has its %pcrel_hi").clone();
        let full = partial.wrapping_add_signed(lo);
        let value = if is_got { read64(full) } else { full };
        assert_eq!(value, expected(image, &name), "{} of {name}", if is_got { "GOT slot" } else { "address" });
    }
    seen
}

fn check(triple: &str, pic: bool, must_see: &[u32]) {
    let obj = objects::build(triple, pic);
    let image = load_any_arch(&obj, &objects::resolve).unwrap();
    crate::assert_w_xor_x(&image);
    let seen = verify(&obj, &image);
    for kind in must_see {
        assert!(seen.contains(kind), "{triple} pic={pic}: expected relocation type {kind}, saw {seen:?}");
    }
}

#[test]
fn aarch64_pic() {
    check(
        "aarch64-unknown-linux-gnu",
        true,
        &[R_AARCH64_CALL26, R_AARCH64_ADR_GOT_PAGE, R_AARCH64_LD64_GOT_LO12_NC, R_AARCH64_ABS64],
    );
}

#[test]
fn aarch64_non_pic() {
    check(
        "aarch64-unknown-linux-gnu",
        false,
        &[R_AARCH64_CALL26, R_AARCH64_ABS64, R_AARCH64_ADR_PREL_PG_HI21, R_AARCH64_ADD_ABS_LO12_NC],
    );
}

#[test]
fn riscv64_pic() {
    check("riscv64gc-unknown-linux-gnu", true, &[R_RISCV_CALL_PLT, R_RISCV_GOT_HI20, R_RISCV_PCREL_LO12_I, R_RISCV_64]);
}

#[test]
fn riscv64_non_pic() {
    check(
        "riscv64gc-unknown-linux-gnu",
        false,
        &[R_RISCV_CALL_PLT, R_RISCV_64, R_RISCV_PCREL_HI20, R_RISCV_PCREL_LO12_I],
    );
}
