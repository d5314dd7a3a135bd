// rename: files, directories, replacing, and every error case.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
    char buf[64];
    struct stat st;
    CHECK(write_file("/sandbox/a", "A") == 0);
    CHECK(write_file("/sandbox/b", "B") == 0);
    CHECK(rename("/sandbox/a", "/sandbox/a2") == 0);
    CHECK_ERRNO(stat("/sandbox/a", &st), ENOENT);
    CHECK(read_file("/sandbox/a2", buf, sizeof buf) == 1 && buf[0] == 'A');
    // Replacing a file.
    CHECK(rename("/sandbox/a2", "/sandbox/b") == 0);
    CHECK(read_file("/sandbox/b", buf, sizeof buf) == 1 && buf[0] == 'A');
    CHECK_ERRNO(rename("/sandbox/a2", "/sandbox/c"), ENOENT);
    CHECK(rename("/sandbox/b", "/sandbox/b") == 0);

    // Directories.
    CHECK(mkdir("/sandbox/d1", 0755) == 0);
    CHECK(write_file("/sandbox/d1/inner", "i") == 0);
    CHECK(rename("/sandbox/d1", "/sandbox/d2") == 0);
    CHECK(read_file("/sandbox/d2/inner", buf, sizeof buf) == 1);
    CHECK(mkdir("/sandbox/empty", 0755) == 0);
    CHECK(rename("/sandbox/empty", "/sandbox/d3/") == 0 && stat("/sandbox/d3", &st) == 0);
    CHECK(mkdir("/sandbox/full", 0755) == 0);
    CHECK(write_file("/sandbox/full/x", "x") == 0);
    CHECK_ERRNO(rename("/sandbox/d2", "/sandbox/full"), ENOTEMPTY);
    CHECK_ERRNO(rename("/sandbox/b", "/sandbox/full"), EISDIR);
    CHECK_ERRNO(rename("/sandbox/d2", "/sandbox/b"), ENOTDIR);
    CHECK_ERRNO(rename("/sandbox/b/", "/sandbox/c"), ENOTDIR);
    CHECK_ERRNO(rename("/sandbox/d2", "/sandbox/d2/sub"), EINVAL);
    // Into and out of subdirectories.
    CHECK(rename("/sandbox/b", "/sandbox/d2/b") == 0);
    CHECK(stat("/sandbox/d2/b", &st) == 0 && st.st_size == 1);
    CHECK(rename("/sandbox/d2/b", "/sandbox/full/../moved") == 0);
    CHECK(stat("/sandbox/moved", &st) == 0);

    // Between two directory descriptors.
    int d2 = open("/sandbox/d2", O_RDONLY | O_DIRECTORY);
    int full = open("/sandbox/full", O_RDONLY | O_DIRECTORY);
    CHECK(d2 >= 0 && full >= 0);
    CHECK(renameat(d2, "inner", full, "inner2") == 0);
    CHECK(fstatat(full, "inner2", &st, 0) == 0);
    CHECK_WASI(__wasi_path_rename(d2, "nothing", full, "x"), __WASI_ERRNO_NOENT);
    // Rights: dropping rename_source refuses.
    __wasi_fdstat_t fs;
    CHECK_WASI(__wasi_fd_fdstat_get(full, &fs), 0);
    CHECK_WASI(__wasi_fd_fdstat_set_rights(full, fs.fs_rights_base & ~__WASI_RIGHTS_PATH_RENAME_SOURCE,
                                           fs.fs_rights_inheriting), 0);
    CHECK_WASI(__wasi_path_rename(full, "inner2", d2, "inner"), __WASI_ERRNO_NOTCAPABLE);
    CHECK(close(d2) == 0 && close(full) == 0);
    return finish("rename");
}
