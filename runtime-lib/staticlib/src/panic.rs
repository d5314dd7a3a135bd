//! The panic handler: a runtime panic is a kiln bug, reported and fatal.

use kiln_abi::RUNTIME_PANIC_EXIT_STATUS;
use kiln_runtime::sys::{self, FdWriter};

#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    let message = info.message();
    // The exit status tells the story even if stderr is gone.
    match info.location() {
        Some(l) => FdWriter::print(2, format_args!("kiln runtime panic: {message} at {}:{}\n", l.file(), l.line())),
        None => FdWriter::print(2, format_args!("kiln runtime panic: {message}\n")),
    };
    sys::exit_group(RUNTIME_PANIC_EXIT_STATUS)
}

/// Never called: with panic=abort nothing unwinds, but the precompiled
/// `core`/`alloc` name the personality routine in their unwind tables, which
/// unoptimized (non-LTO) builds of the archive keep. Weak, so a Rust host
/// linking this archive keeps its own.
#[no_mangle]
extern "C" fn kiln_rt_eh_personality() {}

core::arch::global_asm!(
    ".weak rust_eh_personality",
    ".type rust_eh_personality, @function",
    ".set rust_eh_personality, kiln_rt_eh_personality",
);
