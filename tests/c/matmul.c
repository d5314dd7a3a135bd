// Numeric kernel: double-precision matrix multiply and LU-style elimination.
#include <stdio.h>
#include <stdint.h>

#define N 96

static double a[N][N], b[N][N], c[N][N];

int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)((i * 7 + j * 3) % 17) / 7.0 - 1.0;
            b[i][j] = (double)((i * 5 + j * 11) % 13) / 5.0 + 0.25;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = 0.0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    double trace = 0.0, sum = 0.0;
    for (int i = 0; i < N; i++) {
        trace += c[i][i];
        for (int j = 0; j < N; j++) sum += c[i][j];
    }
    // Gaussian elimination on a diagonally dominant copy.
    for (int i = 0; i < N; i++) c[i][i] += 1000.0;
    for (int k = 0; k < N; k++)
        for (int i = k + 1; i < N; i++) {
            double f = c[i][k] / c[k][k];
            for (int j = k; j < N; j++) c[i][j] -= f * c[k][j];
        }
    double logdet = 0.0;
    for (int i = 0; i < N; i++) logdet += c[i][i] / 1000.0;
    uint64_t bits = 0;
    for (int i = 0; i < N; i++) {
        union { double d; uint64_t u; } v = { c[i][N - 1 - i] };
        bits = bits * 31 + (v.u >> 12);
    }
    printf("trace=%.6f sum=%.6f diag=%.9f\n", trace, sum, logdet);
    printf("checksum=%016llx\n", (unsigned long long)bits);
    return 0;
}
