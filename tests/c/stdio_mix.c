// stdout and stderr: interleaved writes, buffering, fputs/putchar/fwrite, flush.
#include <stdio.h>
#include <string.h>

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 0; i < 5; i++) {
        printf("out line %d\n", i);
        fprintf(stderr, "err line %d\n", i);
    }
    fputs("fputs to stdout\n", stdout);
    fputs("fputs to stderr\n", stderr);
    for (char c = 'a'; c <= 'z'; c++) putchar(c);
    putchar('\n');
    char big[10000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = "0123456789abcdef"[i % 16];
    big[sizeof big - 1] = '\n';
    fwrite(big, 1, sizeof big, stdout);
    fwrite(big, 1, 100, stderr);
    fputc('\n', stderr);
    printf("%5.2f|%-6d|%+d|%x|%X|%o|%e|%g|%c|%s|%%\n", 3.14159, 42, 7, 255, 255, 8, 12345.678, 0.0001, 'k', "kiln");
    printf("%lld %llu %hhd %zu\n", -9223372036854775807LL - 1, 18446744073709551615ULL, (signed char)200, sizeof(int));
    fflush(stdout);
    fprintf(stderr, "done\n");
    return 0;
}
