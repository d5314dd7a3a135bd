/* Dense float math: C = A * B for n x n doubles (i-k-j order), repeated, with
 * the result fed back into A so no product can be skipped. */
#include "bench.h"

static void matmul(int n, const double *a, const double *b, double *c) {
    memset(c, 0, (size_t)n * n * sizeof *c);
    for (int i = 0; i < n; i++) {
        double *ci = c + (size_t)i * n;
        for (int k = 0; k < n; k++) {
            double aik = a[(size_t)i * n + k];
            const double *bk = b + (size_t)k * n;
            for (int j = 0; j < n; j++) ci[j] += aik * bk[j];
        }
    }
}

int main(int argc, char **argv) {
    int n = bench_size(argc, argv, 640);
    size_t len = (size_t)n * n;
    double *a = xmalloc(len * sizeof *a), *b = xmalloc(len * sizeof *b), *c = xmalloc(len * sizeof *c);
    rng_seed(1);
    for (size_t i = 0; i < len; i++) a[i] = rng_double() - 0.5;
    for (size_t i = 0; i < len; i++) b[i] = (rng_double() - 0.5) * (2.0 / n);
    uint64_t sum = 0;
    for (int round = 0; round < 8; round++) {
        matmul(n, a, b, c);
        /* Keep values bounded: renormalize into A by the largest magnitude. */
        double max = 0;
        for (size_t i = 0; i < len; i++) {
            double v = c[i] < 0 ? -c[i] : c[i];
            if (v > max) max = v;
        }
        double scale = max > 0 ? 1.0 / max : 1.0;
        for (size_t i = 0; i < len; i++) a[i] = c[i] * scale;
        sum = mix64(sum, double_bits(max));
    }
    for (size_t i = 0; i < len; i += 7) sum = mix64(sum, double_bits(c[i]));
    bench_result("matmul", sum);
    free(a);
    free(b);
    free(c);
    return 0;
}
