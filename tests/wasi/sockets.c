// Sockets on loopback: the test harness connects to the listener granted
// with --tcplisten (descriptor 3) once this program prints "ready", sends
// "ping", and expects "pong:ping!" and then end of stream.
// grants: --tcplisten {addr}
#include "check.h"
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
    __wasi_fdstat_t fs;
    CHECK_WASI(__wasi_fd_fdstat_get(3, &fs), 0);
    CHECK(fs.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM);
    CHECK(fs.fs_rights_base & __WASI_RIGHTS_SOCK_ACCEPT);
    __wasi_prestat_t pre;
    CHECK_WASI(__wasi_fd_prestat_get(3, &pre), __WASI_ERRNO_BADF);

    // Nothing is pending yet: a nonblocking listener says EAGAIN.
    __wasi_fd_t conn = 0;
    CHECK_WASI(__wasi_fd_fdstat_set_flags(3, __WASI_FDFLAGS_NONBLOCK), 0);
    CHECK_WASI(__wasi_sock_accept(3, 0, &conn), __WASI_ERRNO_AGAIN);
    CHECK_WASI(__wasi_fd_fdstat_set_flags(3, 0), 0);
    CHECK_WASI(__wasi_sock_accept(3, 0x100, &conn), __WASI_ERRNO_INVAL);
    CHECK_WASI(__wasi_sock_accept(1, 0, &conn), __WASI_ERRNO_NOTSOCK);
    printf("ready\n");
    fflush(stdout);

    // Wait for the connection with poll_oneoff.
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = 42;
    sub.u.tag = __WASI_EVENTTYPE_FD_READ;
    sub.u.u.fd_read.file_descriptor = 3;
    __wasi_event_t ev;
    __wasi_size_t n = 0;
    CHECK_WASI(__wasi_poll_oneoff(&sub, &ev, 1, &n), 0);
    CHECK(n == 1 && ev.userdata == 42 && ev.error == 0);

    int c = accept(3, NULL, NULL);
    CHECK(c > 3);
    CHECK_WASI(__wasi_fd_fdstat_get(c, &fs), 0);
    CHECK(fs.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM);
    CHECK(fs.fs_rights_base & __WASI_RIGHTS_SOCK_SHUTDOWN);

    // Peek, then read "ping" (it may come in pieces).
    char buf[16] = {0};
    size_t got = 0;
    while (got < 4) {
        __wasi_iovec_t iov = {(uint8_t *)buf + got, 4 - got};
        __wasi_size_t nread = 0;
        __wasi_roflags_t ro = 1;
        if (got == 0) {
            CHECK_WASI(__wasi_sock_recv(c, &iov, 1, __WASI_RIFLAGS_RECV_PEEK, &nread, &ro), 0);
            CHECK(nread > 0 && ro == 0 && buf[0] == 'p');
        }
        CHECK_WASI(__wasi_sock_recv(c, &iov, 1, __WASI_RIFLAGS_RECV_WAITALL, &nread, &ro), 0);
        if (nread == 0) break;
        got += nread;
    }
    CHECK(got == 4 && memcmp(buf, "ping", 4) == 0);

    // Reply with sock_send and fd_write, then shut down writing.
    __wasi_ciovec_t out[2] = {{(const uint8_t *)"pong:", 5}, {(const uint8_t *)buf, 4}};
    __wasi_size_t sent = 0;
    CHECK_WASI(__wasi_sock_send(c, out, 2, 0, &sent), 0);
    CHECK(sent == 9);
    CHECK(write(c, "!", 1) == 1);
    CHECK_WASI(__wasi_sock_send(c, out, 1, 1, &sent), __WASI_ERRNO_INVAL);
    CHECK_WASI(__wasi_sock_shutdown(c, 0), __WASI_ERRNO_INVAL);
    CHECK(shutdown(c, SHUT_WR) == 0);

    // The harness closes its end: end of stream.
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t nread = 1;
    __wasi_roflags_t ro;
    CHECK_WASI(__wasi_sock_recv(c, &iov, 1, 0, &nread, &ro), 0);
    CHECK(nread == 0);
    CHECK_WASI(__wasi_sock_recv(1, &iov, 1, 0, &nread, &ro), __WASI_ERRNO_NOTSOCK);
    CHECK_WASI(__wasi_sock_shutdown(3, __WASI_SDFLAGS_WR), __WASI_ERRNO_NOTSOCK);
    CHECK(close(c) == 0);
    return finish("sockets");
}
