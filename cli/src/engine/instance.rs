//! Instances, externs and calls: the engine's view of `kiln-runtime`.
//!
//! Every module becomes a `kiln_runtime::Instance`. Modules loaded for
//! [`Linking::Linked`] (what `kiln wast` uses) are instantiated against any
//! [`Extern`]s; modules loaded for [`Linking::Standalone`] (`kiln run`)
//! import only the WASI functions bound by symbol at load time, as in an
//! executable. A
//! [`Store`] owns every instance of a run: externs and table elements hold
//! raw pointers into them, so none is freed before the store. Calls go
//! through the callee type's `array_call` trampoline with arguments and
//! results in 16-byte slots, inside [`catch::catch_traps`], so a trap comes
//! back as `Err(CallError::Trap)` and the process carries on.

use super::catch::{self, Trapped};
use super::value::{type_name, Val};
use super::{Linking, Module};
use anyhow::anyhow;
use kiln_abi::{VMContext, VALUE_SLOT_SIZE};
use kiln_runtime::linker::{LinkError, SharedGlobal};
use kiln_runtime::InstantiateError;
use std::fmt;
use std::pin::Pin;
use std::rc::Rc;

pub use kiln_runtime::linker::{Extern, FuncRef as Func};

/// The value of a global.
pub fn global_value(g: &SharedGlobal) -> Val {
    let bits = g.cell.get();
    Val::from_bits(g.ty, bits).unwrap_or(Val::V128(bits))
}

/// The parameter types of a function (`kiln_abi::valtype` codes).
pub fn params(f: &Func) -> &'static [u8] {
    // SAFETY: function types are immutable and live for the process.
    unsafe { f.ty.params.as_slice() }
}

/// The result types of a function.
pub fn results(f: &Func) -> &'static [u8] {
    // SAFETY: as `params`.
    unsafe { f.ty.results.as_slice() }
}

/// An instance, shared by the script names and registrations that refer
/// to it.
#[derive(Clone)]
pub struct Instance {
    inner: Rc<Pin<Box<kiln_runtime::Instance>>>,
}

impl Instance {
    /// The export called `name`.
    pub fn export(&self, name: &str) -> Option<Extern> {
        self.inner.export(name)
    }

    /// Runs the instance as a program (`kiln_runtime::program`): `entry`
    /// if given, else its recorded entry or `_start`. Returns the exit
    /// status.
    pub fn run_program(&self, entry: Option<&str>) -> Result<i32, ProgramError> {
        let entry =
            kiln_runtime::program::entry_point(&self.inner, entry).map_err(|e| ProgramError::Entry(e.to_string()))?;
        catch::install().map_err(|e| ProgramError::Entry(e.to_string()))?;
        let mut status = 0;
        // SAFETY: handlers are installed on this thread, traps return to
        // `catch_traps`, and instantiation set the stack limit for it.
        catch::catch_traps(|| status = unsafe { kiln_runtime::program::run_entry(&entry) })
            .map_err(ProgramError::Trap)?;
        Ok(status)
    }
}

/// Why a program did not run to its end.
#[derive(Debug)]
pub enum ProgramError {
    /// It has nothing to run (the message says why).
    Entry(String),
    Trap(Box<Trapped>),
}

/// Why instantiation failed, in the categories the spec distinguishes.
#[derive(Debug)]
pub enum InstantiateFailure {
    /// An import is missing or has the wrong type ("unlinkable").
    Link(String),
    /// Initialization or the start function trapped ("uninstantiable").
    Trap(Box<Trapped>),
    /// Anything else: resources, unsupported features, bad tables.
    Other(String),
}

impl fmt::Display for InstantiateFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstantiateFailure::Link(e) | InstantiateFailure::Other(e) => f.write_str(e),
            InstantiateFailure::Trap(t) => write!(f, "{t}"),
        }
    }
}

impl std::error::Error for InstantiateFailure {}

impl From<InstantiateError> for InstantiateFailure {
    fn from(e: InstantiateError) -> Self {
        match e {
            // Segment bounds are checked before any code runs: no frames.
            InstantiateError::Trap(trap) => InstantiateFailure::Trap(Box::new(Trapped { trap, backtrace: None })),
            InstantiateError::UnresolvedImport { .. } => InstantiateFailure::Link(e.to_string()),
            e => InstantiateFailure::Other(e.to_string()),
        }
    }
}

/// Why a call produced no results.
#[derive(Debug)]
pub enum CallError {
    Trap(Box<Trapped>),
    Other(anyhow::Error),
}

impl CallError {
    pub fn into_anyhow(self) -> anyhow::Error {
        match self {
            CallError::Trap(t) => anyhow!("{t}"),
            CallError::Other(e) => e,
        }
    }
}

/// Owns the instances of one run.
#[derive(Default)]
pub struct Store {
    instances: Vec<Instance>,
}

impl Store {
    pub fn new() -> Store {
        Store::default()
    }

    /// Instantiates `module` and runs its start function, trapping
    /// in-process. Linked modules take `imports` in the module's import
    /// order; standalone modules take none (their WASI imports were bound
    /// when they were loaded).
    pub fn instantiate(&mut self, module: Module, imports: &[Extern]) -> Result<Instance, InstantiateFailure> {
        catch::install()?;
        let instance = match module.linking {
            Linking::Linked => {
                let instance = kiln_runtime::Instance::link(module.info(), imports).map_err(|e| match e {
                    LinkError::Instantiate(e) => InstantiateFailure::from(e),
                    e => InstantiateFailure::Link(e.to_string()),
                })?;
                let instance = Instance { inner: Rc::new(instance) };
                // Kept even if initialization traps: its functions may
                // already sit in an imported table.
                self.instances.push(instance.clone());
                instance.inner.initialize()?;
                instance
            }
            Linking::Standalone => {
                if !imports.is_empty() {
                    return Err(InstantiateFailure::Other(
                        "a module loaded for standalone running binds its imports itself".into(),
                    ));
                }
                let instance = Instance { inner: Rc::new(kiln_runtime::Instance::new(module.info())?) };
                self.instances.push(instance.clone());
                instance
            }
        };
        let runtime = instance.inner.clone();
        // SAFETY: handlers are installed on this thread, traps return to
        // `catch_traps`, and instantiation set the stack limit for it.
        catch::catch_traps(|| unsafe { runtime.run_start() }).map_err(InstantiateFailure::Trap)?;
        Ok(instance)
    }
}

/// Calls `func` with `args`; traps come back as [`CallError::Trap`].
pub fn call(func: &Func, args: &[Val]) -> Result<Vec<Val>, CallError> {
    let (params, results) = (params(func), results(func));
    if args.len() != params.len() {
        return Err(CallError::Other(anyhow!("expected {} arguments, got {}", params.len(), args.len())));
    }
    for (i, (a, p)) in args.iter().zip(params).enumerate() {
        if a.ty() != *p {
            return Err(CallError::Other(anyhow!(
                "argument {i} is {}, the function takes {}",
                type_name(a.ty()),
                type_name(*p)
            )));
        }
    }
    if func.ty.array_call.is_null() {
        return Err(CallError::Other(anyhow!("host functions cannot be called from the host")));
    }
    catch::install().map_err(|e| CallError::Other(e.into()))?;
    let mut slots = vec![[0u8; VALUE_SLOT_SIZE]; params.len().max(results.len())];
    for (slot, a) in slots.iter_mut().zip(args) {
        *slot = a.to_slot();
    }
    // SAFETY: `array_call` is the trampoline the compiler emitted for this
    // exact signature; the callee and vmctx come from a live instance of
    // the store; `slots` has max(params, results) slots.
    let trampoline = unsafe {
        std::mem::transmute::<*const u8, unsafe extern "C" fn(*mut VMContext, *const u8, *mut u8)>(func.ty.array_call)
    };
    let (vmctx, callee, values) = (func.vmctx, func.func_ptr, slots.as_mut_ptr().cast::<u8>());
    // SAFETY: as above; the runtime's handlers and this thread's
    // alternate stack are installed.
    catch::catch_traps(|| unsafe { trampoline(vmctx, callee, values) }).map_err(CallError::Trap)?;
    results
        .iter()
        .zip(&slots)
        .map(|(ty, slot)| {
            Val::from_slot(*ty, slot).ok_or_else(|| CallError::Other(anyhow!("result has unknown type code {ty}")))
        })
        .collect()
}

/// Addresses of the runtime symbols compiled code references: libcalls
/// and, for standalone modules, WASI preview1 functions.
pub fn runtime_symbol(linking: Linking, name: &str) -> Option<usize> {
    if let Some(address) = kiln_runtime::libcalls::libcall_address(name) {
        return Some(address);
    }
    if linking == Linking::Linked {
        return None;
    }
    if let Some(f) = kiln_runtime::wasi2::host_symbol(name) {
        return Some(f as usize);
    }
    let wasi = kiln_runtime::wasi::HOST_FUNCS.iter().find(|h| h.symbol == name)?;
    kiln_runtime::wasi::host_func(wasi.name).map(|p| p as usize)
}
