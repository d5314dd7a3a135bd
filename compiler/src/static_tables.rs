//! Tables whose contents are known at compile time, so that `call_indirect`
//! through them can skip the run-time table.
//!
//! Data flow: [`analyze`] reads the module's tables, element segments and
//! exports, and scans every function body for instructions that write a
//! table → for each table that nothing can change, the function each slot
//! holds → [`encode`] lays that out as a read-only array of
//! `{code pointer, type class}` that the object carries (`emit`) and
//! `call_indirect` indexes (`translate::calls`).
//!
//! A table qualifies when it is defined (not imported), not exported,
//! never the target of `table.set`, `table.fill`, `table.copy`,
//! `table.init` or `table.grow`, and filled only by active segments with
//! constant offsets and defined functions (or nulls). No wasm code, host or
//! other module can then observe a change, so the run-time table and this
//! copy agree for the instance's whole life. C and Rust toolchains emit
//! exactly such a table for function pointers.

use crate::module::{FuncBodyData, ModuleEnv};
use kiln_abi::{constop, extern_kind, segment_mode, ConstOp, VMOffsets};
use rayon::prelude::*;
use wasmparser::Operator;

/// Above this many slots a table is left to the run-time path: the copy
/// would cost more object size than it saves.
const MAX_SLOTS: u64 = 1 << 16;

/// What a slot of an entry's type class holds for a null slot: no type
/// index maps to it, so the signature check always fails there.
pub const NULL_CLASS: u32 = u32::MAX;

/// A table with compile-time contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticTable {
    /// The defined function in each slot, or `None` for null.
    pub slots: Vec<Option<u32>>,
}

/// Bytes per slot of the copy: the code pointer, then the type class
/// (a `u32`, padded).
pub const SLOT_SIZE: u32 = 2 * VMOffsets::PTR_SIZE;
/// Offset of the type class in a slot.
pub const SLOT_CLASS: u32 = VMOffsets::PTR_SIZE;

/// The type class of `type_index`: the first type index with the same
/// structural encoding, so that two indices get the same class exactly
/// when the runtime gives them the same canonical signature id.
pub fn type_class(env: &ModuleEnv<'_>, type_index: u32) -> u32 {
    env.type_classes[type_index as usize]
}

/// Each table's compile-time contents, by table index (`None`: the
/// run-time table must be used).
pub fn analyze(env: &ModuleEnv<'_>, bodies: &[FuncBodyData<'_>]) -> Vec<Option<StaticTable>> {
    let mut out: Vec<Option<StaticTable>> = env.tables.iter().map(|t| initial(env, t)).collect();
    for e in &env.exports {
        if e.kind == extern_kind::TABLE {
            out[e.index as usize] = None;
        }
    }
    for seg in env.elems.iter().filter(|s| s.mode == segment_mode::ACTIVE) {
        let Some(Some(table)) = out.get_mut(seg.table as usize) else { continue };
        if !apply(env, table, &seg.offset, &seg.items) {
            out[seg.table as usize] = None;
        }
    }
    if out.iter().all(Option::is_none) {
        return out;
    }
    let written: Option<Vec<Vec<u32>>> = bodies.par_iter().map(tables_written).collect();
    let Some(written) = written else { return vec![None; out.len()] };
    for table in written.into_iter().flatten() {
        if let Some(slot) = out.get_mut(table as usize) {
            *slot = None;
        }
    }
    out
}

/// The table before its segments: every slot holds its initializer.
fn initial(env: &ModuleEnv<'_>, table: &crate::module::TableDesc) -> Option<StaticTable> {
    let size = table.ty.initial;
    if table.imported || size > MAX_SLOTS || !table.ty.element_type.is_func_ref() {
        return None;
    }
    let fill = if table.init.is_empty() { None } else { func_item(env, &table.init)? };
    Some(StaticTable { slots: vec![fill; size as usize] })
}

/// `Some(slot)` for a constant expression yielding a defined function or
/// null; `None` for anything only instantiation can evaluate.
fn func_item(env: &ModuleEnv<'_>, expr: &[ConstOp]) -> Option<Option<u32>> {
    match expr {
        [ConstOp { op: constop::REF_NULL, .. }] => Some(None),
        [ConstOp { op: constop::REF_FUNC, a, .. }] => {
            let f = u32::try_from(*a).ok()?;
            (f >= env.num_imported_funcs && (f as usize) < env.func_types.len()).then_some(Some(f))
        }
        _ => None,
    }
}

/// Applies one active segment; false when its offset or items are not
/// constants this analysis knows, or it does not fit (instantiation then
/// fails, and nothing runs).
fn apply(env: &ModuleEnv<'_>, table: &mut StaticTable, offset: &[ConstOp], items: &[Vec<ConstOp>]) -> bool {
    let start = match offset {
        [ConstOp { op: constop::I32_CONST, a, .. }] => u64::from(*a as u32),
        [ConstOp { op: constop::I64_CONST, a, .. }] => *a,
        _ => return false,
    };
    let fits = start.checked_add(items.len() as u64).is_some_and(|end| end <= table.slots.len() as u64);
    if !fits {
        return false;
    }
    for (slot, item) in table.slots[start as usize..].iter_mut().zip(items) {
        match func_item(env, item) {
            Some(f) => *slot = f,
            None => return false,
        }
    }
    true
}

/// Tables that `body` may write; `None` when it does not parse (it then
/// may write any table, as far as this analysis knows; translation
/// reports the error).
fn tables_written(body: &FuncBodyData<'_>) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut reader = body.body.get_operators_reader().ok()?;
    while !reader.eof() {
        match reader.read().ok()? {
            Operator::TableSet { table }
            | Operator::TableFill { table }
            | Operator::TableGrow { table }
            | Operator::TableInit { table, .. }
            | Operator::TableCopy { dst_table: table, .. } => out.push(table),
            _ => {}
        }
    }
    Some(out)
}

/// The object's copy of `table`: per slot, the code pointer (zero for
/// null) and the type class as a `u32`, padded to two pointers. Returns the
/// bytes and `(offset, function index)` for each code pointer to relocate.
pub fn encode(env: &ModuleEnv<'_>, table: &StaticTable) -> (Vec<u8>, Vec<(u32, u32)>) {
    let entry = SLOT_SIZE as usize;
    let mut bytes = vec![0u8; table.slots.len() * entry];
    let mut relocs = Vec::new();
    for (i, slot) in table.slots.iter().enumerate() {
        let class = match slot {
            Some(f) => {
                relocs.push(((i * entry) as u32, *f));
                type_class(env, env.func_types[*f as usize])
            }
            None => NULL_CLASS,
        };
        let at = i * entry + SLOT_CLASS as usize;
        bytes[at..at + 4].copy_from_slice(&class.to_le_bytes());
    }
    (bytes, relocs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analysis of the module `wat`'s tables.
    fn tables(wat: &str) -> Vec<Option<Vec<Option<u32>>>> {
        let wasm = crate::module::wat_or_wasm(wat.as_bytes()).expect("test module parses");
        let mut env = crate::module::parse(&wasm).expect("test module validates");
        let bodies = std::mem::take(&mut env.bodies);
        analyze(&env, &bodies).into_iter().map(|t| t.map(|t| t.slots)).collect()
    }

    const FUNCS: &str = r#"
        (type $ii (func (param i32) (result i32)))
        (type $same (func (param i32) (result i32)))
        (func $f0 (type $ii) (local.get 0))
        (func $f1 (type $same) (local.get 0))
        (func $f2 (param f32))"#;

    /// A module with `imports` after the function import, the functions
    /// above, and `body`.
    fn module_with(imports: &str, body: &str) -> String {
        format!("(module (import \"m\" \"imp\" (func $imp)) {imports} {FUNCS} {body})")
    }

    fn module(body: &str) -> String {
        module_with("", body)
    }

    #[test]
    fn segments_fill_a_table_in_order() {
        let got = tables(&module(
            "(table 5 funcref) (elem (i32.const 0) $f0 $f1 $f2) (elem (i32.const 1) $f2)
             (elem (table 0) (i32.const 4) funcref (ref.null func))",
        ));
        assert_eq!(got, [Some(vec![Some(1), Some(3), Some(3), None, None])]);
    }

    #[test]
    fn tables_something_can_change_are_left_alone() {
        let cases = [
            ("exported", "(table (export \"t\") 2 funcref) (elem (i32.const 0) $f0)"),
            ("imported function in it", "(table 2 funcref) (elem (i32.const 0) $imp)"),
            ("offset from a global", "(global i32 (i32.const 0)) (table 2 funcref) (elem (global.get 0) $f0)"),
            ("segment out of bounds", "(table 2 funcref) (elem (i32.const 1) $f0 $f1)"),
            ("table.set", "(table 2 funcref) (func (table.set (i32.const 0) (ref.null func)))"),
            ("table.fill", "(table 2 funcref) (func (table.fill (i32.const 0) (ref.null func) (i32.const 1)))"),
            ("table.grow", "(table 2 funcref) (func (drop (table.grow (ref.null func) (i32.const 1))))"),
            (
                "table.init",
                "(table 2 funcref) (elem $e func $f0) (func (table.init $e (i32.const 0) (i32.const 0) (i32.const 1)))",
            ),
            ("table.copy into it", "(table 2 funcref) (func (table.copy (i32.const 0) (i32.const 1) (i32.const 1)))"),
        ];
        for (what, body) in cases {
            let got = tables(&module(body));
            assert!(got.iter().all(Option::is_none), "{what}: {got:?}");
        }
        let imported = tables(&module_with("(import \"m\" \"t\" (table 2 funcref))", "(elem (i32.const 0) $f0)"));
        assert_eq!(imported, [None]);
    }

    #[test]
    fn only_the_written_table_is_left_alone() {
        // table.copy writes table 1 and only reads table 0.
        let got = tables(&module(
            "(table $a 2 funcref) (table $b 2 funcref) (elem (table $a) (i32.const 0) func $f0)
             (func (table.copy $b $a (i32.const 0) (i32.const 0) (i32.const 2)))",
        ));
        assert_eq!(got, [Some(vec![Some(1), None]), None]);
    }

    #[test]
    fn equal_signatures_share_a_class() {
        let src = module("");
        let wasm = crate::module::wat_or_wasm(src.as_bytes()).expect("parses");
        let env = crate::module::parse(&wasm).expect("validates");
        // Types: $ii, $same, then the implicit () of the import and (f32) of $f2.
        assert_eq!((type_class(&env, 0), type_class(&env, 1)), (0, 0));
        assert_eq!((type_class(&env, 2), type_class(&env, 3)), (2, 3));
    }

    #[test]
    fn the_copy_holds_code_pointers_and_classes() {
        let src = module("");
        let wasm = crate::module::wat_or_wasm(src.as_bytes()).expect("parses");
        let env = crate::module::parse(&wasm).expect("validates");
        let table = StaticTable { slots: vec![None, Some(2)] };
        let (bytes, relocs) = encode(&env, &table);
        assert_eq!(bytes.len(), 32);
        assert_eq!(relocs, [(16, 2)]);
        assert_eq!(bytes[8..12], NULL_CLASS.to_le_bytes());
        // Function 2 is $f1, of type $same: class 0.
        assert_eq!(bytes[24..28], 0u32.to_le_bytes());
    }
}
