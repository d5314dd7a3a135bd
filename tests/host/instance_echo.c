// A WASI program for tests/host/instances.c: prints its arguments, its
// MODE variable and the first line of /data/note.txt with the descriptor
// it got, so each instance shows the WASI context it was given. With the
// argument `exit` it then exits with status 7, with `trap` it traps, with
// `loop` it loops forever (until interrupted), with `grow` it allocates
// up to 4 MiB and says whether malloc failed first (then exiting with
// status 3) and whether its memory stayed within 1 MiB.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    printf("argv:");
    for (int i = 0; i < argc; i++) printf(" %s", argv[i]);
    const char *mode = getenv("MODE");
    printf("\nMODE=%s\n", mode ? mode : "(unset)");
    // Left open: an instance sharing a descriptor table would see the
    // next number in the next instance.
    int fd = open("/data/note.txt", O_RDONLY);
    if (fd < 0) {
        printf("/data/note.txt: denied\n");
    } else {
        char buf[64] = {0};
        ssize_t n = read(fd, buf, sizeof buf - 1);
        if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = 0;
        printf("/data/note.txt: fd %d: %s\n", fd, buf);
    }
    if (argc > 1 && strcmp(argv[1], "exit") == 0) exit(7);
    if (argc > 1 && strcmp(argv[1], "trap") == 0) {
        fflush(stdout);
        __builtin_trap();
    }
    if (argc > 1 && strcmp(argv[1], "grow") == 0) {
        size_t total = 0;
        // Kept reachable, or the compiler may drop the allocations.
        static char *volatile last;
        while (total < (4u << 20)) {
            char *p = malloc(64u << 10);
            if (!p) break;
            p[0] = 1;
            last = p;
            total += 64u << 10;
        }
        size_t bytes = __builtin_wasm_memory_size(0) * 65536;
        printf("grow: %s, memory %s 1 MiB\n", total >= (4u << 20) ? "4 MiB allocated" : "malloc failed",
               bytes <= (1u << 20) ? "within" : "beyond");
        if (total < (4u << 20)) return 3;
    }
    if (argc > 1 && strcmp(argv[1], "loop") == 0) {
        fflush(stdout);
        volatile unsigned spins = 0;
        for (;;) spins++;
    }
    return 0;
}
