/* Memory-bound work: an in-place quicksort (median of three, insertion sort
 * for short ranges) of integer arrays with different distributions. */
#include "bench.h"

static void insertion_sort(uint32_t *a, int32_t n) {
    for (int32_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        int32_t j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static inline void swap(uint32_t *a, uint32_t *b) {
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

static void quicksort(uint32_t *a, int32_t n) {
    while (n > 24) {
        int32_t mid = n / 2;
        if (a[mid] < a[0]) swap(&a[mid], &a[0]);
        if (a[n - 1] < a[0]) swap(&a[n - 1], &a[0]);
        if (a[n - 1] < a[mid]) swap(&a[n - 1], &a[mid]);
        uint32_t pivot = a[mid];
        int32_t i = 0, j = n - 1;
        /* Hoare partition. */
        for (;;) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j) break;
            swap(&a[i], &a[j]);
            i++;
            j--;
        }
        /* Recurse into the smaller side, loop on the larger. */
        int32_t left = j + 1;
        if (left < n - left) {
            quicksort(a, left);
            a += left;
            n -= left;
        } else {
            quicksort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

static uint64_t check(const uint32_t *a, int32_t n) {
    uint64_t h = 0;
    for (int32_t i = 1; i < n; i++)
        if (a[i - 1] > a[i]) {
            fprintf(stderr, "qsort: not sorted at %d\n", (int)i);
            exit(1);
        }
    for (int32_t i = 0; i < n; i += 97) h = mix64(h, a[i]);
    return h;
}

int main(int argc, char **argv) {
    int32_t n = bench_size(argc, argv, 4000000);
    uint32_t *a = xmalloc((size_t)n * sizeof *a);
    uint64_t sum = 0;
    rng_seed(6);
    for (int dist = 0; dist < 4; dist++) {
        for (int32_t i = 0; i < n; i++) {
            switch (dist) {
            case 0: a[i] = rng_u32(); break;                         /* uniform */
            case 1: a[i] = rng_below(100); break;                     /* many duplicates */
            case 2: a[i] = (uint32_t)i * 3 + rng_below(1000); break;  /* nearly sorted */
            default: a[i] = (uint32_t)(n - i) ^ (rng_u32() & 0xFF); break; /* nearly reversed */
            }
        }
        quicksort(a, n);
        sum = mix64(sum, check(a, n));
    }
    bench_result("qsort", sum);
    free(a);
    return 0;
}
