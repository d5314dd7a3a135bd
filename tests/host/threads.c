// instance_echo.c (compiled with --interruptible) on three threads at once:
// one thread runs an instance that loops forever until the main thread
// calls kiln_interrupt on it; the main thread and a worker each create,
// run and drop 200 instances, every tenth of which exits with status 7
// and every tenth traps, half of them with a directory granted. The
// guests' output goes to /dev/null; the statuses are tallied on stdout:
//   interrupt R loop S
//   main|worker: N runs, OK ok, E exited, T trapped, O other
#include "instance_echo.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static _Atomic(void *) looping;
static int loop_status = -1;

static void *run_loop(void *unused) {
    (void)unused;
    char *args[] = {"echo", "loop"};
    void *vm = kiln_instance_new(2, args, NULL);
    if (!vm) return NULL;
    atomic_store(&looping, vm);
    loop_status = kiln_run(vm, NULL);
    kiln_instance_drop(vm);
    return NULL;
}

struct tally {
    int runs, ok, exited, trapped, other;
};

static void *run_many(void *arg) {
    struct tally *t = arg;
    char *grant = "--env MODE=threads --dir 'a::/data'";
    for (int i = 0; i < 200; i++) {
        char *args[] = {"echo", i % 10 == 3 ? "exit" : i % 10 == 7 ? "trap" : "plain"};
        void *vm = kiln_instance_new(2, args, i % 2 ? grant : NULL);
        int status = vm ? kiln_run(vm, NULL) : -1;
        kiln_instance_drop(vm);
        t->runs++;
        if (status == 0)
            t->ok++;
        else if (status == 7)
            t->exited++;
        else if (status == 134)
            t->trapped++;
        else
            t->other++;
    }
    return NULL;
}

static void print(int out, const char *who, const struct tally *t) {
    dprintf(out, "%s: %d runs, %d ok, %d exited, %d trapped, %d other\n", who, t->runs, t->ok, t->exited, t->trapped,
            t->other);
}

int main(void) {
    int out = dup(1);
    int devnull = open("/dev/null", O_WRONLY);
    if (out < 0 || devnull < 0 || dup2(devnull, 1) < 0) return 2;
    close(devnull);
    pthread_t looper, worker;
    struct tally mine = {0}, theirs = {0};
    if (pthread_create(&looper, NULL, run_loop, NULL) || pthread_create(&worker, NULL, run_many, &theirs)) return 2;
    run_many(&mine);
    while (!atomic_load(&looping)) usleep(1000);
    usleep(20000);
    int interrupted = kiln_interrupt(atomic_load(&looping));
    pthread_join(looper, NULL);
    pthread_join(worker, NULL);
    dprintf(out, "interrupt %d loop %d\n", interrupted, loop_status);
    print(out, "main", &mine);
    print(out, "worker", &theirs);
    return 0;
}
