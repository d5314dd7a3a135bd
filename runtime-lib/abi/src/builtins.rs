//! The contract between compiled code and the runtime, listed once.
//!
//! Data flow: [`foreach_libcall!`](crate::foreach_libcall) names every runtime function compiled
//! code calls, with its parameters and result. This crate expands it into
//! [`Libcall`] (symbols and abstract signatures, which the compiler turns
//! into Cranelift signatures); the runtime expands the same list into
//! typed function-pointer bindings of its `#[no_mangle]` definitions, so a
//! definition whose signature drifts from the list does not compile.
//! [`foreach_host_api!`](crate::foreach_host_api) does the same for the C API that programs
//! embedding a compiled object call: the compiler's header generator
//! prints its prototypes and comments, and the standalone runtime binds
//! its definitions to the listed types.

/// Calls `$mac!` with every runtime function compiled code calls, one
/// entry per function:
///
/// ```text
/// /// docs
/// Variant symbol(param: type, ...) -> result;
/// ```
///
/// Every function takes the calling instance's vmctx first (not listed).
/// Types are `u32`, `u64`, `i64`, `usize` and `ptr` (a pointer-sized
/// address); a missing `-> result` means none. Functions that can fail
/// return 0 on success and non-zero when the compiled code must trap.
#[macro_export]
macro_rules! foreach_libcall {
    ($mac:ident) => {
        $mac! {
            /// `memory.grow`: the old size in pages, or -1.
            MemoryGrow kiln_rt_memory_grow(mem: u32, delta: u64) -> i64;
            /// `memory.fill`.
            MemoryFill kiln_rt_memory_fill(mem: u32, dst: u64, val: u32, len: u64) -> u32;
            /// `memory.copy` (overlapping ranges allowed).
            MemoryCopy kiln_rt_memory_copy(dst_mem: u32, src_mem: u32, dst: u64, src: u64, len: u64) -> u32;
            /// `memory.init` from a data segment (a dropped one has length 0).
            MemoryInit kiln_rt_memory_init(mem: u32, data: u32, dst: u64, src: u32, len: u32) -> u32;
            /// `data.drop`.
            DataDrop kiln_rt_data_drop(data: u32);
            /// `table.grow`: the old size, or -1.
            TableGrow kiln_rt_table_grow(table: u32, init: usize, delta: u64) -> i64;
            /// `table.fill`.
            TableFill kiln_rt_table_fill(table: u32, dst: u64, val: usize, len: u64) -> u32;
            /// `table.copy` (overlapping ranges allowed).
            TableCopy kiln_rt_table_copy(dst_table: u32, src_table: u32, dst: u64, src: u64, len: u64) -> u32;
            /// `table.init` from an element segment (a dropped one has length 0).
            TableInit kiln_rt_table_init(table: u32, elem: u32, dst: u64, src: u32, len: u32) -> u32;
            /// `elem.drop`.
            ElemDrop kiln_rt_elem_drop(elem: u32);
            /// A new exception object (`VMExn`) of tag `tag`, an index in the
            /// caller's tag index space, with room for the tag's values, which
            /// compiled code stores before throwing it.
            ExnNew kiln_rt_exn_new(tag: u32) -> ptr;
            /// Throws exception object `exn` (non-null): walks the wasm frames
            /// above frame pointer `fp` (the throw thunk's) for a handler and
            /// resumes there. Returns only when no frame up to the nearest
            /// host frame catches the exception; the thrower then traps with
            /// `uncaught exception`.
            Throw kiln_rt_throw(exn: ptr, fp: ptr);
            /// `memory.atomic.wait32` at native address `addr` (checked by
            /// the caller, in a shared memory): 0 when notified, 1 when the
            /// value is not `expected`, 2 after `timeout` nanoseconds
            /// (negative: no timeout).
            AtomicWait32 kiln_rt_atomic_wait32(addr: ptr, expected: u32, timeout: i64) -> u32;
            /// `memory.atomic.wait64`, as `AtomicWait32`.
            AtomicWait64 kiln_rt_atomic_wait64(addr: ptr, expected: u64, timeout: i64) -> u32;
            /// `memory.atomic.notify`: wakes up to `count` waiters at native
            /// address `addr`, returning how many it woke.
            AtomicNotify kiln_rt_atomic_notify(addr: ptr, count: u32) -> u32;
        }
    };
}

/// A parameter or result type of a [`Libcall`] (after the vmctx).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbiType {
    /// A 32-bit integer.
    I32,
    /// A 64-bit integer.
    I64,
    /// A pointer-sized integer or address (64 bits on every kiln target).
    Ptr,
}

/// The [`AbiType`] a type name of [`foreach_libcall!`](crate::foreach_libcall) stands for.
#[doc(hidden)]
#[macro_export]
macro_rules! libcall_abi_type {
    (u32) => {
        $crate::builtins::AbiType::I32
    };
    (u64) => {
        $crate::builtins::AbiType::I64
    };
    (i64) => {
        $crate::builtins::AbiType::I64
    };
    (usize) => {
        $crate::builtins::AbiType::Ptr
    };
    (ptr) => {
        $crate::builtins::AbiType::Ptr
    };
}

/// The optional result of a [`foreach_libcall!`](crate::foreach_libcall) entry.
#[doc(hidden)]
#[macro_export]
macro_rules! libcall_result {
    () => {
        None
    };
    ($ret:ident) => {
        Some($crate::libcall_abi_type!($ret))
    };
}

/// The Rust type a type name of [`foreach_libcall!`](crate::foreach_libcall) stands for, in the
/// runtime's definitions.
#[doc(hidden)]
#[macro_export]
macro_rules! libcall_rust_type {
    (u32) => { u32 };
    (u64) => { u64 };
    (i64) => { i64 };
    (usize) => { usize };
    (ptr) => { *mut u8 };
}

macro_rules! define_libcalls {
    ($( $(#[$doc:meta])* $variant:ident $symbol:ident ( $($param:ident : $ty:ident),* ) $(-> $ret:ident)? ; )*) => {
        /// A runtime function compiled code calls. Its discriminant is its
        /// external-name index in compiled code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Libcall {
            $( $(#[$doc])* $variant, )*
        }

        impl Libcall {
            /// Every libcall, in discriminant order.
            pub const ALL: &'static [Libcall] = &[ $( Libcall::$variant, )* ];

            /// The symbol the runtime defines it under.
            pub const fn symbol(self) -> &'static str {
                match self {
                    $( Libcall::$variant => stringify!($symbol), )*
                }
            }

            /// Its parameters after the vmctx.
            pub const fn params(self) -> &'static [AbiType] {
                match self {
                    $( Libcall::$variant => &[ $( $crate::libcall_abi_type!($ty), )* ], )*
                }
            }

            /// Its result, if it has one.
            pub const fn result(self) -> Option<AbiType> {
                match self {
                    $( Libcall::$variant => $crate::libcall_result!($($ret)?), )*
                }
            }
        }
    };
}

foreach_libcall!(define_libcalls);

impl Libcall {
    /// The libcall defined under `symbol`.
    pub fn from_symbol(symbol: &str) -> Option<Libcall> {
        Libcall::ALL.iter().copied().find(|l| l.symbol() == symbol)
    }

    /// The libcall whose discriminant is `index`.
    pub fn from_index(index: u32) -> Option<Libcall> {
        Libcall::ALL.get(index as usize).copied()
    }
}

/// Calls `$mac!` with every function of the C API that a program embedding
/// a compiled object (`kiln compile`) calls, defined by the standalone
/// runtime archive (`libkiln_rt.a`), one entry per function:
///
/// ```text
/// /// docs (the comment the generated C header prints)
/// name(param: type, ...) -> result;
/// ```
///
/// Types are `int`, `u32`, `vmctx` (`void *`), `c_str` (`const char *`),
/// `c_argv` (`char **`), `u64_out` (`uint64_t *`), `bytes` (`uint8_t *`),
/// `module` (`const void *`) and `void`.
#[macro_export]
macro_rules! foreach_host_api {
    ($mac:ident) => {
        $mac! {
            /// Stores the arguments WASI's args_get returns (argv[0] first). Call it
            /// before kiln_instantiate if the module reads its arguments.
            kiln_set_args(argc: int, argv: c_argv) -> void;
            /// Grants the module capabilities before kiln_instantiate, in the option
            /// syntax of `kiln run` and KILN_GRANTS, e.g. "--dir data::/data:ro
            /// --env MODE=fast --tcplisten 127.0.0.1:8080" (whitespace separates
            /// words, quotes group them). Nothing is granted otherwise. `--env NAME`
            /// without a value and `--env-inherit` see no host variables here.
            /// Returns 0, or -1 after printing the problem to stderr.
            kiln_wasi_grant(options: c_str) -> int;
            /// Instantiates the linked module (kiln_module_info): installs the trap
            /// handlers and this thread's signal stack, sets the wasm stack limit for
            /// this thread, initializes memories/tables/globals/segments and runs the
            /// start function. Returns the VM context every kiln_export_* function
            /// takes first, or NULL after printing why instantiation failed. Call
            /// exported functions from this same thread.
            kiln_instantiate() -> vmctx;
            /// Instantiates the linked module like kiln_instantiate, but with a WASI
            /// context of its own: arguments argv[0..argc) (argv may be NULL) and
            /// the capabilities `grants` names (NULL: none), in kiln_wasi_grant's
            /// syntax. Directories, listening sockets and variables granted here
            /// are this instance's only: not those of kiln_set_args and
            /// kiln_wasi_grant, nor another instance's; its descriptors are its
            /// own. So are the limits --max-memory and --fuel (in force for the
            /// process when not granted here); network grants and the other limits
            /// apply to the whole process. Returns the VM context, or NULL after
            /// printing why to stderr.
            kiln_instance_new(argc: int, argv: c_argv, grants: c_str) -> vmctx;
            /// kiln_instance_new for any module linked into the program: `module` is
            /// the address of its module description, the symbol kiln_module_info
            /// of its object. Several modules link into one program once all but
            /// one object have their two symbols renamed (kiln_module_info and
            /// kiln_export__5fstart, e.g. `objcopy --redefine-sym
            /// kiln_module_info=b_module_info b.o`). NULL or an address that holds
            /// no module description compiled for this runtime is refused (NULL
            /// returned after printing why).
            kiln_instance_new_of(module: module, argc: int, argv: c_argv, grants: c_str) -> vmctx;
            /// Frees an instance of kiln_instantiate or kiln_instance_new: its
            /// memories (their address space is returned), tables, globals and
            /// its WASI context (its descriptors close). NULL does nothing. The VM
            /// context and every pointer into the instance's memory are invalid
            /// afterwards. Never call it on an instance that is running (from one
            /// of its host functions).
            kiln_instance_drop(vmctx: vmctx) -> void;
            /// Runs export `name` of the instance `vmctx` (from kiln_instantiate or
            /// kiln_instance_new), which must take nothing and return nothing or an
            /// i32; NULL runs the module's entry as a standalone executable does
            /// (`_start`, or the export `--entry` recorded, after `_initialize`).
            /// Returns the instance's exit status: 0 or the i32 the export
            /// returned, the status it gave proc_exit, 134 after a trap (the trap
            /// is printed to stderr), or 1 after printing why nothing ran. A trap
            /// or proc_exit ends this call only, never the process; the instance
            /// should not be run again after either. Run it on the thread that
            /// created the instance.
            kiln_run(vmctx: vmctx, name: c_str) -> int;
            /// Asks a running (or not yet running) instance of kiln_instance_new to
            /// stop; callable from any thread. Code compiled with `--interruptible`
            /// then traps with `interrupted` at its next function entry or loop
            /// header, so its kiln_run returns 134; the request stays, so later
            /// calls stop too. Returns 0, or -1 when nothing can stop it: NULL, an
            /// instance of kiln_instantiate (those stop by `--timeout` only), or
            /// code compiled without `--interruptible`. The instance must not be
            /// dropped concurrently.
            kiln_interrupt(vmctx: vmctx) -> int;
            /// Base address of linear memory `index` and, if length_out is not NULL,
            /// its current length in bytes. NULL if there is no such memory. The base
            /// never moves; the length grows with memory.grow. `vmctx` is the one
            /// kiln_instantiate or kiln_instance_new returned, or the one a host
            /// function (an import
            /// linked with `kiln build --link`) received as its first argument: a
            /// wasm address `p` is then `base + p`, valid while `p + n <= length`.
            kiln_memory_base(vmctx: vmctx, index: u32, length_out: u64_out) -> bytes;
            /// For a host function a component imports: allocates `size` bytes
            /// aligned to `align` through the guest's `realloc`, to return a
            /// string or list. `memory` and `realloc` are the two arguments the
            /// host function received after its vmctx (the canonical options
            /// of the call). Returns the wasm address in memory `memory` (reach
            /// it with kiln_memory_base), or 0 after printing why to stderr (the
            /// call gave no realloc, or it returned a bad address).
            kiln_realloc(vmctx: vmctx, memory: u32, realloc: u32, align: u32, size: u32) -> u32;
        }
    };
}

/// The C spelling of a type name of [`foreach_host_api!`](crate::foreach_host_api).
#[doc(hidden)]
#[macro_export]
macro_rules! host_api_c_type {
    (int) => {
        "int"
    };
    (u32) => {
        "uint32_t"
    };
    (vmctx) => {
        "void *"
    };
    (c_str) => {
        "const char *"
    };
    (c_argv) => {
        "char **"
    };
    (u64_out) => {
        "uint64_t *"
    };
    (bytes) => {
        "uint8_t *"
    };
    (module) => {
        "const void *"
    };
    (void) => {
        "void"
    };
}

/// The Rust type a type name of [`foreach_host_api!`](crate::foreach_host_api) stands for in the
/// runtime's definitions.
#[doc(hidden)]
#[macro_export]
macro_rules! host_api_rust_type {
    (int) => { core::ffi::c_int };
    (u32) => { u32 };
    (vmctx) => { *mut $crate::VMContext };
    (c_str) => { *const core::ffi::c_char };
    (c_argv) => { *const *const core::ffi::c_char };
    (u64_out) => { *mut u64 };
    (bytes) => { *mut u8 };
    (module) => { *const core::ffi::c_void };
    (void) => { () };
}

/// One function of the embedding C API, as the header prints it.
#[derive(Debug, Clone, Copy)]
pub struct HostApiFn {
    /// The C symbol.
    pub name: &'static str,
    /// What it does, one line per source line.
    pub doc: &'static str,
    /// The C result type.
    pub ret: &'static str,
    /// (C type, name) of each parameter.
    pub params: &'static [(&'static str, &'static str)],
}

macro_rules! define_host_api {
    ($( $(#[doc = $doc:literal])* $name:ident ( $($param:ident : $ty:ident),* ) -> $ret:ident ; )*) => {
        /// Every function of the embedding C API, in header order.
        pub const HOST_API: &[HostApiFn] = &[
            $( HostApiFn {
                name: stringify!($name),
                doc: concat!($($doc, "\n",)*),
                ret: $crate::host_api_c_type!($ret),
                params: &[ $( ($crate::host_api_c_type!($ty), stringify!($param)), )* ],
            }, )*
        ];
    };
}

foreach_host_api!(define_host_api);

impl HostApiFn {
    /// The C prototype, without the trailing `;`.
    pub fn prototype(&self, out: &mut impl core::fmt::Write) -> core::fmt::Result {
        let sep = if self.ret.ends_with('*') { "" } else { " " };
        write!(out, "{}{sep}{}(", self.ret, self.name)?;
        if self.params.is_empty() {
            out.write_str("void")?;
        }
        for (i, (ty, name)) in self.params.iter().enumerate() {
            let sep = if ty.ends_with('*') { "" } else { " " };
            write!(out, "{}{ty}{sep}{name}", if i > 0 { ", " } else { "" })?;
        }
        out.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discriminants_index_the_list() {
        for (i, l) in Libcall::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
            assert_eq!(Libcall::from_index(i as u32), Some(*l));
            assert_eq!(Libcall::from_symbol(l.symbol()), Some(*l));
            assert!(l.symbol().starts_with("kiln_rt_"), "{}", l.symbol());
        }
        assert_eq!(Libcall::MemoryGrow.params(), &[AbiType::I32, AbiType::I64]);
        assert_eq!(Libcall::MemoryGrow.result(), Some(AbiType::I64));
        assert_eq!(Libcall::DataDrop.result(), None);
    }

    #[test]
    fn host_api_prototypes_are_c() {
        extern crate std;
        let proto = |name: &str| {
            let f = HOST_API.iter().find(|f| f.name == name).unwrap();
            let mut s = std::string::String::new();
            f.prototype(&mut s).unwrap();
            s
        };
        assert_eq!(proto("kiln_instantiate"), "void *kiln_instantiate(void)");
        assert_eq!(proto("kiln_set_args"), "void kiln_set_args(int argc, char **argv)");
        assert_eq!(proto("kiln_instance_new"), "void *kiln_instance_new(int argc, char **argv, const char *grants)");
        assert_eq!(proto("kiln_instance_drop"), "void kiln_instance_drop(void *vmctx)");
        assert_eq!(proto("kiln_interrupt"), "int kiln_interrupt(void *vmctx)");
        assert_eq!(
            proto("kiln_instance_new_of"),
            "void *kiln_instance_new_of(const void *module, int argc, char **argv, const char *grants)"
        );
        assert_eq!(proto("kiln_run"), "int kiln_run(void *vmctx, const char *name)");
        assert_eq!(proto("kiln_wasi_grant"), "int kiln_wasi_grant(const char *options)");
        assert_eq!(
            proto("kiln_memory_base"),
            "uint8_t *kiln_memory_base(void *vmctx, uint32_t index, uint64_t *length_out)"
        );
        assert!(HOST_API.iter().all(|f| f.doc.lines().count() >= 2), "every function is documented");
    }
}
