//! Canonical signature ids: structurally equal function types get the same
//! id in every instance of the process, so `call_indirect` can compare a
//! funcref's `type_id` with the expected type's id from any module.

use crate::sync::SpinLock;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use kiln_abi::{FuncType, ModuleInfo};

/// A signature: its full structural encoding (`kiln_abi::canon`).
type Key = &'static [u8];

static REGISTRY: SpinLock<BTreeMap<Key, u32>> = SpinLock::new(BTreeMap::new());

/// The canonical id of one function type.
pub fn canonical_id(ty: &'static FuncType) -> u32 {
    // SAFETY: module tables are immutable and live for the process.
    let key = unsafe { ty.canon.as_slice() };
    let mut registry = REGISTRY.lock();
    let next = registry.len() as u32;
    *registry.entry(key).or_insert(next)
}

/// Canonical ids of every type of `module`, indexed by type index.
pub fn canonical_ids(module: &'static ModuleInfo) -> Box<[u32]> {
    // SAFETY: module tables are immutable and live for the process.
    let types = unsafe { module.types.as_slice() };
    types.iter().map(canonical_id).collect()
}
