/* Integer and bit work: a sieve of Eratosthenes over odd numbers in a bitmap,
 * repeated with growing limits, counting and summing the primes. */
#include "bench.h"

static uint64_t sieve(uint32_t limit, uint32_t *bits, uint64_t *count) {
    /* Bit i stands for 2i+1; a set bit means composite. */
    uint32_t n = limit / 2 + 1, words = (n + 31) / 32;
    memset(bits, 0, (size_t)words * 4);
    for (uint32_t i = 1; (uint64_t)(2 * i + 1) * (2 * i + 1) <= limit; i++) {
        if (bits[i >> 5] & (1u << (i & 31))) continue;
        uint32_t p = 2 * i + 1;
        for (uint32_t j = (p * p) / 2; j < n; j += p) bits[j >> 5] |= 1u << (j & 31);
    }
    uint64_t c = limit >= 2, s = limit >= 2 ? 2 : 0;
    for (uint32_t i = 1; i < n; i++) {
        uint32_t v = 2 * i + 1;
        if (v > limit) break;
        if (!(bits[i >> 5] & (1u << (i & 31)))) {
            c++;
            s += v;
        }
    }
    *count = c;
    return s;
}

int main(int argc, char **argv) {
    int size = bench_size(argc, argv, 200);
    uint32_t max = (uint32_t)size * 1000000u;
    uint32_t *bits = xmalloc(((size_t)max / 2 / 32 + 2) * 4);
    uint64_t sum = 0, count;
    for (int r = 1; r <= 4; r++) {
        uint32_t limit = max / 4 * (uint32_t)r;
        uint64_t s = sieve(limit, bits, &count);
        sum = mix64(mix64(sum, s), count);
    }
    /* pi(10^6) = 78498 */
    sieve(1000000, bits, &count);
    if (count != 78498) {
        fprintf(stderr, "sieve: wrong prime count\n");
        return 1;
    }
    bench_result("sieve", sum);
    free(bits);
    return 0;
}
