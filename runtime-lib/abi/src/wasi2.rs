//! The WASI 0.2 functions runtime-lib provides to components, with their
//! core signatures, listed once.
//!
//! Data flow: the compiler fuses a component into one core module whose
//! imports from WASI 0.2 interfaces are named by the interface with its
//! version normalized to `@0.2` (any 0.2.x) and the function, and whose
//! core type is the canonical ABI's flattening of the WIT type with two
//! `i32` constants first: the memory and the `realloc` function of the
//! call's canonical options (`-1` when absent). `kiln build` and `kiln run`
//! check those imports against [`FUNCS`]; the runtime expands
//! [`foreach_wasi2!`](crate::foreach_wasi2) into its definitions, each
//! exported under its import symbol, so a definition whose signature
//! drifts from the list does not compile.
//!
//! The list was printed by `scripts/wasi2-list.py` from the WIT-derived
//! bindings of the crates.io crate `wasip2` 1.0.4 (WASI 0.2.12); it ends
//! with the canonical built-ins for resources a component defines.

/// Calls `$mac!` with every WASI 0.2 function, one entry per function:
///
/// ```text
/// ident "interface@0.2" "function" "import symbol" (p0: type, ...) -> result;
/// ```
///
/// Parameters are the core parameters after the vmctx and the two option
/// constants; types are `i32`, `i64`, `f32` and `f64`.
#[macro_export]
macro_rules! foreach_wasi2 {
    ($mac:ident) => {
        $mac! {
            environment_get_environment "wasi:cli/environment@0.2" "get-environment" "kiln_import_wasi_3acli_2fenvironment_400_2e2__get_2denvironment" (p0: i32);
            environment_get_arguments "wasi:cli/environment@0.2" "get-arguments" "kiln_import_wasi_3acli_2fenvironment_400_2e2__get_2darguments" (p0: i32);
            environment_initial_cwd "wasi:cli/environment@0.2" "initial-cwd" "kiln_import_wasi_3acli_2fenvironment_400_2e2__initial_2dcwd" (p0: i32);
            exit_exit "wasi:cli/exit@0.2" "exit" "kiln_import_wasi_3acli_2fexit_400_2e2__exit" (p0: i32);
            exit_exit_with_code "wasi:cli/exit@0.2" "exit-with-code" "kiln_import_wasi_3acli_2fexit_400_2e2__exit_2dwith_2dcode" (p0: i32);
            stdin_get_stdin "wasi:cli/stdin@0.2" "get-stdin" "kiln_import_wasi_3acli_2fstdin_400_2e2__get_2dstdin" () -> i32;
            stdout_get_stdout "wasi:cli/stdout@0.2" "get-stdout" "kiln_import_wasi_3acli_2fstdout_400_2e2__get_2dstdout" () -> i32;
            stderr_get_stderr "wasi:cli/stderr@0.2" "get-stderr" "kiln_import_wasi_3acli_2fstderr_400_2e2__get_2dstderr" () -> i32;
            drop_terminal_input "wasi:cli/terminal-input@0.2" "[resource-drop]terminal-input" "kiln_import_wasi_3acli_2fterminal_2dinput_400_2e2___5bresource_2ddrop_5dterminal_2dinput" (p0: i32);
            drop_terminal_output "wasi:cli/terminal-output@0.2" "[resource-drop]terminal-output" "kiln_import_wasi_3acli_2fterminal_2doutput_400_2e2___5bresource_2ddrop_5dterminal_2doutput" (p0: i32);
            terminal_stdin_get_terminal_stdin "wasi:cli/terminal-stdin@0.2" "get-terminal-stdin" "kiln_import_wasi_3acli_2fterminal_2dstdin_400_2e2__get_2dterminal_2dstdin" (p0: i32);
            terminal_stdout_get_terminal_stdout "wasi:cli/terminal-stdout@0.2" "get-terminal-stdout" "kiln_import_wasi_3acli_2fterminal_2dstdout_400_2e2__get_2dterminal_2dstdout" (p0: i32);
            terminal_stderr_get_terminal_stderr "wasi:cli/terminal-stderr@0.2" "get-terminal-stderr" "kiln_import_wasi_3acli_2fterminal_2dstderr_400_2e2__get_2dterminal_2dstderr" (p0: i32);
            monotonic_clock_now "wasi:clocks/monotonic-clock@0.2" "now" "kiln_import_wasi_3aclocks_2fmonotonic_2dclock_400_2e2__now" () -> i64;
            monotonic_clock_resolution "wasi:clocks/monotonic-clock@0.2" "resolution" "kiln_import_wasi_3aclocks_2fmonotonic_2dclock_400_2e2__resolution" () -> i64;
            monotonic_clock_subscribe_instant "wasi:clocks/monotonic-clock@0.2" "subscribe-instant" "kiln_import_wasi_3aclocks_2fmonotonic_2dclock_400_2e2__subscribe_2dinstant" (p0: i64) -> i32;
            monotonic_clock_subscribe_duration "wasi:clocks/monotonic-clock@0.2" "subscribe-duration" "kiln_import_wasi_3aclocks_2fmonotonic_2dclock_400_2e2__subscribe_2dduration" (p0: i64) -> i32;
            wall_clock_now "wasi:clocks/wall-clock@0.2" "now" "kiln_import_wasi_3aclocks_2fwall_2dclock_400_2e2__now" (p0: i32);
            wall_clock_resolution "wasi:clocks/wall-clock@0.2" "resolution" "kiln_import_wasi_3aclocks_2fwall_2dclock_400_2e2__resolution" (p0: i32);
            drop_descriptor "wasi:filesystem/types@0.2" "[resource-drop]descriptor" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bresource_2ddrop_5ddescriptor" (p0: i32);
            drop_directory_entry_stream "wasi:filesystem/types@0.2" "[resource-drop]directory-entry-stream" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bresource_2ddrop_5ddirectory_2dentry_2dstream" (p0: i32);
            descriptor_read_via_stream "wasi:filesystem/types@0.2" "[method]descriptor.read-via-stream" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eread_2dvia_2dstream" (p0: i32, p1: i64, p2: i32);
            descriptor_write_via_stream "wasi:filesystem/types@0.2" "[method]descriptor.write-via-stream" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2ewrite_2dvia_2dstream" (p0: i32, p1: i64, p2: i32);
            descriptor_append_via_stream "wasi:filesystem/types@0.2" "[method]descriptor.append-via-stream" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eappend_2dvia_2dstream" (p0: i32, p1: i32);
            descriptor_advise "wasi:filesystem/types@0.2" "[method]descriptor.advise" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eadvise" (p0: i32, p1: i64, p2: i64, p3: i32, p4: i32);
            descriptor_sync_data "wasi:filesystem/types@0.2" "[method]descriptor.sync-data" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2esync_2ddata" (p0: i32, p1: i32);
            descriptor_get_flags "wasi:filesystem/types@0.2" "[method]descriptor.get-flags" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eget_2dflags" (p0: i32, p1: i32);
            descriptor_get_type "wasi:filesystem/types@0.2" "[method]descriptor.get-type" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eget_2dtype" (p0: i32, p1: i32);
            descriptor_set_size "wasi:filesystem/types@0.2" "[method]descriptor.set-size" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eset_2dsize" (p0: i32, p1: i64, p2: i32);
            descriptor_set_times "wasi:filesystem/types@0.2" "[method]descriptor.set-times" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eset_2dtimes" (p0: i32, p1: i32, p2: i64, p3: i32, p4: i32, p5: i64, p6: i32, p7: i32);
            descriptor_read "wasi:filesystem/types@0.2" "[method]descriptor.read" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eread" (p0: i32, p1: i64, p2: i64, p3: i32);
            descriptor_write "wasi:filesystem/types@0.2" "[method]descriptor.write" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2ewrite" (p0: i32, p1: i32, p2: i32, p3: i64, p4: i32);
            descriptor_read_directory "wasi:filesystem/types@0.2" "[method]descriptor.read-directory" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eread_2ddirectory" (p0: i32, p1: i32);
            descriptor_sync "wasi:filesystem/types@0.2" "[method]descriptor.sync" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2esync" (p0: i32, p1: i32);
            descriptor_create_directory_at "wasi:filesystem/types@0.2" "[method]descriptor.create-directory-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2ecreate_2ddirectory_2dat" (p0: i32, p1: i32, p2: i32, p3: i32);
            descriptor_stat "wasi:filesystem/types@0.2" "[method]descriptor.stat" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2estat" (p0: i32, p1: i32);
            descriptor_stat_at "wasi:filesystem/types@0.2" "[method]descriptor.stat-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2estat_2dat" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32);
            descriptor_set_times_at "wasi:filesystem/types@0.2" "[method]descriptor.set-times-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eset_2dtimes_2dat" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i64, p6: i32, p7: i32, p8: i64, p9: i32, p10: i32);
            descriptor_link_at "wasi:filesystem/types@0.2" "[method]descriptor.link-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2elink_2dat" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32, p7: i32);
            descriptor_open_at "wasi:filesystem/types@0.2" "[method]descriptor.open-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eopen_2dat" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32);
            descriptor_readlink_at "wasi:filesystem/types@0.2" "[method]descriptor.readlink-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2ereadlink_2dat" (p0: i32, p1: i32, p2: i32, p3: i32);
            descriptor_remove_directory_at "wasi:filesystem/types@0.2" "[method]descriptor.remove-directory-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eremove_2ddirectory_2dat" (p0: i32, p1: i32, p2: i32, p3: i32);
            descriptor_rename_at "wasi:filesystem/types@0.2" "[method]descriptor.rename-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2erename_2dat" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32);
            descriptor_symlink_at "wasi:filesystem/types@0.2" "[method]descriptor.symlink-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2esymlink_2dat" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32);
            descriptor_unlink_file_at "wasi:filesystem/types@0.2" "[method]descriptor.unlink-file-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eunlink_2dfile_2dat" (p0: i32, p1: i32, p2: i32, p3: i32);
            descriptor_is_same_object "wasi:filesystem/types@0.2" "[method]descriptor.is-same-object" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2eis_2dsame_2dobject" (p0: i32, p1: i32) -> i32;
            descriptor_metadata_hash "wasi:filesystem/types@0.2" "[method]descriptor.metadata-hash" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2emetadata_2dhash" (p0: i32, p1: i32);
            descriptor_metadata_hash_at "wasi:filesystem/types@0.2" "[method]descriptor.metadata-hash-at" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddescriptor_2emetadata_2dhash_2dat" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32);
            directory_entry_stream_read_directory_entry "wasi:filesystem/types@0.2" "[method]directory-entry-stream.read-directory-entry" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2___5bmethod_5ddirectory_2dentry_2dstream_2eread_2ddirectory_2dentry" (p0: i32, p1: i32);
            types_filesystem_error_code "wasi:filesystem/types@0.2" "filesystem-error-code" "kiln_import_wasi_3afilesystem_2ftypes_400_2e2__filesystem_2derror_2dcode" (p0: i32, p1: i32);
            preopens_get_directories "wasi:filesystem/preopens@0.2" "get-directories" "kiln_import_wasi_3afilesystem_2fpreopens_400_2e2__get_2ddirectories" (p0: i32);
            drop_error "wasi:io/error@0.2" "[resource-drop]error" "kiln_import_wasi_3aio_2ferror_400_2e2___5bresource_2ddrop_5derror" (p0: i32);
            error_to_debug_string "wasi:io/error@0.2" "[method]error.to-debug-string" "kiln_import_wasi_3aio_2ferror_400_2e2___5bmethod_5derror_2eto_2ddebug_2dstring" (p0: i32, p1: i32);
            drop_pollable "wasi:io/poll@0.2" "[resource-drop]pollable" "kiln_import_wasi_3aio_2fpoll_400_2e2___5bresource_2ddrop_5dpollable" (p0: i32);
            pollable_ready "wasi:io/poll@0.2" "[method]pollable.ready" "kiln_import_wasi_3aio_2fpoll_400_2e2___5bmethod_5dpollable_2eready" (p0: i32) -> i32;
            pollable_block "wasi:io/poll@0.2" "[method]pollable.block" "kiln_import_wasi_3aio_2fpoll_400_2e2___5bmethod_5dpollable_2eblock" (p0: i32);
            poll_poll "wasi:io/poll@0.2" "poll" "kiln_import_wasi_3aio_2fpoll_400_2e2__poll" (p0: i32, p1: i32, p2: i32);
            drop_input_stream "wasi:io/streams@0.2" "[resource-drop]input-stream" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bresource_2ddrop_5dinput_2dstream" (p0: i32);
            drop_output_stream "wasi:io/streams@0.2" "[resource-drop]output-stream" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bresource_2ddrop_5doutput_2dstream" (p0: i32);
            input_stream_read "wasi:io/streams@0.2" "[method]input-stream.read" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5dinput_2dstream_2eread" (p0: i32, p1: i64, p2: i32);
            input_stream_blocking_read "wasi:io/streams@0.2" "[method]input-stream.blocking-read" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5dinput_2dstream_2eblocking_2dread" (p0: i32, p1: i64, p2: i32);
            input_stream_skip "wasi:io/streams@0.2" "[method]input-stream.skip" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5dinput_2dstream_2eskip" (p0: i32, p1: i64, p2: i32);
            input_stream_blocking_skip "wasi:io/streams@0.2" "[method]input-stream.blocking-skip" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5dinput_2dstream_2eblocking_2dskip" (p0: i32, p1: i64, p2: i32);
            input_stream_subscribe "wasi:io/streams@0.2" "[method]input-stream.subscribe" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5dinput_2dstream_2esubscribe" (p0: i32) -> i32;
            output_stream_check_write "wasi:io/streams@0.2" "[method]output-stream.check-write" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2echeck_2dwrite" (p0: i32, p1: i32);
            output_stream_write "wasi:io/streams@0.2" "[method]output-stream.write" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2ewrite" (p0: i32, p1: i32, p2: i32, p3: i32);
            output_stream_blocking_write_and_flush "wasi:io/streams@0.2" "[method]output-stream.blocking-write-and-flush" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2eblocking_2dwrite_2dand_2dflush" (p0: i32, p1: i32, p2: i32, p3: i32);
            output_stream_flush "wasi:io/streams@0.2" "[method]output-stream.flush" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2eflush" (p0: i32, p1: i32);
            output_stream_blocking_flush "wasi:io/streams@0.2" "[method]output-stream.blocking-flush" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2eblocking_2dflush" (p0: i32, p1: i32);
            output_stream_subscribe "wasi:io/streams@0.2" "[method]output-stream.subscribe" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2esubscribe" (p0: i32) -> i32;
            output_stream_write_zeroes "wasi:io/streams@0.2" "[method]output-stream.write-zeroes" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2ewrite_2dzeroes" (p0: i32, p1: i64, p2: i32);
            output_stream_blocking_write_zeroes_and_flush "wasi:io/streams@0.2" "[method]output-stream.blocking-write-zeroes-and-flush" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2eblocking_2dwrite_2dzeroes_2dand_2dflush" (p0: i32, p1: i64, p2: i32);
            output_stream_splice "wasi:io/streams@0.2" "[method]output-stream.splice" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2esplice" (p0: i32, p1: i32, p2: i64, p3: i32);
            output_stream_blocking_splice "wasi:io/streams@0.2" "[method]output-stream.blocking-splice" "kiln_import_wasi_3aio_2fstreams_400_2e2___5bmethod_5doutput_2dstream_2eblocking_2dsplice" (p0: i32, p1: i32, p2: i64, p3: i32);
            random_get_random_bytes "wasi:random/random@0.2" "get-random-bytes" "kiln_import_wasi_3arandom_2frandom_400_2e2__get_2drandom_2dbytes" (p0: i64, p1: i32);
            random_get_random_u64 "wasi:random/random@0.2" "get-random-u64" "kiln_import_wasi_3arandom_2frandom_400_2e2__get_2drandom_2du64" () -> i64;
            insecure_get_insecure_random_bytes "wasi:random/insecure@0.2" "get-insecure-random-bytes" "kiln_import_wasi_3arandom_2finsecure_400_2e2__get_2dinsecure_2drandom_2dbytes" (p0: i64, p1: i32);
            insecure_get_insecure_random_u64 "wasi:random/insecure@0.2" "get-insecure-random-u64" "kiln_import_wasi_3arandom_2finsecure_400_2e2__get_2dinsecure_2drandom_2du64" () -> i64;
            insecure_seed_insecure_seed "wasi:random/insecure-seed@0.2" "insecure-seed" "kiln_import_wasi_3arandom_2finsecure_2dseed_400_2e2__insecure_2dseed" (p0: i32);
            drop_network "wasi:sockets/network@0.2" "[resource-drop]network" "kiln_import_wasi_3asockets_2fnetwork_400_2e2___5bresource_2ddrop_5dnetwork" (p0: i32);
            instance_network_instance_network "wasi:sockets/instance-network@0.2" "instance-network" "kiln_import_wasi_3asockets_2finstance_2dnetwork_400_2e2__instance_2dnetwork" () -> i32;
            drop_udp_socket "wasi:sockets/udp@0.2" "[resource-drop]udp-socket" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bresource_2ddrop_5dudp_2dsocket" (p0: i32);
            drop_incoming_datagram_stream "wasi:sockets/udp@0.2" "[resource-drop]incoming-datagram-stream" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bresource_2ddrop_5dincoming_2ddatagram_2dstream" (p0: i32);
            drop_outgoing_datagram_stream "wasi:sockets/udp@0.2" "[resource-drop]outgoing-datagram-stream" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bresource_2ddrop_5doutgoing_2ddatagram_2dstream" (p0: i32);
            udp_socket_start_bind "wasi:sockets/udp@0.2" "[method]udp-socket.start-bind" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2estart_2dbind" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32, p7: i32, p8: i32, p9: i32, p10: i32, p11: i32, p12: i32, p13: i32, p14: i32);
            udp_socket_finish_bind "wasi:sockets/udp@0.2" "[method]udp-socket.finish-bind" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2efinish_2dbind" (p0: i32, p1: i32);
            udp_socket_stream "wasi:sockets/udp@0.2" "[method]udp-socket.stream" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2estream" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32, p7: i32, p8: i32, p9: i32, p10: i32, p11: i32, p12: i32, p13: i32, p14: i32);
            udp_socket_local_address "wasi:sockets/udp@0.2" "[method]udp-socket.local-address" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2elocal_2daddress" (p0: i32, p1: i32);
            udp_socket_remote_address "wasi:sockets/udp@0.2" "[method]udp-socket.remote-address" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2eremote_2daddress" (p0: i32, p1: i32);
            udp_socket_address_family "wasi:sockets/udp@0.2" "[method]udp-socket.address-family" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2eaddress_2dfamily" (p0: i32) -> i32;
            udp_socket_unicast_hop_limit "wasi:sockets/udp@0.2" "[method]udp-socket.unicast-hop-limit" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2eunicast_2dhop_2dlimit" (p0: i32, p1: i32);
            udp_socket_set_unicast_hop_limit "wasi:sockets/udp@0.2" "[method]udp-socket.set-unicast-hop-limit" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2eset_2dunicast_2dhop_2dlimit" (p0: i32, p1: i32, p2: i32);
            udp_socket_receive_buffer_size "wasi:sockets/udp@0.2" "[method]udp-socket.receive-buffer-size" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2ereceive_2dbuffer_2dsize" (p0: i32, p1: i32);
            udp_socket_set_receive_buffer_size "wasi:sockets/udp@0.2" "[method]udp-socket.set-receive-buffer-size" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2eset_2dreceive_2dbuffer_2dsize" (p0: i32, p1: i64, p2: i32);
            udp_socket_send_buffer_size "wasi:sockets/udp@0.2" "[method]udp-socket.send-buffer-size" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2esend_2dbuffer_2dsize" (p0: i32, p1: i32);
            udp_socket_set_send_buffer_size "wasi:sockets/udp@0.2" "[method]udp-socket.set-send-buffer-size" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2eset_2dsend_2dbuffer_2dsize" (p0: i32, p1: i64, p2: i32);
            udp_socket_subscribe "wasi:sockets/udp@0.2" "[method]udp-socket.subscribe" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dudp_2dsocket_2esubscribe" (p0: i32) -> i32;
            incoming_datagram_stream_receive "wasi:sockets/udp@0.2" "[method]incoming-datagram-stream.receive" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dincoming_2ddatagram_2dstream_2ereceive" (p0: i32, p1: i64, p2: i32);
            incoming_datagram_stream_subscribe "wasi:sockets/udp@0.2" "[method]incoming-datagram-stream.subscribe" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5dincoming_2ddatagram_2dstream_2esubscribe" (p0: i32) -> i32;
            outgoing_datagram_stream_check_send "wasi:sockets/udp@0.2" "[method]outgoing-datagram-stream.check-send" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5doutgoing_2ddatagram_2dstream_2echeck_2dsend" (p0: i32, p1: i32);
            outgoing_datagram_stream_send "wasi:sockets/udp@0.2" "[method]outgoing-datagram-stream.send" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5doutgoing_2ddatagram_2dstream_2esend" (p0: i32, p1: i32, p2: i32, p3: i32);
            outgoing_datagram_stream_subscribe "wasi:sockets/udp@0.2" "[method]outgoing-datagram-stream.subscribe" "kiln_import_wasi_3asockets_2fudp_400_2e2___5bmethod_5doutgoing_2ddatagram_2dstream_2esubscribe" (p0: i32) -> i32;
            udp_create_socket_create_udp_socket "wasi:sockets/udp-create-socket@0.2" "create-udp-socket" "kiln_import_wasi_3asockets_2fudp_2dcreate_2dsocket_400_2e2__create_2dudp_2dsocket" (p0: i32, p1: i32);
            drop_tcp_socket "wasi:sockets/tcp@0.2" "[resource-drop]tcp-socket" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bresource_2ddrop_5dtcp_2dsocket" (p0: i32);
            tcp_socket_start_bind "wasi:sockets/tcp@0.2" "[method]tcp-socket.start-bind" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2estart_2dbind" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32, p7: i32, p8: i32, p9: i32, p10: i32, p11: i32, p12: i32, p13: i32, p14: i32);
            tcp_socket_finish_bind "wasi:sockets/tcp@0.2" "[method]tcp-socket.finish-bind" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2efinish_2dbind" (p0: i32, p1: i32);
            tcp_socket_start_connect "wasi:sockets/tcp@0.2" "[method]tcp-socket.start-connect" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2estart_2dconnect" (p0: i32, p1: i32, p2: i32, p3: i32, p4: i32, p5: i32, p6: i32, p7: i32, p8: i32, p9: i32, p10: i32, p11: i32, p12: i32, p13: i32, p14: i32);
            tcp_socket_finish_connect "wasi:sockets/tcp@0.2" "[method]tcp-socket.finish-connect" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2efinish_2dconnect" (p0: i32, p1: i32);
            tcp_socket_start_listen "wasi:sockets/tcp@0.2" "[method]tcp-socket.start-listen" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2estart_2dlisten" (p0: i32, p1: i32);
            tcp_socket_finish_listen "wasi:sockets/tcp@0.2" "[method]tcp-socket.finish-listen" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2efinish_2dlisten" (p0: i32, p1: i32);
            tcp_socket_accept "wasi:sockets/tcp@0.2" "[method]tcp-socket.accept" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eaccept" (p0: i32, p1: i32);
            tcp_socket_local_address "wasi:sockets/tcp@0.2" "[method]tcp-socket.local-address" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2elocal_2daddress" (p0: i32, p1: i32);
            tcp_socket_remote_address "wasi:sockets/tcp@0.2" "[method]tcp-socket.remote-address" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eremote_2daddress" (p0: i32, p1: i32);
            tcp_socket_is_listening "wasi:sockets/tcp@0.2" "[method]tcp-socket.is-listening" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eis_2dlistening" (p0: i32) -> i32;
            tcp_socket_address_family "wasi:sockets/tcp@0.2" "[method]tcp-socket.address-family" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eaddress_2dfamily" (p0: i32) -> i32;
            tcp_socket_set_listen_backlog_size "wasi:sockets/tcp@0.2" "[method]tcp-socket.set-listen-backlog-size" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eset_2dlisten_2dbacklog_2dsize" (p0: i32, p1: i64, p2: i32);
            tcp_socket_keep_alive_enabled "wasi:sockets/tcp@0.2" "[method]tcp-socket.keep-alive-enabled" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2ekeep_2dalive_2denabled" (p0: i32, p1: i32);
            tcp_socket_set_keep_alive_enabled "wasi:sockets/tcp@0.2" "[method]tcp-socket.set-keep-alive-enabled" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eset_2dkeep_2dalive_2denabled" (p0: i32, p1: i32, p2: i32);
            tcp_socket_keep_alive_idle_time "wasi:sockets/tcp@0.2" "[method]tcp-socket.keep-alive-idle-time" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2ekeep_2dalive_2didle_2dtime" (p0: i32, p1: i32);
            tcp_socket_set_keep_alive_idle_time "wasi:sockets/tcp@0.2" "[method]tcp-socket.set-keep-alive-idle-time" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eset_2dkeep_2dalive_2didle_2dtime" (p0: i32, p1: i64, p2: i32);
            tcp_socket_keep_alive_interval "wasi:sockets/tcp@0.2" "[method]tcp-socket.keep-alive-interval" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2ekeep_2dalive_2dinterval" (p0: i32, p1: i32);
            tcp_socket_set_keep_alive_interval "wasi:sockets/tcp@0.2" "[method]tcp-socket.set-keep-alive-interval" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eset_2dkeep_2dalive_2dinterval" (p0: i32, p1: i64, p2: i32);
            tcp_socket_keep_alive_count "wasi:sockets/tcp@0.2" "[method]tcp-socket.keep-alive-count" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2ekeep_2dalive_2dcount" (p0: i32, p1: i32);
            tcp_socket_set_keep_alive_count "wasi:sockets/tcp@0.2" "[method]tcp-socket.set-keep-alive-count" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eset_2dkeep_2dalive_2dcount" (p0: i32, p1: i32, p2: i32);
            tcp_socket_hop_limit "wasi:sockets/tcp@0.2" "[method]tcp-socket.hop-limit" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2ehop_2dlimit" (p0: i32, p1: i32);
            tcp_socket_set_hop_limit "wasi:sockets/tcp@0.2" "[method]tcp-socket.set-hop-limit" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eset_2dhop_2dlimit" (p0: i32, p1: i32, p2: i32);
            tcp_socket_receive_buffer_size "wasi:sockets/tcp@0.2" "[method]tcp-socket.receive-buffer-size" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2ereceive_2dbuffer_2dsize" (p0: i32, p1: i32);
            tcp_socket_set_receive_buffer_size "wasi:sockets/tcp@0.2" "[method]tcp-socket.set-receive-buffer-size" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eset_2dreceive_2dbuffer_2dsize" (p0: i32, p1: i64, p2: i32);
            tcp_socket_send_buffer_size "wasi:sockets/tcp@0.2" "[method]tcp-socket.send-buffer-size" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2esend_2dbuffer_2dsize" (p0: i32, p1: i32);
            tcp_socket_set_send_buffer_size "wasi:sockets/tcp@0.2" "[method]tcp-socket.set-send-buffer-size" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eset_2dsend_2dbuffer_2dsize" (p0: i32, p1: i64, p2: i32);
            tcp_socket_subscribe "wasi:sockets/tcp@0.2" "[method]tcp-socket.subscribe" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2esubscribe" (p0: i32) -> i32;
            tcp_socket_shutdown "wasi:sockets/tcp@0.2" "[method]tcp-socket.shutdown" "kiln_import_wasi_3asockets_2ftcp_400_2e2___5bmethod_5dtcp_2dsocket_2eshutdown" (p0: i32, p1: i32, p2: i32);
            tcp_create_socket_create_tcp_socket "wasi:sockets/tcp-create-socket@0.2" "create-tcp-socket" "kiln_import_wasi_3asockets_2ftcp_2dcreate_2dsocket_400_2e2__create_2dtcp_2dsocket" (p0: i32, p1: i32);
            drop_resolve_address_stream "wasi:sockets/ip-name-lookup@0.2" "[resource-drop]resolve-address-stream" "kiln_import_wasi_3asockets_2fip_2dname_2dlookup_400_2e2___5bresource_2ddrop_5dresolve_2daddress_2dstream" (p0: i32);
            resolve_address_stream_resolve_next_address "wasi:sockets/ip-name-lookup@0.2" "[method]resolve-address-stream.resolve-next-address" "kiln_import_wasi_3asockets_2fip_2dname_2dlookup_400_2e2___5bmethod_5dresolve_2daddress_2dstream_2eresolve_2dnext_2daddress" (p0: i32, p1: i32);
            resolve_address_stream_subscribe "wasi:sockets/ip-name-lookup@0.2" "[method]resolve-address-stream.subscribe" "kiln_import_wasi_3asockets_2fip_2dname_2dlookup_400_2e2___5bmethod_5dresolve_2daddress_2dstream_2esubscribe" (p0: i32) -> i32;
            ip_name_lookup_resolve_addresses "wasi:sockets/ip-name-lookup@0.2" "resolve-addresses" "kiln_import_wasi_3asockets_2fip_2dname_2dlookup_400_2e2__resolve_2daddresses" (p0: i32, p1: i32, p2: i32, p3: i32);
            component_resource_new "kiln:component" "resource-new" "kiln_import_kiln_3acomponent__resource_2dnew" (p0: i32) -> i32;
            component_resource_rep "kiln:component" "resource-rep" "kiln_import_kiln_3acomponent__resource_2drep" (p0: i32) -> i32;
            component_resource_drop "kiln:component" "resource-drop" "kiln_import_kiln_3acomponent__resource_2ddrop" (p0: i32);
        }
    };
}

/// The mutable `i32` global a fused component exports: a host function
/// sets it to make the wrapper that called it trap.
pub const HOST_TRAP_GLOBAL: &str = "kiln:host-trap";

/// A WASI 0.2 function: interface, name and core signature (after the
/// two option constants).
#[derive(Debug)]
pub struct Func {
    /// The interface, version normalized (`wasi:io/streams@0.2`).
    pub module: &'static str,
    /// The function (`[method]output-stream.write`).
    pub name: &'static str,
    /// Core parameter types after the two option constants, as
    /// [`crate::valtype`] codes.
    pub params: &'static [u8],
    /// Core result types.
    pub results: &'static [u8],
}

/// The [`crate::valtype`] code of a type name of the list.
#[doc(hidden)]
#[macro_export]
macro_rules! wasi2_valtype {
    (i32) => {
        $crate::tables::valtype::I32
    };
    (i64) => {
        $crate::tables::valtype::I64
    };
    (f32) => {
        $crate::tables::valtype::F32
    };
    (f64) => {
        $crate::tables::valtype::F64
    };
}

macro_rules! func_table {
    ($( $ident:ident $module:literal $name:literal $symbol:literal ( $($p:ident : $t:ident),* ) $(-> $r:ident)? ; )*) => {
        /// Every WASI 0.2 function, in list order.
        pub const FUNCS: &[Func] = &[ $(
            Func {
                module: $module,
                name: $name,
                params: &[ $( $crate::wasi2_valtype!($t) ),* ],
                results: &[ $( $crate::wasi2_valtype!($r) )? ],
            },
        )* ];
    };
}
foreach_wasi2!(func_table);

/// The module of the canonical built-ins for resources a component
/// defines (`resource-new`, `resource-rep`, `resource-drop`), which the
/// fused module imports with the resource's number and destructor as the
/// two constants.
pub const BUILTIN_MODULE: &str = "kiln:component";

/// Whether the runtime provides the functions of `module` to fused
/// components: a WASI 0.2 interface as fused imports name them, or the
/// canonical built-ins.
pub fn is_wasi2(module: &str) -> bool {
    (module.starts_with("wasi:") && module.ends_with("@0.2")) || module == BUILTIN_MODULE
}

/// Looks up a WASI 0.2 function.
pub fn find(module: &str, name: &str) -> Option<&'static Func> {
    FUNCS.iter().find(|f| f.module == module && f.name == name)
}

/// Whether a fused import of `module`/`name` with core type
/// `params -> results` (valtype codes, the two option constants first) is
/// a WASI 0.2 function kiln provides: `Ok`, or why not.
pub fn check(module: &str, name: &str, params: &[u8], results: &[u8]) -> Result<(), &'static str> {
    let Some(f) = find(module, name) else {
        return Err("kiln does not provide this WASI 0.2 function");
    };
    let constants = [crate::tables::valtype::I32; 2];
    if params.len() != f.params.len() + 2
        || params[..2] != constants
        || params[2..] != *f.params
        || results != f.results
    {
        return Err("its type differs from the WASI 0.2 function kiln provides");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    macro_rules! symbols {
        ($( $ident:ident $module:literal $name:literal $symbol:literal ( $($p:ident : $t:ident),* ) $(-> $r:ident)? ; )*) => {
            &[ $( ($module, $name, $symbol) ),* ]
        };
    }

    #[test]
    fn symbols_are_the_import_symbols() {
        let list: &[(&str, &str, &str)] = foreach_wasi2!(symbols);
        assert_eq!(list.len(), FUNCS.len());
        for (module, name, symbol) in list {
            let mut s = String::new();
            crate::symbols::import_symbol(module, name, &mut s).unwrap();
            assert_eq!(&s, symbol);
        }
        assert!(find("wasi:io/streams@0.2", "[method]output-stream.write").is_some());
        assert!(is_wasi2("wasi:cli/exit@0.2"));
    }
}
