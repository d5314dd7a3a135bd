//! `wasi:cli`: arguments, environment, exit, stdio and terminals.
//!
//! Arguments and granted environment variables are preview1's (see
//! `crate::wasi::set_args` and the grants); `initial-cwd` is none, as in
//! Wasmtime. A terminal resource is handed out for a stdio descriptor
//! that is a terminal on the host.

use super::abi::List;
use super::io::{InputStream, OutputStream};
use super::table::{self, Resource};
use super::{Cx, HostResult, HostTrap};
use crate::sys;
use alloc::string::String;
use alloc::vec::Vec;

/// `get-environment`: the granted variables, as (name, value) pairs.
pub fn environment_get_environment(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    let vars: Vec<(String, String)> = crate::wasi::environment()
        .iter()
        .map(|kv| {
            let (k, v) = match kv.iter().position(|&b| b == b'=') {
                Some(i) => (&kv[..i], &kv[i + 1..]),
                None => (&kv[..], &[][..]),
            };
            (String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(v).into_owned())
        })
        .collect();
    cx.store(ret as u32, &List(vars))
}

/// `get-arguments`: the program arguments, the program name first.
pub fn environment_get_arguments(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    let args: Vec<String> = crate::wasi::args().iter().map(|a| String::from_utf8_lossy(a).into_owned()).collect();
    cx.store(ret as u32, &List(args))
}

/// `initial-cwd`: none.
pub fn environment_initial_cwd(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    cx.store(ret as u32, &None::<String>)
}

/// `exit`: status 0 for `ok`, 1 for `err`.
pub fn exit_exit(_cx: &mut Cx<'_>, status: i32) -> HostResult<()> {
    match status {
        0 => sys::exit_group(0),
        1 => sys::exit_group(1),
        _ => Err(HostTrap::InvalidValue("result discriminant")),
    }
}

/// `exit-with-code`.
pub fn exit_exit_with_code(_cx: &mut Cx<'_>, code: i32) -> HostResult<()> {
    sys::exit_group(i32::from(code as u8))
}

/// `get-stdin`.
pub fn stdin_get_stdin(_cx: &mut Cx<'_>) -> HostResult<i32> {
    Ok(table::push(Resource::InputStream(InputStream::Stdin), None)? as i32)
}

/// `get-stdout`.
pub fn stdout_get_stdout(_cx: &mut Cx<'_>) -> HostResult<i32> {
    Ok(table::push(Resource::OutputStream(OutputStream::Stdio(1)), None)? as i32)
}

/// `get-stderr`.
pub fn stderr_get_stderr(_cx: &mut Cx<'_>) -> HostResult<i32> {
    Ok(table::push(Resource::OutputStream(OutputStream::Stdio(2)), None)? as i32)
}

/// `[resource-drop]terminal-input`.
pub fn drop_terminal_input(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, TerminalInput, "terminal-input")
}

/// `[resource-drop]terminal-output`.
pub fn drop_terminal_output(_cx: &mut Cx<'_>, this: i32) -> HostResult<()> {
    crate::drop_resource!(this as u32, TerminalOutput, "terminal-output")
}

fn is_terminal(fd: i32) -> bool {
    // SAFETY: stdio descriptors stay open for the whole process.
    rustix::termios::isatty(unsafe { rustix::fd::BorrowedFd::borrow_raw(fd) })
}

fn terminal(cx: &mut Cx<'_>, fd: i32, ret: i32, resource: fn() -> Resource) -> HostResult<()> {
    let handle = if is_terminal(fd) { Some(table::push(resource(), None)?) } else { None };
    cx.store(ret as u32, &handle)
}

/// `get-terminal-stdin`.
pub fn terminal_stdin_get_terminal_stdin(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    terminal(cx, 0, ret, || Resource::TerminalInput(()))
}

/// `get-terminal-stdout`.
pub fn terminal_stdout_get_terminal_stdout(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    terminal(cx, 1, ret, || Resource::TerminalOutput(()))
}

/// `get-terminal-stderr`.
pub fn terminal_stderr_get_terminal_stderr(cx: &mut Cx<'_>, ret: i32) -> HostResult<()> {
    terminal(cx, 2, ret, || Resource::TerminalOutput(()))
}
