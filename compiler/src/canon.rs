//! Full structural encodings of the module's types ([`kiln_abi::canon`]),
//! computed once at parse time so that every table entry that needs one
//! (function types, table element types, global types) shares them.

use crate::error::{CompileError, Result};
use kiln_abi::canon::{self, heap};
use kiln_abi::valtype;
use wasmparser::{
    AbstractHeapType, CompositeInnerType, FieldType, FuncType, HeapType, RefType, StorageType, UnpackedIndex, ValType,
};

/// Encodings grow with the nesting of typed references; a module that
/// nests them past this is refused rather than blowing up memory.
const MAX_ENCODING: usize = 1 << 16;

/// Encodes types against the identities of the types defined so far and,
/// while a recursion group is being encoded, that group's index range.
pub struct Encoder<'a> {
    /// Identities of the types before the current group.
    pub types: &'a [Vec<u8>],
    /// Type index range of the group being encoded (empty outside one).
    pub group: std::ops::Range<u32>,
    /// Whether a reference into the group was written.
    pub refers_to_group: bool,
}

impl<'a> Encoder<'a> {
    /// An encoder for types outside any group (globals, tables).
    pub fn new(types: &'a [Vec<u8>]) -> Self {
        Encoder { types, group: 0..0, refers_to_group: false }
    }

    /// Encodes value type `ty`.
    pub fn valtype(&mut self, ty: ValType, offset: u64, out: &mut Vec<u8>) -> Result<()> {
        match ty {
            ValType::I32 => out.push(valtype::I32),
            ValType::I64 => out.push(valtype::I64),
            ValType::F32 => out.push(valtype::F32),
            ValType::F64 => out.push(valtype::F64),
            ValType::V128 => out.push(valtype::V128),
            ValType::Ref(r) => self.reftype(r, offset, out)?,
        }
        if out.len() > MAX_ENCODING {
            return Err(CompileError::unsupported("typed references nested this deeply", offset));
        }
        Ok(())
    }

    /// Encodes reference type `r`.
    pub fn reftype(&mut self, r: RefType, offset: u64, out: &mut Vec<u8>) -> Result<()> {
        out.push(if r.is_nullable() { canon::REF_NULL } else { canon::REF });
        let code = match r.heap_type() {
            HeapType::Concrete(UnpackedIndex::Module(i)) | HeapType::Exact(UnpackedIndex::Module(i)) => {
                if self.group.contains(&i) {
                    self.refers_to_group = true;
                    out.push(canon::REC_REF);
                    out.extend_from_slice(&(i - self.group.start).to_le_bytes());
                } else if let Some(identity) = self.types.get(i as usize) {
                    out.push(canon::CONCRETE);
                    out.extend_from_slice(identity);
                } else {
                    return Err(CompileError::unsupported("gc: forward type references", offset));
                }
                return Ok(());
            }
            HeapType::Concrete(_) | HeapType::Exact(_) => {
                return Err(CompileError::unsupported("gc: canonicalized type references", offset))
            }
            HeapType::Abstract { shared: true, .. } => {
                return Err(CompileError::unsupported("shared-everything threads: shared reference types", offset))
            }
            HeapType::Abstract { shared: false, ty } => match ty {
                AbstractHeapType::Func => heap::FUNC,
                AbstractHeapType::Extern => heap::EXTERN,
                AbstractHeapType::Any => heap::ANY,
                AbstractHeapType::Eq => heap::EQ,
                AbstractHeapType::I31 => heap::I31,
                AbstractHeapType::Struct => heap::STRUCT,
                AbstractHeapType::Array => heap::ARRAY,
                AbstractHeapType::None => heap::NONE,
                AbstractHeapType::NoFunc => heap::NOFUNC,
                AbstractHeapType::NoExtern => heap::NOEXTERN,
                AbstractHeapType::Exn => heap::EXN,
                AbstractHeapType::NoExn => heap::NOEXN,
                other => return Err(CompileError::unsupported(format!("reference type {other:?}"), offset)),
            },
        };
        out.push(code);
        Ok(())
    }

    fn definition(&mut self, def: &CompositeInnerType, offset: u64, out: &mut Vec<u8>) -> Result<()> {
        match def {
            CompositeInnerType::Func(f) => {
                out.push(canon::DEF_FUNC);
                self.func_type(f, offset, out)
            }
            CompositeInnerType::Array(a) => {
                out.push(canon::DEF_ARRAY);
                self.field(&a.0, offset, out)
            }
            CompositeInnerType::Struct(s) => {
                out.push(canon::DEF_STRUCT);
                out.extend_from_slice(&(s.fields.len() as u32).to_le_bytes());
                for f in s.fields.iter() {
                    self.field(f, offset, out)?;
                }
                Ok(())
            }
            CompositeInnerType::Cont(_) => {
                Err(CompileError::unsupported("stack switching: continuation types", offset))
            }
        }
    }

    fn field(&mut self, f: &FieldType, offset: u64, out: &mut Vec<u8>) -> Result<()> {
        out.push(f.mutable as u8);
        match f.element_type {
            StorageType::I8 => out.push(canon::PACKED_I8),
            StorageType::I16 => out.push(canon::PACKED_I16),
            StorageType::Val(v) => self.valtype(v, offset, out)?,
        }
        Ok(())
    }

    fn func_type(&mut self, f: &FuncType, offset: u64, out: &mut Vec<u8>) -> Result<()> {
        for list in [f.params(), f.results()] {
            out.extend_from_slice(&(list.len() as u32).to_le_bytes());
            for ty in list {
                self.valtype(*ty, offset, out)?;
            }
        }
        Ok(())
    }
}

/// The identities of the types of one recursion group, which starts at
/// type index `types.len()`.
pub fn group_identities(types: &[Vec<u8>], group: &[CompositeInnerType], offset: u64) -> Result<Vec<Vec<u8>>> {
    let start = types.len() as u32;
    let mut enc = Encoder { types, group: start..start + group.len() as u32, refers_to_group: false };
    let mut bodies = Vec::new();
    for def in group {
        enc.definition(def, offset, &mut bodies)?;
    }
    if group.len() == 1 && !enc.refers_to_group {
        let mut identity = vec![canon::PLAIN];
        identity.extend_from_slice(&bodies);
        return Ok(vec![identity]);
    }
    Ok((0..group.len() as u32)
        .map(|i| {
            let mut identity = vec![canon::REC];
            identity.extend_from_slice(&(group.len() as u32).to_le_bytes());
            identity.extend_from_slice(&i.to_le_bytes());
            identity.extend_from_slice(&bodies);
            identity
        })
        .collect())
}
