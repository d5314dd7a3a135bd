//! `wasi:sockets`: TCP and UDP sockets and name lookup. (In progress.)

use super::{Cx, HostResult, HostTrap};

/// A TCP socket.
pub struct TcpSocket {}
/// A UDP socket.
pub struct UdpSocket {}
/// An incoming or outgoing datagram stream.
pub struct DatagramStream {}
/// The addresses of a name lookup.
pub struct ResolveAddresses {}

/// `wasi:sockets/network@0.2#[resource-drop]network`.
pub fn drop_network(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/instance-network@0.2#instance-network`.
pub fn instance_network_instance_network(_cx: &mut Cx<'_>) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[resource-drop]udp-socket`.
pub fn drop_udp_socket(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[resource-drop]incoming-datagram-stream`.
pub fn drop_incoming_datagram_stream(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[resource-drop]outgoing-datagram-stream`.
pub fn drop_outgoing_datagram_stream(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.start-bind`.
pub fn udp_socket_start_bind(
    _cx: &mut Cx<'_>,
    _p0: i32,
    _p1: i32,
    _p2: i32,
    _p3: i32,
    _p4: i32,
    _p5: i32,
    _p6: i32,
    _p7: i32,
    _p8: i32,
    _p9: i32,
    _p10: i32,
    _p11: i32,
    _p12: i32,
    _p13: i32,
    _p14: i32,
) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.finish-bind`.
pub fn udp_socket_finish_bind(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.stream`.
pub fn udp_socket_stream(
    _cx: &mut Cx<'_>,
    _p0: i32,
    _p1: i32,
    _p2: i32,
    _p3: i32,
    _p4: i32,
    _p5: i32,
    _p6: i32,
    _p7: i32,
    _p8: i32,
    _p9: i32,
    _p10: i32,
    _p11: i32,
    _p12: i32,
    _p13: i32,
    _p14: i32,
) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.local-address`.
pub fn udp_socket_local_address(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.remote-address`.
pub fn udp_socket_remote_address(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.address-family`.
pub fn udp_socket_address_family(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.unicast-hop-limit`.
pub fn udp_socket_unicast_hop_limit(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.set-unicast-hop-limit`.
pub fn udp_socket_set_unicast_hop_limit(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.receive-buffer-size`.
pub fn udp_socket_receive_buffer_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.set-receive-buffer-size`.
pub fn udp_socket_set_receive_buffer_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.send-buffer-size`.
pub fn udp_socket_send_buffer_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.set-send-buffer-size`.
pub fn udp_socket_set_send_buffer_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]udp-socket.subscribe`.
pub fn udp_socket_subscribe(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]incoming-datagram-stream.receive`.
pub fn incoming_datagram_stream_receive(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]incoming-datagram-stream.subscribe`.
pub fn incoming_datagram_stream_subscribe(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]outgoing-datagram-stream.check-send`.
pub fn outgoing_datagram_stream_check_send(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]outgoing-datagram-stream.send`.
pub fn outgoing_datagram_stream_send(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp@0.2#[method]outgoing-datagram-stream.subscribe`.
pub fn outgoing_datagram_stream_subscribe(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/udp-create-socket@0.2#create-udp-socket`.
pub fn udp_create_socket_create_udp_socket(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[resource-drop]tcp-socket`.
pub fn drop_tcp_socket(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.start-bind`.
pub fn tcp_socket_start_bind(
    _cx: &mut Cx<'_>,
    _p0: i32,
    _p1: i32,
    _p2: i32,
    _p3: i32,
    _p4: i32,
    _p5: i32,
    _p6: i32,
    _p7: i32,
    _p8: i32,
    _p9: i32,
    _p10: i32,
    _p11: i32,
    _p12: i32,
    _p13: i32,
    _p14: i32,
) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.finish-bind`.
pub fn tcp_socket_finish_bind(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.start-connect`.
pub fn tcp_socket_start_connect(
    _cx: &mut Cx<'_>,
    _p0: i32,
    _p1: i32,
    _p2: i32,
    _p3: i32,
    _p4: i32,
    _p5: i32,
    _p6: i32,
    _p7: i32,
    _p8: i32,
    _p9: i32,
    _p10: i32,
    _p11: i32,
    _p12: i32,
    _p13: i32,
    _p14: i32,
) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.finish-connect`.
pub fn tcp_socket_finish_connect(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.start-listen`.
pub fn tcp_socket_start_listen(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.finish-listen`.
pub fn tcp_socket_finish_listen(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.accept`.
pub fn tcp_socket_accept(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.local-address`.
pub fn tcp_socket_local_address(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.remote-address`.
pub fn tcp_socket_remote_address(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.is-listening`.
pub fn tcp_socket_is_listening(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.address-family`.
pub fn tcp_socket_address_family(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.set-listen-backlog-size`.
pub fn tcp_socket_set_listen_backlog_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.keep-alive-enabled`.
pub fn tcp_socket_keep_alive_enabled(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.set-keep-alive-enabled`.
pub fn tcp_socket_set_keep_alive_enabled(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.keep-alive-idle-time`.
pub fn tcp_socket_keep_alive_idle_time(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.set-keep-alive-idle-time`.
pub fn tcp_socket_set_keep_alive_idle_time(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.keep-alive-interval`.
pub fn tcp_socket_keep_alive_interval(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.set-keep-alive-interval`.
pub fn tcp_socket_set_keep_alive_interval(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.keep-alive-count`.
pub fn tcp_socket_keep_alive_count(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.set-keep-alive-count`.
pub fn tcp_socket_set_keep_alive_count(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.hop-limit`.
pub fn tcp_socket_hop_limit(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.set-hop-limit`.
pub fn tcp_socket_set_hop_limit(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.receive-buffer-size`.
pub fn tcp_socket_receive_buffer_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.set-receive-buffer-size`.
pub fn tcp_socket_set_receive_buffer_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.send-buffer-size`.
pub fn tcp_socket_send_buffer_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.set-send-buffer-size`.
pub fn tcp_socket_set_send_buffer_size(_cx: &mut Cx<'_>, _p0: i32, _p1: i64, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.subscribe`.
pub fn tcp_socket_subscribe(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<i32> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp@0.2#[method]tcp-socket.shutdown`.
pub fn tcp_socket_shutdown(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/tcp-create-socket@0.2#create-tcp-socket`.
pub fn tcp_create_socket_create_tcp_socket(_cx: &mut Cx<'_>, _p0: i32, _p1: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/ip-name-lookup@0.2#[resource-drop]resolve-address-stream`.
pub fn drop_resolve_address_stream(_cx: &mut Cx<'_>, _p0: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}

/// `wasi:sockets/ip-name-lookup@0.2#resolve-addresses`.
pub fn ip_name_lookup_resolve_addresses(_cx: &mut Cx<'_>, _p0: i32, _p1: i32, _p2: i32, _p3: i32) -> HostResult<()> {
    Err(HostTrap::Other("not implemented"))
}
