/* Shared helpers for the kiln benchmark programs.
 *
 * Every program takes one optional argument, a size (the amount of work), so
 * the runner can use a tiny size in --quick mode; it prints one line,
 * "<name> <checksum>", computed from its results, and returns 0. Inputs come
 * from the PRNG below, so the output is the same on every platform. Only
 * fixed-width integer types are used, because `long` and pointers are 32-bit
 * on wasm32 and 64-bit natively.
 */
#ifndef KILN_BENCH_H
#define KILN_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

/* xorshift64* */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static inline void rng_seed(uint64_t seed) { rng_state = seed ? seed : 0x9E3779B97F4A7C15ull; }

static inline uint64_t rng_next(void) {
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static inline uint32_t rng_u32(void) { return (uint32_t)(rng_next() >> 32); }

/* Uniform in [0, n). */
static inline uint32_t rng_below(uint32_t n) { return (uint32_t)(((uint64_t)rng_u32() * n) >> 32); }

/* Uniform in [0, 1), exactly representable. */
static inline double rng_double(void) { return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0); }

/* Mixes one 64-bit word into a running checksum. */
static inline uint64_t mix64(uint64_t h, uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 33);
}

/* The bit pattern of a double, so float results are compared exactly. */
static inline uint64_t double_bits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static int bench_size(int argc, char **argv, int default_size) {
    if (argc > 1) {
        int v = atoi(argv[1]);
        if (v > 0) return v;
    }
    return default_size;
}

static void bench_result(const char *name, uint64_t checksum) {
    printf("%s %016llx\n", name, (unsigned long long)checksum);
}

static __attribute__((unused)) void *xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "out of memory (%lu bytes)\n", (unsigned long)n);
        exit(2);
    }
    return p;
}

#endif
