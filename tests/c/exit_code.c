// Exit codes: exit() from deep inside the program, with buffered output and
// atexit handlers that must still run.
// args: 3 17
#include <stdio.h>
#include <stdlib.h>

static void goodbye(void) { printf("atexit handler ran\n"); }

static void descend(int depth, int code) {
    if (depth == 0) {
        printf("exiting with %d\n", code);
        exit(code);
    }
    descend(depth - 1, code);
}

int main(int argc, char **argv) {
    atexit(goodbye);
    int depth = argc > 1 ? atoi(argv[1]) : 0;
    int code = argc > 2 ? atoi(argv[2]) : 1;
    printf("buffered, not yet flushed ");
    descend(depth, code);
    return 0;
}
