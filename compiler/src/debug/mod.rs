//! Native debug information for a compiled module: DWARF, `.eh_frame`, and
//! the compact line table trap backtraces read.
//!
//! Data flow: code generation records per-function facts ([`FuncDebug`]:
//! native ranges → wasm offsets from the srclocs, System V unwind info, call
//! return addresses and, with `-g`, value-label ranges of wasm locals and the
//! vmctx spill slot). [`DebugInfo::new`] then reads the module layout again
//! ([`wasm`]: code-section start, body ranges, local types, `.debug_*`
//! custom sections), builds the address map ([`addr`]: wasm code offsets →
//! native offsets per function) and, with `-g`, the wasm DWARF line tables
//! ([`lines`]). From these it derives each function's [`kiln_abi::CodeLine`]s
//! for the module tables. Once the object holds the code,
//! [`DebugInfo::write`] builds DWARF with gimli's write API -- transformed
//! units ([`transform`], locations through [`expr`]) for functions the wasm
//! DWARF describes, one synthetic unit ([`synth`]) for all others, and with
//! `-g` a unit declaring `__wasm_memory` -- plus `.eh_frame` ([`frame`]),
//! and adds the sections with relocations against the function symbols
//! ([`writer`]).
//!
//! With `-g`, translation keeps value labels on wasm locals and spills
//! vmctx to a keyed stack slot ([`spill_vmctx`]), so variables in wasm
//! locals and in linear memory (the C stack, through the frame base) can be
//! located; optimized code keeps few values alive, so `-g` is best used
//! with `-O none` (the CLI's default under `-g`).
//!
//! The synthetic unit's line table maps native code to wasm byte offsets:
//! file = the module's file name (`app.wasm`), line = the absolute byte
//! offset of the wasm instruction (decimal; the trap report's `wasm offset`
//! is the same number in hex).

mod addr;
mod expr;
mod frame;
mod lines;
mod synth;
mod transform;
mod wasm;
mod writer;

use crate::error::{CompileError, Result};
use crate::module::ModuleEnv;
use cranelift_codegen::ir::{self, InstBuilder};
use cranelift_codegen::isa::unwind::{systemv, UnwindInfo};
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::CompiledCode;
use cranelift_frontend::FunctionBuilder;
use gimli::{EndianSlice, LittleEndian};
use kiln_abi::{CodeLine, TrapEntry, NO_FILE};
use object::write::SymbolId;
use std::collections::HashMap;

/// The wasm DWARF reader type.
type Reader<'a> = EndianSlice<'a, LittleEndian>;

/// Key of the stack slot that holds vmctx in functions compiled with debug
/// info, so DWARF can find linear memory from any frame.
const VMCTX_SLOT_KEY: u64 = u64::from_le_bytes(*b"kilnvmcx");

/// The value label of vmctx in [`FuncDebug::labels`] (wasm locals use their
/// index, which validation keeps far below this).
const VMCTX_LABEL: u32 = u32::MAX - 1;

/// CFA minus the frame pointer on every supported target: the frame record
/// (saved FP and return address) sits between them.
const CFA_TO_FP: i64 = 16;

/// Called by the translator at function entry when debug info is kept:
/// stores vmctx in a keyed stack slot for the whole function.
pub(crate) fn spill_vmctx(builder: &mut FunctionBuilder<'_>, vmctx: ir::Value) {
    let data =
        ir::StackSlotData::new_with_key(ir::StackSlotKind::ExplicitSlot, 8, 3, ir::StackSlotKey::new(VMCTX_SLOT_KEY));
    let slot = builder.func.create_sized_stack_slot(data);
    let ptr = builder.func.dfg.value_type(vmctx);
    builder.ins().stack_store(ptr, vmctx, slot, 0);
}

/// Where a labelled value lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loc {
    /// In the register with this DWARF number.
    Reg(u16),
    /// In memory at CFA + offset.
    Cfa(i64),
}

/// A native range `[start, end)` over which a value lives at `loc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LabelRange {
    start: u32,
    end: u32,
    loc: Loc,
}

/// A native range `[start, end)` of code generated for the wasm instruction
/// at absolute byte offset `wasm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SrcRange {
    pub start: u32,
    pub end: u32,
    pub wasm: u32,
}

/// What debug info needs to know about one compiled function.
#[derive(Debug, Default)]
pub(crate) struct FuncDebug {
    /// Sorted by `start`; only instructions with a wasm offset.
    pub srclocs: Vec<SrcRange>,
    unwind: Option<systemv::UnwindInfo>,
    /// Return addresses of calls (native offsets), ascending.
    call_returns: Vec<u32>,
    /// Value-label ranges: wasm local index (or [`VMCTX_LABEL`]) → ranges.
    labels: HashMap<u32, Vec<LabelRange>>,
}

impl FuncDebug {
    /// Collects the facts from a compiled function. `labels`: keep
    /// value-label ranges and the vmctx slot (translated with debug info).
    pub(crate) fn collect(
        code: &CompiledCode,
        isa: &dyn TargetIsa,
        labels: bool,
    ) -> std::result::Result<FuncDebug, String> {
        let mut srclocs: Vec<SrcRange> = code
            .buffer
            .get_srclocs_sorted()
            .iter()
            .filter(|s| !s.loc.is_default() && s.start < s.end)
            .map(|s| SrcRange { start: s.start, end: s.end, wasm: s.loc.bits() })
            .collect();
        srclocs.sort_by_key(|s| s.start);
        let unwind = match code.create_unwind_info(isa).map_err(|e| format!("unwind info: {e:?}"))? {
            Some(UnwindInfo::SystemV(info)) => Some(info),
            _ => None,
        };
        let mut call_returns: Vec<u32> = code.buffer.call_sites().map(|c| c.ret_addr).collect();
        call_returns.sort_unstable();
        let mut out = FuncDebug { srclocs, unwind, call_returns, labels: HashMap::new() };
        if labels {
            out.collect_labels(code, isa);
        }
        Ok(out)
    }

    fn collect_labels(&mut self, code: &CompiledCode, isa: &dyn TargetIsa) {
        use cranelift_codegen::LabelValueLoc;
        for (label, ranges) in &code.value_labels_ranges {
            let mut out: Vec<LabelRange> = ranges
                .iter()
                .filter_map(|r| {
                    let loc = match r.loc {
                        // A register DWARF cannot name leaves the value without a location.
                        LabelValueLoc::Reg(reg) => Loc::Reg(isa.map_regalloc_reg_to_dwarf(reg).ok()?),
                        LabelValueLoc::CFAOffset(off) => Loc::Cfa(off),
                    };
                    (r.start < r.end).then_some(LabelRange { start: r.start, end: r.end, loc })
                })
                .collect();
            out.sort_by_key(|r| r.start);
            if !out.is_empty() {
                self.labels.insert(label.as_u32(), out);
            }
        }
        // The vmctx slot is written before the first wasm instruction and
        // stays valid to the end of the function.
        let layout = code.buffer.frame_layout();
        let slot = layout.and_then(|l| {
            l.stackslots.values().find(|s| s.key.is_some_and(|k| k.bits() == VMCTX_SLOT_KEY)).map(|s| (l, s))
        });
        if let (Some((layout, slot)), Some(first)) = (slot, self.srclocs.first()) {
            let cfa_offset = slot.offset as i64 - layout.frame_to_fp_offset as i64 - CFA_TO_FP;
            let end = code.buffer.data().len() as u32;
            if first.start < end {
                self.labels
                    .insert(VMCTX_LABEL, vec![LabelRange { start: first.start, end, loc: Loc::Cfa(cfa_offset) }]);
            }
        }
    }

    /// The absolute wasm offset of the instruction covering native `offset`.
    fn wasm_at(&self, offset: u32) -> Option<u32> {
        let i = self.srclocs.partition_point(|s| s.end <= offset);
        self.srclocs.get(i).filter(|s| s.start <= offset).map(|s| s.wasm)
    }
}

/// Debug info settings, from `CompileOptions`.
pub(crate) struct Settings<'o> {
    /// Transform the module's DWARF (`-g`).
    pub source: bool,
    /// The file name the synthetic unit names (`app.wasm`).
    pub file_name: &'o str,
}

/// The wasm DWARF of a module compiled with `-g`.
struct Source<'a> {
    dwarf: gimli::read::Dwarf<Reader<'a>>,
    units: Vec<lines::SourceUnit>,
}

/// Everything needed to write a module's debug info, prepared before the
/// object is finished.
pub(crate) struct DebugInfo<'a, 'e> {
    env: &'e ModuleEnv<'a>,
    layout: wasm::Layout<'a>,
    addrs: addr::AddrMap,
    source: Option<Source<'a>>,
    /// Per defined function: the index in `source.units` of the unit whose
    /// line table covers it.
    owner: Vec<Option<usize>>,
    /// Per defined function: its name in the module's DWARF (`-g`).
    source_names: Vec<Option<String>>,
    file_name: String,
    /// Problems with the module's DWARF that made kiln describe some code
    /// with wasm offsets only.
    pub warnings: Vec<String>,
}

impl<'a, 'e> DebugInfo<'a, 'e> {
    /// Prepares debug info for the defined functions, whose facts and code
    /// lengths are given in order.
    pub(crate) fn new(
        env: &'e ModuleEnv<'a>,
        funcs: &[(&FuncDebug, u32)],
        settings: &Settings<'_>,
    ) -> Result<DebugInfo<'a, 'e>> {
        let layout = wasm::parse(env)?;
        if layout.bodies.len() != funcs.len() {
            return Err(CompileError::Emit(format!(
                "debug info: {} function bodies but {} compiled functions",
                layout.bodies.len(),
                funcs.len()
            )));
        }
        let addrs = addr::AddrMap::new(&layout, funcs);
        let mut warnings = Vec::new();
        let source = if settings.source && layout.has_dwarf() {
            match lines::read_source(&layout) {
                Ok((dwarf, units)) => Some(Source { dwarf, units }),
                Err(e) => {
                    warnings.push(format!("the module's DWARF is unreadable ({e}); using wasm offsets"));
                    None
                }
            }
        } else {
            None
        };
        let owner = (0..funcs.len())
            .map(|f| {
                let start = addrs.funcs[f].wasm_start as u64;
                source.as_ref()?.units.iter().position(|u| u.lines.as_ref().is_some_and(|l| l.covers(start)))
            })
            .collect();
        let names = match &source {
            Some(s) => lines::subprogram_names(&s.dwarf).unwrap_or_else(|e| {
                warnings.push(format!("cannot read function names from the module's DWARF: {e}"));
                HashMap::new()
            }),
            None => HashMap::new(),
        };
        let source_names = addrs.funcs.iter().map(|fa| names.get(&(fa.wasm_start as u64)).cloned()).collect();
        let file_name = settings.file_name.to_string();
        Ok(DebugInfo { env, layout, addrs, source, owner, source_names, file_name, warnings })
    }

    /// The name of defined function `f` in the module's DWARF, if compiled
    /// with `-g` and described there (C's `main`, where the name section
    /// says `__original_main`).
    pub(crate) fn source_name(&self, f: usize) -> Option<&str> {
        self.source_names.get(f)?.as_deref()
    }

    /// The backtrace positions of every defined function (call return
    /// addresses, and trap sites where source lines are known: the trap
    /// table has the others' wasm offsets), and the source files they name.
    pub(crate) fn code_lines(&self, funcs: &[(&FuncDebug, &[TrapEntry])]) -> (Vec<Vec<CodeLine>>, Vec<String>) {
        let mut files: Vec<String> = Vec::new();
        let mut file_ids: HashMap<(usize, u64), u32> = HashMap::new();
        let mut out = Vec::with_capacity(funcs.len());
        for (f, (debug, traps)) in funcs.iter().enumerate() {
            let unit = self.owner[f].and_then(|u| Some((u, self.source.as_ref()?.units[u].lines.as_ref()?)));
            // Without source lines a trap site's wasm offset is already in
            // the trap table: keep only the calls.
            let trap_sites = traps.iter().filter(|_| unit.is_some()).map(|t| (t.code_offset, t.wasm_offset));
            // A return address belongs to the call just before it.
            let call_sites = debug.call_returns.iter().filter_map(|&r| Some((r, debug.wasm_at(r.checked_sub(1)?)?)));
            let mut sites: Vec<(u32, u32)> = trap_sites.chain(call_sites).collect();
            sites.sort_unstable();
            sites.dedup_by_key(|s| s.0);
            let mut lines = Vec::with_capacity(sites.len());
            for (code_offset, wasm_offset) in sites {
                let row = unit.and_then(|(u, l)| {
                    let row = l.lookup(wasm_offset.checked_sub(self.layout.code_start)? as u64)?;
                    (row.line > 0).then_some((u, l, row))
                });
                let (file, line) = match row {
                    Some((u, l, row)) => {
                        let id = *file_ids.entry((u, row.file)).or_insert_with(|| {
                            files.push(l.file_path(row.file));
                            files.len() as u32 - 1
                        });
                        (id, row.line)
                    }
                    None => (NO_FILE, 0),
                };
                lines.push(CodeLine { code_offset, wasm_offset, file, line });
            }
            out.push(lines);
        }
        (out, files)
    }

    /// Writes `.debug_*` and `.eh_frame` into `object`. `funcs[i]` is the
    /// symbol and facts of defined function `i`; `others` are functions with
    /// unwind info only (trampolines).
    pub(crate) fn write(
        &mut self,
        object: &mut object::write::Object<'_>,
        funcs: &[(SymbolId, &FuncDebug)],
        others: &[(SymbolId, &FuncDebug)],
        isa: &dyn TargetIsa,
    ) -> Result<()> {
        if object.format() != object::BinaryFormat::Elf {
            // Mach-O and COFF keep DWARF differently; only ELF is written.
            return Ok(());
        }
        let mut symbols: Vec<SymbolId> = funcs.iter().map(|(s, _)| *s).collect();
        let mut unwinds: Vec<(usize, &systemv::UnwindInfo)> = Vec::new();
        for (i, (_, d)) in funcs.iter().enumerate() {
            unwinds.extend(d.unwind.as_ref().map(|u| (i, u)));
        }
        for (sym, d) in others {
            if let Some(u) = &d.unwind {
                symbols.push(*sym);
                unwinds.push((symbols.len() - 1, u));
            }
        }
        let debugs: Vec<&FuncDebug> = funcs.iter().map(|(_, d)| *d).collect();
        let sections = match self.build(&debugs, true) {
            Ok(s) => s,
            Err(e) => {
                self.warnings.push(format!("cannot transform the module's DWARF ({e}); using wasm offsets"));
                self.build(&debugs, false).map_err(|e| CompileError::Emit(format!("debug info: {e}")))?
            }
        };
        writer::add_dwarf(object, sections, &symbols)?;
        frame::add_eh_frame(object, isa, &unwinds, &symbols)
    }

    /// Builds all DWARF sections; `transform`: include the module's own
    /// DWARF (else every function gets the synthetic unit).
    fn build(
        &mut self,
        debugs: &[&FuncDebug],
        transform: bool,
    ) -> std::result::Result<gimli::write::Sections<writer::RelocWriter>, String> {
        let mut dwarf = gimli::write::Dwarf::new();
        let mut described = vec![false; debugs.len()];
        if transform {
            if let Some(source) = &self.source {
                let cx = transform::Cx::new(self, source, debugs);
                let (done, warnings) = cx.convert(&mut dwarf)?;
                self.warnings.extend(warnings);
                for (f, owner) in self.owner.iter().enumerate() {
                    described[f] = owner.is_some_and(|u| done.contains(&u));
                }
                if let Some(unit) = synth::memory_unit(self, debugs) {
                    dwarf.units.add(unit);
                }
            }
        }
        let rest: Vec<usize> = (0..debugs.len()).filter(|&f| !described[f]).collect();
        if !rest.is_empty() {
            dwarf.units.add(synth::unit(self, &rest));
        }
        let mut sections = gimli::write::Sections::new(writer::RelocWriter::default());
        dwarf.write(&mut sections).map_err(|e| e.to_string())?;
        Ok(sections)
    }
}

#[cfg(test)]
mod tests;
