/* Bulk memory: memcpy, memmove and memset of small and large, aligned and
 * unaligned blocks, and struct copies. Built for wasm with -mbulk-memory so
 * they become memory.copy / memory.fill. */
#include "bench.h"

typedef struct {
    uint32_t w[24];
} Record;

int main(int argc, char **argv) {
    int rounds = bench_size(argc, argv, 800);
    const size_t len = (size_t)1 << 20;
    uint8_t *src = xmalloc(len), *dst = xmalloc(len);
    rng_seed(10);
    for (size_t i = 0; i < len; i++) src[i] = (uint8_t)(rng_next() >> 40);
    memset(dst, 0, len);
    enum { RECORDS = 4096 };
    Record *recs = xmalloc(RECORDS * sizeof *recs);
    memset(recs, 0x5A, RECORDS * sizeof *recs);
    uint64_t sum = 0;
    for (int r = 0; r < rounds; r++) {
        /* Small copies and fills at random offsets and lengths. */
        for (int i = 0; i < 40000; i++) {
            uint32_t n = 1 + rng_below(i & 1 ? 64 : 512);
            uint32_t from = rng_below((uint32_t)(len - n)), to = rng_below((uint32_t)(len - n));
            if (i % 5 == 0) memset(dst + to, (int)(i & 0xFF), n);
            else if (i % 5 == 1) memmove(dst + to, dst + from, n);
            else memcpy(dst + to, src + from, n);
        }
        /* Large block moves. */
        for (int i = 0; i < 24; i++) {
            uint32_t n = 65536 + rng_below(65536);
            uint32_t from = rng_below((uint32_t)(len - n)), to = rng_below((uint32_t)(len - n));
            memcpy(src + to, dst + from, n);
            memmove(dst + (to & ~7u), dst + (from | 3), n - 8);
            memset(dst + from, (int)(r & 0xFF), n / 4);
        }
        /* Struct copies. */
        for (int i = 0; i < 50000; i++) {
            Record *a = &recs[rng_below(RECORDS)], *b = &recs[rng_below(RECORDS)];
            Record t = *a;
            t.w[i % 24] += (uint32_t)i;
            *a = *b;
            *b = t;
        }
        uint64_t h = 0;
        for (size_t i = 0; i < len; i += 4093) h = mix64(h, dst[i] | (uint64_t)src[i] << 8);
        sum = mix64(sum, h);
    }
    for (int i = 0; i < RECORDS; i++) sum = mix64(sum, recs[i].w[i % 24]);
    for (size_t i = 0; i < len; i += 8) {
        uint64_t w;
        memcpy(&w, dst + i, 8);
        sum = mix64(sum, w);
    }
    bench_result("memops", sum);
    free(src);
    free(dst);
    free(recs);
    return 0;
}
