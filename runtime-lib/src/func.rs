//! Functions of an instance as the host calls them: code plus vmctx,
//! entered through the type's `array_call` trampoline.
//!
//! Data flow: `Instance::func` and the linker hand out a [`Func`]; the host
//! (`program::run_entry`, `kiln run`, embedders) calls it with
//! [`Func::call_array`] (parameters in, results out, one value slot each)
//! or [`Func::call_nullary`].

use kiln_abi::{FuncType, VMContext};

/// A function of an instance: its code (in the wasm calling convention)
/// and vmctx, callable from the host through its type's `array_call`
/// trampoline ([`Func::call_array`]).
#[derive(Debug, Clone, Copy)]
pub struct Func {
    /// Wasm function index.
    pub index: u32,
    pub ty: &'static FuncType,
    pub func_ptr: *const u8,
    pub vmctx: *mut VMContext,
}

impl Func {
    /// Calls the function through its type's `array_call` trampoline:
    /// `values` holds the parameters on entry (one
    /// `kiln_abi::VALUE_SLOT_SIZE`-byte slot each) and the results on
    /// return.
    ///
    /// # Safety
    /// Runs compiled code: the trap handlers must be installed on this
    /// thread and the instance's stack limit valid for it; `values` must
    /// have `max(params, results)` slots.
    pub unsafe fn call_array(&self, values: &mut [[u8; kiln_abi::VALUE_SLOT_SIZE]]) {
        let params = self.ty.params.len;
        let results = self.ty.results.len;
        if values.len() < params.max(results) || self.ty.array_call.is_null() {
            return;
        }
        type ArrayCall = unsafe extern "C" fn(*mut VMContext, *const u8, *mut u8);
        // SAFETY: `array_call` is the trampoline the compiler emitted for
        // this function's type.
        let trampoline = unsafe { core::mem::transmute::<*const u8, ArrayCall>(self.ty.array_call) };
        // SAFETY: the code and vmctx come from a live instance; the caller
        // guarantees the rest.
        unsafe { trampoline(self.vmctx, self.func_ptr, values.as_mut_ptr().cast()) }
    }

    /// Calls a function of type `[] -> []`: through its `array_call`
    /// trampoline, or directly in the C convention in hand-made tables
    /// without trampolines.
    ///
    /// # Safety
    /// As [`Func::call_array`]; the function must take and return nothing.
    pub unsafe fn call_nullary(&self) {
        if self.ty.array_call.is_null() {
            // SAFETY: hand-made tables hold C functions; the type is [] -> [].
            let code = unsafe { core::mem::transmute::<*const u8, extern "C" fn(*mut VMContext)>(self.func_ptr) };
            code(self.vmctx);
        } else {
            // SAFETY: no parameters or results, so no slots are needed.
            unsafe { self.call_array(&mut []) }
        }
    }
}
