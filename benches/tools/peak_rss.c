/* peak_rss PROGRAM [ARGS...]: runs PROGRAM (stdio inherited) and prints its
 * peak resident set size in KiB to stderr as the last line,
 * `peak_rss_kib N`. A child's ru_maxrss also counts the memory of the
 * process that spawned it (the kernel keeps the larger of the two across
 * exec), so run.py measures through this small program rather than
 * directly from Python. Exits with PROGRAM's status. */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: peak_rss PROGRAM [ARGS...]\n");
        return 2;
    }
    pid_t pid;
    int err = posix_spawnp(&pid, argv[1], NULL, NULL, argv + 1, environ);
    if (err) {
        fprintf(stderr, "peak_rss: cannot run %s (error %d)\n", argv[1], err);
        return 127;
    }
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) != pid) {
        perror("peak_rss: wait4");
        return 1;
    }
    fprintf(stderr, "peak_rss_kib %ld\n", usage.ru_maxrss);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
