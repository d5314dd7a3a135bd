// Directories: create, remove, nesting, errors, stat and opening them.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
    struct stat st;
    CHECK(mkdir("/sandbox/d", 0755) == 0);
    CHECK_ERRNO(mkdir("/sandbox/d", 0755), EEXIST);
    CHECK(mkdir("/sandbox/d/e/", 0755) == 0);
    CHECK_ERRNO(mkdir("/sandbox/missing/x", 0755), ENOENT);
    CHECK(stat("/sandbox/d/e", &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(stat("/sandbox/d/e/", &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(stat("/sandbox/d/e/..", &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(write_file("/sandbox/d/e/f.txt", "f") == 0);
    CHECK_ERRNO(stat("/sandbox/d/e/f.txt/", &st), ENOTDIR);
    CHECK_ERRNO(mkdir("/sandbox/d/e/f.txt", 0755), EEXIST);

    // Removing: only empty directories, only directories.
    CHECK_ERRNO(rmdir("/sandbox/d/e"), ENOTEMPTY);
    CHECK_ERRNO(rmdir("/sandbox/d/e/f.txt"), ENOTDIR);
    CHECK_ERRNO(unlink("/sandbox/d/e"), EISDIR);
    CHECK_ERRNO(rmdir("/sandbox/d/nothing"), ENOENT);
    CHECK(unlink("/sandbox/d/e/f.txt") == 0);
    CHECK(rmdir("/sandbox/d/e/") == 0);
    CHECK_ERRNO(stat("/sandbox/d/e", &st), ENOENT);

    // A directory descriptor: relative operations beneath it.
    int d = open("/sandbox/d", O_RDONLY | O_DIRECTORY);
    CHECK(d >= 0);
    __wasi_fdstat_t fs;
    CHECK_WASI(__wasi_fd_fdstat_get(d, &fs), 0);
    CHECK(fs.fs_filetype == __WASI_FILETYPE_DIRECTORY);
    CHECK(fs.fs_rights_base & __WASI_RIGHTS_PATH_OPEN);
    CHECK(mkdirat(d, "sub", 0755) == 0);
    CHECK(fstatat(d, "sub", &st, 0) == 0 && S_ISDIR(st.st_mode));
    int f = openat(d, "sub/g.txt", O_WRONLY | O_CREAT, 0644);
    CHECK(f >= 0 && write(f, "g", 1) == 1 && close(f) == 0);
    CHECK(fstatat(d, "sub/g.txt", &st, 0) == 0 && st.st_size == 1);
    CHECK_WASI(__wasi_path_create_directory(d, "sub"), __WASI_ERRNO_EXIST);
    CHECK_WASI(__wasi_path_remove_directory(d, "."), __WASI_ERRNO_INVAL);
    CHECK(unlinkat(d, "sub/g.txt", 0) == 0);
    CHECK(unlinkat(d, "sub", AT_REMOVEDIR) == 0);
    // Path operations need a directory descriptor.
    f = openat(d, "plain", O_WRONLY | O_CREAT, 0644);
    CHECK(f >= 0);
    CHECK_WASI(__wasi_path_create_directory(f, "x"), __WASI_ERRNO_NOTDIR);
    CHECK(close(f) == 0);
    CHECK_ERRNO(open("/sandbox/d/plain", O_RDONLY | O_DIRECTORY), ENOTDIR);
    CHECK(close(d) == 0);

    // The working directory resolves relative paths (wasi-libc emulates it).
    CHECK(chdir("/sandbox/d") == 0);
    CHECK(stat("plain", &st) == 0 && S_ISREG(st.st_mode));
    CHECK(mkdir("rel", 0755) == 0 && stat("/sandbox/d/rel", &st) == 0);
    CHECK(rmdir("rel") == 0);

    // The preopen itself.
    __wasi_prestat_t pre;
    CHECK_WASI(__wasi_fd_prestat_get(3, &pre), 0);
    CHECK(pre.tag == __WASI_PREOPENTYPE_DIR && pre.u.dir.pr_name_len == 8);
    char name[16] = {0};
    CHECK_WASI(__wasi_fd_prestat_dir_name(3, (uint8_t *)name, 8), 0);
    CHECK(strcmp(name, "/sandbox") == 0);
    CHECK_WASI(__wasi_fd_prestat_dir_name(3, (uint8_t *)name, 4), __WASI_ERRNO_NAMETOOLONG);
    CHECK_WASI(__wasi_fd_prestat_get(4, &pre), __WASI_ERRNO_BADF);
    return finish("directories");
}
