// qsort and bsearch over integers, doubles and strings.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_double_desc(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}
static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#define N 50000

int main(void) {
    static int ints[N];
    static double dbls[N];
    uint32_t s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        ints[i] = (int)(s >> 1) - (1 << 30);
        dbls[i] = (double)(s % 100000) / 7.0;
    }
    qsort(ints, N, sizeof ints[0], cmp_int);
    qsort(dbls, N, sizeof dbls[0], cmp_double_desc);
    int sorted = 1;
    for (int i = 1; i < N; i++) sorted &= ints[i - 1] <= ints[i] && dbls[i - 1] >= dbls[i];
    uint64_t h = 0;
    for (int i = 0; i < N; i += 97) h = h * 1000003 + (uint32_t)ints[i];
    int key = ints[N / 3];
    int *found = bsearch(&key, ints, N, sizeof ints[0], cmp_int);
    printf("sorted=%d min=%d max=%d h=%llu found=%d\n", sorted, ints[0], ints[N - 1], (unsigned long long)h,
           found != NULL && *found == key);
    printf("dbl first=%.4f last=%.4f\n", dbls[0], dbls[N - 1]);

    const char *names[] = {"wasm", "kiln", "cranelift", "object", "linker", "trap", "memory", "table",
                           "global", "export", "import", "runtime", "abi", "clif", "vmctx", "stack"};
    size_t n = sizeof names / sizeof names[0];
    qsort(names, n, sizeof names[0], cmp_str);
    for (size_t i = 0; i < n; i++) printf("%s%c", names[i], i + 1 < n ? ' ' : '\n');
    return 0;
}
