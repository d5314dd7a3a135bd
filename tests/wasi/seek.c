// Seek and tell: offsets, pread/pwrite leaving the offset alone, append
// mode, allocate, advise, and stdio being unseekable.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
    char buf[64];
    int fd = open("/sandbox/s", O_RDWR | O_CREAT, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "0123456789", 10) == 10);
    CHECK(lseek(fd, 0, SEEK_CUR) == 10);
    CHECK(lseek(fd, 2, SEEK_SET) == 2);
    CHECK(read(fd, buf, 3) == 3 && memcmp(buf, "234", 3) == 0);
    CHECK(lseek(fd, -1, SEEK_CUR) == 4);
    CHECK(lseek(fd, -2, SEEK_END) == 8);
    CHECK(read(fd, buf, 10) == 2 && memcmp(buf, "89", 2) == 0);
    CHECK(read(fd, buf, 10) == 0);
    CHECK_ERRNO(lseek(fd, -100, SEEK_CUR), EINVAL);
    CHECK(lseek(fd, 20, SEEK_SET) == 20);
    CHECK(write(fd, "x", 1) == 1);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 21);

    __wasi_filesize_t pos;
    CHECK_WASI(__wasi_fd_tell(fd, &pos), 0);
    CHECK(pos == 21);
    CHECK_WASI(__wasi_fd_seek(fd, 0, 3, &pos), __WASI_ERRNO_INVAL);

    // pread/pwrite do not move the offset.
    CHECK(pread(fd, buf, 4, 3) == 4 && memcmp(buf, "3456", 4) == 0);
    CHECK(pwrite(fd, "AB", 2, 0) == 2);
    CHECK(lseek(fd, 0, SEEK_CUR) == 21);
    CHECK(pread(fd, buf, 3, 0) == 3 && memcmp(buf, "AB2", 3) == 0);
    CHECK(pread(fd, buf, 10, 100) == 0);

    // Vectored I/O.
    struct iovec iov[2] = {{buf, 2}, {buf + 10, 3}};
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(readv(fd, iov, 2) == 5 && memcmp(buf, "AB", 2) == 0 && memcmp(buf + 10, "234", 3) == 0);

    // Allocation grows the file; advice is accepted.
    CHECK(posix_fallocate(fd, 0, 4096) == 0);
    CHECK(fstat(fd, &st) == 0 && st.st_size == 4096);
    CHECK(posix_fadvise(fd, 0, 100, POSIX_FADV_SEQUENTIAL) == 0);
    CHECK_WASI(__wasi_fd_advise(fd, 0, 0, 99), __WASI_ERRNO_INVAL);
    CHECK_WASI(__wasi_fd_allocate(fd, 0, 0), __WASI_ERRNO_INVAL);
    CHECK(close(fd) == 0);

    // Append mode: writes go to the end whatever the offset.
    fd = open("/sandbox/s", O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(write(fd, "END", 3) == 3);
    CHECK(fstat(fd, &st) == 0 && st.st_size == 4099);
    CHECK(lseek(fd, 0, SEEK_CUR) == 4099);
    CHECK(close(fd) == 0);

    // Rights: tell is enough for asking the offset, not for moving it.
    fd = open("/sandbox/s", O_RDONLY);
    __wasi_fdstat_t fs;
    CHECK_WASI(__wasi_fd_fdstat_get(fd, &fs), 0);
    CHECK_WASI(__wasi_fd_fdstat_set_rights(fd, fs.fs_rights_base & ~__WASI_RIGHTS_FD_SEEK, 0), 0);
    CHECK_WASI(__wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &pos), 0);
    CHECK_WASI(__wasi_fd_seek(fd, 5, __WASI_WHENCE_SET, &pos), __WASI_ERRNO_NOTCAPABLE);
    __wasi_iovec_t iov1 = {(uint8_t *)buf, 1};
    __wasi_size_t nr;
    CHECK_WASI(__wasi_fd_pread(fd, &iov1, 1, 0, &nr), __WASI_ERRNO_NOTCAPABLE);
    CHECK(close(fd) == 0);

    // Stdio is a stream: no offset (as in Wasmtime).
    CHECK_WASI(__wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos), __WASI_ERRNO_SPIPE);
    CHECK_WASI(__wasi_fd_tell(0, &pos), __WASI_ERRNO_SPIPE);
    return finish("seek");
}
