//! `wasi:filesystem`: descriptors beneath the preopened directories.
//! (In progress.)

use super::{Cx, HostResult, HostTrap};
use rustix::io::Errno;

/// A file or directory.
pub struct Descriptor {}
/// A directory listing being read.
pub struct DirectoryEntries {}

/// The WIT name of the error code for host error `e`.
pub fn error_code_name(_e: Errno) -> &'static str {
    "io"
}

/// `wasi:filesystem/types@0.2#[resource-drop]descriptor`.
pub fn drop_descriptor(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[resource-drop]directory-entry-stream`.
pub fn drop_directory_entry_stream(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.read-via-stream`.
pub fn descriptor_read_via_stream(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.write-via-stream`.
pub fn descriptor_write_via_stream(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.append-via-stream`.
pub fn descriptor_append_via_stream(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.advise`.
pub fn descriptor_advise(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i64, _p3: i32, _p4: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.sync-data`.
pub fn descriptor_sync_data(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.get-flags`.
pub fn descriptor_get_flags(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.get-type`.
pub fn descriptor_get_type(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.set-size`.
pub fn descriptor_set_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.set-times`.
pub fn descriptor_set_times(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i64, _p3: i32, _p4: i32, _p5: i64, _p6: i32, _p7: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.read`.
pub fn descriptor_read(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i64, _p3: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.write`.
pub fn descriptor_write(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i64, _p4: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.read-directory`.
pub fn descriptor_read_directory(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.sync`.
pub fn descriptor_sync(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.create-directory-at`.
pub fn descriptor_create_directory_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.stat`.
pub fn descriptor_stat(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.stat-at`.
pub fn descriptor_stat_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32, _p4: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.set-times-at`.
pub fn descriptor_set_times_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32, _p4: i32, _p5: i64, _p6: i32, _p7: i32, _p8: i64, _p9: i32, _p10: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.link-at`.
pub fn descriptor_link_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32, _p4: i32, _p5: i32, _p6: i32, _p7: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.open-at`.
pub fn descriptor_open_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32, _p4: i32, _p5: i32, _p6: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.readlink-at`.
pub fn descriptor_readlink_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.remove-directory-at`.
pub fn descriptor_remove_directory_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.rename-at`.
pub fn descriptor_rename_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32, _p4: i32, _p5: i32, _p6: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.symlink-at`.
pub fn descriptor_symlink_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32, _p4: i32, _p5: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.unlink-file-at`.
pub fn descriptor_unlink_file_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.is-same-object`.
pub fn descriptor_is_same_object(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.metadata-hash`.
pub fn descriptor_metadata_hash(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]descriptor.metadata-hash-at`.
pub fn descriptor_metadata_hash_at(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32, _p4: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#[method]directory-entry-stream.read-directory-entry`.
pub fn directory_entry_stream_read_directory_entry(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/types@0.2#filesystem-error-code`.
pub fn types_filesystem_error_code(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:filesystem/preopens@0.2#get-directories`.
pub fn preopens_get_directories(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

