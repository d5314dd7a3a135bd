//! WASI preview1 `errno` values and the mapping from host errors.

use rustix::io::Errno as Host;

pub type Errno = u16;

pub const SUCCESS: Errno = 0;
pub const TOOBIG: Errno = 1;
pub const ACCES: Errno = 2;
pub const ADDRINUSE: Errno = 3;
pub const ADDRNOTAVAIL: Errno = 4;
pub const AFNOSUPPORT: Errno = 5;
pub const AGAIN: Errno = 6;
pub const ALREADY: Errno = 7;
pub const BADF: Errno = 8;
pub const BADMSG: Errno = 9;
pub const BUSY: Errno = 10;
pub const CANCELED: Errno = 11;
pub const CHILD: Errno = 12;
pub const CONNABORTED: Errno = 13;
pub const CONNREFUSED: Errno = 14;
pub const CONNRESET: Errno = 15;
pub const DEADLK: Errno = 16;
pub const DESTADDRREQ: Errno = 17;
pub const DOM: Errno = 18;
pub const DQUOT: Errno = 19;
pub const EXIST: Errno = 20;
pub const FAULT: Errno = 21;
pub const FBIG: Errno = 22;
pub const HOSTUNREACH: Errno = 23;
pub const IDRM: Errno = 24;
pub const ILSEQ: Errno = 25;
pub const INPROGRESS: Errno = 26;
pub const INTR: Errno = 27;
pub const INVAL: Errno = 28;
pub const IO: Errno = 29;
pub const ISCONN: Errno = 30;
pub const ISDIR: Errno = 31;
pub const LOOP: Errno = 32;
pub const MFILE: Errno = 33;
pub const MLINK: Errno = 34;
pub const MSGSIZE: Errno = 35;
pub const MULTIHOP: Errno = 36;
pub const NAMETOOLONG: Errno = 37;
pub const NETDOWN: Errno = 38;
pub const NETRESET: Errno = 39;
pub const NETUNREACH: Errno = 40;
pub const NFILE: Errno = 41;
pub const NOBUFS: Errno = 42;
pub const NODEV: Errno = 43;
pub const NOENT: Errno = 44;
pub const NOEXEC: Errno = 45;
pub const NOLCK: Errno = 46;
pub const NOLINK: Errno = 47;
pub const NOMEM: Errno = 48;
pub const NOMSG: Errno = 49;
pub const NOPROTOOPT: Errno = 50;
pub const NOSPC: Errno = 51;
pub const NOSYS: Errno = 52;
pub const NOTCONN: Errno = 53;
pub const NOTDIR: Errno = 54;
pub const NOTEMPTY: Errno = 55;
pub const NOTRECOVERABLE: Errno = 56;
pub const NOTSOCK: Errno = 57;
pub const NOTSUP: Errno = 58;
pub const NOTTY: Errno = 59;
pub const NXIO: Errno = 60;
pub const OVERFLOW: Errno = 61;
pub const OWNERDEAD: Errno = 62;
pub const PERM: Errno = 63;
pub const PIPE: Errno = 64;
pub const PROTO: Errno = 65;
pub const PROTONOSUPPORT: Errno = 66;
pub const PROTOTYPE: Errno = 67;
pub const RANGE: Errno = 68;
pub const ROFS: Errno = 69;
pub const SPIPE: Errno = 70;
pub const SRCH: Errno = 71;
pub const STALE: Errno = 72;
pub const TIMEDOUT: Errno = 73;
pub const TXTBSY: Errno = 74;
pub const XDEV: Errno = 75;
pub const NOTCAPABLE: Errno = 76;

/// The WASI errno for a host error; unknown ones become `IO`.
pub fn from_host(e: Host) -> Errno {
    const TABLE: &[(Host, Errno)] = &[
        (Host::TOOBIG, TOOBIG),
        (Host::ACCESS, ACCES),
        (Host::ADDRINUSE, ADDRINUSE),
        (Host::ADDRNOTAVAIL, ADDRNOTAVAIL),
        (Host::AFNOSUPPORT, AFNOSUPPORT),
        (Host::AGAIN, AGAIN),
        (Host::ALREADY, ALREADY),
        (Host::BADF, BADF),
        (Host::BADMSG, BADMSG),
        (Host::BUSY, BUSY),
        (Host::CANCELED, CANCELED),
        (Host::CHILD, CHILD),
        (Host::CONNABORTED, CONNABORTED),
        (Host::CONNREFUSED, CONNREFUSED),
        (Host::CONNRESET, CONNRESET),
        (Host::DEADLK, DEADLK),
        (Host::DESTADDRREQ, DESTADDRREQ),
        (Host::DOM, DOM),
        (Host::DQUOT, DQUOT),
        (Host::EXIST, EXIST),
        (Host::FAULT, FAULT),
        (Host::FBIG, FBIG),
        (Host::HOSTUNREACH, HOSTUNREACH),
        (Host::IDRM, IDRM),
        (Host::ILSEQ, ILSEQ),
        (Host::INPROGRESS, INPROGRESS),
        (Host::INTR, INTR),
        (Host::INVAL, INVAL),
        (Host::IO, IO),
        (Host::ISCONN, ISCONN),
        (Host::ISDIR, ISDIR),
        (Host::LOOP, LOOP),
        (Host::MFILE, MFILE),
        (Host::MLINK, MLINK),
        (Host::MSGSIZE, MSGSIZE),
        (Host::MULTIHOP, MULTIHOP),
        (Host::NAMETOOLONG, NAMETOOLONG),
        (Host::NETDOWN, NETDOWN),
        (Host::NETRESET, NETRESET),
        (Host::NETUNREACH, NETUNREACH),
        (Host::NFILE, NFILE),
        (Host::NOBUFS, NOBUFS),
        (Host::NODEV, NODEV),
        (Host::NOENT, NOENT),
        (Host::NOEXEC, NOEXEC),
        (Host::NOLCK, NOLCK),
        (Host::NOLINK, NOLINK),
        (Host::NOMEM, NOMEM),
        (Host::NOMSG, NOMSG),
        (Host::NOPROTOOPT, NOPROTOOPT),
        (Host::NOSPC, NOSPC),
        (Host::NOSYS, NOSYS),
        (Host::NOTCONN, NOTCONN),
        (Host::NOTDIR, NOTDIR),
        (Host::NOTEMPTY, NOTEMPTY),
        (Host::NOTRECOVERABLE, NOTRECOVERABLE),
        (Host::NOTSOCK, NOTSOCK),
        (Host::NOTSUP, NOTSUP),
        (Host::NOTTY, NOTTY),
        (Host::NXIO, NXIO),
        (Host::OVERFLOW, OVERFLOW),
        (Host::OWNERDEAD, OWNERDEAD),
        (Host::PERM, PERM),
        (Host::PIPE, PIPE),
        (Host::PROTO, PROTO),
        (Host::PROTONOSUPPORT, PROTONOSUPPORT),
        (Host::PROTOTYPE, PROTOTYPE),
        (Host::RANGE, RANGE),
        (Host::ROFS, ROFS),
        (Host::SPIPE, SPIPE),
        (Host::SRCH, SRCH),
        (Host::STALE, STALE),
        (Host::TIMEDOUT, TIMEDOUT),
        (Host::TXTBSY, TXTBSY),
        (Host::XDEV, XDEV),
    ];
    TABLE.iter().find(|(h, _)| *h == e).map_or(IO, |&(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_errors_map_to_preview1_numbers() {
        assert_eq!(from_host(Host::BADF), 8);
        assert_eq!(from_host(Host::SPIPE), 70);
        assert_eq!(from_host(Host::FAULT), 21);
        assert_eq!(from_host(Host::NOSYS), 52);
        assert_eq!(from_host(Host::XDEV), 75);
        // No WASI equivalent.
        assert_eq!(from_host(Host::from_raw_os_error(0x7ff)), IO);
    }
}
