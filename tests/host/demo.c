// The embedding API end to end: a few hundred instances of two modules
// (instance_echo.c, compiled with --interruptible, and sum.c, whose object
// has its symbols renamed to sum_module_info / sum_start) on two threads,
// with different grants and limits. A third thread runs an instance that
// loops until the main thread interrupts it. On each of the two threads,
// every instance is checked by its exit status:
//   - sum.c with arguments i, i+1, i+2: (3i+3) % 128;
//   - instance_echo.c plain (0), `trap` (134), `exit` (7), and `grow`
//     granted --max-memory 1M, which exhausts the cap (3).
// The worker's instances are also granted directory argv[1] as /data. The
// guests' output goes to /dev/null; stdout gets one line per thread:
//   interrupt R loop S
//   main|worker: N runs, W wrong
#include "instance_echo.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

extern const char sum_module_info[];

static _Atomic(void *) looping;
static int loop_status = -1;

static void *run_loop(void *unused) {
    (void)unused;
    char *args[] = {"echo", "loop"};
    void *vm = kiln_instance_new(2, args, "--env MODE=loop");
    if (!vm) return NULL;
    atomic_store(&looping, vm);
    loop_status = kiln_run(vm, NULL);
    kiln_instance_drop(vm);
    return NULL;
}

struct job {
    const char *grant;
    int runs, wrong;
};

static void check(struct job *j, void *vm, int expected) {
    int status = vm ? kiln_run(vm, NULL) : -1;
    kiln_instance_drop(vm);
    j->runs++;
    if (status != expected) {
        j->wrong++;
        fprintf(stderr, "run %d: status %d, expected %d\n", j->runs, status, expected);
    }
}

static void *run_many(void *arg) {
    struct job *j = arg;
    char grant[256];
    for (int i = 0; i < 100; i++) {
        char n0[16], n1[16], n2[16];
        snprintf(n0, sizeof n0, "%d", i);
        snprintf(n1, sizeof n1, "%d", i + 1);
        snprintf(n2, sizeof n2, "%d", i + 2);
        char *sum_args[] = {"sum", n0, n1, n2};
        check(j, kiln_instance_new_of(sum_module_info, 4, sum_args, j->grant), (3 * i + 3) % 128);
        const char *mode = i % 25 == 5 ? "trap" : i % 25 == 10 ? "exit" : i % 25 == 15 ? "grow" : "plain";
        int expected = i % 25 == 5 ? 134 : i % 25 == 10 ? 7 : i % 25 == 15 ? 3 : 0;
        snprintf(grant, sizeof grant, "%s%s", j->grant, i % 25 == 15 ? " --max-memory 1M" : "");
        char *echo_args[] = {"echo", (char *)mode};
        check(j, kiln_instance_new(2, echo_args, grant), expected);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: demo DIR\n");
        return 2;
    }
    int out = dup(1);
    int devnull = open("/dev/null", O_WRONLY);
    if (out < 0 || devnull < 0 || dup2(devnull, 1) < 0) return 2;
    close(devnull);
    char worker_grant[512];
    snprintf(worker_grant, sizeof worker_grant, "--env MODE=worker --dir '%s::/data'", argv[1]);
    struct job mine = {"--env MODE=main", 0, 0}, theirs = {worker_grant, 0, 0};
    pthread_t looper, worker;
    if (pthread_create(&looper, NULL, run_loop, NULL) || pthread_create(&worker, NULL, run_many, &theirs)) return 2;
    run_many(&mine);
    while (!atomic_load(&looping)) usleep(1000);
    int interrupted = kiln_interrupt(atomic_load(&looping));
    pthread_join(looper, NULL);
    pthread_join(worker, NULL);
    dprintf(out, "interrupt %d loop %d\n", interrupted, loop_status);
    dprintf(out, "main: %d runs, %d wrong\n", mine.runs, mine.wrong);
    dprintf(out, "worker: %d runs, %d wrong\n", theirs.runs, theirs.wrong);
    return 0;
}
