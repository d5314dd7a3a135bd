//! kiln's compiler.
//!
//! Data flow: wasm bytes (or `.wat` text) → [`module::parse`] validates and
//! collects a [`module::ModuleEnv`] → [`translate`] turns each function
//! body into Cranelift IR, in parallel (`call_indirect` through a table
//! nothing can change indexes a compile-time copy: [`static_tables`]; a
//! call inside a handler whose callee never throws is a plain call:
//! [`nothrow`]) →
//! [`inline`] inlines the early exits of callees into their callers →
//! [`taildup`] gives each case of an interpreter-style `br_table` loop its
//! own copy of the dispatch → [`emit`] compiles the IR with the target ISA
//! and writes one relocatable object (via cranelift-object): the
//! code, the `kiln_abi` module tables (types, imports, exports, segments,
//! trap table, backtrace lines) that runtime-lib instantiates from, and
//! native debug info (`debug`: DWARF and `.eh_frame`).

mod canon;
pub mod component;
mod debug;
pub mod emit;
pub mod error;
pub mod header;
mod inline;
pub mod module;
mod nothrow;
mod object;
mod static_tables;
mod tables;
pub mod taildup;
pub mod target;
pub mod trampolines;
pub mod translate;
pub mod traps;

pub use emit::{compile, CompileOptions, CompiledModule, MemoryBase, OptLevel};
pub use error::{CompileError, Result};
