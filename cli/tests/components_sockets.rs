//! WASI 0.2 sockets end to end: the command component built from
//! `tests/components/sockets/sockets.wat` (with `wasm-tools component embed`
//! and `component new` against the WIT beside it) plays a TCP echo server,
//! a TCP client, UDP to itself, name lookups and a socket's refusals, as
//! its first argument says. Each scenario runs under `kiln run` with grants
//! as flags and as a `kiln build` executable with the grants baked in (the
//! server also with them in `KILN_GRANTS`). Without grants, what the
//! component observes is compared with Wasmtime's (its Python API, whose
//! WASI grants no network).
//!
//! A missing `wasm-tools` (or, for the comparison, Python's `wasmtime`)
//! skips a test, and fails it when `CI` is set.

use anyhow::{bail, ensure, Context, Result};
use kiln_tests::{fixture_dir, run, scratch_dir, Output};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

/// Fails the test for a missing tool, naming it: a test never passes
/// without running.
fn missing(tool: &str) -> Result<()> {
    bail!("{tool} is missing (scripts/test.sh installs it)")
}

fn has_wasm_tools() -> bool {
    Command::new("wasm-tools").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The sockets component, built in a fresh scratch directory for `test`;
/// an error if wasm-tools is missing.
fn component(test: &str) -> Result<Option<(PathBuf, PathBuf)>> {
    if !has_wasm_tools() {
        missing("wasm-tools")?;
        return Ok(None);
    }
    let src = fixture_dir("components").join("sockets");
    let dir = scratch_dir(TMP, "components_sockets", test);
    let (core, embedded, comp) = (dir.join("core.wasm"), dir.join("embedded.wasm"), dir.join("sockets.wasm"));
    let (wat, wit) = (src.join("sockets.wat"), src.join("wit"));
    let mut steps = [Command::new("wasm-tools"), Command::new("wasm-tools"), Command::new("wasm-tools")];
    steps[0].arg("parse").arg(&wat).arg("-o").arg(&core);
    steps[1]
        .args(["component", "embed"])
        .arg(&wit)
        .args(["--world", "sockets-test"])
        .arg(&core)
        .arg("-o")
        .arg(&embedded);
    steps[2].args(["component", "new"]).arg(&embedded).arg("-o").arg(&comp);
    for step in &mut steps {
        run(step, TIMEOUT)?.success("wasm-tools")?;
    }
    Ok(Some((dir, comp)))
}

/// How the component runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// `kiln run GRANTS sockets.wasm ARGS`.
    Run,
    /// `kiln build sockets.wasm GRANTS`, then the executable.
    Baked,
    /// `kiln build sockets.wasm`, then the executable with `KILN_GRANTS`.
    RunTimeGrants,
}

/// The command running `comp` with `grants` the way `mode` says.
fn command(mode: Mode, dir: &Path, comp: &Path, grants: &[&str], args: &[&str]) -> Result<Command> {
    let mut cmd = match mode {
        Mode::Run => {
            let mut cmd = Command::new(KILN);
            cmd.args(["run", "--no-cache"]).args(grants).arg(comp);
            cmd
        }
        Mode::Baked | Mode::RunTimeGrants => {
            let exe = dir.join(format!("sockets-{mode:?}-{}", grants.join("_").replace(['/', ':', ' '], "-")));
            let baked: &[&str] = if mode == Mode::Baked { grants } else { &[] };
            run(Command::new(KILN).arg("build").arg(comp).arg("-o").arg(&exe).args(baked), TIMEOUT)?
                .success("kiln build")?;
            let mut cmd = Command::new(exe);
            if mode == Mode::RunTimeGrants {
                cmd.env("KILN_GRANTS", grants.join(" "));
            }
            cmd
        }
    };
    cmd.args(args).current_dir(dir);
    Ok(cmd)
}

fn expect(out: &Output, what: &str, code: i32, stdout: &str) -> Result<()> {
    ensure!(
        out.code() == Some(code) && out.stdout_text() == stdout,
        "{what}: {}, stdout {:?}; expected status {code} and {stdout:?}\nstderr:\n{}",
        out.describe(),
        out.stdout_text(),
        out.stderr_text()
    );
    Ok(())
}

/// Waits for `child` (at most two minutes) and collects its output;
/// `first` is what was already read from its stdout.
fn finish(mut child: std::process::Child, first: String, mut stdout: impl Read) -> Result<Output> {
    let mut stderr = child.stderr.take().context("piped stderr")?;
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        stderr.read_to_end(&mut s).map(|_| s)
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break s;
        }
        if Instant::now() > deadline {
            child.kill()?;
            bail!("the component did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest)?;
    let stderr = err_reader.join().map_err(|_| anyhow::anyhow!("stderr reader panicked"))??;
    Ok(Output { status, stdout: [first.into_bytes(), rest].concat(), stderr })
}

const SERVER_HEAD: &str = "start-bind: ok\nfinish-bind: ok\nstart-listen: ok\nfinish-listen: ok\nis-listening: 1\n";

/// Runs the echo server, connects to the port it prints, sends "ping" and
/// returns the reply with the server's output.
fn echo_session(mut cmd: Command) -> Result<(String, Output)> {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let mut lines = BufReader::new(child.stdout.take().context("piped stdout")?);
    let mut head = String::new();
    let port = loop {
        let mut line = String::new();
        if lines.read_line(&mut line)? == 0 {
            break None;
        }
        head.push_str(&line);
        if let Some(port) = line.strip_prefix("listening on 127.0.0.1 port ") {
            break Some(port.trim().parse::<u16>()?);
        }
    };
    let reply = port.map(|port| -> Result<String> {
        let mut conn = TcpStream::connect(("127.0.0.1", port))?;
        conn.set_read_timeout(Some(Duration::from_secs(60)))?;
        conn.write_all(b"ping")?;
        conn.shutdown(Shutdown::Write)?;
        let mut reply = String::new();
        conn.read_to_string(&mut reply)?;
        Ok(reply)
    });
    let out = finish(child, head, lines)?;
    let reply = reply.with_context(|| format!("the server did not listen:\n{}", out.stderr_text()))?;
    Ok((reply.with_context(|| format!("stderr:\n{}", out.stderr_text()))?, out))
}

#[test]
fn tcp_echo_server_listens_on_the_tcplisten_grant() -> Result<()> {
    let Some((dir, comp)) = component("server")? else { return Ok(()) };
    for mode in [Mode::Run, Mode::Baked, Mode::RunTimeGrants] {
        let (reply, out) = echo_session(command(mode, &dir, &comp, &["--tcplisten", "127.0.0.1:0"], &["server"])?)?;
        ensure!(reply == "echo:ping", "{mode:?}: the client got {reply:?}");
        let text = out.stdout_text();
        let port_line = text.lines().nth(5).unwrap_or_default();
        let expected = format!("{SERVER_HEAD}{port_line}\naccepted a connection from 127.0.0.1\nserved\n");
        ensure!(port_line.starts_with("listening on 127.0.0.1 port "), "{mode:?}: {text:?}");
        expect(&out, &format!("server ({mode:?})"), 0, &expected)?;
    }
    Ok(())
}

/// Runs the client against a listener that answers "pong:" and what it
/// read; `grant` is the `--tcpconnect` address (`{port}` is the
/// listener's).
fn client_session(mode: Mode, dir: &Path, comp: &Path, grant: &str) -> Result<Output> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port().to_string();
    let grant = grant.replace("{port}", &port);
    let mut cmd = command(mode, dir, comp, &["--tcpconnect", &grant], &["client", &port])?;
    listener.set_nonblocking(true)?;
    let server = std::thread::spawn(move || -> Result<Option<String>> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut conn = loop {
            match listener.accept() {
                Ok((c, _)) => break c,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(_) => return Ok(None),
            }
        };
        conn.set_nonblocking(false)?;
        conn.set_read_timeout(Some(Duration::from_secs(60)))?;
        let mut got = String::new();
        conn.read_to_string(&mut got)?;
        conn.write_all(format!("pong:{got}").as_bytes())?;
        Ok(Some(got))
    });
    let out = run(&mut cmd, TIMEOUT)?;
    drop(server);
    Ok(out)
}

#[test]
fn tcp_client_connects_only_to_the_tcpconnect_grant() -> Result<()> {
    let Some((dir, comp)) = component("client")? else { return Ok(()) };
    for mode in [Mode::Run, Mode::Baked] {
        let out = client_session(mode, &dir, &comp, "127.0.0.1:{port}")?;
        let expected = "start-connect: ok\nconnected\nshutdown send: ok\nreply: pong:ping\n";
        expect(&out, &format!("client ({mode:?})"), 0, expected)?;
        // Another address granted: this one is access-denied.
        let out = client_session(mode, &dir, &comp, "127.0.0.1:1")?;
        expect(&out, &format!("denied client ({mode:?})"), 1, "start-connect: error 1\n")?;
    }
    Ok(())
}

#[test]
fn udp_socket_binds_to_the_udp_grant_and_sends_to_itself() -> Result<()> {
    let Some((dir, comp)) = component("udp")? else { return Ok(()) };
    let round = |data: &str| format!("check-send: 16\nsent: 1\nreceived: 1 datagram, {data} from 127.0.0.1\n");
    let expected = format!(
        "start-bind: ok\nfinish-bind: ok\nstream: ok\n{}stream to itself: ok\nconnected to itself: 1\n{}",
        round("hello"),
        round("again")
    );
    for mode in [Mode::Run, Mode::Baked] {
        let out = run(&mut command(mode, &dir, &comp, &["--udp", "127.0.0.1:0"], &["udp"])?, TIMEOUT)?;
        expect(&out, &format!("udp ({mode:?})"), 0, &expected)?;
    }
    // Only the granted address binds.
    let out = run(&mut command(Mode::Run, &dir, &comp, &["--udp", "127.0.0.1:1"], &["udp"])?, TIMEOUT)?;
    expect(&out, "udp with another address granted", 1, "start-bind: error 1\n")
}

#[test]
fn ip_name_lookup_resolves_hosts_and_literals_when_granted() -> Result<()> {
    let Some((dir, comp)) = component("lookup")? else { return Ok(()) };
    let literal = |name: &str, address: &str| format!("{name}: ok\n  next: ok\n  address {address}\n  next: ok\n");
    let tail = format!(
        "{}{}{}bad name: error 3\n",
        literal("127.0.0.1", "127.0.0.1"),
        literal("0x7f.1", "127.0.0.1"),
        literal("[::1]", "ipv6, last segment 1")
    );
    for mode in [Mode::Run, Mode::Baked] {
        let out = run(&mut command(mode, &dir, &comp, &["--allow-ip-name-lookup"], &["lookup"])?, TIMEOUT)?;
        let text = out.stdout_text();
        // localhost: /etc/hosts (or RFC 6761's loopback addresses).
        let (localhost, rest) = text.split_at(text.find("127.0.0.1: ok").unwrap_or(0));
        ensure!(
            out.code() == Some(0)
                && localhost.starts_with("localhost: ok\n")
                && localhost.contains("  address 127.0.0.1\n")
                && rest == tail,
            "lookup ({mode:?}): {}, stdout {text:?}\nstderr:\n{}",
            out.describe(),
            out.stderr_text()
        );
    }
    Ok(())
}

/// What the `states` scenario observes with a TCP and a UDP address and
/// name lookup granted, none of them the ones it tries.
const STATES: &str = "create-tcp-socket: ok
finish-bind: error 7
finish-connect: error 7
start-listen: error 9
accept: error 9
local-address: error 9
remote-address: error 9
is-listening: 0
address-family: 0
set-listen-backlog-size 0: error 3
set-listen-backlog-size 10: ok
set-keep-alive-enabled: ok
keep-alive-enabled: ok
keep-alive: 1
set-hop-limit 0: error 3
set-hop-limit 64: ok
shutdown: error 9
tcp start-bind 127.0.0.1:0: error 1
tcp start-connect 127.0.0.1:9: error 1
create-udp-socket ipv6: ok
udp stream: error 9
udp start-bind 127.0.0.1:0: error 3
udp start-bind [::1]:0: error 1
resolve localhost: ok
resolve 'bad name': error 3
";

/// The `states` scenario without any grant.
const DENIED: &str = "create-tcp-socket: error 1
create-udp-socket ipv6: error 1
resolve localhost: error 20
resolve 'bad name': error 20
";

#[test]
fn sockets_refuse_what_their_state_or_the_grants_do_not_allow() -> Result<()> {
    let Some((dir, comp)) = component("states")? else { return Ok(()) };
    let grants = ["--tcpconnect", "127.0.0.1:1", "--udp", "127.0.0.1:1", "--allow-ip-name-lookup"];
    for mode in [Mode::Run, Mode::Baked] {
        let out = run(&mut command(mode, &dir, &comp, &grants, &["states"])?, TIMEOUT)?;
        expect(&out, &format!("states ({mode:?})"), 0, STATES)?;
        let out = run(&mut command(mode, &dir, &comp, &[], &["states"])?, TIMEOUT)?;
        expect(&out, &format!("states without grants ({mode:?})"), 0, DENIED)?;
    }
    // Malformed grants stop kiln before the program starts.
    for (option, value) in [("--tcpconnect", "nowhere:80"), ("--udp", "127.0.0.1")] {
        let out = run(Command::new(KILN).args(["run", option, value]).arg(&comp), TIMEOUT)?;
        let message = format!("{option} `{value}`");
        ensure!(
            out.code() == Some(1) && out.stderr_text().contains(&message),
            "{option} {value}: {}\n{}",
            out.describe(),
            out.stderr_text()
        );
    }
    Ok(())
}

/// Runs a command component under Wasmtime's Python API with its default
/// WASI (stdout inherited, no network).
const WASMTIME_RUN: &str = r#"
import sys
from wasmtime import Engine, Store, WasiConfig
from wasmtime.component import Component, Linker
engine = Engine()
store = Store(engine)
wasi = WasiConfig()
wasi.argv = sys.argv[2:]
wasi.inherit_stdout()
wasi.inherit_stderr()
store.set_wasi(wasi)
linker = Linker(engine)
linker.add_wasip2()
instance = linker.instantiate(store, Component.from_file(engine, sys.argv[1]))
run = instance.get_func(store, instance.get_export_index(store, "run", instance.get_export_index(store, "wasi:cli/run@0.2.12")))
run(store)
"#;

#[test]
fn without_grants_sockets_are_denied_as_in_wasmtime() -> Result<()> {
    let Some((dir, comp)) = component("wasmtime")? else { return Ok(()) };
    if !Command::new("python3").args(["-c", "import wasmtime"]).output().is_ok_and(|o| o.status.success()) {
        return missing("Python's wasmtime");
    }
    let out = run(Command::new("python3").args(["-c", WASMTIME_RUN]).arg(&comp).args(["sockets", "states"]), TIMEOUT)?;
    expect(&out, "Wasmtime", 0, DENIED)?;
    let kiln = run(&mut command(Mode::Run, &dir, &comp, &[], &["states"])?, TIMEOUT)?;
    expect(&kiln, "kiln", 0, &out.stdout_text())
}
