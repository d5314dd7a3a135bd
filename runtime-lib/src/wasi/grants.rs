//! Capability grants: what a program may see besides stdio, args and
//! clocks. Nothing is granted by default.
//!
//! Data flow: `kiln run` turns its flags, and a standalone executable its
//! baked-in grants and the `KILN_GRANTS` environment variable, into words
//! in the option syntax of `kiln run` (`--dir HOST[::GUEST][:ro]`,
//! `--env NAME[=VALUE]`, `--env-inherit`, `--tcplisten ADDR`,
//! `--tcpconnect ADDR`, `--udp ADDR`, `--allow-ip-name-lookup`); [`parse`]
//! checks them and [`apply`] opens the directories and sockets and fills
//! the environment, in the process-wide WASI state.
//!
//! The resource limits (`--max-memory SIZE`, `--max-table-elements N`,
//! `--max-stack SIZE`, `--timeout DURATION`, `--fuel N`) travel the same
//! way; [`apply`] sets them in [`crate::limits`].
//!
//! The network grants also fill [`NETWORK`], which WASI 0.2 sockets
//! consult (`crate::wasi2::sockets`): a `--tcplisten` listener (a
//! duplicate of the preview1 descriptor) is what a component's TCP socket
//! bound to exactly that address becomes, `--tcpconnect` addresses are the
//! only ones TCP sockets may connect to, `--udp` addresses the only ones
//! UDP sockets may bind to, and name lookup needs `--allow-ip-name-lookup`.

use super::consts::*;
use super::sock;
use super::table::{self, Entry, Host, Kind};
use super::WasiCtx;
use crate::limits::{self, InstanceLimits, Limit};
use crate::sync::SpinLock;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::SocketAddr;
use rustix::fd::OwnedFd;
use rustix::fs::{Mode, OFlags};

/// The environment variable a standalone executable reads run-time grants
/// from. The program never sees it.
pub const ENV_VAR: &str = "KILN_GRANTS";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant<'a> {
    /// A preopened directory: host path, guest path, read-only.
    Dir { host: &'a [u8], guest: &'a [u8], readonly: bool },
    /// A variable, with its value or taken from the host environment.
    Env { name: &'a [u8], value: Option<&'a [u8]> },
    /// Every host variable (except [`ENV_VAR`]).
    EnvInherit,
    /// A preopened listening TCP socket.
    TcpListen(SocketAddr),
    /// Outgoing TCP connections to this address (WASI 0.2).
    TcpConnect(SocketAddr),
    /// Binding UDP sockets to this address (WASI 0.2); they may then send
    /// to and receive from anywhere.
    Udp(SocketAddr),
    /// `wasi:sockets/ip-name-lookup` (WASI 0.2).
    IpNameLookup,
    /// A resource limit.
    Limit(Limit),
}

#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    #[error("`{0}` needs a value")]
    MissingValue(String),
    #[error(
        "unknown option `{0}` (the options are --dir, --env, --env-inherit, --tcplisten, --tcpconnect, --udp, \
         --allow-ip-name-lookup, --max-memory, --max-table-elements, --max-stack, --timeout and --fuel)"
    )]
    Unknown(String),
    #[error("--dir `{0}`: the host directory is empty")]
    EmptyDir(String),
    #[error("--env `{0}`: the variable name is empty")]
    EmptyEnv(String),
    #[error("{0} `{1}`: expected an IP address and port, such as 127.0.0.1:8080 or [::1]:8080")]
    BadAddr(&'static str, String),
    #[error("{0} `{1}`: expected {2}")]
    BadLimit(&'static str, String, &'static str),
    #[error("unterminated quote in {0}")]
    Quote(&'static str),
    #[error("--env {0}: `{0}` is not set in the environment (use NAME=VALUE)")]
    EnvNotSet(String),
    #[error("--dir: cannot open directory `{path}`: {}", describe(*errno))]
    OpenDir { path: String, errno: rustix::io::Errno },
    #[error("--tcplisten {addr}: cannot listen: {}", describe(*errno))]
    Listen { addr: SocketAddr, errno: rustix::io::Errno },
    #[error("--tcplisten {addr}: cannot keep the listener for WASI 0.2: {}", describe(*errno))]
    Dup { addr: SocketAddr, errno: rustix::io::Errno },
    #[error("{0}: too many descriptors")]
    TooMany(String),
}

/// A host error for messages (no libc `strerror` here).
struct Described(rustix::io::Errno);

impl core::fmt::Display for Described {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use rustix::io::Errno as E;
        f.write_str(match self.0 {
            E::NOENT => "no such file or directory",
            E::NOTDIR => "not a directory",
            E::ACCESS => "permission denied",
            E::LOOP => "too many levels of symbolic links",
            E::ADDRINUSE => "address already in use",
            E::ADDRNOTAVAIL => "address not available",
            E::MFILE | E::NFILE => "too many open files",
            e => return write!(f, "os error {}", e.raw_os_error()),
        })
    }
}

fn describe(e: rustix::io::Errno) -> Described {
    Described(e)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Parses `HOST[::GUEST][:ro]`.
pub fn parse_dir(spec: &[u8]) -> Result<Grant<'_>, GrantError> {
    let (rest, readonly) = match spec.strip_suffix(b":ro") {
        Some(r) => (r, true),
        None => (spec, false),
    };
    let (host, guest) = match rest.windows(2).position(|w| w == b"::") {
        Some(i) => (&rest[..i], &rest[i + 2..]),
        None => (rest, rest),
    };
    if host.is_empty() {
        return Err(GrantError::EmptyDir(text(spec)));
    }
    Ok(Grant::Dir { host, guest: if guest.is_empty() { host } else { guest }, readonly })
}

/// Parses `NAME[=VALUE]`.
pub fn parse_env(spec: &[u8]) -> Result<Grant<'_>, GrantError> {
    let (name, value) = match spec.iter().position(|&b| b == b'=') {
        Some(i) => (&spec[..i], Some(&spec[i + 1..])),
        None => (spec, None),
    };
    if name.is_empty() {
        return Err(GrantError::EmptyEnv(text(spec)));
    }
    Ok(Grant::Env { name, value })
}

/// Parses the IP address with port of `option`.
pub fn parse_addr<'a>(option: &'static str, spec: &[u8]) -> Result<Grant<'a>, GrantError> {
    let addr = core::str::from_utf8(spec).ok().and_then(|s| s.parse::<SocketAddr>().ok());
    let addr = addr.ok_or_else(|| GrantError::BadAddr(option, text(spec)))?;
    Ok(match option {
        "--tcpconnect" => Grant::TcpConnect(addr),
        "--udp" => Grant::Udp(addr),
        _ => Grant::TcpListen(addr),
    })
}

/// Parses the value of limit option `option`.
pub fn parse_limit<'a>(option: &'static str, spec: &[u8]) -> Result<Grant<'a>, GrantError> {
    const SIZE: &str = "a size in bytes, with an optional suffix K, M or G (powers of 1024), such as 64M";
    const COUNT: &str = "a whole number, such as 1000";
    const DURATION: &str = "a duration above zero with a unit ms, s, m or h, such as 500ms or 1s";
    let (value, expected) = match option {
        "--max-memory" => (limits::parse_size(spec).map(Limit::MaxMemory), SIZE),
        "--max-stack" => (limits::parse_size(spec).map(Limit::MaxStack), SIZE),
        "--max-table-elements" => (limits::parse_count(spec).map(Limit::MaxTableElements), COUNT),
        "--timeout" => (limits::parse_duration(spec).map(Limit::Timeout), DURATION),
        _ => (limits::parse_count(spec).map(Limit::Fuel), COUNT),
    };
    value.map(Grant::Limit).ok_or_else(|| GrantError::BadLimit(option, text(spec), expected))
}

/// The options that take a value.
const VALUE_OPTIONS: [&str; 10] = [
    "--dir",
    "--env",
    "--tcplisten",
    "--tcpconnect",
    "--udp",
    "--max-memory",
    "--max-table-elements",
    "--max-stack",
    "--timeout",
    "--fuel",
];

/// Parses grant options; each takes its value as the next word or after
/// `=` (`--dir=data`).
pub fn parse<'a>(words: &[&'a [u8]]) -> Result<Vec<Grant<'a>>, GrantError> {
    let mut grants = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        i += 1;
        let flag = match word {
            b"--env-inherit" => Some(Grant::EnvInherit),
            b"--allow-ip-name-lookup" => Some(Grant::IpNameLookup),
            _ => None,
        };
        if let Some(flag) = flag {
            grants.push(flag);
            continue;
        }
        let (option, inline) = match word.iter().position(|&b| b == b'=') {
            Some(eq) => (&word[..eq], Some(&word[eq + 1..])),
            None => (word, None),
        };
        let Some(option) = VALUE_OPTIONS.into_iter().find(|o| o.as_bytes() == option) else {
            return Err(GrantError::Unknown(text(word)));
        };
        let value = match inline {
            Some(v) => v,
            None => {
                let v = words.get(i).ok_or_else(|| GrantError::MissingValue(option.into()))?;
                i += 1;
                v
            }
        };
        grants.push(match option {
            "--dir" => parse_dir(value)?,
            "--env" => parse_env(value)?,
            "--tcplisten" | "--tcpconnect" | "--udp" => parse_addr(option, value)?,
            _ => parse_limit(option, value)?,
        });
    }
    Ok(grants)
}

/// Splits the value of [`ENV_VAR`] into words: whitespace separates them,
/// single or double quotes group (no escapes).
pub fn split_words(value: &[u8]) -> Result<Vec<Vec<u8>>, GrantError> {
    let mut words = Vec::new();
    let mut word = Vec::new();
    let (mut in_word, mut quote) = (false, None);
    for &b in value {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), b) => word.push(b),
            (None, b'\'' | b'"') => {
                quote = Some(b);
                in_word = true;
            }
            (None, b' ' | b'\t' | b'\n' | b'\r') => {
                if in_word {
                    words.push(core::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, b) => {
                word.push(b);
                in_word = true;
            }
        }
    }
    if quote.is_some() {
        return Err(GrantError::Quote(ENV_VAR));
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Applies grants: preopened directories get descriptors 3, 4, ... in
/// order, then listening sockets; variables are added to the guest's
/// environment (a later grant of a name replaces an earlier one); network
/// grants are added to [`NETWORK`].
/// `host_env` is the environment `--env NAME` and `--env-inherit` read;
/// with `strict`, `--env NAME` of an unset variable is an error, otherwise
/// the variable is left out. Directories, listening sockets and variables
/// go to the process default context; see [`apply_to`].
pub fn apply(grants: &[Grant<'_>], host_env: &[(&[u8], &[u8])], strict: bool) -> Result<(), GrantError> {
    apply_to(super::default_ctx(), grants, host_env, strict, None)
}

/// [`apply`] into context `cx`: its descriptor table and environment.
/// With `own`, the limits an instance can have of its own (`--max-memory`,
/// `--fuel`) go there; network grants and other limits stay process-wide.
pub fn apply_to(
    cx: &WasiCtx,
    grants: &[Grant<'_>],
    host_env: &[(&[u8], &[u8])],
    strict: bool,
    mut own: Option<&mut InstanceLimits>,
) -> Result<(), GrantError> {
    let mut env: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut set = |name: &[u8], value: &[u8]| {
        env.retain(|(n, _)| n != name);
        env.push((name.to_vec(), value.to_vec()));
    };
    for grant in grants {
        match grant {
            Grant::EnvInherit => {
                for (name, value) in host_env.iter().filter(|(n, _)| *n != ENV_VAR.as_bytes()) {
                    set(name, value);
                }
            }
            Grant::Env { name, value: Some(value) } => set(name, value),
            Grant::Env { name, value: None } => match host_env.iter().find(|(n, _)| n == name) {
                Some((_, value)) => set(name, value),
                None if strict => return Err(GrantError::EnvNotSet(text(name))),
                None => {}
            },
            Grant::Dir { .. } | Grant::TcpListen(_) => {}
            Grant::TcpConnect(addr) => NETWORK.lock().tcp_connect.push(*addr),
            Grant::Udp(addr) => NETWORK.lock().udp.push(*addr),
            Grant::IpNameLookup => NETWORK.lock().ip_name_lookup = true,
            Grant::Limit(limit) => {
                if !own.as_deref_mut().is_some_and(|own| own.set(*limit)) {
                    limits::set(*limit);
                }
            }
        }
    }
    for grant in grants {
        if let Grant::Dir { host, guest, readonly } = grant {
            preopen_dir_to(cx, host, guest, *readonly)?;
        }
    }
    for grant in grants {
        if let Grant::TcpListen(addr) = grant {
            let sock = sock::listen(addr).map_err(|errno| GrantError::Listen { addr: *addr, errno })?;
            let copy =
                rustix::io::fcntl_dupfd_cloexec(&sock, 3).map_err(|errno| GrantError::Dup { addr: *addr, errno })?;
            table::insert(cx, sock::listener_entry(sock)).map_err(|_| GrantError::TooMany(addr.to_string()))?;
            NETWORK.lock().tcp_listen.push((*addr, copy));
        }
    }
    cx.grant_env(env);
    Ok(())
}

/// Preopens host directory `host` (relative to the working directory) as
/// guest path `guest`, in the process default context.
pub fn preopen_dir(host: &[u8], guest: &[u8], readonly: bool) -> Result<u32, GrantError> {
    preopen_dir_to(super::default_ctx(), host, guest, readonly)
}

/// [`preopen_dir`] into context `cx`.
pub fn preopen_dir_to(cx: &WasiCtx, host: &[u8], guest: &[u8], readonly: bool) -> Result<u32, GrantError> {
    let fd = rustix::fs::open(host, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())
        .map_err(|errno| GrantError::OpenDir { path: text(host), errno })?;
    table::insert(
        cx,
        Entry {
            host: Host::Owned(fd),
            kind: Kind::Dir,
            filetype: FILETYPE_DIRECTORY,
            base: RIGHTS_DIR_BASE,
            inheriting: RIGHTS_DIR_INHERITING,
            readonly,
            readable: true,
            writable: false,
            preopen: Some(guest.to_vec()),
            listing: None,
        },
    )
    .map_err(|_| GrantError::TooMany(text(host)))
}

/// The network capabilities WASI 0.2 sockets check: what `--tcplisten`,
/// `--tcpconnect`, `--udp` and `--allow-ip-name-lookup` granted.
pub struct Network {
    /// Each `--tcplisten` address with its listening socket.
    tcp_listen: Vec<(SocketAddr, OwnedFd)>,
    tcp_connect: Vec<SocketAddr>,
    udp: Vec<SocketAddr>,
    ip_name_lookup: bool,
}

/// The granted network capabilities.
pub static NETWORK: SpinLock<Network> =
    SpinLock::new(Network { tcp_listen: Vec::new(), tcp_connect: Vec::new(), udp: Vec::new(), ip_name_lookup: false });

impl Network {
    /// A new descriptor for the listening socket granted at exactly
    /// `addr` (`None` if none is), sharing its bound, listening socket.
    pub fn tcp_listener(&self, addr: &SocketAddr) -> Option<Result<OwnedFd, rustix::io::Errno>> {
        let (_, fd) = self.tcp_listen.iter().find(|(a, _)| a == addr)?;
        Some(rustix::io::fcntl_dupfd_cloexec(fd, 3))
    }

    /// Whether any TCP address is granted (`--tcplisten` or
    /// `--tcpconnect`): without, creating a TCP socket is denied.
    pub fn any_tcp(&self) -> bool {
        !self.tcp_listen.is_empty() || !self.tcp_connect.is_empty()
    }

    /// Whether any UDP address is granted: without, creating a UDP socket
    /// is denied.
    pub fn any_udp(&self) -> bool {
        !self.udp.is_empty()
    }

    /// Whether TCP connections to `addr` are granted.
    pub fn may_connect_tcp(&self, addr: &SocketAddr) -> bool {
        self.tcp_connect.contains(addr)
    }

    /// Whether binding a UDP socket to `addr` is granted.
    pub fn may_bind_udp(&self, addr: &SocketAddr) -> bool {
        self.udp.contains(addr)
    }

    /// Whether name lookup is granted.
    pub fn may_lookup_names(&self) -> bool {
        self.ip_name_lookup
    }

    /// Revokes every network grant (for embedders and tests that run
    /// several programs in one process); the listeners close.
    pub fn clear(&mut self) {
        *self = Network { tcp_listen: Vec::new(), tcp_connect: Vec::new(), udp: Vec::new(), ip_name_lookup: false };
    }
}

/// Whether any descriptor beyond stdio is granted in the default context
/// (for tests and embedders).
pub fn has_preopens() -> bool {
    super::default_ctx().has_descriptors()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_options_parse_like_kiln_run() {
        let words: [&[u8]; 12] = [
            b"--dir",
            b"data::/data:ro",
            b"--env=K=V",
            b"--env",
            b"HOME",
            b"--env-inherit",
            b"--tcplisten=[::1]:80",
            b"--tcpconnect",
            b"127.0.0.1:7",
            b"--udp=0.0.0.0:0",
            b"--allow-ip-name-lookup",
            b"--dir=.",
        ];
        let grants = parse(&words).unwrap();
        assert_eq!(grants[0], Grant::Dir { host: b"data", guest: b"/data", readonly: true });
        assert_eq!(grants[1], Grant::Env { name: b"K", value: Some(b"V") });
        assert_eq!(grants[2], Grant::Env { name: b"HOME", value: None });
        assert_eq!(grants[3], Grant::EnvInherit);
        assert!(matches!(grants[4], Grant::TcpListen(a) if a.port() == 80 && a.is_ipv6()));
        assert_eq!(grants[5], Grant::TcpConnect("127.0.0.1:7".parse().unwrap()));
        assert_eq!(grants[6], Grant::Udp("0.0.0.0:0".parse().unwrap()));
        assert_eq!(grants[7], Grant::IpNameLookup);
        assert_eq!(grants[8], Grant::Dir { host: b".", guest: b".", readonly: false });
        assert_eq!(parse_dir(b".").unwrap(), Grant::Dir { host: b".", guest: b".", readonly: false });
        assert!(matches!(parse(&[b"--dir"]), Err(GrantError::MissingValue(_))));
        assert!(matches!(parse(&[b"--mapdir", b"x"]), Err(GrantError::Unknown(_))));
        assert!(matches!(parse(&[b"--tcplisten", b"localhost:80"]), Err(GrantError::BadAddr("--tcplisten", _))));
        assert!(matches!(parse(&[b"--tcpconnect", b"example.com:80"]), Err(GrantError::BadAddr("--tcpconnect", _))));
        assert!(matches!(parse(&[b"--udp=1.2.3.4"]), Err(GrantError::BadAddr("--udp", _))));
        assert!(matches!(parse(&[b"--udp"]), Err(GrantError::MissingValue(_))));
        assert!(matches!(parse(&[b"--allow-ip-name-lookup=yes"]), Err(GrantError::Unknown(_))));
        let err = parse(&[b"--tcpconnect", b"nowhere"]).unwrap_err().to_string();
        assert!(err.contains("--tcpconnect `nowhere`"), "{err}");
        assert!(matches!(parse(&[b"--env", b"=x"]), Err(GrantError::EmptyEnv(_))));
    }

    #[test]
    fn limit_options_parse() {
        let words: [&[u8]; 6] =
            [b"--max-memory", b"64M", b"--max-table-elements=100", b"--max-stack=1M", b"--timeout=500ms", b"--fuel=7"];
        let grants = parse(&words).unwrap();
        assert_eq!(grants[0], Grant::Limit(Limit::MaxMemory(64 << 20)));
        assert_eq!(grants[1], Grant::Limit(Limit::MaxTableElements(100)));
        assert_eq!(grants[2], Grant::Limit(Limit::MaxStack(1 << 20)));
        assert_eq!(grants[3], Grant::Limit(Limit::Timeout(500_000_000)));
        assert_eq!(grants[4], Grant::Limit(Limit::Fuel(7)));
        let err = parse(&[b"--max-memory", b"lots"]).unwrap_err().to_string();
        assert!(err.starts_with("--max-memory `lots`: expected a size"), "{err}");
        assert!(matches!(parse(&[b"--timeout=1"]), Err(GrantError::BadLimit("--timeout", _, _))));
        assert!(matches!(parse(&[b"--fuel", b"-3"]), Err(GrantError::BadLimit("--fuel", _, _))));
        assert!(matches!(parse(&[b"--max-stack"]), Err(GrantError::MissingValue(_))));
    }

    #[test]
    fn words_split_on_whitespace_with_quotes() {
        let words = split_words(b" --dir 'my data::/d' --env \"A=b c\"\t--env-inherit ").unwrap();
        assert_eq!(words, [&b"--dir"[..], b"my data::/d", b"--env", b"A=b c", b"--env-inherit"]);
        assert!(split_words(b"--dir 'x").is_err());
        assert!(split_words(b"   ").unwrap().is_empty());
    }
}
