// Command-line arguments: count, contents, and an argument-driven computation.
// args: hello "two words" -x --flag=value 12345 ''
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <inttypes.h>

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    uint64_t h = 0;
    for (int i = 1; i < argc; i++) {  // argv[0] differs between the two runs
        printf("argv[%d]=<%s> len=%zu\n", i, argv[i], strlen(argv[i]));
        for (const char *p = argv[i]; *p; p++) h = h * 131 + (unsigned char)*p;
    }
    printf("hash=%" PRIu64 "\n", h);
    printf("argv[argc]==NULL: %d\n", argv[argc] == NULL);
    long long n = argc > 5 ? strtoll(argv[5], NULL, 10) : 0;
    printf("digits of %lld squared: %lld\n", n, n * n);
    return argc;
}
