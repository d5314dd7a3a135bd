// Timestamps: set access/modification times by descriptor and by path,
// "now", omitted times, symlinks themselves, and invalid flags.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#define SEC 1000000000ull

int main(void) {
    CHECK(write_file("/sandbox/t", "t") == 0);
    int base = open("/sandbox", O_RDONLY | O_DIRECTORY);
    int fd = open("/sandbox/t", O_RDWR);
    CHECK(base >= 0 && fd >= 0);
    __wasi_filestat_t st;

    // By descriptor: both times, nanosecond precision.
    CHECK_WASI(__wasi_fd_filestat_set_times(fd, 1000 * SEC + 5, 2000 * SEC + 7,
                                            __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), 0);
    CHECK_WASI(__wasi_fd_filestat_get(fd, &st), 0);
    CHECK(st.atim == 1000 * SEC + 5 && st.mtim == 2000 * SEC + 7);
    CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 1 && st.nlink == 1);
    // Only mtime; atime is left alone.
    CHECK_WASI(__wasi_fd_filestat_set_times(fd, 0, 3000 * SEC, __WASI_FSTFLAGS_MTIM), 0);
    CHECK_WASI(__wasi_fd_filestat_get(fd, &st), 0);
    CHECK(st.atim == 1000 * SEC + 5 && st.mtim == 3000 * SEC);
    // "Now" is close to the realtime clock.
    __wasi_timestamp_t now;
    CHECK_WASI(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &now), 0);
    CHECK_WASI(__wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW), 0);
    CHECK_WASI(__wasi_fd_filestat_get(fd, &st), 0);
    CHECK(st.mtim + 60 * SEC > now && st.mtim < now + 60 * SEC);
    CHECK(st.ctim + 60 * SEC > now);
    // A time both given and "now" is invalid.
    CHECK_WASI(__wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
               __WASI_ERRNO_INVAL);
    CHECK_WASI(__wasi_fd_filestat_set_times(fd, 1, 1, 0x10), __WASI_ERRNO_INVAL);

    // By path.
    CHECK_WASI(__wasi_path_filestat_set_times(base, 0, "t", 10 * SEC, 20 * SEC,
                                              __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), 0);
    CHECK_WASI(__wasi_path_filestat_get(base, 0, "t", &st), 0);
    CHECK(st.atim == 10 * SEC && st.mtim == 20 * SEC);
    CHECK_WASI(__wasi_path_filestat_set_times(base, 0, "missing", 0, 0, __WASI_FSTFLAGS_MTIM_NOW),
               __WASI_ERRNO_NOENT);

    // A symlink's own times versus its target's.
    CHECK(symlink("t", "/sandbox/l") == 0);
    CHECK_WASI(__wasi_path_filestat_set_times(base, 0, "l", 5 * SEC, 6 * SEC,
                                              __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), 0);
    CHECK_WASI(__wasi_path_filestat_get(base, 0, "l", &st), 0);
    CHECK(st.mtim == 6 * SEC && st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
    CHECK_WASI(__wasi_path_filestat_get(base, 0, "t", &st), 0);
    CHECK(st.mtim == 20 * SEC);
    CHECK_WASI(__wasi_path_filestat_set_times(base, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "l", 7 * SEC, 8 * SEC,
                                              __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), 0);
    CHECK_WASI(__wasi_path_filestat_get(base, 0, "t", &st), 0);
    CHECK(st.mtim == 8 * SEC && st.atim == 7 * SEC);

    // Through libc: utimensat and futimens.
    struct timespec ts[2] = {{100, 0}, {200, 500}};
    CHECK(utimensat(AT_FDCWD, "/sandbox/t", ts, 0) == 0);
    struct stat s;
    CHECK(stat("/sandbox/t", &s) == 0 && s.st_mtim.tv_sec == 200 && s.st_mtim.tv_nsec == 500);
    struct timespec omit[2] = {{0, UTIME_OMIT}, {300, 0}};
    CHECK(futimens(fd, omit) == 0);
    CHECK(fstat(fd, &s) == 0 && s.st_mtim.tv_sec == 300 && s.st_atim.tv_sec == 100);

    // A directory's times.
    CHECK(mkdir("/sandbox/dd", 0755) == 0);
    CHECK_WASI(__wasi_path_filestat_set_times(base, 0, "dd", 0, 42 * SEC, __WASI_FSTFLAGS_MTIM), 0);
    CHECK(stat("/sandbox/dd", &s) == 0 && s.st_mtim.tv_sec == 42);
    CHECK(close(fd) == 0 && close(base) == 0);
    return finish("timestamps");
}
