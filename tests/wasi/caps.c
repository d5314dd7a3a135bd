// Prints what the program was granted: its arguments, its environment and
// its preopened directories; the harness compares the output.
// grants: none
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

extern char **environ;

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) printf("arg %s\n", argv[i]);
    for (char **e = environ; *e; e++) printf("env %s\n", *e);
    for (__wasi_fd_t fd = 3;; fd++) {
        __wasi_prestat_t pre;
        if (__wasi_fd_prestat_get(fd, &pre) != 0) break;
        char name[256] = {0};
        if (pre.u.dir.pr_name_len >= sizeof name ||
            __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, pre.u.dir.pr_name_len) != 0)
            return 1;
        printf("dir %u %s\n", fd, name);
    }
    return 0;
}
