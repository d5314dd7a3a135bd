//! What the fuser needs to know about one core module before rewriting it:
//! its imports in order, its exports, and how many items of each kind it
//! imports and defines.

use crate::error::{CompileError, Result};
use std::collections::HashMap;
use std::ops::Range;
use wasmparser::{ExternalKind, Parser, Payload, TypeRef};

/// The kinds of core items, as indexes into per-kind arrays.
pub const KINDS: usize = 5;

/// The per-kind array slot of `kind`.
pub fn kind_slot(kind: ExternalKind) -> usize {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => 0,
        ExternalKind::Table => 1,
        ExternalKind::Memory => 2,
        ExternalKind::Global => 3,
        ExternalKind::Tag => 4,
    }
}

/// The per-kind array slot of an import's type.
pub fn ref_slot(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Func(_) | TypeRef::FuncExact(_) => 0,
        TypeRef::Table(_) => 1,
        TypeRef::Memory(_) => 2,
        TypeRef::Global(_) => 3,
        TypeRef::Tag(_) => 4,
    }
}

/// One import of a core module.
#[derive(Debug, Clone)]
pub struct CoreImport {
    pub module: String,
    pub name: String,
    pub ty: TypeRef,
    /// Its byte offset, for errors.
    pub offset: u64,
}

/// A summary of a core module, read without rewriting it.
#[derive(Debug, Clone)]
pub struct CoreModule {
    /// The module's bytes within the component.
    pub range: Range<usize>,
    pub imports: Vec<CoreImport>,
    /// Export name to (kind slot, index in that kind's index space).
    pub exports: HashMap<String, (usize, u32)>,
    /// Imported items per kind slot.
    pub imported: [u32; KINDS],
    /// Defined items per kind slot.
    pub defined: [u32; KINDS],
    /// Types in its type section.
    pub types: u32,
    /// Its function types by type index (`None` for other composite types).
    pub func_types: Vec<Option<wasmparser::FuncType>>,
    /// Data and element segments.
    pub data: u32,
    pub elems: u32,
    /// Its start function, if any.
    pub start: Option<u32>,
    /// Whether it has active data or element segments.
    pub active_segments: bool,
}

impl CoreModule {
    /// Reads the module at `range` of `bytes`.
    pub fn read(bytes: &[u8], range: Range<usize>) -> Result<CoreModule> {
        let mut m = CoreModule {
            range: range.clone(),
            imports: Vec::new(),
            exports: HashMap::new(),
            imported: [0; KINDS],
            defined: [0; KINDS],
            types: 0,
            func_types: Vec::new(),
            data: 0,
            elems: 0,
            start: None,
            active_segments: false,
        };
        let parser = Parser::new(range.start as u64);
        for payload in parser.parse_all(&bytes[range]) {
            match payload? {
                Payload::TypeSection(r) => {
                    for group in r {
                        for sub in group?.into_types() {
                            m.types += 1;
                            m.func_types.push(match sub.composite_type.inner {
                                wasmparser::CompositeInnerType::Func(f) => Some(f),
                                _ => None,
                            });
                        }
                    }
                }
                Payload::ImportSection(r) => {
                    for import in r.into_imports_with_offsets() {
                        let (offset, import) = import?;
                        m.imported[ref_slot(&import.ty)] += 1;
                        m.imports.push(CoreImport {
                            module: import.module.to_string(),
                            name: import.name.to_string(),
                            ty: import.ty,
                            offset,
                        });
                    }
                }
                Payload::FunctionSection(r) => m.defined[0] = r.count(),
                Payload::TableSection(r) => m.defined[1] = r.count(),
                Payload::MemorySection(r) => m.defined[2] = r.count(),
                Payload::GlobalSection(r) => m.defined[3] = r.count(),
                Payload::TagSection(r) => m.defined[4] = r.count(),
                Payload::ExportSection(r) => {
                    for export in r {
                        let export = export?;
                        m.exports.insert(export.name.to_string(), (kind_slot(export.kind), export.index));
                    }
                }
                Payload::StartSection { func, .. } => m.start = Some(func),
                Payload::ElementSection(r) => {
                    for elem in r {
                        m.elems += 1;
                        m.active_segments |= matches!(elem?.kind, wasmparser::ElementKind::Active { .. });
                    }
                }
                Payload::DataSection(r) => {
                    for data in r {
                        m.data += 1;
                        m.active_segments |= matches!(data?.kind, wasmparser::DataKind::Active { .. });
                    }
                }
                Payload::ModuleSection { unchecked_range, .. } | Payload::ComponentSection { unchecked_range, .. } => {
                    return Err(CompileError::Invalid {
                        offset: unchecked_range.start,
                        message: "a core module cannot nest modules".into(),
                    });
                }
                _ => {}
            }
        }
        Ok(m)
    }
}
