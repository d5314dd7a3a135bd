// Instantiate, run and drop instance_echo.c many times (argv[1]), each
// instance with its own WASI context granting directory argv[2] (the guest
// leaves a file open in it), and report the resident set size and the
// open descriptors after the first 1,000 cycles and after all of them:
//   cycles N rss_kib WARM END fds WARM END
// The guest's output goes to /dev/null.
#include "instance_echo.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long rss_kib(void) {
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
    if (f) fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static int open_fds(void) {
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d) return -1;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: cycles N DIR\n");
        return 2;
    }
    long cycles = atol(argv[1]);
    char grants[512];
    snprintf(grants, sizeof grants, "--env MODE=cycle --dir '%s::/data'", argv[2]);
    int out = dup(1);
    int devnull = open("/dev/null", O_WRONLY);
    if (out < 0 || devnull < 0 || dup2(devnull, 1) < 0) return 2;
    close(devnull);
    long warm = cycles < 1000 ? cycles : 1000;
    long rss_warm = 0;
    int fds_warm = 0;
    char *args[] = {"echo", "cycle"};
    for (long i = 0; i < cycles; i++) {
        void *vm = kiln_instance_new(2, args, grants);
        if (!vm) {
            fprintf(stderr, "cycle %ld: instantiation failed\n", i);
            return 2;
        }
        int status = kiln_run(vm, NULL);
        if (status != 0) {
            fprintf(stderr, "cycle %ld: status %d\n", i, status);
            return 2;
        }
        kiln_instance_drop(vm);
        if (i + 1 == warm) {
            rss_warm = rss_kib();
            fds_warm = open_fds();
        }
    }
    dprintf(out, "cycles %ld rss_kib %ld %ld fds %d %d\n", cycles, rss_warm, rss_kib(), fds_warm, open_fds());
    return 0;
}
