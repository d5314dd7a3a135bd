//! `.eh_frame`: one CIE from the ISA, one FDE per function from Cranelift's
//! System V unwind info, so debuggers and profilers unwind through wasm
//! frames. Function addresses are PC-relative relocations.

use super::writer::{add_relocs, RelocWriter};
use crate::error::{CompileError, Result};
use cranelift_codegen::isa::unwind::systemv;
use cranelift_codegen::isa::TargetIsa;
use gimli::write::{Address, EhFrame, FrameTable};
use object::write::{Object, SymbolId};
use std::collections::HashMap;

/// Adds `.eh_frame` for `funcs` (index into `symbols`, unwind info).
pub(super) fn add_eh_frame(
    object: &mut Object<'_>,
    isa: &dyn TargetIsa,
    funcs: &[(usize, &systemv::UnwindInfo)],
    symbols: &[SymbolId],
) -> Result<()> {
    let err = |e: &dyn std::fmt::Display| CompileError::Emit(format!("unwind info: {e}"));
    if funcs.is_empty() {
        return Ok(());
    }
    let Some(mut cie) = isa.create_systemv_cie() else { return Ok(()) };
    cie.fde_address_encoding = gimli::DW_EH_PE_pcrel | gimli::DW_EH_PE_sdata4;
    let mut table = FrameTable::default();
    let cie_id = table.add_cie(cie);
    for &(symbol, info) in funcs {
        table.add_fde(cie_id, info.to_fde(Address::Symbol { symbol, addend: 0 }));
    }
    let mut eh_frame = EhFrame(RelocWriter::default());
    table.write_eh_frame(&mut eh_frame).map_err(|e| err(&e))?;
    let w = eh_frame.0;
    let section = object.section_id(object::write::StandardSection::EhFrame);
    object.set_section_data(section, w.bytes.slice().to_vec(), 8);
    add_relocs(object, section, &w.relocs, symbols, &HashMap::new())
}
