// A WASI program for tests/host/instances.c: prints its arguments, its
// MODE variable and the first line of /data/note.txt with the descriptor
// it got, so each instance shows the WASI context it was given.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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
        return 0;
    }
    char buf[64] = {0};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = 0;
    printf("/data/note.txt: fd %d: %s\n", fd, buf);
    return 0;
}
