// Symlinks: create, read, follow or not, dangling, loops, through
// directories, unlink, and hard links to them.
// grants: --dir {sandbox}::/sandbox
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

int main(void) {
    char buf[64];
    struct stat st, lst;
    CHECK(write_file("/sandbox/target", "T") == 0);
    CHECK(symlink("target", "/sandbox/link") == 0);
    CHECK_ERRNO(symlink("target", "/sandbox/link"), EEXIST);
    ssize_t n = readlink("/sandbox/link", buf, sizeof buf);
    CHECK(n == 6 && memcmp(buf, "target", 6) == 0);
    // Truncated to the buffer, as POSIX readlink does.
    CHECK(readlink("/sandbox/link", buf, 3) == 3 && memcmp(buf, "tar", 3) == 0);
    CHECK_ERRNO(readlink("/sandbox/target", buf, sizeof buf), EINVAL);
    CHECK_ERRNO(readlink("/sandbox/none", buf, sizeof buf), ENOENT);

    CHECK(stat("/sandbox/link", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 1);
    CHECK(lstat("/sandbox/link", &lst) == 0 && S_ISLNK(lst.st_mode) && lst.st_size == 6);
    CHECK(read_file("/sandbox/link", buf, sizeof buf) == 1 && buf[0] == 'T');
    CHECK_ERRNO(open("/sandbox/link", O_RDONLY | O_NOFOLLOW), ELOOP);

    // Dangling: lstat works, stat does not; creating through it follows.
    CHECK(symlink("later", "/sandbox/dangling") == 0);
    CHECK_ERRNO(stat("/sandbox/dangling", &st), ENOENT);
    CHECK(lstat("/sandbox/dangling", &lst) == 0 && S_ISLNK(lst.st_mode));
    int fd = open("/sandbox/dangling", O_WRONLY | O_CREAT, 0644);
    CHECK(fd >= 0 && close(fd) == 0);
    CHECK(stat("/sandbox/later", &st) == 0 && S_ISREG(st.st_mode));

    // Loops.
    CHECK(symlink("loop2", "/sandbox/loop1") == 0 && symlink("loop1", "/sandbox/loop2") == 0);
    CHECK_ERRNO(stat("/sandbox/loop1", &st), ELOOP);
    CHECK_ERRNO(open("/sandbox/loop1", O_RDONLY), ELOOP);

    // Through a symlinked directory, and `..` after it.
    CHECK(mkdir("/sandbox/dir", 0755) == 0 && write_file("/sandbox/dir/in", "in") == 0);
    CHECK(mkdir("/sandbox/deep", 0755) == 0 && mkdir("/sandbox/deep/er", 0755) == 0);
    CHECK(symlink("dir", "/sandbox/dlink") == 0);
    CHECK(symlink("deep/er", "/sandbox/erlink") == 0);
    CHECK(read_file("/sandbox/dlink/in", buf, sizeof buf) == 2);
    CHECK(stat("/sandbox/dlink/", &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(symlink("../dir/in", "/sandbox/deep/up") == 0);
    CHECK(read_file("/sandbox/deep/up", buf, sizeof buf) == 2 && memcmp(buf, "in", 2) == 0);
    int base = open("/sandbox", O_RDONLY | O_DIRECTORY);
    CHECK(base >= 0);
    // erlink/.. is deep (physical resolution), which holds er.
    CHECK(fstatat(base, "erlink/../er", &st, 0) == 0 && S_ISDIR(st.st_mode));

    // Timestamps and stat of the link itself.
    __wasi_filestat_t fst;
    CHECK_WASI(__wasi_path_filestat_get(base, 0, "link", &fst), 0);
    CHECK(fst.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
    CHECK_WASI(__wasi_path_filestat_get(base, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", &fst), 0);
    CHECK(fst.filetype == __WASI_FILETYPE_REGULAR_FILE && fst.size == 1);

    // Hard links: of the link itself, or (with follow) of its target.
    CHECK_WASI(__wasi_path_link(base, 0, "link", base, "hl_nofollow"), 0);
    CHECK(lstat("/sandbox/hl_nofollow", &lst) == 0 && S_ISLNK(lst.st_mode));
    CHECK_WASI(__wasi_path_link(base, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", base, "hl_follow"), 0);
    CHECK(lstat("/sandbox/hl_follow", &lst) == 0 && S_ISREG(lst.st_mode) && lst.st_nlink == 2);

    // Unlinking a link leaves the target.
    CHECK(unlink("/sandbox/link") == 0);
    CHECK(stat("/sandbox/target", &st) == 0);
    CHECK_ERRNO(lstat("/sandbox/link", &lst), ENOENT);
    // Symlink creation errors.
    CHECK_WASI(__wasi_path_symlink("", base, "empty"), __WASI_ERRNO_NOENT);
    CHECK_WASI(__wasi_path_symlink("target", base, "missing/x"), __WASI_ERRNO_NOENT);
    CHECK(close(base) == 0);
    return finish("symlinks");
}
