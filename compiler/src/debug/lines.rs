//! Line tables: reading the wasm DWARF line programs into per-unit row
//! tables keyed by code-section offset, and mapping a compiled function's
//! native code onto those rows.

use super::addr::FuncAddrs;
use super::wasm::Layout;
use super::Reader;
use gimli::read::{self, ColumnType, IncompleteLineProgram};
use gimli::{DebugInfoOffset, EndianSlice, LittleEndian};
use std::collections::HashMap;

/// One compile unit of the wasm DWARF.
pub(super) struct SourceUnit {
    pub offset: DebugInfoOffset,
    /// Its line table, if it has one.
    pub lines: Option<CuLines>,
}

/// A row of a wasm line table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WasmRow {
    /// Code-section-relative address.
    pub addr: u64,
    /// File index in the unit's line program header.
    pub file: u64,
    /// 0 when the code has no line (compiler-generated).
    pub line: u32,
    pub column: u32,
    pub is_stmt: bool,
    pub prologue_end: bool,
    /// Ends a sequence: addresses from here on are not covered.
    end: bool,
}

/// A unit's line table, its sequences concatenated in address order.
pub(super) struct CuLines {
    rows: Vec<WasmRow>,
    /// Display paths by file index.
    files: HashMap<u64, String>,
}

impl CuLines {
    /// The row covering code-section offset `addr`.
    pub fn lookup(&self, addr: u64) -> Option<&WasmRow> {
        let i = self.rows.partition_point(|r| r.addr <= addr).checked_sub(1)?;
        let row = &self.rows[i];
        (!row.end).then_some(row)
    }

    /// Whether a sequence covers `addr`.
    pub fn covers(&self, addr: u64) -> bool {
        self.lookup(addr).is_some()
    }

    /// The path of file `index` as a backtrace shows it: the name, prefixed
    /// by its include directory unless that is the compilation directory.
    pub fn file_path(&self, index: u64) -> String {
        self.files.get(&index).cloned().unwrap_or_else(|| format!("<file {index}>"))
    }

    fn read(
        dwarf: &read::Dwarf<Reader<'_>>,
        unit: &read::Unit<Reader<'_>>,
        program: IncompleteLineProgram<Reader<'_>>,
        in_code: &dyn Fn(u64) -> bool,
    ) -> gimli::Result<CuLines> {
        let header = program.header().clone();
        let mut files = HashMap::new();
        let first = if header.version() >= 5 { 0 } else { 1 };
        for index in first..first + header.file_names().len() as u64 {
            let Some(file) = header.file(index) else { continue };
            let name = dwarf.attr_string(unit, file.path_name())?.to_string_lossy().into_owned();
            let dir = match file.directory(&header) {
                Some(dir) if file.directory_index() != 0 => {
                    dwarf.attr_string(unit, dir)?.to_string_lossy().into_owned()
                }
                _ => String::new(),
            };
            let path = if name.starts_with('/') || dir.is_empty() { name } else { format!("{dir}/{name}") };
            files.insert(index, path);
        }

        let mut sequences: Vec<Vec<WasmRow>> = Vec::new();
        let mut current: Vec<WasmRow> = Vec::new();
        let mut rows = program.rows();
        while let Some((_, row)) = rows.next_row()? {
            let column = match row.column() {
                ColumnType::LeftEdge => 0,
                ColumnType::Column(c) => u32::try_from(c.get()).unwrap_or(0),
            };
            current.push(WasmRow {
                addr: row.address(),
                file: row.file_index(),
                line: row.line().map_or(0, |l| u32::try_from(l.get()).unwrap_or(0)),
                column,
                is_stmt: row.is_stmt(),
                prologue_end: row.prologue_end(),
                end: row.end_sequence(),
            });
            if row.end_sequence() {
                let seq = std::mem::take(&mut current);
                // Sequences of code the linker dropped point outside the
                // code (address 0 or a tombstone); so do empty ones.
                if seq.len() > 1 && in_code(seq[0].addr) && seq.windows(2).all(|w| w[0].addr <= w[1].addr) {
                    sequences.push(seq);
                }
            }
        }
        sequences.sort_by_key(|s| s[0].addr);
        Ok(CuLines { rows: sequences.into_iter().flatten().collect(), files })
    }
}

/// The names of the subprograms with code, by their wasm start address
/// (code-section-relative).
pub(super) fn subprogram_names(dwarf: &read::Dwarf<Reader<'_>>) -> gimli::Result<HashMap<u64, String>> {
    let mut names = HashMap::new();
    let mut headers = dwarf.units();
    while let Some(header) = headers.next()? {
        let unit = dwarf.unit(header)?;
        let unit = unit.unit_ref(dwarf);
        let mut entries = unit.entries();
        while let Some(entry) = entries.next_dfs()? {
            if entry.tag != gimli::DW_TAG_subprogram {
                continue;
            }
            let Some(low) = unit.die_ranges(entry)?.next()?.map(|r| r.begin) else { continue };
            // The name is on the DIE or on the declaration it completes.
            let mut name = entry.attr_value(gimli::DW_AT_name);
            for origin in [gimli::DW_AT_abstract_origin, gimli::DW_AT_specification] {
                if name.is_some() {
                    break;
                }
                if let Some(read::AttributeValue::UnitRef(offset)) = entry.attr_value(origin) {
                    name = unit.entry(offset)?.attr_value(gimli::DW_AT_name);
                }
            }
            if let Some(name) = name {
                names.insert(low, unit.attr_string(name)?.to_string_lossy().into_owned());
            }
        }
    }
    Ok(names)
}

/// Reads the wasm DWARF of a module and each unit's line table.
pub(super) fn read_source<'a>(layout: &Layout<'a>) -> gimli::Result<(read::Dwarf<Reader<'a>>, Vec<SourceUnit>)> {
    let dwarf = read::Dwarf::load(|id| -> gimli::Result<Reader<'a>> {
        Ok(EndianSlice::new(layout.sections.get(id.name()).copied().unwrap_or(&[]), LittleEndian))
    })?;
    let code_len = layout.bodies.last().map_or(0, |b| b.end - layout.code_start) as u64;
    let in_code = |addr: u64| addr > 0 && addr < code_len;
    let mut units = Vec::new();
    let mut headers = dwarf.units();
    while let Some(header) = headers.next()? {
        let Some(offset) = header.offset().to_debug_info_offset(&header) else { continue };
        let unit = dwarf.unit(header)?;
        let lines = match unit.line_program.clone() {
            Some(program) => Some(CuLines::read(&dwarf, &unit, program, &in_code)?),
            None => None,
        };
        units.push(SourceUnit { offset, lines });
    }
    Ok((dwarf, units))
}

/// A native line-table row: at `offset`, the code is `row`'s.
pub(super) struct NativeRow<'r> {
    pub offset: u32,
    pub row: &'r WasmRow,
    pub is_stmt: bool,
    pub prologue_end: bool,
}

/// The native rows of one function: one wherever the source position
/// changes. The prologue takes the row of the function's first byte; a
/// statement starts where the line changes (even on a wasm row that is not
/// a statement: optimised code may have dropped the code of the row that
/// is), or where the code of a wasm statement row first appears (so the
/// post-prologue row is a statement even on the function's opening line,
/// as debuggers expect). The row after the entry row is always a statement
/// and ends the prologue if no row did: the wasm row that does may have no
/// code of its own (with memory 0 at a fixed address, the `local.get` and
/// `i32.load` of an unoptimised parameter reload fold into the next
/// operator's instruction), and gdb would then stop on a non-statement
/// address and print it as `0x... in f (...)`.
pub(super) fn native_rows<'r>(fa: &FuncAddrs, lines: &'r CuLines) -> Vec<NativeRow<'r>> {
    let mut out: Vec<NativeRow<'r>> = Vec::new();
    let mut prologue_done = false;
    let mut seen: std::collections::HashSet<u64> = std::collections::HashSet::new();
    let mut push = |out: &mut Vec<NativeRow<'r>>, offset: u32, row: &'r WasmRow| {
        if let Some(last) = out.last() {
            if (last.row.file, last.row.line, last.row.column) == (row.file, row.line, row.column) {
                return;
            }
            if last.offset == offset {
                out.pop();
            }
        }
        let new_line = out.last().is_none_or(|l| (l.row.file, l.row.line) != (row.file, row.line));
        let first = seen.insert(row.addr);
        let prologue_end = row.prologue_end && !prologue_done;
        prologue_done |= prologue_end;
        out.push(NativeRow {
            offset,
            row,
            is_stmt: row.line != 0 && (new_line || (row.is_stmt && first)),
            prologue_end,
        });
    };
    if let Some(row) = lines.lookup(fa.wasm_start as u64) {
        push(&mut out, 0, row);
    }
    for &(start, _, wasm) in &fa.by_native {
        if let Some(row) = lines.lookup(wasm as u64) {
            push(&mut out, start, row);
        }
    }
    if let Some(second) = out.get_mut(1) {
        second.is_stmt |= second.row.line != 0;
        if !prologue_done {
            second.prologue_end = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(addr: u64, column: u32, is_stmt: bool, prologue_end: bool) -> WasmRow {
        WasmRow { addr, file: 1, line: 8, column, is_stmt, prologue_end, end: false }
    }

    /// `f(s) { return s->w * s->h; }` unoptimised: the entry row, then the
    /// statement that ends the prologue (the reload of `s`), then `.w`.
    fn lines() -> CuLines {
        let rows = vec![
            row(0x10, 0, true, false),
            row(0x20, 57, true, true),
            row(0x28, 67, false, false),
            WasmRow { end: true, ..row(0x30, 67, false, false) },
        ];
        CuLines { rows, files: HashMap::new() }
    }

    #[test]
    fn the_statement_ending_the_prologue_keeps_its_flags_when_it_has_code() {
        let lines = lines();
        let fa = FuncAddrs::from_ranges(0x10, 0x30, 40, vec![(0, 10, 0x10), (10, 20, 0x20), (20, 30, 0x28)]);
        let rows = native_rows(&fa, &lines);
        let flags: Vec<(u32, bool, bool)> = rows.iter().map(|r| (r.offset, r.is_stmt, r.prologue_end)).collect();
        assert_eq!(flags, [(0, true, false), (10, true, true), (20, false, false)]);
    }

    #[test]
    fn without_code_of_its_own_the_next_row_takes_its_place() {
        // The reload of `s` folded into the load of `.w` (memory 0 at a
        // fixed address): no native code has the row at 0x20.
        let lines = lines();
        let fa = FuncAddrs::from_ranges(0x10, 0x30, 30, vec![(0, 10, 0x10), (10, 20, 0x28)]);
        let rows = native_rows(&fa, &lines);
        let flags: Vec<(u32, u32, bool, bool)> =
            rows.iter().map(|r| (r.offset, r.row.column, r.is_stmt, r.prologue_end)).collect();
        assert_eq!(flags, [(0, 0, true, false), (10, 67, true, true)]);
    }
}
