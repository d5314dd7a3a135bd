//! The canonical built-ins for resources a component defines itself:
//! `resource.new`, `resource.rep` and `resource.drop`. Their handles live
//! in the same table as the host's resources; the two option constants of
//! each call carry the resource's number (which of the component's
//! resource types) and its destructor's function index (`-1` for none).

use super::table::{self, Resource};
use super::{Cx, HostResult, HostTrap};

/// A handle to a resource the component defines.
pub struct Local {
    /// The resource type's number in the component.
    pub ty: u32,
    /// The representation the component gave `resource.new`.
    pub rep: u32,
}

/// The representation behind `handle`, which must be of resource `ty`.
fn rep_of(ty: u32, handle: u32) -> HostResult<u32> {
    super::resources::local(handle, |l| {
        if l.ty == ty {
            Ok(l.rep)
        } else {
            Err(HostTrap::WrongType(handle, "resource of this type"))
        }
    })
}

/// `resource.new`: a new owned handle for representation `rep`. (`cx`
/// carries the resource number as its memory constant.)
pub fn component_resource_new(cx: &mut Cx<'_>, rep: i32) -> HostResult<i32> {
    let ty = cx.constants().0.ok_or(HostTrap::Other("resource.new without a resource type"))?;
    Ok(table::push(Resource::Local(Local { ty, rep: rep as u32 }), None)? as i32)
}

/// `resource.rep`.
pub fn component_resource_rep(cx: &mut Cx<'_>, handle: i32) -> HostResult<i32> {
    let ty = cx.constants().0.ok_or(HostTrap::Other("resource.rep without a resource type"))?;
    Ok(rep_of(ty, handle as u32)? as i32)
}

/// `resource.drop`: removes the handle and runs the destructor, if the
/// resource type has one, with the representation.
pub fn component_resource_drop(cx: &mut Cx<'_>, handle: i32) -> HostResult<()> {
    let (ty, dtor) = cx.constants();
    let ty = ty.ok_or(HostTrap::Other("resource.drop without a resource type"))?;
    let rep = rep_of(ty, handle as u32)?;
    drop(table::remove(handle as u32)?);
    if let Some(dtor) = dtor {
        cx.call_i32(dtor, rep)?;
    }
    Ok(())
}
