//! The handle table: every resource the guest holds a handle to.
//!
//! One table serves the whole program (a fused component is one instance).
//! Handles are indices from 1 (0 is never a handle, as in the canonical
//! ABI); a freed index is reused. Each entry holds its resource and the
//! handle of the resource it borrows from (a stream from its descriptor),
//! so dropping a parent while children live traps, as Wasmtime does.
//!
//! The table is behind a spin lock that is never held across guest code
//! (`realloc`) or blocking I/O: implementations copy what they need out
//! (host descriptors are shared through `Arc`) and release it.

use super::{HostResult, HostTrap};
use crate::sync::{SpinGuard, SpinLock};
use alloc::vec::Vec;

pub use super::resources::Resource;

/// A table slot.
struct Slot {
    resource: Resource,
    /// The handle this one borrows from, if any.
    parent: Option<u32>,
    /// How many live handles name this one as their parent.
    children: u32,
}

struct Table {
    /// Index 0 is unused.
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
}

static TABLE: SpinLock<Table> = SpinLock::new(Table { slots: Vec::new(), free: Vec::new() });

fn lock() -> SpinGuard<'static, Table> {
    let mut t = TABLE.lock();
    if t.slots.is_empty() {
        t.slots.push(None);
    }
    t
}

/// A new handle for `resource`, borrowing from `parent` when given.
pub fn push(resource: Resource, parent: Option<u32>) -> HostResult<u32> {
    let mut t = lock();
    if let Some(p) = parent {
        let slot = t.slots.get_mut(p as usize).and_then(Option::as_mut).ok_or(HostTrap::UnknownHandle(p))?;
        slot.children += 1;
    }
    let slot = Slot { resource, parent, children: 0 };
    if let Some(index) = t.free.pop() {
        t.slots[index as usize] = Some(slot);
        return Ok(index);
    }
    let index = u32::try_from(t.slots.len()).map_err(|_| HostTrap::Other("too many handles"))?;
    t.slots.push(Some(slot));
    Ok(index)
}

/// Runs `f` on the resource behind `handle`.
pub fn with<R>(handle: u32, f: impl FnOnce(&mut Resource) -> HostResult<R>) -> HostResult<R> {
    let mut t = lock();
    let slot = t.slots.get_mut(handle as usize).and_then(Option::as_mut).ok_or(HostTrap::UnknownHandle(handle))?;
    f(&mut slot.resource)
}

/// Removes `handle` and returns its resource (dropped by the caller,
/// outside the lock).
pub fn remove(handle: u32) -> HostResult<Resource> {
    let mut t = lock();
    let slot = t.slots.get_mut(handle as usize).ok_or(HostTrap::UnknownHandle(handle))?;
    match slot {
        None => return Err(HostTrap::UnknownHandle(handle)),
        Some(s) if s.children > 0 => return Err(HostTrap::HasChildren),
        Some(_) => {}
    }
    let slot = slot.take().expect("checked above");
    if let Some(p) = slot.parent {
        if let Some(parent) = t.slots.get_mut(p as usize).and_then(Option::as_mut) {
            parent.children -= 1;
        }
    }
    t.free.push(handle);
    Ok(slot.resource)
}

/// Forgets every handle (for embedders and tests that run several
/// programs in one process).
pub fn reset() {
    let old = {
        let mut t = lock();
        t.free.clear();
        core::mem::take(&mut t.slots)
    };
    drop(old);
}

/// Defines a typed accessor per resource variant: `name(handle, f)` runs
/// `f` on the payload or traps with `WrongType`.
#[macro_export]
#[doc(hidden)]
macro_rules! resource_accessors {
    ($( $fn:ident => $variant:ident($ty:ty), $what:literal; )*) => {
        $(
            #[doc = concat!("Runs `f` on the ", $what, " behind `handle`.")]
            pub fn $fn<R>(handle: u32, f: impl FnOnce(&mut $ty) -> $crate::wasi2::HostResult<R>)
                -> $crate::wasi2::HostResult<R>
            {
                $crate::wasi2::table::with(handle, |r| match r {
                    $crate::wasi2::table::Resource::$variant(x) => f(x),
                    _ => Err($crate::wasi2::HostTrap::WrongType(handle, $what)),
                })
            }
        )*
    };
}

/// Removes `handle` if it is a resource of `variant`.
#[macro_export]
#[doc(hidden)]
macro_rules! drop_resource {
    ($handle:expr, $variant:ident, $what:literal) => {{
        let handle = $handle;
        let ok = $crate::wasi2::table::with(handle, |r| Ok(matches!(r, $crate::wasi2::table::Resource::$variant(..))))?;
        if !ok {
            return Err($crate::wasi2::HostTrap::WrongType(handle, $what));
        }
        drop($crate::wasi2::table::remove(handle)?);
        Ok(())
    }};
}
