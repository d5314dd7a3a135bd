// readdir: every entry with its type, `.` and `..`, cookies (telldir and
// seekdir), rewinddir seeing new entries, and raw fd_readdir buffers.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

/* Lists /sandbox/r: a bit per expected name seen, -1 on a wrong type. */
static int list(DIR *dir, int *count) {
    int seen = 0;
    *count = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        (*count)++;
        if (strcmp(e->d_name, ".") == 0 && e->d_type == DT_DIR) seen |= 1;
        else if (strcmp(e->d_name, "..") == 0 && e->d_type == DT_DIR) seen |= 2;
        else if (strcmp(e->d_name, "file") == 0 && e->d_type == DT_REG) seen |= 4;
        else if (strcmp(e->d_name, "sub") == 0 && e->d_type == DT_DIR) seen |= 8;
        else if (strcmp(e->d_name, "link") == 0 && e->d_type == DT_LNK) seen |= 16;
        else if (strcmp(e->d_name, "new") == 0 && e->d_type == DT_REG) seen |= 32;
        else return -1;
    }
    return seen;
}

int main(void) {
    CHECK(mkdir("/sandbox/r", 0755) == 0);
    CHECK(write_file("/sandbox/r/file", "x") == 0);
    CHECK(mkdir("/sandbox/r/sub", 0755) == 0);
    CHECK(symlink("file", "/sandbox/r/link") == 0);

    DIR *dir = opendir("/sandbox/r");
    CHECK(dir != NULL);
    int count;
    CHECK(list(dir, &count) == 31 && count == 5);

    // telldir/seekdir: cookies stay valid.
    rewinddir(dir);
    struct dirent *first = readdir(dir);
    CHECK(first != NULL);
    long after_first = telldir(dir);
    char second[64] = {0};
    struct dirent *e = readdir(dir);
    CHECK(e != NULL);
    if (e) strncpy(second, e->d_name, sizeof second - 1);
    seekdir(dir, after_first);
    e = readdir(dir);
    CHECK(e != NULL && strcmp(e->d_name, second) == 0);

    // A new entry shows up after rewinddir.
    CHECK(write_file("/sandbox/r/new", "n") == 0);
    rewinddir(dir);
    CHECK(list(dir, &count) == 63 && count == 6);
    CHECK(closedir(dir) == 0);

    // Raw fd_readdir: dirent layout, d_next cookies, truncation.
    int fd = open("/sandbox/r", O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    uint8_t buf[1024];
    __wasi_size_t used = 0;
    CHECK_WASI(__wasi_fd_readdir(fd, buf, sizeof buf, 0, &used), 0);
    CHECK(used < sizeof buf);
    int entries = 0;
    __wasi_dircookie_t last_next = 0;
    for (size_t at = 0; at + sizeof(__wasi_dirent_t) <= used; entries++) {
        __wasi_dirent_t d;
        memcpy(&d, buf + at, sizeof d);
        CHECK(d.d_next == (__wasi_dircookie_t)entries + 1);
        CHECK(d.d_namlen > 0 && d.d_namlen < 8);
        if (entries == 0) CHECK(d.d_namlen == 1 && buf[at + sizeof d] == '.' && d.d_type == __WASI_FILETYPE_DIRECTORY);
        last_next = d.d_next;
        at += sizeof d + d.d_namlen;
    }
    CHECK(entries == 6 && last_next == 6);
    // From cookie 5: one entry left.
    CHECK_WASI(__wasi_fd_readdir(fd, buf, sizeof buf, 5, &used), 0);
    CHECK(used > sizeof(__wasi_dirent_t) && used < sizeof(__wasi_dirent_t) + 8);
    // Past the end: nothing.
    CHECK_WASI(__wasi_fd_readdir(fd, buf, sizeof buf, 6, &used), 0);
    CHECK(used == 0);
    // A buffer too small for the first entry is filled completely.
    CHECK_WASI(__wasi_fd_readdir(fd, buf, 10, 0, &used), 0);
    CHECK(used == 10);
    // Not a directory.
    int f = open("/sandbox/r/file", O_RDONLY);
    CHECK(f >= 0);
    CHECK_WASI(__wasi_fd_readdir(f, buf, sizeof buf, 0, &used), __WASI_ERRNO_NOTDIR);
    CHECK(close(f) == 0 && close(fd) == 0);

    // An empty directory has just `.` and `..`.
    dir = opendir("/sandbox/r/sub");
    CHECK(dir != NULL);
    int n = 0;
    while (readdir(dir)) n++;
    CHECK(n == 2);
    CHECK(closedir(dir) == 0);
    return finish("readdir");
}
