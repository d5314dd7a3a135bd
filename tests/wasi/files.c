// Files: create, write, read, truncate, append, exclusive create, stat,
// hard links, renumber, descriptor flags and rights.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
    char buf[256];
    CHECK(write_file("/sandbox/a.txt", "hello, files\n") == 0);
    CHECK(read_file("/sandbox/a.txt", buf, sizeof buf) == 13 && strcmp(buf, "hello, files\n") == 0);

    struct stat st;
    CHECK(stat("/sandbox/a.txt", &st) == 0 && st.st_size == 13 && S_ISREG(st.st_mode) && st.st_nlink == 1);
    CHECK_ERRNO(stat("/sandbox/missing", &st), ENOENT);
    CHECK_ERRNO(open("/sandbox/missing", O_RDONLY), ENOENT);
    CHECK_ERRNO(open("/sandbox/a.txt", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    CHECK_ERRNO(open("/sandbox/a.txt/x", O_RDONLY), ENOTDIR);
    CHECK_ERRNO(open("/sandbox", O_WRONLY), EISDIR);

    // O_APPEND writes at the end; O_TRUNC empties.
    int fd = open("/sandbox/a.txt", O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK(write(fd, "more\n", 5) == 5);
    CHECK(fstat(fd, &st) == 0 && st.st_size == 18);
    CHECK(fcntl(fd, F_GETFL) & O_APPEND);
    // Writing to a read-only descriptor: EBADF, as with POSIX and Wasmtime.
    int ro = open("/sandbox/a.txt", O_RDONLY);
    CHECK(ro >= 0);
    CHECK_ERRNO(write(ro, "x", 1), EBADF);
    CHECK(read(ro, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0);
    CHECK_ERRNO(read(fd, buf, 1), EBADF);
    CHECK(close(ro) == 0);
    CHECK(close(fd) == 0);
    CHECK_ERRNO(close(fd), EBADF);
    fd = open("/sandbox/a.txt", O_RDWR | O_TRUNC);
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0);
    CHECK(write(fd, "abcdef", 6) == 6);
    CHECK(ftruncate(fd, 3) == 0 && fstat(fd, &st) == 0 && st.st_size == 3);
    CHECK(ftruncate(fd, 4096) == 0 && fstat(fd, &st) == 0 && st.st_size == 4096);
    CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);

    // Descriptor flags: nonblock and append can be changed.
    CHECK(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND) == 0);
    __wasi_fdstat_t fs;
    CHECK_WASI(__wasi_fd_fdstat_get(fd, &fs), 0);
    CHECK(fs.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
    CHECK(fs.fs_flags == (__WASI_FDFLAGS_NONBLOCK | __WASI_FDFLAGS_APPEND));
    CHECK((fs.fs_rights_base & __WASI_RIGHTS_FD_WRITE) && (fs.fs_rights_base & __WASI_RIGHTS_FD_READ));
    CHECK_WASI(__wasi_fd_fdstat_set_flags(fd, 0), 0);
    CHECK_WASI(__wasi_fd_fdstat_set_flags(fd, 0x100), __WASI_ERRNO_INVAL);

    // Rights can be dropped, never regained; a dropped right is ENOTCAPABLE.
    __wasi_rights_t no_write = fs.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE;
    CHECK_WASI(__wasi_fd_fdstat_set_rights(fd, no_write, fs.fs_rights_inheriting), 0);
    // (wasi-libc's write reports ENOTCAPABLE as EBADF.)
    __wasi_ciovec_t x = {(const uint8_t *)"x", 1};
    __wasi_size_t nw;
    CHECK_WASI(__wasi_fd_write(fd, &x, 1, &nw), __WASI_ERRNO_NOTCAPABLE);
    CHECK_ERRNO(write(fd, "x", 1), EBADF);
    CHECK_WASI(__wasi_fd_fdstat_set_rights(fd, fs.fs_rights_base, fs.fs_rights_inheriting),
               __WASI_ERRNO_NOTCAPABLE);
    CHECK(read(fd, buf, 1) >= 0);

    // Renumbering replaces the target, which must be open.
    int other = open("/sandbox/b.txt", O_WRONLY | O_CREAT, 0644);
    CHECK(other >= 0);
    CHECK_WASI(__wasi_fd_renumber(other, fd), 0);
    CHECK_ERRNO(fstat(other, &st), EBADF);
    CHECK(write(fd, "via renumber", 12) == 12);
    CHECK_WASI(__wasi_fd_renumber(fd, 1000), __WASI_ERRNO_BADF);
    CHECK_WASI(__wasi_fd_renumber(1000, fd), __WASI_ERRNO_BADF);
    CHECK(close(fd) == 0);
    CHECK(read_file("/sandbox/b.txt", buf, sizeof buf) == 12 && strcmp(buf, "via renumber") == 0);

    // Hard links share the inode.
    CHECK(link("/sandbox/b.txt", "/sandbox/c.txt") == 0);
    struct stat st2;
    CHECK(stat("/sandbox/b.txt", &st) == 0 && stat("/sandbox/c.txt", &st2) == 0);
    CHECK(st.st_ino == st2.st_ino && st.st_nlink == 2);
    CHECK_ERRNO(link("/sandbox/b.txt", "/sandbox/c.txt"), EEXIST);
    CHECK(unlink("/sandbox/b.txt") == 0);
    CHECK(stat("/sandbox/c.txt", &st) == 0 && st.st_nlink == 1);
    CHECK_ERRNO(unlink("/sandbox/b.txt"), ENOENT);
    CHECK_ERRNO(unlink("/sandbox/c.txt/"), ENOTDIR);

    // Invalid arguments to raw calls.
    __wasi_fd_t opened;
    CHECK_WASI(__wasi_path_open(3, 0, "a.txt", 0x10, __WASI_RIGHTS_FD_READ, 0, 0, &opened), __WASI_ERRNO_INVAL);
    CHECK_WASI(__wasi_path_open(3, 0, "", 0, __WASI_RIGHTS_FD_READ, 0, 0, &opened), __WASI_ERRNO_NOENT);
    CHECK_WASI(__wasi_fd_close(3000), __WASI_ERRNO_BADF);
    CHECK_WASI(__wasi_path_open(0, 0, "a.txt", 0, 0, 0, 0, &opened), __WASI_ERRNO_NOTDIR);
    return finish("files");
}
