//! Unit tests: location expressions, the address map, and the DWARF and
//! `.eh_frame` of small modules, read back from the object.

use super::addr::AddrMap;
use super::expr::{self, Frame, Vm};
use super::wasm::{Body, Layout};
use super::{FuncDebug, LabelRange, Loc, SrcRange, VMCTX_LABEL};
use crate::{compile, CompileOptions};
use gimli::{EndianSlice, LittleEndian};
use object::{Object, ObjectSection, ObjectSymbol};
use std::collections::HashMap;
use wasmparser::ValType;

const WASM_ENCODING: gimli::Encoding = gimli::Encoding { format: gimli::Format::Dwarf32, version: 4, address_size: 4 };

fn ops(bytes: &[u8]) -> expr::Ops<'_> {
    expr::parse(gimli::read::Expression(EndianSlice::new(bytes, LittleEndian)), WASM_ENCODING)
        .expect("valid expression")
}

fn labels(entries: &[(u32, u32, u32, Loc)]) -> HashMap<u32, Vec<LabelRange>> {
    let mut map: HashMap<u32, Vec<LabelRange>> = HashMap::new();
    for &(label, start, end, loc) in entries {
        map.entry(label).or_default().push(LabelRange { start, end, loc });
    }
    map
}

/// DW_OP_WASM_location 0x0 <local>.
fn wasm_local(index: u8) -> [u8; 3] {
    [0xed, 0x00, index]
}

#[test]
fn a_local_in_a_register_is_that_register() {
    let bytes = [&wasm_local(1)[..], &[0x9f]].concat();
    let labels = labels(&[(1, 4, 20, Loc::Reg(3)), (1, 20, 30, Loc::Cfa(-24))]);
    let locals = [ValType::I32, ValType::I32];
    let frame = Frame { labels: &labels, locals: &locals };
    let vm = Vm { memory0: Some(48), memory0_64: false, globals: Vec::new() };
    let list = expr::locate(&ops(&bytes), None, &[(0, 40)], &frame, &vm);
    assert_eq!(
        list,
        vec![
            (4, 20, vec![gimli::DW_OP_reg3.0]),
            // A spilled local is memory at CFA-24.
            (20, 30, vec![gimli::DW_OP_call_frame_cfa.0, gimli::DW_OP_consts.0, 0x68, gimli::DW_OP_plus.0]),
        ]
    );
}

#[test]
fn a_variable_on_the_c_stack_is_found_through_the_frame_base_and_memory_base() {
    // DW_OP_fbreg +12 with frame base = local 2's value.
    let var = [0x91, 12];
    let fb = [&wasm_local(2)[..], &[0x9f]].concat();
    let labels = labels(&[(2, 8, 40, Loc::Reg(12)), (VMCTX_LABEL, 4, 50, Loc::Cfa(-32))]);
    let locals = [ValType::I32, ValType::I64, ValType::I32];
    let frame = Frame { labels: &labels, locals: &locals };
    let vm = Vm { memory0: Some(48), memory0_64: false, globals: Vec::new() };
    let fb = ops(&fb);
    let list = expr::locate(&ops(&var), Some(&fb), &[(0, 60)], &frame, &vm);
    let mask = [gimli::DW_OP_const4u.0, 0xff, 0xff, 0xff, 0xff, gimli::DW_OP_and.0];
    let expected: Vec<u8> = [
        &[gimli::DW_OP_breg12.0, 0][..], // local 2 ...
        &mask,                           // ... as i32
        &[gimli::DW_OP_consts.0, 12, gimli::DW_OP_plus.0],
        &mask, // wasm addresses wrap at 4 GiB
        &[gimli::DW_OP_call_frame_cfa.0, gimli::DW_OP_consts.0, 0x60, gimli::DW_OP_plus.0, gimli::DW_OP_deref.0],
        &[gimli::DW_OP_plus_uconst.0, 48, gimli::DW_OP_deref.0, gimli::DW_OP_deref.0, gimli::DW_OP_plus.0],
    ]
    .concat();
    // Only where both the frame base and vmctx have a location.
    assert_eq!(list, vec![(8, 40, expected)]);
}

#[test]
fn addresses_in_a_64_bit_memory_do_not_wrap_at_4_gib() {
    // DW_OP_fbreg +12 with frame base = local 1's value, an i64 pointer.
    let var = [0x91, 12];
    let fb = [&wasm_local(1)[..], &[0x9f]].concat();
    let labels = labels(&[(1, 8, 40, Loc::Reg(12)), (VMCTX_LABEL, 4, 50, Loc::Reg(5))]);
    let locals = [ValType::I32, ValType::I64];
    let frame = Frame { labels: &labels, locals: &locals };
    let vm = Vm { memory0: Some(48), memory0_64: true, globals: Vec::new() };
    let fb = ops(&fb);
    let list = expr::locate(&ops(&var), Some(&fb), &[(0, 60)], &frame, &vm);
    let expected: Vec<u8> = [
        &[gimli::DW_OP_breg12.0, 0][..],
        &[gimli::DW_OP_consts.0, 12, gimli::DW_OP_plus.0],
        &[gimli::DW_OP_breg5.0, 0],
        &[gimli::DW_OP_plus_uconst.0, 48, gimli::DW_OP_deref.0, gimli::DW_OP_deref.0, gimli::DW_OP_plus.0],
    ]
    .concat();
    assert_eq!(list, vec![(8, 40, expected)]);
}

#[test]
fn untranslatable_expressions_have_no_location() {
    let labels = labels(&[(0, 0, 10, Loc::Reg(0))]);
    let locals = [ValType::I32];
    let frame = Frame { labels: &labels, locals: &locals };
    let vm = Vm { memory0: None, memory0_64: false, globals: Vec::new() };
    // DW_OP_WASM_location 0x2 (operand stack) has no native counterpart.
    assert!(expr::locate(&ops(&[0xed, 0x02, 0x00, 0x9f]), None, &[(0, 10)], &frame, &vm).is_empty());
    // A memory location needs a memory.
    assert!(expr::locate(&ops(&[0x91, 4]), Some(&ops(&[0xed, 0, 0, 0x9f])), &[(0, 10)], &frame, &vm).is_empty());
    // Branch targets are byte offsets that translation would change.
    assert!(expr::locate(&ops(&[0x30, 0x2f, 0x00, 0x00]), None, &[(0, 10)], &frame, &vm).is_empty());
}

#[test]
fn the_address_map_follows_srclocs() {
    let layout = Layout {
        code_start: 100,
        bodies: vec![
            Body { start: 102, end: 120, locals: Vec::new() },
            Body { start: 121, end: 140, locals: Vec::new() },
        ],
        sections: HashMap::new(),
    };
    let f0 = FuncDebug {
        srclocs: vec![
            SrcRange { start: 4, end: 8, wasm: 105 },
            SrcRange { start: 8, end: 12, wasm: 110 },
            SrcRange { start: 12, end: 16, wasm: 105 },
            SrcRange { start: 16, end: 20, wasm: 119 },
        ],
        ..FuncDebug::default()
    };
    let f1 = FuncDebug { srclocs: vec![SrcRange { start: 4, end: 9, wasm: 125 }], ..FuncDebug::default() };
    let map = AddrMap::new(&layout, &[(&f0, 24), (&f1, 12)]);
    assert_eq!(map.func_at(2), Some(0));
    assert_eq!(map.func_at(20), Some(0), "a body's end belongs to it");
    assert_eq!(map.func_at(21), Some(1));
    assert_eq!(map.func_at(41), None);
    assert_eq!(map.point(2), Some((0, 0)), "a function's start is its entry");
    assert_eq!(map.point(5), Some((0, 4)));
    assert_eq!(map.point(7), Some((0, 8)), "the first instruction at or after");
    assert_eq!(map.point(20), Some((0, 24)));
    // Wasm offset 105 was emitted in two places; [5, 11) covers 105 and 110.
    assert_eq!(map.ranges(5, 11), vec![(0, 4, 16)]);
    assert_eq!(map.ranges(5, 6), vec![(0, 4, 8), (0, 12, 16)]);
    assert_eq!(map.ranges(2, 20), vec![(0, 0, 24)], "a whole body is all of its code");
}

const WAT: &str = r#"
(module $app
  (memory 1)
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func $twice (param i32) (result i32)
    local.get 0 local.get 0 call $add)
  (func (result i32)
    i32.const 1 i32.const 0 i32.div_u))
"#;

fn section<'d>(obj: &object::File<'d>, name: &str) -> &'d [u8] {
    obj.section_by_name(name).and_then(|s| s.data().ok()).unwrap_or(&[])
}

/// The symbol names relocations in section `name` refer to.
fn reloc_targets(obj: &object::File<'_>, name: &str) -> Vec<String> {
    let section = obj.section_by_name(name).expect("section exists");
    section
        .relocations()
        .filter_map(|(_, r)| match r.target() {
            object::RelocationTarget::Symbol(i) => Some(obj.symbol_by_index(i).ok()?.name().ok()?.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_object_describes_every_function_by_wasm_offset() {
    for debug_info in [false, true] {
        let options = CompileOptions { debug_info, source_name: Some("app.wasm".into()), ..CompileOptions::default() };
        let module = compile(WAT.as_bytes(), &options).expect("compiles");
        assert!(module.warnings.is_empty(), "{:?}", module.warnings);
        let obj = object::File::parse(&*module.object).expect("an object");
        let dwarf = gimli::read::Dwarf::load(|id| -> gimli::Result<_> {
            Ok(EndianSlice::new(section(&obj, id.name()), LittleEndian))
        })
        .expect("DWARF loads");
        let mut units = dwarf.units();
        let header = units.next().expect("readable").expect("one unit");
        let unit = dwarf.unit(header).expect("unit");
        let mut names = Vec::new();
        let mut entries = unit.entries();
        while let Some(entry) = entries.next_dfs().expect("entries") {
            let name = entry
                .attr_value(gimli::DW_AT_name)
                .map(|v| dwarf.attr_string(&unit, v).expect("string").to_string_lossy().into_owned());
            if entry.tag == gimli::DW_TAG_compile_unit {
                assert_eq!(name.as_deref(), Some("app.wasm"));
            }
            if entry.tag == gimli::DW_TAG_subprogram {
                names.push(name.expect("named"));
            }
        }
        assert_eq!(names, ["add", "twice", "wasm-function[2]"]);
        assert!(units.next().expect("readable").is_none(), "one unit");

        // Lines are wasm offsets inside the code section.
        let wasm = wat::parse_str(WAT).expect("valid wat");
        let program = unit.line_program.clone().expect("a line program");
        let mut rows = program.rows();
        let mut lines = Vec::new();
        while let Some((_, row)) = rows.next_row().expect("rows") {
            lines.push(row.line().map_or(0, |l| l.get()));
        }
        assert!(lines.iter().all(|&l| l > 0 && (l as usize) < wasm.len()), "{lines:?}");

        // Addresses are relocations against the function symbols.
        let functions = ["add", "twice", "wasm-function[2]"];
        let info_targets = reloc_targets(&obj, ".debug_info");
        assert!(functions.iter().all(|f| info_targets.iter().any(|t| t == f)), "{info_targets:?}");
        let line_targets = reloc_targets(&obj, ".debug_line");
        assert_eq!(line_targets, functions);
        // One FDE per function and per array-call trampoline.
        let fde_targets = reloc_targets(&obj, ".eh_frame");
        assert!(functions.iter().all(|f| fde_targets.iter().any(|t| t == f)), "{fde_targets:?}");
        assert!(fde_targets.iter().any(|t| t.starts_with("kiln_array_call.")), "{fde_targets:?}");
    }
}

#[test]
fn unreadable_dwarf_is_a_warning_and_code_keeps_wasm_offsets() {
    let wat = r#"(module
        (@custom ".debug_info" "\ff\ff\ff\ff\01\02")
        (func $f (export "f") nop))"#;
    let options = CompileOptions { debug_info: true, ..CompileOptions::default() };
    let module = compile(wat.as_bytes(), &options).expect("compiles");
    assert_eq!(module.warnings.len(), 1, "{:?}", module.warnings);
    assert!(module.warnings[0].contains("DWARF is unreadable"), "{:?}", module.warnings);
    let obj = object::File::parse(&*module.object).expect("an object");
    assert_eq!(reloc_targets(&obj, ".debug_line"), ["f"]);
}
