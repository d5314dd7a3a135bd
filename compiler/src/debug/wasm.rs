//! The module layout debug info needs, read again from the wasm bytes
//! (translation consumed the bodies): where the code section starts (wasm
//! DWARF addresses are relative to it), each body's range and local types,
//! and the `.debug_*` custom sections.

use crate::error::Result;
use crate::module::ModuleEnv;
use std::collections::HashMap;
use wasmparser::{Parser, Payload, ValType};

/// One defined function's body.
pub(super) struct Body {
    /// Absolute byte range of the body (after its size prefix).
    pub start: u32,
    pub end: u32,
    /// Types of all locals, parameters first (the index space of
    /// `local.get` and of `DW_OP_WASM_location 0x0`).
    pub locals: Vec<ValType>,
}

pub(super) struct Layout<'a> {
    /// Absolute offset of the code section's contents.
    pub code_start: u32,
    pub bodies: Vec<Body>,
    /// `.debug_*` custom sections by name.
    pub sections: HashMap<&'a str, &'a [u8]>,
}

impl Layout<'_> {
    /// Whether the module carries DWARF line or entry information.
    pub fn has_dwarf(&self) -> bool {
        self.sections.contains_key(".debug_info")
    }
}

/// Reads the layout of an already validated module.
pub(super) fn parse<'a>(env: &ModuleEnv<'a>) -> Result<Layout<'a>> {
    let mut layout = Layout { code_start: 0, bodies: Vec::new(), sections: HashMap::new() };
    for payload in Parser::new(0).parse_all(env.wasm) {
        match payload? {
            Payload::CodeSectionStart { unchecked_range, .. } => layout.code_start = unchecked_range.start as u32,
            Payload::CodeSectionEntry(body) => {
                let index = env.num_imported_funcs + layout.bodies.len() as u32;
                let mut locals: Vec<ValType> = env.func_type(index).params().to_vec();
                let mut reader = body.get_locals_reader()?;
                for _ in 0..reader.get_count() {
                    let (count, ty) = reader.read()?;
                    locals.extend(std::iter::repeat_n(ty, count as usize));
                }
                let range = body.range();
                layout.bodies.push(Body { start: range.start as u32, end: range.end as u32, locals });
            }
            Payload::CustomSection(section) if section.name().starts_with(".debug_") => {
                layout.sections.insert(section.name(), section.data());
            }
            _ => {}
        }
    }
    Ok(layout)
}
