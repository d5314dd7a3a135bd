// poll_oneoff: relative and absolute clock timeouts, file descriptors
// (always ready), bad descriptors reported per event, and errors.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#define MS 1000000ull

static __wasi_timestamp_t now(__wasi_clockid_t id) {
    __wasi_timestamp_t t = 0;
    CHECK_WASI(__wasi_clock_time_get(id, 1, &t), 0);
    return t;
}

static __wasi_subscription_t clock_sub(__wasi_userdata_t ud, __wasi_clockid_t id, __wasi_timestamp_t timeout,
                                       __wasi_subclockflags_t flags) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = ud;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.flags = flags;
    return s;
}

static __wasi_subscription_t fd_sub(__wasi_userdata_t ud, __wasi_eventtype_t type, __wasi_fd_t fd) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = ud;
    s.u.tag = type;
    s.u.u.fd_read.file_descriptor = fd;
    return s;
}

int main(void) {
    __wasi_event_t ev[4];
    __wasi_size_t n = 0;

    // A relative timeout sleeps at least that long.
    __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC);
    __wasi_subscription_t s[4];
    s[0] = clock_sub(7, __WASI_CLOCKID_MONOTONIC, 20 * MS, 0);
    CHECK_WASI(__wasi_poll_oneoff(s, ev, 1, &n), 0);
    CHECK(n == 1 && ev[0].userdata == 7 && ev[0].type == __WASI_EVENTTYPE_CLOCK && ev[0].error == 0);
    CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 >= 20 * MS);

    // An absolute realtime deadline.
    __wasi_timestamp_t r0 = now(__WASI_CLOCKID_REALTIME);
    s[0] = clock_sub(8, __WASI_CLOCKID_REALTIME, r0 + 15 * MS, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    CHECK_WASI(__wasi_poll_oneoff(s, ev, 1, &n), 0);
    CHECK(n == 1 && ev[0].userdata == 8);
    CHECK(now(__WASI_CLOCKID_REALTIME) >= r0 + 15 * MS);
    // A deadline in the past fires at once.
    s[0] = clock_sub(9, __WASI_CLOCKID_MONOTONIC, 1, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    CHECK_WASI(__wasi_poll_oneoff(s, ev, 1, &n), 0);
    CHECK(n == 1 && ev[0].userdata == 9);

    // nanosleep and clock_nanosleep go through poll_oneoff too.
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    struct timespec ts = {0, 10 * 1000 * 1000};
    CHECK(nanosleep(&ts, NULL) == 0);
    CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 >= 10 * MS);

    // A regular file is ready at once for reading (with the bytes left) and
    // writing; the long timeout does not fire.
    CHECK(write_file("/sandbox/p", "0123456789") == 0);
    int fd = open("/sandbox/p", O_RDWR);
    CHECK(fd >= 0 && lseek(fd, 4, SEEK_SET) == 4);
    s[0] = fd_sub(1, __WASI_EVENTTYPE_FD_READ, fd);
    s[1] = fd_sub(2, __WASI_EVENTTYPE_FD_WRITE, fd);
    s[2] = clock_sub(3, __WASI_CLOCKID_MONOTONIC, 10000 * MS, 0);
    t0 = now(__WASI_CLOCKID_MONOTONIC);
    CHECK_WASI(__wasi_poll_oneoff(s, ev, 3, &n), 0);
    CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 < 5000 * MS);
    CHECK(n == 2);
    int got_read = 0, got_write = 0;
    for (__wasi_size_t i = 0; i < n; i++) {
        CHECK(ev[i].error == 0);
        if (ev[i].userdata == 1 && ev[i].type == __WASI_EVENTTYPE_FD_READ) {
            got_read = 1;
            CHECK(ev[i].fd_readwrite.nbytes == 6);
        }
        if (ev[i].userdata == 2 && ev[i].type == __WASI_EVENTTYPE_FD_WRITE) got_write = 1;
    }
    CHECK(got_read && got_write);

    // A bad descriptor is an event with EBADF, not a failed call.
    s[0] = fd_sub(5, __WASI_EVENTTYPE_FD_READ, 999);
    s[1] = clock_sub(6, __WASI_CLOCKID_MONOTONIC, 10000 * MS, 0);
    CHECK_WASI(__wasi_poll_oneoff(s, ev, 2, &n), 0);
    CHECK(n == 1 && ev[0].userdata == 5 && ev[0].error == __WASI_ERRNO_BADF);
    // An unknown clock likewise.
    s[0] = clock_sub(10, 99, 0, 0);
    CHECK_WASI(__wasi_poll_oneoff(s, ev, 1, &n), 0);
    CHECK(n == 1 && ev[0].userdata == 10 && ev[0].error == __WASI_ERRNO_INVAL);

    // No subscriptions at all is invalid.
    CHECK_WASI(__wasi_poll_oneoff(s, ev, 0, &n), __WASI_ERRNO_INVAL);

    // poll(2) from wasi-libc: the file is readable.
    struct pollfd pfd = {fd, POLLRDNORM, 0};
    CHECK(poll(&pfd, 1, 1000) == 1 && (pfd.revents & POLLRDNORM));
    CHECK(close(fd) == 0);
    return finish("poll");
}
