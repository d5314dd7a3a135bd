/* spawn_timer N PROGRAM [ARGS...]: runs PROGRAM N times (stdout to /dev/null)
 * and prints the wall time of each run, spawn to exit, in nanoseconds, one per
 * line. Used for startup times, where a Python-side timer would add more
 * noise than the thing measured. Exits non-zero if any run fails. */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: spawn_timer N PROGRAM [ARGS...]\n");
        return 2;
    }
    int n = atoi(argv[1]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    for (int i = 0; i < n; i++) {
        struct timespec t0, t1;
        pid_t pid;
        int status;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int err = posix_spawn(&pid, argv[2], &actions, NULL, argv + 2, environ);
        if (err) {
            fprintf(stderr, "spawn_timer: cannot run %s (error %d)\n", argv[2], err);
            return 1;
        }
        if (waitpid(pid, &status, 0) != pid) {
            perror("spawn_timer: waitpid");
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "spawn_timer: %s failed (status %d)\n", argv[2], status);
            return 1;
        }
        printf("%lld\n", (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
    }
    return 0;
}
