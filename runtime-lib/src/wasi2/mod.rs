//! WASI 0.2 (preview 2) for components, at the canonical ABI's core level.
//!
//! Data flow: the compiler fuses a component into one core module whose
//! WASI imports are named `wasi:<package>/<interface>@0.2` (see
//! `kiln_abi::wasi2`). Each import here is an `extern "C"` shim generated
//! from `kiln_abi::foreach_wasi2!` and exported under its import symbol:
//! it receives the caller's vmctx, the memory and `realloc` function of
//! the call's canonical options and the flattened arguments, builds a
//! [`Cx`] (checked access to that memory, allocation through `realloc`)
//! and calls the implementation of the same name in [`cli`], [`io`],
//! [`clocks`], [`random`], [`filesystem`] or [`sockets`] ([`component`]
//! holds the canonical built-ins for resources the component defines). Those look their
//! resources up in the handle [`table`] and store results with the
//! canonical layouts of [`abi`].
//!
//! Capabilities are preview1's: the same grants (`--dir`, `--env`,
//! `--env-inherit`, `--tcplisten`, baked in or from `KILN_GRANTS`) fill the
//! preview1 state, and the first WASI 0.2 call takes the arguments,
//! environment and preopened directories from there. Paths resolve beneath
//! their preopened directory exactly as in preview1.
//!
//! A misuse the component model defines as a trap (an unknown or
//! wrong-typed handle, a pointer outside memory, invalid UTF-8, a failing
//! `realloc`) prints `kiln: <interface>#<function>: <what>` to stderr and
//! sets the fused module's `kiln:host-trap` global; the wrapper that called
//! the shim then executes `unreachable`.

pub mod abi;
pub mod cli;
pub mod clocks;
pub mod component;
pub mod filesystem;
pub mod io;
pub mod paths;
pub mod random;
pub mod resources;
pub mod sockets;
pub mod table;

use crate::instance::Instance;
use crate::sys::FdWriter;
use core::fmt;
use kiln_abi::VMContext;

pub use kiln_abi::wasi2::HOST_TRAP_GLOBAL;

/// Why a host function traps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostTrap {
    /// No resource has this handle.
    UnknownHandle(u32),
    /// The handle names a resource of another type.
    WrongType(u32, &'static str),
    /// A guest pointer and length reach outside the memory.
    OutOfBounds,
    /// The call's options name no memory, but the function needs one.
    NoMemory,
    /// The call's options name no `realloc`, but the function needs one.
    NoRealloc,
    /// `realloc` returned a pointer that is misaligned or out of bounds.
    BadRealloc,
    /// A string argument is not UTF-8.
    InvalidUtf8,
    /// An argument is outside its type's range (an enum or flags value).
    InvalidValue(&'static str),
    /// A resource is dropped while others borrow from it.
    HasChildren,
    /// Something the component model forbids, described.
    Other(&'static str),
}

impl fmt::Display for HostTrap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostTrap::UnknownHandle(h) => write!(f, "unknown handle index {h}"),
            HostTrap::WrongType(h, want) => write!(f, "handle index {h} is not a {want}"),
            HostTrap::OutOfBounds => f.write_str("pointer out of bounds of the memory"),
            HostTrap::NoMemory => f.write_str("the canonical options give no memory"),
            HostTrap::NoRealloc => f.write_str("the canonical options give no realloc function"),
            HostTrap::BadRealloc => f.write_str("realloc returned a misaligned or out-of-bounds pointer"),
            HostTrap::InvalidUtf8 => f.write_str("string is not valid UTF-8"),
            HostTrap::InvalidValue(what) => write!(f, "invalid {what} value"),
            HostTrap::HasChildren => f.write_str("resource has children"),
            HostTrap::Other(what) => f.write_str(what),
        }
    }
}

/// What an implementation returns.
pub type HostResult<T> = Result<T, HostTrap>;

/// The context of one host call: the calling instance and the memory and
/// `realloc` function of its canonical options.
pub struct Cx<'a> {
    instance: &'a Instance,
    memory: Option<u32>,
    realloc: Option<u32>,
    module: &'static str,
    name: &'static str,
}

impl<'a> Cx<'a> {
    /// The context for a call from `vmctx` with option constants `memory`
    /// and `realloc` (`-1` for none).
    ///
    /// # Safety
    /// `vmctx` must be a live instance's vmctx (host functions receive the
    /// caller's).
    pub unsafe fn new(
        vmctx: *mut VMContext,
        memory: i32,
        realloc: i32,
        module: &'static str,
        name: &'static str,
    ) -> Self {
        // SAFETY: guaranteed by the caller.
        let instance = unsafe { Instance::from_vmctx(vmctx) };
        let opt = |v: i32| (v >= 0).then_some(v as u32);
        Cx { instance, memory: opt(memory), realloc: opt(realloc), module, name }
    }

    /// The result of an implementation as the shim returns it: on a trap,
    /// reports it, raises the trap flag and returns zeros.
    pub fn finish<T: Default>(&self, result: HostResult<T>) -> T {
        match result {
            Ok(v) => v,
            Err(trap) => {
                FdWriter::print(2, format_args!("kiln: {}#{}: {trap}\n", self.module, self.name));
                self.raise();
                T::default()
            }
        }
    }

    fn raise(&self) {
        let Some(export) = self.instance.export_decl(HOST_TRAP_GLOBAL) else { return };
        if let Some(global) = self.instance.global_ptr(export.index) {
            // SAFETY: a live global of this instance; wasm is suspended in
            // this host call.
            unsafe { (*global).bytes = 1u128.to_le_bytes() };
        }
    }

    /// The memory's base and length now (it may grow during `realloc`).
    fn memory(&self) -> HostResult<(*mut u8, u64)> {
        let index = self.memory.ok_or(HostTrap::NoMemory)?;
        let memory = self.instance.memory(index).ok_or(HostTrap::NoMemory)?;
        Ok((memory.base(), memory.len()))
    }

    /// The host address of guest range `[ptr, ptr + len)`.
    fn range(&self, ptr: u32, len: u64) -> HostResult<*mut u8> {
        let (base, size) = self.memory()?;
        let end = u64::from(ptr).checked_add(len).ok_or(HostTrap::OutOfBounds)?;
        if end > size {
            return Err(HostTrap::OutOfBounds);
        }
        // SAFETY: in bounds of the memory.
        Ok(unsafe { base.add(ptr as usize) })
    }

    /// A copy of guest bytes `[ptr, ptr + len)`.
    pub fn bytes(&self, ptr: u32, len: u32) -> HostResult<alloc::vec::Vec<u8>> {
        let p = self.range(ptr, u64::from(len))?;
        // SAFETY: checked in bounds; wasm is suspended during host calls.
        Ok(unsafe { core::slice::from_raw_parts(p, len as usize) }.to_vec())
    }

    /// Calls `f` with a view of guest bytes `[ptr, ptr + len)`, which must
    /// not call back into wasm.
    pub fn with_bytes<R>(&self, ptr: u32, len: u32, f: impl FnOnce(&[u8]) -> R) -> HostResult<R> {
        let p = self.range(ptr, u64::from(len))?;
        // SAFETY: checked in bounds; nothing runs wasm (or grows the
        // memory) while `f` holds the view.
        Ok(f(unsafe { core::slice::from_raw_parts(p, len as usize) }))
    }

    /// Calls `f` with a mutable view of guest bytes `[ptr, ptr + len)`,
    /// which must not call back into wasm.
    pub fn with_bytes_mut<R>(&self, ptr: u32, len: u32, f: impl FnOnce(&mut [u8]) -> R) -> HostResult<R> {
        let p = self.range(ptr, u64::from(len))?;
        // SAFETY: as `with_bytes`; no other view is alive.
        Ok(f(unsafe { core::slice::from_raw_parts_mut(p, len as usize) }))
    }

    /// A copy of the UTF-8 string at `[ptr, ptr + len)`.
    pub fn string(&self, ptr: u32, len: u32) -> HostResult<alloc::string::String> {
        let bytes = self.bytes(ptr, len)?;
        alloc::string::String::from_utf8(bytes).map_err(|_| HostTrap::InvalidUtf8)
    }

    /// Writes `bytes` at guest address `ptr`.
    pub fn write(&self, ptr: u32, bytes: &[u8]) -> HostResult<()> {
        let p = self.range(ptr, bytes.len() as u64)?;
        // SAFETY: checked in bounds; `bytes` is host data.
        unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
        Ok(())
    }

    /// Stores `value` at `ptr` with its canonical layout.
    pub fn store<T: abi::Lower + ?Sized>(&mut self, ptr: u32, value: &T) -> HostResult<()> {
        if !ptr.is_multiple_of(T::ALIGN) {
            return Err(HostTrap::Other("misaligned return pointer"));
        }
        value.store(self, ptr)
    }

    /// The two option constants as given: for the resource built-ins, the
    /// resource's number and its destructor.
    pub fn constants(&self) -> (Option<u32>, Option<u32>) {
        (self.memory, self.realloc)
    }

    /// Calls function `index` of the instance, of type `(i32) -> ()`.
    pub fn call_i32(&mut self, index: u32, arg: u32) -> HostResult<()> {
        let func = self.instance.func(index).ok_or(HostTrap::Other("no such function"))?;
        let mut slots = [[0u8; kiln_abi::VALUE_SLOT_SIZE]; 1];
        slots[0][..4].copy_from_slice(&arg.to_le_bytes());
        // SAFETY: as in `alloc`: a function of the calling instance, whose
        // type the component validator checked ((i32) -> () for a
        // destructor); one slot holds the argument.
        unsafe { func.call_array(&mut slots) };
        Ok(())
    }

    /// `size` fresh bytes aligned to `align` from the guest's `realloc`
    /// (called for empty lists too, as the canonical ABI and Wasmtime do:
    /// the preview1 adapter relies on it).
    pub fn alloc(&mut self, align: u32, size: u32) -> HostResult<u32> {
        let index = self.realloc.ok_or(HostTrap::NoRealloc)?;
        let func = self.instance.func(index).ok_or(HostTrap::NoRealloc)?;
        let mut slots = [[0u8; kiln_abi::VALUE_SLOT_SIZE]; 4];
        for (slot, v) in slots.iter_mut().zip([0, 0, align, size]) {
            slot[..4].copy_from_slice(&v.to_le_bytes());
        }
        // SAFETY: a function of the calling instance, of type
        // (i32 i32 i32 i32) -> i32 (checked by the component validator);
        // the thread is running wasm, so its trap handlers and stack limit
        // are set up. No view of the memory is alive across the call.
        unsafe { func.call_array(&mut slots) };
        let ptr = u32::from_le_bytes([slots[0][0], slots[0][1], slots[0][2], slots[0][3]]);
        if ptr % align != 0 {
            return Err(HostTrap::BadRealloc);
        }
        self.range(ptr, u64::from(size)).map_err(|_| HostTrap::BadRealloc)?;
        Ok(ptr)
    }
}

/// `size` bytes aligned to `align` from the `realloc` function of a host
/// call's canonical options (`kiln_realloc` of the C API).
///
/// # Safety
/// `vmctx` must be the live vmctx a host function received.
pub unsafe fn canon_alloc(vmctx: *mut VMContext, memory: u32, realloc: u32, align: u32, size: u32) -> HostResult<u32> {
    if align == 0 || !align.is_power_of_two() {
        return Err(HostTrap::Other("the alignment is not a power of two"));
    }
    // SAFETY: guaranteed by the caller.
    let mut cx = unsafe { Cx::new(vmctx, memory as i32, realloc as i32, "", "kiln_realloc") };
    cx.alloc(align, size)
}

/// The implementations, by the names of `kiln_abi::foreach_wasi2!`.
mod imp {
    pub use super::cli::*;
    pub use super::clocks::*;
    pub use super::component::*;
    pub use super::filesystem::*;
    pub use super::io::*;
    pub use super::random::*;
    pub use super::sockets::*;
}

macro_rules! shims {
    ($( $ident:ident $module:literal $name:literal $symbol:literal ( $($p:ident : $t:ident),* ) $(-> $r:ident)? ; )*) => {
        $(
            #[doc = concat!("`", $module, "#", $name, "`.")]
            ///
            /// # Safety
            /// Called by compiled code with its own live vmctx.
            #[export_name = $symbol]
            pub unsafe extern "C" fn $ident(vmctx: *mut VMContext, memory: i32, realloc: i32 $(, $p: $t)*) $(-> $r)? {
                // SAFETY: compiled code passes its own vmctx.
                let mut cx = unsafe { Cx::new(vmctx, memory, realloc, $module, $name) };
                let result = imp::$ident(&mut cx $(, $p)*);
                cx.finish(result)
            }
        )*

        /// The address of WASI 0.2 function `name` of `module`.
        pub fn host_func(module: &str, name: &str) -> Option<*const u8> {
            match (module, name) {
                $( ($module, $name) => Some($ident as *const u8), )*
                _ => None,
            }
        }

        /// The address of the WASI 0.2 function defined under `symbol`.
        pub fn host_symbol(symbol: &str) -> Option<*const u8> {
            match symbol {
                $( $symbol => Some($ident as *const u8), )*
                _ => None,
            }
        }
    };
}

/// The shims, one per function of the list.
pub mod shim {
    use super::{imp, Cx};
    use kiln_abi::VMContext;
    kiln_abi::foreach_wasi2!(shims);
}

pub use shim::{host_func, host_symbol};
