//! Precompiled kiln blobs and the in-process loader that runs them.
//!
//! Data flow: `kiln precompile` compiles a module to a relocatable object
//! (`kiln_compiler::compile(..).object`) and wraps it with [`encode`] in a
//! blob whose header (layout: `kiln_abi::blob`) records the kiln version,
//! target triple, assumed CPU features and checksums. `kiln run app.kwasm`
//! checks the blob with [`decode`] against [`Expectation::host`], then
//! [`load`]s the payload: the object's sections are copied into one fresh
//! mapping, relocated against the runtime's symbols (libcalls, WASI), and
//! protected W^X. The runtime then reads `kiln_module_info` through
//! [`LoadedImage::symbol`] and instantiates it as it would a linked module.
//! No compiler and no system linker are involved at run time.

pub mod blob;
pub mod cpu;
mod error;
mod image;
mod load;
mod reloc;

pub use blob::{decode, encode, parse, sha256, Blob, BlobMeta, Expectation, KILN_VERSION};
pub use error::{BlobError, LoadError};
pub use image::LoadedImage;
pub use load::{load, load_any_arch};
pub use reloc::Arch;
