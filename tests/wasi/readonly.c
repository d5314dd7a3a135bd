// A read-only grant (`:ro`): reading works, every change is refused with
// EPERM (as Wasmtime). The harness put existing.txt ("keep") and sub/ in
// the directory and checks afterwards that nothing changed.
// grants: --dir {sandbox}::/sandbox:ro
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
    char buf[64];
    struct stat st;
    CHECK(read_file("/sandbox/existing.txt", buf, sizeof buf) == 4 && strcmp(buf, "keep") == 0);
    CHECK(stat("/sandbox/sub", &st) == 0 && S_ISDIR(st.st_mode));
    DIR *d = opendir("/sandbox");
    CHECK(d != NULL);
    int n = 0;
    while (d && readdir(d)) n++;
    CHECK(n == 4);
    if (d) closedir(d);

    CHECK_ERRNO(open("/sandbox/existing.txt", O_WRONLY), EPERM);
    CHECK_ERRNO(open("/sandbox/existing.txt", O_RDWR), EPERM);
    CHECK_ERRNO(open("/sandbox/existing.txt", O_RDONLY | O_TRUNC), EPERM);
    CHECK_ERRNO(open("/sandbox/new.txt", O_WRONLY | O_CREAT, 0644), EPERM);
    CHECK(fopen("/sandbox/existing.txt", "a") == NULL && errno == EPERM);
    CHECK_ERRNO(mkdir("/sandbox/newdir", 0755), EPERM);
    CHECK_ERRNO(rmdir("/sandbox/sub"), EPERM);
    CHECK_ERRNO(unlink("/sandbox/existing.txt"), EPERM);
    CHECK_ERRNO(rename("/sandbox/existing.txt", "/sandbox/moved.txt"), EPERM);
    CHECK_ERRNO(symlink("existing.txt", "/sandbox/link"), EPERM);
    CHECK_ERRNO(link("/sandbox/existing.txt", "/sandbox/hard"), EPERM);
    struct timespec ts[2] = {{1, 0}, {1, 0}};
    CHECK_ERRNO(utimensat(AT_FDCWD, "/sandbox/existing.txt", ts, 0), EPERM);

    // Descriptors opened beneath it are read-only too.
    int f = open("/sandbox/existing.txt", O_RDONLY);
    CHECK(f >= 0);
    CHECK_ERRNO(write(f, "x", 1), EBADF);
    CHECK_ERRNO(futimens(f, ts), EPERM);
    CHECK_ERRNO(ftruncate(f, 0), EPERM);
    CHECK(close(f) == 0);
    int sub = open("/sandbox/sub", O_RDONLY | O_DIRECTORY);
    CHECK(sub >= 0);
    CHECK_ERRNO(mkdirat(sub, "x", 0755), EPERM);
    CHECK_ERRNO(openat(sub, "x", O_WRONLY | O_CREAT, 0644), EPERM);
    CHECK(close(sub) == 0);
    return finish("readonly");
}
