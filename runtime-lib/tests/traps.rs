//! Traps end to end: hardware faults in (hand-written) wasm code reach the
//! signal handler, which finds the function and trap entry and reports.
//! Scenarios that end the process run in a child process.
#![cfg(target_arch = "x86_64")]

mod common;

use common::*;
use kiln_abi::{TrapKind, TRAP_EXIT_STATUS};
use kiln_runtime::sys::signal::SignalContext;
use kiln_runtime::{trap, Instance, Trap};
use std::os::unix::process::ExitStatusExt;

fn instance() -> std::pin::Pin<Box<Instance>> {
    trap::install().expect("install trap handlers");
    Instance::new(asm_module()).expect("instantiate the asm module")
}

#[test]
fn trap_table_lookup_by_pc() {
    let inst = instance();
    let m = inst.module();
    let access = kiln_test_load_access as *const () as usize;
    let t = trap::trap_at_pc(access).expect("the load is a trap site");
    assert_eq!((t.kind, t.func_index, t.wasm_offset), (TrapKind::MemoryOutOfBounds, Some(0), Some(0x2a)));
    assert_eq!(t.func_name(), Some("load"));
    assert!(trap::trap_at_pc(access + 1).is_none(), "only the exact instruction");
    assert!(trap::trap_at_pc(kiln_test_load as *const () as usize).is_none());
    let t = trap::trap_at_pc(kiln_test_unreachable as *const () as usize).unwrap();
    assert_eq!(t.to_string(), "wasm trap: unreachable\n    at unreachable_fn (wasm offset 0x31)");
    assert_eq!(trap::find_func(m, kiln_test_recurse_trap as *const () as usize), Some(2));
    assert_eq!(trap::find_func(m, kiln_test_code_end as *const () as usize), None, "past the last function");
    assert_eq!(trap::find_func(m, kiln_test_load as *const () as usize - 1), None);
    assert!(core::ptr::eq(trap::module_at(kiln_test_wild as *const () as usize).unwrap(), m));
    assert!(trap::find_trap_entry(m, 3, 0).is_none());
    // A trap without a function (instantiation) prints one line.
    let t = Trap { kind: TrapKind::TableOutOfBounds, module: m, func_index: None, wasm_offset: None, tag: None };
    assert_eq!(t.to_string(), "wasm trap: out of bounds table access");
    // Unnamed functions are reported by index.
    let t = Trap { func_index: Some(3), wasm_offset: None, ..t };
    assert_eq!(t.to_string(), "wasm trap: out of bounds table access\n    at wasm-function[3]");
}

#[test]
fn loads_below_length_work_and_grow_moves_the_fault() {
    let inst = instance();
    // SAFETY: a live instance's memory; no wasm runs concurrently.
    unsafe { inst.memory(0).unwrap().as_mut_slice()[65532..].copy_from_slice(&7u32.to_le_bytes()) };
    // SAFETY: the asm function reads memory 0 through the vmctx.
    assert_eq!(unsafe { kiln_test_load(inst.vmctx(), 65532) }, 7);
    assert_eq!(inst.memory(0).unwrap().grow(1), Some(1));
    // SAFETY: now inside the committed length.
    assert_eq!(unsafe { kiln_test_load(inst.vmctx(), 65536) }, 0);
}

#[test]
fn unregistered_code_is_not_wasm_code() {
    let m = Builder::new("fake")
        .ty(&[], &[])
        .func("f", 0x5000 as *const u8, 0x10, 0)
        .trap(4, 9, TrapKind::IntegerOverflow)
        .build();
    trap::register(m);
    trap::register(m);
    assert_eq!(trap::trap_at_pc(0x5004).map(|t| t.kind), Some(TrapKind::IntegerOverflow));
    assert!(trap::trap_at_pc(0x5010).is_none(), "past the code");
    trap::unregister(m);
    assert!(trap::trap_at_pc(0x5004).is_none());
    assert!(trap::module_at(0x5000).is_none());
    trap::register(m);
    assert!(core::ptr::eq(trap::module_at(0x5000).unwrap(), m));
}

fn expect_trap(scenario: &str, message: &str) {
    let out = run_child("traps_report_and_exit", scenario, b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(TRAP_EXIT_STATUS), "{scenario}: {err}");
    assert!(err.contains(message), "{scenario}: expected {message:?} in {err:?}");
}

/// Parent: one child per scenario. Child: runs the scenario, which must not
/// return.
#[test]
fn traps_report_and_exit() {
    if let Some(scenario) = child_scenario() {
        let inst = instance();
        let vmctx = inst.vmctx();
        // SAFETY: each asm function takes the vmctx and faults as intended.
        unsafe {
            match scenario.as_str() {
                "oob" => {
                    kiln_test_load(vmctx, 65536);
                }
                "oob-far" => {
                    kiln_test_load(vmctx, u32::MAX);
                }
                "unreachable" => kiln_test_unreachable(vmctx),
                "stack" => kiln_test_recurse(vmctx),
                _ => unreachable!("unknown scenario {scenario}"),
            }
        }
        std::process::exit(0);
    }
    expect_trap("oob", "wasm trap: out of bounds memory access\n    at load (wasm offset 0x2a)\n");
    expect_trap("oob-far", "wasm trap: out of bounds memory access\n    at load (wasm offset 0x2a)\n");
    expect_trap("unreachable", "wasm trap: unreachable\n    at unreachable_fn (wasm offset 0x31)\n");
    expect_trap("stack", "wasm trap: call stack exhausted\n    at recurse (wasm offset 0x40)\n");
}

/// Faults that are not wasm traps are not swallowed: the process dies of
/// the signal as it would without the runtime.
#[test]
fn other_faults_crash_as_usual() {
    if let Some(scenario) = child_scenario() {
        let inst = instance();
        match scenario.as_str() {
            // In wasm code, but no trap entry and far from the stack.
            // SAFETY: deliberately faults.
            "wild" => unsafe { kiln_test_wild(inst.vmctx()) },
            // A null write in host code.
            // SAFETY: deliberately faults.
            "host" => unsafe { std::ptr::write_volatile(std::ptr::null_mut::<u64>(), 1) },
            _ => unreachable!("unknown scenario {scenario}"),
        }
        std::process::exit(0);
    }
    for scenario in ["wild", "host"] {
        let out = run_child("other_faults_crash_as_usual", scenario, b"");
        assert_eq!(out.status.signal(), Some(11), "{scenario}: {:?} {}", out.status, stderr(&out));
        assert!(!stderr(&out).contains("wasm trap"));
    }
}

/// Where the hook sends the trapping thread.
extern "C" fn landing(kind: usize) -> ! {
    std::process::exit(100 + kind as i32)
}

/// A policy other than exiting: resume elsewhere with the kind as argument.
unsafe fn redirect(trap: &Trap, ctx: &mut SignalContext) {
    ctx.set_arg0(trap.kind as usize);
    ctx.set_pc(landing as *const () as usize);
}

#[test]
fn a_trap_hook_can_resume_elsewhere() {
    if child_scenario().is_some() {
        let inst = instance();
        trap::set_trap_hook(Some(redirect));
        // SAFETY: faults, and the hook redirects to `landing`.
        unsafe { kiln_test_unreachable(inst.vmctx()) };
        std::process::exit(0);
    }
    let out = run_child("a_trap_hook_can_resume_elsewhere", "hook", b"");
    assert_eq!(out.status.code(), Some(100 + TrapKind::Unreachable as i32), "{}", stderr(&out));
    assert!(stderr(&out).is_empty() || !stderr(&out).contains("wasm trap"));
}

#[test]
fn the_stack_limit_leaves_the_host_margin() {
    let inst = instance();
    let sp = kiln_runtime::sys::current_sp();
    let limit = inst.stack_limit();
    assert!(limit < sp, "limit {limit:#x} sp {sp:#x}");
    assert!(sp - limit > kiln_runtime::sys::stack::HOST_STACK_MARGIN / 2, "some stack is usable");
    inst.set_stack_limit(usize::MAX);
    assert_eq!(inst.stack_limit(), usize::MAX);
}
