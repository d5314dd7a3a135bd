// Several instances of instance_echo.c in one C program, each with its own
// WASI context (kiln_instance_new): arguments, environment, preopened
// directories and descriptor table. All are created before any runs, so a
// shared context would show in every line. One calls proc_exit and one
// traps: kiln_run returns their status, and the program goes on. Of two
// that allocate 4 MiB, the one granted --max-memory 1M sees malloc fail. argv[1]
// and argv[2] are two directories, each holding a different note.txt.
// Output: instances.expected.
#include "instance_echo.h"

#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: instances DIR_A DIR_B\n");
        return 2;
    }
    char grants_a[512], grants_b[512];
    snprintf(grants_a, sizeof grants_a, "--env MODE=fast --dir '%s::/data'", argv[1]);
    snprintf(grants_b, sizeof grants_b, "--env MODE=slow --dir '%s::/data:ro'", argv[2]);
    char *args_a[] = {"echo", "one"};
    char *args_b[] = {"echo", "two", "three"};
    void *a = kiln_instance_new(2, args_a, grants_a);
    void *b = kiln_instance_new(3, args_b, grants_b);
    char *args_exit[] = {"echo", "exit"};
    char *args_trap[] = {"echo", "trap"};
    void *c = kiln_instance_new(0, NULL, NULL);
    void *d = kiln_instance_new(2, args_exit, NULL);
    void *e = kiln_instance_new(2, args_trap, NULL);
    char *args_grow[] = {"echo", "grow"};
    void *f = kiln_instance_new(2, args_grow, "--max-memory 1M");
    void *g = kiln_instance_new(2, args_grow, NULL);
    if (!a || !b || !c || !d || !e || !f || !g) {
        fprintf(stderr, "instantiation failed\n");
        return 2;
    }
    void *order[] = {b, d, a, e, c, f, g};
    for (int i = 0; i < 7; i++) {
        int status = kiln_run(order[i], NULL);
        printf("status %d\n", status);
        fflush(stdout);
    }
    printf("unknown export: status %d\n", kiln_run(a, "nope"));
    return 0;
}
