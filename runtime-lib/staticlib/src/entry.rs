//! The process entry of a standalone kiln executable (`-e kiln_entry`).
//!
//! Data flow: the kernel starts the program at `kiln_entry` with argc,
//! argv, envp and the aux vector on the stack; the per-architecture stub
//! clears the frame chain, aligns the stack and passes the initial SP to
//! [`start`], which stores argv for WASI and the aux vector's page size,
//! applies the capability grants (those `kiln build` baked into
//! [`BAKED_GRANTS`], then those in the `KILN_GRANTS` environment variable;
//! nothing else of the environment reaches the program unless granted),
//! instantiates the module, runs its entry (`_start`, or the export
//! `kiln build --entry` named, after `_initialize`) and exits with its status. `proc_exit` exits from inside; traps exit from the
//! signal handler; errors print `kiln: <error>` and exit with
//! `kiln_abi::ERROR_EXIT_STATUS`.

use crate::{module, print_error};
use alloc::vec::Vec;
use kiln_abi::wasi::{GrantsBlock, GRANTS_CAPACITY, GRANTS_MAGIC};
use kiln_abi::ERROR_EXIT_STATUS;
use kiln_runtime::wasi::grants;
use kiln_runtime::{sys, trap, wasi, InstantiateError};

/// The grants `kiln build` writes into the executable after linking (see
/// `kiln_abi::wasi::GrantsBlock`); empty as shipped.
#[used]
static BAKED_GRANTS: GrantsBlock = GrantsBlock { magic: GRANTS_MAGIC, len: 0, words: [0; GRANTS_CAPACITY] };

/// The baked grant words. Read with volatile loads: the bytes change after
/// compilation, so the compiler must not fold the empty initializer.
fn baked_words() -> Vec<&'static [u8]> {
    let block = core::ptr::addr_of!(BAKED_GRANTS);
    // SAFETY: a valid static; volatile only defeats constant folding.
    let len = unsafe { core::ptr::read_volatile(core::ptr::addr_of!((*block).len)) } as usize;
    // SAFETY: as above; the slice stays inside the static's word array.
    let words: &'static [u8] = unsafe {
        let base = core::ptr::read_volatile(&core::ptr::addr_of!((*block).words)).cast::<u8>();
        core::slice::from_raw_parts(base, len.min(GRANTS_CAPACITY))
    };
    words.split(|&b| b == 0).filter(|w| !w.is_empty()).collect()
}

/// Applies the baked grants and then those in `KILN_GRANTS`; the
/// environment is only read for `--env NAME` and `--env-inherit`.
fn apply_grants(env: &[(&[u8], &[u8])]) -> Result<(), grants::GrantError> {
    let extra = match env.iter().find(|(k, _)| *k == grants::ENV_VAR.as_bytes()) {
        Some((_, v)) => grants::split_words(v)?,
        None => Vec::new(),
    };
    let mut words = baked_words();
    words.extend(extra.iter().map(Vec::as_slice));
    let parsed = grants::parse(&words)?;
    grants::apply(&parsed, env, false)
}

#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".globl kiln_entry",
    ".type kiln_entry, @function",
    "kiln_entry:",
    "xor ebp, ebp",
    "mov rdi, rsp",
    "and rsp, -16",
    "call {start}",
    "ud2",
    ".size kiln_entry, . - kiln_entry",
    start = sym start,
);

#[cfg(target_arch = "aarch64")]
core::arch::global_asm!(
    ".globl kiln_entry",
    ".type kiln_entry, @function",
    "kiln_entry:",
    "mov x29, xzr",
    "mov x30, xzr",
    "mov x0, sp",
    "bl {start}",
    "udf #0",
    ".size kiln_entry, . - kiln_entry",
    start = sym start,
);

#[cfg(target_arch = "riscv64")]
core::arch::global_asm!(
    ".globl kiln_entry",
    ".type kiln_entry, @function",
    "kiln_entry:",
    "mv fp, zero",
    "mv ra, zero",
    "mv a0, sp",
    "andi sp, sp, -16",
    "call {start}",
    "unimp",
    ".size kiln_entry, . - kiln_entry",
    start = sym start,
);

/// The bytes of a NUL-terminated string, without the terminator.
///
/// # Safety
/// `s` must point to a NUL-terminated string.
pub unsafe fn c_str<'a>(s: *const u8) -> &'a [u8] {
    // SAFETY: the caller guarantees a NUL-terminated string.
    unsafe { core::ffi::CStr::from_ptr(s.cast()) }.to_bytes()
}

/// Aux vector entry types (`<elf.h>`).
const AT_NULL: usize = 0;
const AT_PAGESZ: usize = 6;
const AT_HWCAP: usize = 16;
const AT_HWCAP2: usize = 26;

/// Called by `kiln_entry` with the initial stack pointer: `[argc, argv..,
/// NULL, envp.., NULL, auxv..]`.
unsafe extern "C" fn start(sp: *const usize) -> ! {
    // SAFETY: the kernel's initial stack layout, as documented above.
    let env = unsafe {
        let argc = *sp;
        let argv = sp.add(1).cast::<*const u8>();
        wasi::set_args((0..argc).map(|i| c_str(*argv.add(i))));
        let mut envp = argv.add(argc + 1);
        let mut env: Vec<(&[u8], &[u8])> = Vec::new();
        while !(*envp).is_null() {
            let var = c_str(*envp);
            if let Some(eq) = var.iter().position(|&b| b == b'=') {
                env.push((&var[..eq], &var[eq + 1..]));
            }
            envp = envp.add(1);
        }
        // The aux vector follows envp's NULL: (type, value) pairs up to AT_NULL.
        let mut aux = envp.add(1).cast::<usize>();
        let mut hwcap = [0; 2];
        while *aux != AT_NULL {
            match *aux {
                AT_PAGESZ => sys::set_page_size(*aux.add(1)),
                AT_HWCAP => hwcap[0] = *aux.add(1),
                AT_HWCAP2 => hwcap[1] = *aux.add(1),
                _ => {}
            }
            aux = aux.add(2);
        }
        sys::cpu::set_hwcap(hwcap[0], hwcap[1]);
        env
    };
    if let Err(e) = apply_grants(&env) {
        print_error(format_args!("{e}"));
        sys::exit_group(ERROR_EXIT_STATUS)
    }
    drop(env);
    run()
}

fn run() -> ! {
    // SAFETY: the module was produced by the kiln compiler for this ABI
    // (the lead's link step pairs them).
    let instance = match unsafe { kiln_runtime::instantiate(module()) } {
        Ok(instance) => instance,
        Err(InstantiateError::Trap(trap)) => trap::report_and_exit(&trap),
        Err(e) => {
            print_error(format_args!("{e}"));
            sys::exit_group(ERROR_EXIT_STATUS)
        }
    };
    let entry = match kiln_runtime::program::entry_point(&instance, None) {
        Ok(entry) => entry,
        Err(e) => {
            print_error(format_args!("{e}"));
            sys::exit_group(ERROR_EXIT_STATUS)
        }
    };
    // SAFETY: `instantiate` installed the trap handlers and set the stack
    // limit for this thread.
    let status = unsafe { kiln_runtime::program::run_entry(&entry) };
    sys::exit_group(status)
}
