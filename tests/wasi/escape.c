// Escape attempts: every way out of /sandbox must fail with EPERM (as
// Wasmtime; ENOTCAPABLE is accepted too) and touch nothing outside. The
// harness made `abs` a symlink to the absolute path of ../outside, which
// holds secret.txt and dir/, and keeps swapping `flip` between a directory
// and a symlink to ../outside while this runs; it checks afterwards that
// ../outside is unchanged.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#define DENIED(call)                                                                      \
    do {                                                                                  \
        int e_ = (int)(call);                                                             \
        if (e_ != __WASI_ERRNO_PERM && e_ != __WASI_ERRNO_NOTCAPABLE) {                   \
            printf("FAIL line %d: %s returned %d, expected EPERM or ENOTCAPABLE\n", __LINE__, #call, e_); \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

/* path_open itself: the wasi-libc wrapper measures the path with strlen. */
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags, int64_t base,
                      int64_t inheriting, int32_t fdflags, int32_t opened)
    __attribute__((__import_module__("wasi_snapshot_preview1"), __import_name__("path_open")));

static __wasi_errno_t open_at(__wasi_fd_t dir, __wasi_lookupflags_t follow, const char *path,
                              __wasi_oflags_t oflags, __wasi_rights_t rights, __wasi_fd_t *fd) {
    return __wasi_path_open(dir, follow, path, oflags, rights, rights, 0, fd);
}

int main(void) {
    const __wasi_fd_t root = 3;
    const __wasi_rights_t rd = __WASI_RIGHTS_FD_READ, wr = __WASI_RIGHTS_FD_WRITE;
    const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    char buf[64];

    // `..` and absolute paths.
    DENIED(open_at(root, 0, "..", 0, rd, &fd));
    DENIED(open_at(root, 0, "../outside/secret.txt", 0, rd, &fd));
    DENIED(open_at(root, 0, "/etc/passwd", 0, rd, &fd));
    DENIED(open_at(root, 0, "../outside/new.txt", __WASI_OFLAGS_CREAT, wr, &fd));
    CHECK(mkdir("/sandbox/a", 0755) == 0);
    DENIED(open_at(root, 0, "a/../../outside/secret.txt", 0, rd, &fd));
    DENIED(open_at(root, 0, "a/./../a/../..", 0, rd, &fd));
    DENIED(__wasi_path_filestat_get(root, 0, "..", &st));
    DENIED(__wasi_path_filestat_get(root, 0, "../outside", &st));
    DENIED(__wasi_path_create_directory(root, "../outside/newdir"));
    DENIED(__wasi_path_unlink_file(root, "../outside/secret.txt"));
    DENIED(__wasi_path_remove_directory(root, "../outside/dir"));
    DENIED(__wasi_path_rename(root, "a", root, "../outside/moved"));
    DENIED(__wasi_path_rename(root, "../outside/secret.txt", root, "stolen"));
    DENIED(__wasi_path_link(root, 0, "../outside/secret.txt", root, "hard"));
    DENIED(__wasi_path_symlink("x", root, "../outside/link"));
    DENIED(__wasi_path_filestat_set_times(root, 0, "../outside/secret.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    DENIED(__wasi_path_readlink(root, "../outside/x", (uint8_t *)buf, sizeof buf, (__wasi_size_t *)&fd));
    // wasi-libc itself finds no preopen for these.
    CHECK_ERRNO(open("/etc/passwd", O_RDONLY), ENOTCAPABLE);
    CHECK(chdir("/sandbox") == 0);
    CHECK_ERRNO(open("../outside/secret.txt", O_RDONLY), EPERM);
    CHECK_ERRNO(open("/sandbox/../outside/secret.txt", O_RDONLY), EPERM);

    // An absolute symlink (made by the harness) and a relative one leading out.
    DENIED(open_at(root, follow, "abs", 0, rd, &fd));
    DENIED(open_at(root, 0, "abs/secret.txt", 0, rd, &fd));
    DENIED(__wasi_path_filestat_get(root, follow, "abs", &st));
    CHECK_WASI(__wasi_path_symlink("../outside", root, "rel"), 0);
    CHECK_WASI(__wasi_path_symlink("../outside/secret.txt", root, "sfile"), 0);
    CHECK_WASI(__wasi_path_filestat_get(root, 0, "rel", &st), 0);
    CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
    DENIED(__wasi_path_filestat_get(root, follow, "rel", &st));
    DENIED(__wasi_path_filestat_get(root, 0, "rel/secret.txt", &st));
    DENIED(open_at(root, 0, "rel/secret.txt", 0, rd, &fd));
    DENIED(open_at(root, follow, "sfile", 0, rd, &fd));
    DENIED(open_at(root, follow, "sfile", __WASI_OFLAGS_TRUNC, wr, &fd));
    CHECK_WASI(open_at(root, 0, "sfile", 0, rd, &fd), __WASI_ERRNO_LOOP);
    DENIED(__wasi_path_create_directory(root, "rel/newdir"));
    DENIED(__wasi_path_unlink_file(root, "rel/secret.txt"));
    DENIED(__wasi_path_remove_directory(root, "rel/dir"));
    DENIED(__wasi_path_rename(root, "rel/secret.txt", root, "stolen"));
    DENIED(__wasi_path_link(root, 0, "rel/secret.txt", root, "hard"));
    DENIED(__wasi_path_link(root, follow, "sfile", root, "hard"));
    DENIED(__wasi_path_filestat_set_times(root, follow, "sfile", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    DENIED(__wasi_path_filestat_set_times(root, 0, "rel/secret.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    DENIED(__wasi_path_symlink("x", root, "rel/link"));
    // The links themselves live inside: removing them is fine.
    CHECK_WASI(__wasi_path_filestat_set_times(root, 0, "sfile", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), 0);
    CHECK_WASI(__wasi_path_unlink_file(root, "sfile"), 0);
    // Absolute symlink targets are refused when created (as Wasmtime).
    DENIED(__wasi_path_symlink("/etc/passwd", root, "abs2"));

    // A directory swapped for a symlink between calls.
    CHECK(write_file("/sandbox/a/f", "inside") == 0);
    __wasi_fd_t a;
    CHECK_WASI(open_at(root, 0, "a", __WASI_OFLAGS_DIRECTORY, rd | __WASI_RIGHTS_PATH_OPEN, &a), 0);
    CHECK_WASI(open_at(root, 0, "a/f", 0, rd, &fd), 0);
    CHECK(close(fd) == 0);
    CHECK(rename("/sandbox/a", "/sandbox/a_old") == 0);
    CHECK_WASI(__wasi_path_symlink("../outside", root, "a"), 0);
    DENIED(open_at(root, 0, "a/secret.txt", 0, rd, &fd));
    DENIED(open_at(root, follow, "a", __WASI_OFLAGS_DIRECTORY, rd, &fd));
    // The descriptor still names the moved directory, and is a sandbox of
    // its own: nothing above it is reachable.
    CHECK_WASI(open_at(a, 0, "f", 0, rd, &fd), 0);
    CHECK(read(fd, buf, 6) == 6 && memcmp(buf, "inside", 6) == 0);
    CHECK(close(fd) == 0);
    DENIED(open_at(a, 0, "../a_old/f", 0, rd, &fd));
    DENIED(open_at(a, 0, "../outside/secret.txt", 0, rd, &fd));
    CHECK(close(a) == 0);

    // Embedded NUL bytes cannot cut a path short.
    static const char nul_path[] = "a_old/f\0/../../../outside/secret.txt";
    CHECK_WASI(raw_path_open(root, 0, (int32_t)nul_path, sizeof nul_path - 1, 0, rd, rd, 0, (int32_t)&fd),
               __WASI_ERRNO_INVAL);

    // The harness swaps `flip` between a directory holding secret.txt
    // ("inside") and a symlink to ../outside: never is the outside read.
    int inside_reads = 0;
    for (int i = 0; i < 3000; i++) {
        __wasi_errno_t e = open_at(root, follow, "flip/secret.txt", 0, rd, &fd);
        if (e == 0) {
            ssize_t n = read(fd, buf, sizeof buf - 1);
            buf[n > 0 ? n : 0] = 0;
            if (strcmp(buf, "inside") != 0) {
                printf("FAIL: read `%s` through flip\n", buf);
                failures++;
            }
            inside_reads++;
            close(fd);
        } else if (e != __WASI_ERRNO_PERM && e != __WASI_ERRNO_NOENT && e != __WASI_ERRNO_NOTDIR &&
                   e != __WASI_ERRNO_LOOP) {
            printf("FAIL: opening flip/secret.txt gave errno %d\n", e);
            failures++;
        }
    }
    (void)inside_reads;
    return finish("escape");
}
