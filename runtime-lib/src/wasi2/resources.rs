//! Every kind of resource a handle can name, and typed access to each.

use super::filesystem::{Descriptor, DirectoryEntries};
use super::io::{InputStream, IoError, OutputStream, Pollable};
use super::sockets::{DatagramStream, ResolveAddresses, TcpSocket, UdpSocket};

/// A resource behind a handle.
pub enum Resource {
    InputStream(InputStream),
    OutputStream(OutputStream),
    Pollable(Pollable),
    Error(IoError),
    TerminalInput(()),
    TerminalOutput(()),
    Descriptor(Descriptor),
    DirectoryEntryStream(DirectoryEntries),
    Network(()),
    TcpSocket(TcpSocket),
    UdpSocket(UdpSocket),
    IncomingDatagramStream(DatagramStream),
    OutgoingDatagramStream(DatagramStream),
    ResolveAddressStream(ResolveAddresses),
    /// A resource the component defines: its number and representation.
    Local(super::component::Local),
}

crate::resource_accessors! {
    input_stream => InputStream(InputStream), "input-stream";
    output_stream => OutputStream(OutputStream), "output-stream";
    pollable => Pollable(Pollable), "pollable";
    error => Error(IoError), "error";
    descriptor => Descriptor(Descriptor), "descriptor";
    directory_entry_stream => DirectoryEntryStream(DirectoryEntries), "directory-entry-stream";
    network => Network(()), "network";
    tcp_socket => TcpSocket(TcpSocket), "tcp-socket";
    udp_socket => UdpSocket(UdpSocket), "udp-socket";
    incoming_datagram_stream => IncomingDatagramStream(DatagramStream), "incoming-datagram-stream";
    outgoing_datagram_stream => OutgoingDatagramStream(DatagramStream), "outgoing-datagram-stream";
    resolve_address_stream => ResolveAddressStream(ResolveAddresses), "resolve-address-stream";
    local => Local(super::component::Local), "resource of the component";
}
