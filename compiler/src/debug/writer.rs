//! A gimli writer that records relocations instead of guessing addresses,
//! and the code that turns its output into object sections: addresses are
//! symbol + addend (function symbols), cross-section offsets are relocations
//! against section symbols, so the linker can place and merge everything.

use crate::error::{CompileError, Result};
use gimli::write::{Address, EndianVec, Sections, Writer};
use gimli::{LittleEndian, SectionId};
use object::write::{Object, Relocation, SectionId as ObjSectionId, SymbolId};
use object::{RelocationEncoding, RelocationFlags, RelocationKind, SectionKind};
use std::collections::HashMap;

/// What a relocation points at.
#[derive(Debug, Clone, Copy)]
pub(super) enum Target {
    /// Index into the symbol list given to [`add_dwarf`] / the frame writer.
    Symbol(usize),
    /// The start of another debug section.
    Section(SectionId),
}

#[derive(Debug, Clone)]
pub(super) struct Reloc {
    pub offset: u64,
    pub size: u8,
    pub target: Target,
    pub addend: i64,
    /// PC-relative (`.eh_frame` pointers) rather than absolute.
    pub pcrel: bool,
}

#[derive(Debug, Clone)]
pub(super) struct RelocWriter {
    pub bytes: EndianVec<LittleEndian>,
    pub relocs: Vec<Reloc>,
}

impl Default for RelocWriter {
    fn default() -> Self {
        RelocWriter { bytes: EndianVec::new(LittleEndian), relocs: Vec::new() }
    }
}

impl RelocWriter {
    fn reloc(&mut self, offset: usize, size: u8, target: Target, addend: i64, pcrel: bool) {
        self.relocs.push(Reloc { offset: offset as u64, size, target, addend, pcrel });
    }
}

impl Writer for RelocWriter {
    type Endian = LittleEndian;

    fn endian(&self) -> LittleEndian {
        LittleEndian
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    fn write(&mut self, bytes: &[u8]) -> gimli::write::Result<()> {
        self.bytes.write(bytes)
    }

    fn write_at(&mut self, offset: usize, bytes: &[u8]) -> gimli::write::Result<()> {
        self.bytes.write_at(offset, bytes)
    }

    fn write_address(&mut self, address: Address, size: u8) -> gimli::write::Result<()> {
        match address {
            Address::Constant(value) => self.write_udata(value, size),
            Address::Symbol { symbol, addend } => {
                self.reloc(self.len(), size, Target::Symbol(symbol), addend, false);
                self.write_udata(0, size)
            }
        }
    }

    fn write_offset(&mut self, value: usize, section: SectionId, size: u8) -> gimli::write::Result<()> {
        self.reloc(self.len(), size, Target::Section(section), value as i64, false);
        self.write_udata(0, size)
    }

    fn write_offset_at(
        &mut self,
        offset: usize,
        value: usize,
        section: SectionId,
        size: u8,
    ) -> gimli::write::Result<()> {
        self.reloc(offset, size, Target::Section(section), value as i64, false);
        self.write_udata_at(offset, 0, size)
    }

    fn write_eh_pointer(&mut self, address: Address, eh_pe: gimli::DwEhPe, size: u8) -> gimli::write::Result<()> {
        match address {
            Address::Constant(value) => self.write_udata(value, size),
            Address::Symbol { symbol, addend } => {
                // `size` is the address size; the format decides.
                let size = match eh_pe.format() {
                    gimli::DW_EH_PE_absptr => size,
                    gimli::DW_EH_PE_udata4 | gimli::DW_EH_PE_sdata4 => 4,
                    gimli::DW_EH_PE_udata8 | gimli::DW_EH_PE_sdata8 => 8,
                    _ => return Err(gimli::write::Error::UnsupportedPointerEncoding(eh_pe)),
                };
                if eh_pe.application() != gimli::DW_EH_PE_pcrel {
                    return Err(gimli::write::Error::UnsupportedPointerEncoding(eh_pe));
                }
                self.reloc(self.len(), size, Target::Symbol(symbol), addend, true);
                self.write_udata(0, size)
            }
        }
    }
}

fn emit_err(e: impl std::fmt::Display) -> CompileError {
    CompileError::Emit(format!("debug info: {e}"))
}

/// Adds every non-empty (or referenced) DWARF section to `object` and
/// their relocations. `symbols[i]` is what `Target::Symbol(i)` means.
pub(super) fn add_dwarf(object: &mut Object<'_>, sections: Sections<RelocWriter>, symbols: &[SymbolId]) -> Result<()> {
    let mut all: Vec<(SectionId, RelocWriter)> = Vec::new();
    sections
        .for_each(|id, w| -> std::result::Result<(), ()> {
            all.push((id, w.clone()));
            Ok(())
        })
        .map_err(|()| emit_err("cannot collect sections"))?;
    let referenced: Vec<SectionId> = all
        .iter()
        .flat_map(|(_, w)| w.relocs.iter())
        .filter_map(|r| match r.target {
            Target::Section(s) => Some(s),
            Target::Symbol(_) => None,
        })
        .collect();
    let segment = object.segment_name(object::write::StandardSegment::Debug).to_vec();
    let mut ids: HashMap<SectionId, ObjSectionId> = HashMap::new();
    for (id, w) in &all {
        if w.bytes.len() == 0 && !referenced.contains(id) {
            continue;
        }
        let section = object.add_section(segment.clone(), id.name().as_bytes().to_vec(), SectionKind::Debug);
        object.set_section_data(section, w.bytes.slice().to_vec(), 1);
        ids.insert(*id, section);
    }
    for (id, w) in &all {
        let Some(&section) = ids.get(id) else { continue };
        add_relocs(object, section, &w.relocs, symbols, &ids)?;
    }
    Ok(())
}

/// Adds `relocs` to `section`.
pub(super) fn add_relocs(
    object: &mut Object<'_>,
    section: ObjSectionId,
    relocs: &[Reloc],
    symbols: &[SymbolId],
    sections: &HashMap<SectionId, ObjSectionId>,
) -> Result<()> {
    for r in relocs {
        let symbol = match r.target {
            Target::Symbol(i) => *symbols.get(i).ok_or_else(|| emit_err(format!("no symbol {i}")))?,
            Target::Section(s) => {
                let target = *sections.get(&s).ok_or_else(|| emit_err(format!("{} is not written", s.name())))?;
                object.section_symbol(target)
            }
        };
        let kind = if r.pcrel { RelocationKind::Relative } else { RelocationKind::Absolute };
        let flags = RelocationFlags::Generic { kind, encoding: RelocationEncoding::Generic, size: r.size * 8 };
        object
            .add_relocation(section, Relocation { offset: r.offset, symbol, addend: r.addend, flags })
            .map_err(emit_err)?;
    }
    Ok(())
}
