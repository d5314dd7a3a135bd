//! Loading an ELF relocatable object into memory without a system linker.
//!
//! Data flow: parse the ELF headers in place → classify every relocation of
//! every allocatable section (rejecting unknown kinds, counting GOT slots and
//! call stubs) and resolve undefined symbols → lay out code, read-only data
//! (+ GOT) and writable data in three page-aligned parts of one mapping →
//! copy section bytes → fill the GOT and stubs → apply relocations →
//! mprotect each part. Nothing is reparsed and no byte is touched twice
//! beyond the copy.

use crate::error::LoadError;
use crate::image::{flush_icache, LoadedImage, Mapping};
use crate::reloc::{self, Arch, Inputs, Pair};
use object::elf::{self, FileHeader64, Rela64};
use object::read::elf::{FileHeader, Rela, SectionHeader, Sym, SymbolTable};
use object::{LittleEndian as LE, SectionIndex, SymbolIndex};
use rustix::mm::MprotectFlags;
use std::collections::HashMap;

type Header = FileHeader64<LE>;

/// Prefix of the symbols compiled code uses for wasm function imports.
const IMPORT_PREFIX: &str = "kiln_import_";
/// The linker-defined symbol naming the GOT.
const GOT_SYMBOL: &[u8] = b"_GLOBAL_OFFSET_TABLE_";

/// Which part of the image a section goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Text = 0,
    ReadOnly = 1,
    Writable = 2,
}

/// Where a referenced symbol lives, before layout.
#[derive(Clone, Copy)]
enum Def {
    /// Not referenced by any relocation (or the null symbol).
    Unused,
    /// Resolved outside the image (or to null).
    External(u64),
    Absolute(u64),
    InSection(usize, u64),
    Common(usize),
    Got,
}

const REF: u8 = 1;
const GOT: u8 = 2;
const CALL: u8 = 4;
const NONE: u32 = u32::MAX;

/// Loads `object` (an ELF relocatable object for this machine's
/// architecture, as `kiln_compiler::compile` produces) into executable
/// memory.
///
/// Undefined symbols are looked up with `resolve`; any that stay
/// unresolved are an error naming them all, except:
/// - symbols starting with `kiln_import_` resolve to 0 (null): a wasm
///   function import of another instance is supplied later, by the
///   runtime's linker, through the VM context rather than this address
///   (`ModuleInfo.imports[i].host_func` is then null);
/// - weak undefined symbols resolve to 0, as in any ELF link;
/// - `_GLOBAL_OFFSET_TABLE_` is the image's own GOT.
///
/// Calls to undefined symbols go through small stubs inside the image that
/// jump via the GOT, so callees may be anywhere in the address space; every
/// other PC-relative or narrow field is range-checked, and a value that does
/// not fit is an error naming the relocation, never a truncation. x86_64
/// objects with 32-bit absolute relocations (`-fno-pic` code) are mapped
/// below 2 GiB so those fields can hold addresses of the image.
pub fn load(object: &[u8], resolve: &dyn Fn(&str) -> Option<usize>) -> Result<LoadedImage, LoadError> {
    load_inner(object, resolve, true)
}

/// Like [`load`], but accepts objects of any supported architecture. For
/// tools and tests that inspect relocated code: code of a foreign
/// architecture must never be called.
pub fn load_any_arch(object: &[u8], resolve: &dyn Fn(&str) -> Option<usize>) -> Result<LoadedImage, LoadError> {
    load_inner(object, resolve, false)
}

fn parse_err(e: object::read::Error) -> LoadError {
    LoadError::Parse(e.to_string())
}

fn lossy(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

fn align_up(v: u64, align: u64) -> Option<u64> {
    v.checked_add(align - 1).map(|x| x & !(align - 1))
}

/// Largest image the loader maps; far beyond any real module, small enough
/// that offset arithmetic cannot overflow.
const MAX_IMAGE: u64 = 1 << 40;

fn load_inner(
    object: &[u8],
    resolve: &dyn Fn(&str) -> Option<usize>,
    require_host: bool,
) -> Result<LoadedImage, LoadError> {
    // ELF structures are read in place and need 8-byte alignment.
    let copy: Vec<u64>;
    let data: &[u8] = if object.as_ptr().cast::<u64>().is_aligned() {
        object
    } else {
        let mut words = vec![0u64; object.len().div_ceil(8)];
        // SAFETY: `words` owns at least object.len() initialized bytes and
        // u64 has no invalid bit patterns.
        let bytes = unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr().cast::<u8>(), object.len()) };
        bytes.copy_from_slice(object);
        copy = words;
        // SAFETY: as above; `copy` outlives `data`.
        unsafe { std::slice::from_raw_parts(copy.as_ptr().cast::<u8>(), object.len()) }
    };

    let header = Header::parse(data).map_err(parse_err)?;
    let endian = header.endian().map_err(parse_err)?;
    if header.e_type(endian) != elf::ET_REL {
        return Err(LoadError::NotRelocatable(header.e_type(endian)));
    }
    let arch = match header.e_machine(endian) {
        elf::EM_X86_64 => Arch::X86_64,
        elf::EM_AARCH64 => Arch::Aarch64,
        elf::EM_RISCV => Arch::Riscv64,
        other => return Err(LoadError::UnsupportedMachine(other)),
    };
    if require_host && Arch::HOST != Some(arch) {
        return Err(LoadError::ForeignArch { found: arch, host: std::env::consts::ARCH });
    }
    let sections = header.sections(endian, data).map_err(parse_err)?;
    let symtab = sections.symbols(endian, data, elf::SHT_SYMTAB).map_err(parse_err)?;
    let section_name = |i: usize| match sections.section(SectionIndex(i)) {
        Ok(s) => lossy(sections.section_name(endian, s).unwrap_or(b"?")),
        Err(_) => format!("#{i}"),
    };
    let page = rustix::param::page_size() as u64;

    // Which sections are loaded, and where.
    let mut part_of: Vec<Option<Part>> = vec![None; sections.len()];
    // Bytes of each loaded section with contents, bounds-checked before
    // anything is mapped.
    let mut contents: Vec<&[u8]> = vec![&[]; sections.len()];
    for (index, s) in sections.enumerate() {
        let flags = s.sh_flags(endian);
        if flags & u64::from(elf::SHF_ALLOC) == 0 {
            continue;
        }
        let unsupported =
            |reason: &str| LoadError::UnsupportedSection { section: section_name(index.0), reason: reason.to_string() };
        if flags & u64::from(elf::SHF_TLS) != 0 {
            return Err(unsupported("thread-local storage is not supported"));
        }
        if matches!(s.sh_type(endian), elf::SHT_INIT_ARRAY | elf::SHT_FINI_ARRAY | elf::SHT_PREINIT_ARRAY) {
            return Err(unsupported("constructors and destructors are not run by this loader"));
        }
        let align = s.sh_addralign(endian).max(1);
        if !align.is_power_of_two() || align > page {
            return Err(unsupported(&format!("alignment {align} is not a power of two up to the page size {page}")));
        }
        if s.sh_type(endian) != elf::SHT_NOBITS {
            contents[index.0] = s.data(endian, data).map_err(parse_err)?;
        }
        let name = sections.section_name(endian, s).unwrap_or(b"");
        part_of[index.0] = Some(if flags & u64::from(elf::SHF_EXECINSTR) != 0 {
            Part::Text
        } else if flags & u64::from(elf::SHF_WRITE) != 0 && !name.starts_with(b".data.rel.ro") {
            Part::Writable
        } else {
            // Read-only data, and .data.rel.ro: read-only once relocated.
            Part::ReadOnly
        });
    }

    // Classify every relocation of a loaded section.
    let mut relas: Vec<(usize, &[Rela64<LE>])> = Vec::new();
    let mut sym_flags = vec![0u8; symtab.len()];
    let mut has_hi = false;
    let mut low = false;
    for (index, s) in sections.enumerate() {
        let target = s.sh_info(endian) as usize;
        let loaded = matches!(s.sh_type(endian), elf::SHT_RELA | elf::SHT_REL)
            && part_of.get(target).is_some_and(|p| p.is_some());
        if !loaded {
            continue;
        }
        let Some((entries, _link)) = s.rela(endian, data).map_err(parse_err)? else {
            return Err(LoadError::UnsupportedSection {
                section: section_name(index.0),
                reason: "REL relocations (implicit addends) are not supported".to_string(),
            });
        };
        let size = sections.section(SectionIndex(target)).map_err(parse_err)?.sh_size(endian);
        for r in entries {
            let (r_type, sym) = (r.r_type(endian, false), r.r_sym(endian, false));
            let offset = r.r_offset(endian);
            let Some(class) = reloc::classify(arch, r_type) else {
                return Err(LoadError::UnsupportedRelocation {
                    section: section_name(target),
                    offset,
                    arch,
                    kind: reloc::name(arch, r_type),
                });
            };
            if offset.checked_add(u64::from(class.width)).is_none_or(|end| end > size) {
                return Err(LoadError::RelocationOutOfBounds {
                    section: section_name(target),
                    offset,
                    kind: reloc::name(arch, r_type),
                    size,
                });
            }
            let Some(flags) = sym_flags.get_mut(sym as usize) else {
                return Err(LoadError::BadSymbolIndex {
                    section: section_name(target),
                    offset,
                    index: sym,
                    count: symtab.len(),
                });
            };
            if class.width == 0 {
                continue;
            }
            *flags |= REF | if class.got { GOT } else { 0 } | if class.call { CALL } else { 0 };
            has_hi |= class.pair == Pair::Hi;
            low |= reloc::needs_low_image(arch, r_type);
        }
        relas.push((target, entries));
    }

    // Resolve referenced symbols (before mapping anything).
    let mut defs = vec![Def::Unused; symtab.len()];
    let mut unresolved = Vec::new();
    let mut commons: Vec<(usize, u64, u64)> = Vec::new(); // (symbol, size, align)
    for (i, sym) in symtab.symbols().iter().enumerate() {
        let is_common = sym.st_shndx(endian) == elf::SHN_COMMON;
        if i == 0 || (sym_flags[i] & REF == 0 && !is_common) {
            continue;
        }
        let name = symtab.symbol_name(endian, sym).map_err(parse_err)?;
        defs[i] = match sym.st_shndx(endian) {
            elf::SHN_ABS => Def::Absolute(sym.st_value(endian)),
            elf::SHN_COMMON => {
                let align = sym.st_value(endian).max(1);
                if !align.is_power_of_two() || align > page {
                    return Err(LoadError::UnsupportedSection {
                        section: "COMMON".to_string(),
                        reason: format!("symbol {} has alignment {align}", lossy(name)),
                    });
                }
                commons.push((i, sym.st_size(endian), align));
                Def::Common(commons.len() - 1)
            }
            _ => match symtab.symbol_section(endian, sym, SymbolIndex(i)).map_err(parse_err)? {
                Some(SectionIndex(s)) => {
                    if part_of.get(s).copied().flatten().is_none() {
                        return Err(LoadError::SymbolInUnloadedSection {
                            symbol: lossy(name),
                            section: section_name(s),
                        });
                    }
                    Def::InSection(s, sym.st_value(endian))
                }
                None if name == GOT_SYMBOL => Def::Got,
                None => {
                    let found = std::str::from_utf8(name).ok().and_then(resolve);
                    match found {
                        Some(addr) => Def::External(addr as u64),
                        None if name.starts_with(IMPORT_PREFIX.as_bytes()) || sym.st_bind() == elf::STB_WEAK => {
                            Def::External(0)
                        }
                        None => {
                            unresolved.push(lossy(name));
                            Def::External(0)
                        }
                    }
                }
            },
        };
    }
    if !unresolved.is_empty() {
        unresolved.sort();
        return Err(LoadError::Unresolved(unresolved));
    }

    // GOT slots and call stubs.
    let mut slot_of = vec![NONE; symtab.len()];
    let mut stub_of = vec![NONE; symtab.len()];
    let mut slots: Vec<usize> = Vec::new();
    let mut stubs: Vec<usize> = Vec::new();
    for i in 0..symtab.len() {
        let external = matches!(defs[i], Def::External(_) | Def::Absolute(_));
        let stub = sym_flags[i] & CALL != 0 && external;
        if sym_flags[i] & GOT != 0 || stub {
            slot_of[i] = slots.len() as u32;
            slots.push(i);
        }
        if stub {
            stub_of[i] = stubs.len() as u32;
            stubs.push(i);
        }
    }

    // Layout: each part starts on a page; sections keep their alignment.
    let mut sec_off = vec![0u64; sections.len()];
    let mut ranges = [0..0u64, 0..0, 0..0];
    let (mut stubs_off, mut got_off, mut commons_off) = (0u64, 0u64, Vec::with_capacity(commons.len()));
    let mut off = 0u64;
    // End of the bytes the loader writes (sections with contents, stubs, GOT).
    let mut written_end = 0u64;
    let too_large = |len| LoadError::TooLarge { len };
    for part in [Part::Text, Part::ReadOnly, Part::Writable] {
        let start = off;
        for (index, s) in sections.enumerate() {
            if part_of[index.0] != Some(part) {
                continue;
            }
            off = align_up(off, s.sh_addralign(endian).max(1)).ok_or(too_large(u64::MAX))?;
            sec_off[index.0] = off;
            off = off.checked_add(s.sh_size(endian)).filter(|&e| e <= MAX_IMAGE).ok_or(too_large(u64::MAX))?;
            if s.sh_type(endian) != elf::SHT_NOBITS {
                written_end = off;
            }
        }
        match part {
            Part::Text => {
                stubs_off = align_up(off, 16).ok_or(too_large(off))?;
                off = stubs_off + (stubs.len() * arch.stub_size()) as u64;
                written_end = off;
            }
            Part::ReadOnly => {
                got_off = align_up(off, 8).ok_or(too_large(off))?;
                off = got_off + slots.len() as u64 * 8;
                written_end = off;
            }
            Part::Writable => {
                for &(_, size, align) in &commons {
                    off = align_up(off, align).ok_or(too_large(off))?;
                    commons_off.push(off);
                    off = off.checked_add(size).filter(|&e| e <= MAX_IMAGE).ok_or(too_large(u64::MAX))?;
                }
            }
        }
        off = align_up(off, page).ok_or(too_large(off))?;
        ranges[part as usize] = start..off;
    }
    let total = off.max(page);
    if total > MAX_IMAGE {
        return Err(too_large(total));
    }

    let mut map = Mapping::new(total as usize, low)?;
    map.populate(written_end as usize);
    let base = map.addr();
    let image = map.bytes_mut();
    for (index, bytes) in contents.iter().enumerate() {
        let at = sec_off[index] as usize;
        image[at..at + bytes.len()].copy_from_slice(bytes);
    }

    // Final symbol addresses.
    let addr_of = |def: Def| -> u64 {
        match def {
            Def::Unused => 0,
            Def::External(a) | Def::Absolute(a) => a,
            Def::InSection(s, v) => (base + sec_off[s]).wrapping_add(v),
            Def::Common(k) => base + commons_off[k],
            Def::Got => base + got_off,
        }
    };
    let addrs: Vec<u64> = defs.iter().map(|&d| addr_of(d)).collect();
    let slot_addr = |slot: u32| base + got_off + u64::from(slot) * 8;
    let stub_addr = |stub: u32| base + stubs_off + (stub as usize * arch.stub_size()) as u64;
    for (slot, &sym) in slots.iter().enumerate() {
        let at = (got_off + slot as u64 * 8) as usize;
        image[at..at + 8].copy_from_slice(&addrs[sym].to_le_bytes());
    }
    for (stub, &sym) in stubs.iter().enumerate() {
        let at = stubs_off as usize + stub * arch.stub_size();
        reloc::write_stub(arch, &mut image[at..at + arch.stub_size()], stub_addr(stub as u32), slot_addr(slot_of[sym]))
            .map_err(|e| LoadError::RelocationValue {
                section: "call stubs".to_string(),
                offset: at as u64,
                kind: "stub".to_string(),
                symbol: sym_name(&symtab, endian, sym),
                problem: e.to_string(),
            })?;
    }

    // Apply relocations: RISC-V %pcrel_hi parts first, so that every
    // %pcrel_lo part finds the value of its partner.
    let mut hi_values: HashMap<u64, i64> = HashMap::new();
    let phases: &[bool] = if has_hi { &[true, false] } else { &[false] };
    for &hi_phase in phases {
        for &(target, entries) in &relas {
            for r in entries {
                let (r_type, sym) = (r.r_type(endian, false), r.r_sym(endian, false) as usize);
                // Classified above, so this is Some; skip defensively.
                let Some(class) = reloc::classify(arch, r_type) else { continue };
                if class.width == 0 || (class.pair == Pair::Hi) != hi_phase {
                    continue;
                }
                let offset = r.r_offset(endian);
                let at = (sec_off[target] + offset) as usize;
                let fail = |problem: String| LoadError::RelocationValue {
                    section: section_name(target),
                    offset,
                    kind: reloc::name(arch, r_type),
                    symbol: sym_name(&symtab, endian, sym),
                    problem,
                };
                let mut inp = Inputs {
                    p: base + at as u64,
                    s: if class.call && stub_of[sym] != NONE { stub_addr(stub_of[sym]) } else { addrs[sym] },
                    a: r.r_addend(endian),
                    got_slot: if slot_of[sym] != NONE { slot_addr(slot_of[sym]) } else { 0 },
                    got: base + got_off,
                    partner: 0,
                };
                if class.pair == Pair::Lo {
                    let hi_at = inp.s_a() as u64;
                    inp.partner = *hi_values
                        .get(&hi_at)
                        .ok_or_else(|| fail(format!("no %pcrel_hi relocation at address {hi_at:#x}")))?;
                }
                let place = &mut image[at..at + usize::from(class.width)];
                let value = reloc::apply(arch, r_type, place, &inp).map_err(|e| fail(e.to_string()))?;
                if class.pair == Pair::Hi {
                    hi_values.insert(inp.p, value);
                }
            }
        }
    }

    // Exported symbols.
    let mut symbols = HashMap::new();
    for (i, sym) in symtab.symbols().iter().enumerate() {
        let bind = sym.st_bind();
        if i == 0 || (bind != elf::STB_GLOBAL && bind != elf::STB_WEAK) || sym.st_shndx(endian) == elf::SHN_UNDEF {
            continue;
        }
        let def = match sym.st_shndx(endian) {
            elf::SHN_ABS => Def::Absolute(sym.st_value(endian)),
            elf::SHN_COMMON => defs[i],
            _ => match symtab.symbol_section(endian, sym, SymbolIndex(i)).map_err(parse_err)? {
                Some(SectionIndex(s)) if part_of.get(s).copied().flatten().is_some() => {
                    Def::InSection(s, sym.st_value(endian))
                }
                _ => continue,
            },
        };
        let Ok(name) = std::str::from_utf8(symtab.symbol_name(endian, sym).map_err(parse_err)?) else { continue };
        if !name.is_empty() {
            symbols.insert(Box::from(name), addr_of(def) as usize);
        }
    }

    // W^X: every part becomes non-writable or non-executable, never both.
    let range = |p: Part| ranges[p as usize].start as usize..ranges[p as usize].end as usize;
    map.protect(range(Part::Text), MprotectFlags::READ | MprotectFlags::EXEC)?;
    map.protect(range(Part::ReadOnly), MprotectFlags::READ)?;
    if require_host {
        flush_icache(base as usize + range(Part::Text).start..base as usize + range(Part::Text).end);
    }
    Ok(LoadedImage {
        map,
        arch,
        text: range(Part::Text),
        rodata: range(Part::ReadOnly),
        data: range(Part::Writable),
        symbols,
    })
}

fn sym_name(symtab: &SymbolTable<'_, Header>, endian: LE, index: usize) -> String {
    if index == 0 {
        return "no symbol".to_string();
    }
    match symtab.symbol(SymbolIndex(index)) {
        Ok(sym) => match symtab.symbol_name(endian, sym) {
            Ok(name) if !name.is_empty() => lossy(name),
            _ => format!("symbol #{index}"),
        },
        Err(_) => format!("symbol #{index}"),
    }
}
