//! Transforming the module's DWARF (`-g`) into native DWARF with gimli's
//! conversion API: every DIE and most attributes are copied as they are
//! (types, names, files, lines); what refers to wasm code or wasm state is
//! rewritten:
//! - line tables are regenerated per function from the native code
//!   ([`super::lines::native_rows`]);
//! - code ranges (`low_pc`/`high_pc`/`ranges`) of units, subprograms,
//!   lexical blocks and inlined subroutines become native ranges;
//!   single addresses map to the first native code of that wasm instruction;
//! - locations become native location lists ([`super::expr`]), the frame
//!   base becomes the CFA;
//! - pointer types get an explicit 4-byte size (wasm32 pointers).
//!
//! A unit that cannot be converted is dropped whole and its functions are
//! described by the synthetic unit instead.

use super::expr::{self, Frame, Ops, Vm};
use super::{lines, synth, DebugInfo, FuncDebug, Reader, Source};
use gimli::constants as dw;
use gimli::read::AttributeValue as RAttr;
use gimli::write::{
    self, Address, AttributeValue, ConvertUnit, ConvertUnitEntry, Expression, Location, LocationList, Range, RangeList,
    UnitEntryId,
};
use gimli::Encoding;

/// Conversion state shared by all units.
pub(super) struct Cx<'i, 'a, 'e> {
    info: &'i DebugInfo<'a, 'e>,
    source: &'i Source<'a>,
    debugs: &'i [&'i FuncDebug],
    vm: Vm,
}

/// An enclosing DIE with code.
struct Scope<'a> {
    depth: isize,
    func: Option<usize>,
    /// The subprogram's frame base (wasm expression).
    fb: Option<Ops<'a>>,
}

type Unit<'u, 'a> = ConvertUnit<'u, Reader<'a>>;
type Entry<'u, 'a> = ConvertUnitEntry<'u, Reader<'a>>;

/// Attributes rewritten here rather than copied.
const CODE_ATTRS: [dw::DwAt; 3] = [dw::DW_AT_low_pc, dw::DW_AT_high_pc, dw::DW_AT_ranges];

/// Attributes dropped: wasm expressions about call sites, and GNU location
/// views, which refer to wasm line rows.
const DROPPED: [dw::DwAt; 9] = [
    dw::DW_AT_frame_base,
    dw::DW_AT_call_value,
    dw::DW_AT_call_data_value,
    dw::DW_AT_call_data_location,
    dw::DW_AT_call_target,
    dw::DW_AT_GNU_call_site_value,
    dw::DW_AT_GNU_call_site_target,
    dw::DW_AT_GNU_locviews,
    dw::DW_AT_entry_pc,
];

/// Tags whose code ranges are rewritten.
fn has_code_range(tag: dw::DwTag) -> bool {
    matches!(
        tag,
        dw::DW_TAG_subprogram
            | dw::DW_TAG_lexical_block
            | dw::DW_TAG_inlined_subroutine
            | dw::DW_TAG_try_block
            | dw::DW_TAG_catch_block
    )
}

impl<'i, 'a, 'e> Cx<'i, 'a, 'e> {
    pub fn new(info: &'i DebugInfo<'a, 'e>, source: &'i Source<'a>, debugs: &'i [&'i FuncDebug]) -> Self {
        Cx { info, source, debugs, vm: Vm::new(info.env) }
    }

    /// Converts every unit into `dwarf`. Returns the indices (into
    /// `source.units`) of the units converted, and why others were not.
    pub fn convert(&self, dwarf: &mut write::Dwarf) -> Result<(Vec<usize>, Vec<String>), String> {
        let mut done = Vec::new();
        let mut warnings = Vec::new();
        let mut convert = dwarf.convert(&self.source.dwarf).map_err(|e| e.to_string())?;
        while let Some((mut unit, root)) = convert.read_unit().map_err(|e| e.to_string())? {
            let offset = unit.read_unit.header.offset().to_debug_info_offset(&unit.read_unit.header);
            let Some(index) = self.source.units.iter().position(|u| Some(u.offset) == offset) else {
                unit.skip();
                continue;
            };
            match self.unit(index, &mut unit, root) {
                Ok(()) => done.push(index),
                Err(e) => {
                    unit.skip();
                    let at = offset.map_or(0, |o| o.0);
                    warnings.push(format!("DWARF unit at .debug_info offset {at:#x} not transformed: {e}"));
                }
            }
        }
        Ok((done, warnings))
    }

    fn unit<'u>(&self, index: usize, unit: &mut Unit<'u, 'a>, root: Entry<'u, 'a>) -> Result<(), String> {
        let err = |e: write::ConvertError| e.to_string();
        let encoding = Encoding { address_size: 8, ..unit.read_unit.encoding() };
        unit.unit.set_encoding(encoding);
        let owned: Vec<usize> = (0..self.debugs.len()).filter(|&f| self.info.owner[f] == Some(index)).collect();
        if let Some(program) = unit.read_line_program(Some(encoding), None).map_err(err)? {
            let (mut program, files) = program.program();
            if let Some(lines) = &self.source.units[index].lines {
                for &f in &owned {
                    self.sequence(&mut program, &files, f, lines);
                }
            }
            unit.set_line_program(program, files);
        }

        let mut scopes: Vec<Scope<'a>> = Vec::new();
        let root_id = unit.unit.root();
        self.entry(unit, root_id, &root, &mut scopes, &owned);
        let mut entry = root;
        while let Some(id) = unit.read_entry(&mut entry).map_err(err)? {
            let Some(id) = id else { continue };
            let id = unit.add_entry(Some(id), &entry);
            self.entry(unit, id, &entry, &mut scopes, &owned);
        }
        Ok(())
    }

    /// Emits the line rows of function `f`.
    fn sequence(&self, program: &mut write::LineProgram, files: &[write::FileId], f: usize, lines: &lines::CuLines) {
        let fa = &self.info.addrs.funcs[f];
        let rows = lines::native_rows(fa, lines);
        if rows.is_empty() {
            return;
        }
        program.begin_sequence(Some(Address::Symbol { symbol: f, addend: 0 }));
        for r in rows {
            let Some(&file) = files.get(r.row.file as usize) else { continue };
            let row = program.row();
            row.address_offset = r.offset as u64;
            row.op_index = 0;
            row.file = file;
            row.line = r.row.line as u64;
            row.column = r.row.column as u64;
            row.discriminator = 0;
            row.is_statement = r.is_stmt;
            row.basic_block = false;
            row.prologue_end = r.prologue_end;
            row.epilogue_begin = false;
            row.isa = 0;
            program.generate_row();
        }
        program.end_sequence(fa.native_len as u64);
    }

    /// Converts the attributes of one DIE.
    fn entry(
        &self,
        unit: &mut Unit<'_, 'a>,
        id: UnitEntryId,
        entry: &Entry<'_, 'a>,
        scopes: &mut Vec<Scope<'a>>,
        owned: &[usize],
    ) {
        while scopes.last().is_some_and(|s| s.depth >= entry.depth) {
            scopes.pop();
        }
        let tag = entry.tag;
        let addrs = &self.info.addrs;
        let point =
            |wasm: u64| addrs.point(wasm).map(|(f, offset)| Address::Symbol { symbol: f, addend: offset as i64 });
        // clang's wasm `main(argc, argv)` has linkage name
        // `__main_argc_argv`, which gdb would show instead of `main`.
        let is_main = tag == dw::DW_TAG_subprogram
            && entry
                .attr_value(dw::DW_AT_name)
                .and_then(|v| entry.read_unit.attr_string(v).ok())
                .is_some_and(|n| n.slice() == b"main");
        for attr in &entry.attrs {
            let name = attr.name();
            let rewritten = (CODE_ATTRS.contains(&name) && (has_code_range(tag) || tag == dw::DW_TAG_compile_unit))
                || name == dw::DW_AT_location;
            let main_alias = is_main && matches!(name, dw::DW_AT_linkage_name | dw::DW_AT_MIPS_linkage_name);
            if rewritten || main_alias || DROPPED.contains(&name) {
                continue;
            }
            // An attribute that does not convert (say, an address in code
            // the linker dropped) is left out; the rest of the DIE stays.
            if let Ok(value) = unit.convert_attribute_value(entry.read_unit, attr, &point) {
                unit.unit.get_mut(id).set(name, value);
            }
        }

        if tag == dw::DW_TAG_compile_unit {
            let ranges: Vec<Range> = owned
                .iter()
                .map(|&f| Range::StartLength {
                    begin: Address::Symbol { symbol: f, addend: 0 },
                    length: addrs.funcs[f].native_len as u64,
                })
                .collect();
            // Location lists hold absolute addresses: the base is 0.
            unit.unit.get_mut(id).set(dw::DW_AT_low_pc, AttributeValue::Address(Address::Constant(0)));
            if !ranges.is_empty() {
                let ranges = unit.unit.ranges.add(RangeList(ranges));
                unit.unit.get_mut(id).set(dw::DW_AT_ranges, AttributeValue::RangeListRef(ranges));
            }
        } else if has_code_range(tag) {
            let scope = self.code_range(unit, id, entry, scopes);
            scopes.push(scope);
        } else if matches!(tag, dw::DW_TAG_pointer_type | dw::DW_TAG_reference_type | dw::DW_TAG_rvalue_reference_type)
            && entry.attr(dw::DW_AT_byte_size).is_none()
        {
            unit.unit.get_mut(id).set(dw::DW_AT_byte_size, AttributeValue::Udata(4));
        }

        if let Some(attr) = entry.attr(dw::DW_AT_location) {
            if let Some(value) = self.location(unit, entry, attr.value(), scopes, owned) {
                unit.unit.get_mut(id).set(dw::DW_AT_location, value);
            }
        }
    }

    /// Rewrites the code range of a subprogram or block; returns its scope.
    fn code_range(
        &self,
        unit: &mut Unit<'_, 'a>,
        id: UnitEntryId,
        entry: &Entry<'_, 'a>,
        scopes: &[Scope<'a>],
    ) -> Scope<'a> {
        let addrs = &self.info.addrs;
        let mut wasm: Vec<(u64, u64)> = Vec::new();
        if let Ok(mut iter) = entry.read_unit.die_ranges(&entry.read_entry) {
            while let Ok(Some(r)) = iter.next() {
                if r.begin < r.end {
                    wasm.push((r.begin, r.end));
                }
            }
        }
        let func = wasm.iter().find_map(|&(b, _)| addrs.func_at(b));
        let fb = if entry.tag == dw::DW_TAG_subprogram {
            match entry.attr_value(dw::DW_AT_frame_base) {
                Some(RAttr::Exprloc(e)) => expr::parse(e, entry.read_unit.encoding()),
                _ => None,
            }
        } else {
            scopes.iter().rev().find_map(|s| s.fb.clone())
        };
        let scope = Scope { depth: entry.depth, func, fb };
        let Some(f) = func else { return scope };

        let whole =
            wasm.iter().any(|&(b, e)| b <= addrs.funcs[f].wasm_start as u64 && e >= addrs.funcs[f].wasm_end as u64);
        if entry.tag == dw::DW_TAG_subprogram
            && (whole || wasm.first().map(|r| r.0) == Some(addrs.funcs[f].wasm_start as u64))
        {
            synth::subprogram(unit.unit, id, self.info, f);
            return scope;
        }
        let mut native: Vec<(u32, u32)> =
            wasm.iter().flat_map(|&(b, e)| addrs.ranges(b, e)).filter(|r| r.0 == f).map(|(_, s, e)| (s, e)).collect();
        native.sort_unstable();
        super::addr::merge(&mut native);
        let die = unit.unit.get_mut(id);
        match native[..] {
            [] => {}
            [(s, e)] => {
                die.set(dw::DW_AT_low_pc, AttributeValue::Address(Address::Symbol { symbol: f, addend: s as i64 }));
                die.set(dw::DW_AT_high_pc, AttributeValue::Udata((e - s) as u64));
            }
            _ => {
                let list = native
                    .iter()
                    .map(|&(s, e)| Range::StartEnd {
                        begin: Address::Symbol { symbol: f, addend: s as i64 },
                        end: Address::Symbol { symbol: f, addend: e as i64 },
                    })
                    .collect();
                let ranges = unit.unit.ranges.add(RangeList(list));
                unit.unit.get_mut(id).set(dw::DW_AT_ranges, AttributeValue::RangeListRef(ranges));
            }
        }
        scope
    }

    /// Translates a `DW_AT_location`.
    fn location(
        &self,
        unit: &mut Unit<'_, 'a>,
        entry: &Entry<'_, 'a>,
        value: RAttr<Reader<'a>>,
        scopes: &[Scope<'a>],
        owned: &[usize],
    ) -> Option<AttributeValue> {
        let encoding = entry.read_unit.encoding();
        let addrs = &self.info.addrs;
        // (wasm range or whole scope, expression)
        let mut pieces: Vec<(Option<(u64, u64)>, Ops<'a>)> = Vec::new();
        match value {
            RAttr::Exprloc(e) => pieces.push((None, expr::parse(e, encoding)?)),
            RAttr::LocationListsRef(offset) => self.loclist(entry, offset, &mut pieces)?,
            RAttr::DebugLocListsIndex(index) => {
                let offset = entry.read_unit.locations_offset(index).ok()?;
                self.loclist(entry, offset, &mut pieces)?
            }
            _ => return None,
        }
        let scope = scopes.last();
        let fb = scopes.iter().rev().find_map(|s| s.fb.as_deref());
        // Variables of a function are located in it; others (globals) in
        // every function of their unit.
        let funcs: Vec<usize> = match scope {
            Some(s) => vec![s.func?],
            None => owned.to_vec(),
        };
        let mut list = Vec::new();
        for f in funcs {
            let frame = Frame { labels: &self.debugs[f].labels, locals: &self.info.layout.bodies[f].locals };
            let fa = &addrs.funcs[f];
            for (range, ops) in &pieces {
                let native: Vec<(u32, u32)> = match range {
                    None => vec![(0, fa.native_len)],
                    Some((b, e)) => {
                        let mut v: Vec<(u32, u32)> =
                            addrs.ranges(*b, *e).into_iter().filter(|r| r.0 == f).map(|(_, s, e)| (s, e)).collect();
                        v.sort_unstable();
                        super::addr::merge(&mut v);
                        v
                    }
                };
                for (s, e, bytes) in expr::locate(ops, fb, &native, &frame, &self.vm) {
                    list.push(Location::StartEnd {
                        begin: Address::Symbol { symbol: f, addend: s as i64 },
                        end: Address::Symbol { symbol: f, addend: e as i64 },
                        data: Expression::raw(bytes),
                    });
                }
            }
        }
        if list.is_empty() {
            return None;
        }
        Some(AttributeValue::LocationListRef(unit.unit.locations.add(LocationList(list))))
    }

    /// Reads a wasm location list into `pieces`.
    fn loclist(
        &self,
        entry: &Entry<'_, 'a>,
        offset: gimli::LocationListsOffset,
        pieces: &mut Vec<(Option<(u64, u64)>, Ops<'a>)>,
    ) -> Option<()> {
        let encoding = entry.read_unit.encoding();
        let mut iter = entry.read_unit.locations(offset).ok()?;
        while let Some(loc) = iter.next().ok()? {
            if loc.range.begin >= loc.range.end {
                continue;
            }
            if let Some(ops) = expr::parse(loc.data, encoding) {
                pieces.push((Some((loc.range.begin, loc.range.end)), ops));
            }
        }
        Some(())
    }
}
