//! The synthetic compile unit: describes functions the module's own DWARF
//! does not (or all of them, without `-g`). One subprogram per function,
//! named from the name section, and a line table whose "lines" are wasm
//! byte offsets in a file named after the module. With `-g`, also a unit
//! declaring `__wasm_memory`, for dereferencing wasm pointers by hand.

use super::expr::{self, Frame, Vm};
use super::{DebugInfo, FuncDebug};
use gimli::read::Operation;
use gimli::write::{
    Address, AttributeValue, Expression, LineProgram, LineString, Location, LocationList, Range, RangeList, Unit,
    UnitEntryId,
};
use gimli::{constants, Encoding, Format, LineEncoding};

/// DWARF version of the synthetic unit: the one every gdb and lldb reads.
const VERSION: u16 = 4;

/// The frame base of every subprogram kiln describes: the CFA, which the
/// `.eh_frame` rules give at every instruction.
pub(super) fn frame_base() -> AttributeValue {
    let mut e = Expression::new();
    e.op(constants::DW_OP_call_frame_cfa);
    AttributeValue::Exprloc(e)
}

/// Builds the unit for defined functions `funcs`.
pub(super) fn unit(info: &DebugInfo<'_, '_>, funcs: &[usize]) -> Unit {
    let encoding = Encoding { format: Format::Dwarf32, version: VERSION, address_size: 8 };
    let name = info.file_name.as_bytes().to_vec();
    let mut program = LineProgram::new(
        encoding,
        LineEncoding::default(),
        LineString::String(b".".to_vec()),
        None,
        LineString::String(name.clone()),
        None,
    );
    let dir = program.default_directory();
    let file = program.add_file(LineString::String(name.clone()), dir, None);
    let code_start = info.layout.code_start;
    let mut ranges = Vec::with_capacity(funcs.len());
    for &f in funcs {
        let fa = &info.addrs.funcs[f];
        let symbol = f;
        ranges.push(Range::StartLength { begin: Address::Symbol { symbol, addend: 0 }, length: fa.native_len as u64 });
        program.begin_sequence(Some(Address::Symbol { symbol, addend: 0 }));
        let mut last = None;
        let entry = std::iter::once((0, fa.wasm_start));
        for (offset, wasm) in entry.chain(fa.by_native.iter().map(|&(s, _, w)| (s, w))) {
            if last == Some(wasm) {
                continue;
            }
            last = Some(wasm);
            let row = program.row();
            row.address_offset = offset as u64;
            row.file = file;
            row.line = (wasm + code_start) as u64;
            row.column = 0;
            row.is_statement = true;
            program.generate_row();
        }
        program.end_sequence(fa.native_len as u64);
    }

    let mut unit = Unit::new(encoding, program);
    let ranges = unit.ranges.add(RangeList(ranges));
    let root = unit.root();
    let cu = unit.get_mut(root);
    cu.set(constants::DW_AT_producer, AttributeValue::String(b"kiln".to_vec()));
    cu.set(constants::DW_AT_name, AttributeValue::String(name));
    cu.set(constants::DW_AT_comp_dir, AttributeValue::String(b".".to_vec()));
    cu.set(constants::DW_AT_stmt_list, AttributeValue::LineProgramRef);
    cu.set(constants::DW_AT_low_pc, AttributeValue::Address(Address::Constant(0)));
    cu.set(constants::DW_AT_ranges, AttributeValue::RangeListRef(ranges));

    let exported: std::collections::HashSet<u32> =
        info.env.exports.iter().filter(|e| e.kind == kiln_abi::extern_kind::FUNC).map(|e| e.index).collect();
    for &f in funcs {
        let index = info.env.num_imported_funcs + f as u32;
        let id = unit.add(root, constants::DW_TAG_subprogram);
        subprogram(&mut unit, id, info, f);
        let sub = unit.get_mut(id);
        sub.set(constants::DW_AT_name, AttributeValue::String(info.env.func_name(index).into_bytes()));
        sub.set(constants::DW_AT_decl_file, AttributeValue::FileIndex(Some(file)));
        sub.set(
            constants::DW_AT_decl_line,
            AttributeValue::Udata((info.addrs.funcs[f].wasm_start + code_start) as u64),
        );
        if exported.contains(&index) {
            sub.set(constants::DW_AT_external, AttributeValue::Flag(true));
        }
    }
    unit
}

/// Sets the code range and frame base of subprogram `id`, which is all of
/// defined function `f`.
pub(super) fn subprogram(unit: &mut Unit, id: UnitEntryId, info: &DebugInfo<'_, '_>, f: usize) {
    let sub = unit.get_mut(id);
    sub.set(constants::DW_AT_low_pc, AttributeValue::Address(Address::Symbol { symbol: f, addend: 0 }));
    sub.set(constants::DW_AT_high_pc, AttributeValue::Udata(info.addrs.funcs[f].native_len as u64));
    sub.set(constants::DW_AT_frame_base, frame_base());
}

/// With `-g`: a unit declaring `unsigned char __wasm_memory[]`, located at
/// the base of linear memory 0 in every wasm frame. C pointers in wasm DWARF
/// are wasm addresses, which a debugger cannot dereference; with this, gdb
/// can: `print {struct s}&__wasm_memory[(unsigned)p]`,
/// `x/s &__wasm_memory[(unsigned)str]` (casts to the program's pointer
/// types do not work: those are 4 bytes wide).
pub(super) fn memory_unit(info: &DebugInfo<'_, '_>, debugs: &[&FuncDebug]) -> Option<Unit> {
    let vm = Vm::new(info.env);
    vm.memory0?;
    // Wasm address 0, as a memory location: the base.
    let base: [Operation<super::Reader<'_>>; 1] = [Operation::UnsignedConstant { value: 0 }];
    let mut list = Vec::new();
    for (f, debug) in debugs.iter().enumerate() {
        let frame = Frame { labels: &debug.labels, locals: &[] };
        let scope = [(0, info.addrs.funcs[f].native_len)];
        for (s, e, bytes) in expr::locate(&base, None, &scope, &frame, &vm) {
            list.push(Location::StartEnd {
                begin: Address::Symbol { symbol: f, addend: s as i64 },
                end: Address::Symbol { symbol: f, addend: e as i64 },
                data: Expression::raw(bytes),
            });
        }
    }
    if list.is_empty() {
        return None;
    }
    let encoding = Encoding { format: Format::Dwarf32, version: VERSION, address_size: 8 };
    let mut unit = Unit::new(encoding, LineProgram::none());
    let locations = unit.locations.add(LocationList(list));
    let root = unit.root();
    let cu = unit.get_mut(root);
    cu.set(constants::DW_AT_producer, AttributeValue::String(b"kiln".to_vec()));
    cu.set(constants::DW_AT_name, AttributeValue::String(b"<wasm memory>".to_vec()));
    cu.set(constants::DW_AT_language, AttributeValue::Language(constants::DW_LANG_C99));
    // Location lists hold absolute addresses: the base is 0.
    cu.set(constants::DW_AT_low_pc, AttributeValue::Address(Address::Constant(0)));
    let byte = unit.add(root, constants::DW_TAG_base_type);
    let e = unit.get_mut(byte);
    e.set(constants::DW_AT_name, AttributeValue::String(b"unsigned char".to_vec()));
    e.set(constants::DW_AT_encoding, AttributeValue::Encoding(constants::DW_ATE_unsigned_char));
    e.set(constants::DW_AT_byte_size, AttributeValue::Udata(1));
    let array = unit.add(root, constants::DW_TAG_array_type);
    unit.get_mut(array).set(constants::DW_AT_type, AttributeValue::UnitRef(byte));
    unit.add(array, constants::DW_TAG_subrange_type);
    let var = unit.add(root, constants::DW_TAG_variable);
    let v = unit.get_mut(var);
    v.set(constants::DW_AT_name, AttributeValue::String(b"__wasm_memory".to_vec()));
    v.set(constants::DW_AT_type, AttributeValue::UnitRef(array));
    v.set(constants::DW_AT_external, AttributeValue::Flag(true));
    v.set(constants::DW_AT_location, AttributeValue::LocationListRef(locations));
    Some(unit)
}
