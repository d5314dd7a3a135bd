/* Loop-heavy kernels over arrays in linear memory, built twice from this
 * source with clang: for wasm32 (32-bit memory: guard pages, no bounds
 * checks) and for wasm64 (64-bit memory: every access checked against the
 * memory's length). Freestanding: there is no wasm64 libc. Each
 * `bench_NAME` takes no arguments, works on static arrays and returns a
 * 32-bit checksum, which must be the same for both builds.
 *
 *   clang-22 --target=wasm32-unknown-unknown -O2 -nostdlib -Wl,--no-entry \
 *       -Wl,--export=bench_sieve ... kernels.c -o kernels32.wasm
 *   (the same with --target=wasm64-unknown-unknown)
 *
 * Data is reached through array indexes of fixed-width types, so that both
 * builds move the same bytes: only the index width and the bounds checks
 * differ (and `size_t` arithmetic, 64-bit on wasm64 as on x86-64).
 */
#include <stddef.h>
#include <stdint.h>

static uint64_t rng_state;

static void rng_seed(uint64_t seed) { rng_state = seed; }

/* xorshift64* */
static uint32_t rng_u32(void) {
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return (uint32_t)((x * 0x2545F4914F6CDD1Dull) >> 32);
}

static uint32_t mix(uint32_t h, uint32_t v) {
    h ^= v + 0x9E3779B9u + (h << 6) + (h >> 2);
    return h * 0x85EBCA6Bu;
}

/* Sieve of Eratosthenes in a byte array, repeated: byte loads and stores,
 * strided. */
#define SIEVE_N (8u << 20)
static uint8_t composite[SIEVE_N];

uint32_t bench_sieve(void) {
    uint32_t h = 0;
    for (int round = 0; round < 24; round++) {
        size_t n = SIEVE_N - (size_t)round * 4096;
        for (size_t i = 0; i < n; i++) composite[i] = 0;
        uint32_t count = 0;
        for (size_t i = 2; i < n; i++) {
            if (composite[i]) continue;
            count++;
            if (i > (n - 1) / i) continue; /* i * i would pass n (or wrap) */
            for (size_t j = i * i; j < n; j += i) composite[j] = 1;
        }
        h = mix(h, count);
    }
    return h;
}

/* Dense double matrix multiply, i-k-j order: streaming float loads and
 * stores. */
#define MAT_N 256
static double ma[MAT_N * MAT_N], mb[MAT_N * MAT_N], mc[MAT_N * MAT_N];

uint32_t bench_matmul(void) {
    rng_seed(7);
    for (size_t i = 0; i < MAT_N * MAT_N; i++) {
        ma[i] = (double)(rng_u32() & 0xffff) / 65536.0;
        mb[i] = (double)(rng_u32() & 0xffff) / 65536.0;
    }
    uint32_t h = 0;
    for (int round = 0; round < 32; round++) {
        for (size_t i = 0; i < MAT_N * MAT_N; i++) mc[i] = 0;
        for (size_t i = 0; i < MAT_N; i++)
            for (size_t k = 0; k < MAT_N; k++) {
                double a = ma[i * MAT_N + k];
                for (size_t j = 0; j < MAT_N; j++) mc[i * MAT_N + j] += a * mb[k * MAT_N + j];
            }
        double s = 0;
        for (size_t i = 0; i < MAT_N * MAT_N; i += 97) s += mc[i];
        h = mix(h, (uint32_t)(s * 1024.0));
        mb[round % 8] += 1.0;
    }
    return h;
}

/* Table-driven CRC-32 of a buffer: a byte load and a dependent table
 * lookup per byte. */
#define CRC_LEN (4u << 20)
static uint8_t crc_buf[CRC_LEN];
static uint32_t crc_table[256];

uint32_t bench_crc32(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    rng_seed(11);
    for (size_t i = 0; i < CRC_LEN; i++) crc_buf[i] = (uint8_t)rng_u32();
    uint32_t h = 0;
    for (int round = 0; round < 48; round++) {
        uint32_t crc = 0xFFFFFFFFu;
        for (size_t i = 0; i < CRC_LEN; i++) crc = crc_table[(crc ^ crc_buf[i]) & 0xff] ^ (crc >> 8);
        h = mix(h, ~crc);
        crc_buf[round] ^= 1;
    }
    return h;
}

/* Heapsort of 32-bit keys: data-dependent loads and stores all over the
 * array. */
#define SORT_N (1u << 20)
static uint32_t keys[SORT_N];

static void sift(uint32_t *a, size_t root, size_t n) {
    uint32_t v = a[root];
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n) break;
        if (child + 1 < n && a[child + 1] > a[child]) child++;
        if (a[child] <= v) break;
        a[root] = a[child];
        root = child;
    }
    a[root] = v;
}

uint32_t bench_heapsort(void) {
    uint32_t h = 0;
    for (int round = 0; round < 3; round++) {
        rng_seed(13 + (uint64_t)round);
        for (size_t i = 0; i < SORT_N; i++) keys[i] = rng_u32();
        for (size_t i = SORT_N / 2; i-- > 0;) sift(keys, i, SORT_N);
        for (size_t n = SORT_N; n > 1; n--) {
            uint32_t t = keys[0];
            keys[0] = keys[n - 1];
            keys[n - 1] = t;
            sift(keys, 0, n - 1);
        }
        for (size_t i = 0; i < SORT_N; i += 1021) h = mix(h, keys[i]);
    }
    return h;
}

/* Open-addressing hash table of 32-bit keys and values: inserts, then
 * lookups that hit and miss. Random access into a table larger than the
 * caches. */
#define HASH_SLOTS (1u << 21)
static uint32_t slot_keys[HASH_SLOTS], slot_values[HASH_SLOTS];

uint32_t bench_hashtable(void) {
    uint32_t h = 0;
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < HASH_SLOTS; i++) slot_keys[i] = 0;
        rng_seed(17 + (uint64_t)round);
        for (uint32_t n = 0; n < HASH_SLOTS / 2; n++) {
            uint32_t key = rng_u32() | 1;
            size_t i = (key * 0x9E3779B1u) & (HASH_SLOTS - 1);
            while (slot_keys[i] != 0 && slot_keys[i] != key) i = (i + 1) & (HASH_SLOTS - 1);
            slot_keys[i] = key;
            slot_values[i] = n;
        }
        rng_seed(17 + (uint64_t)round);
        uint32_t found = 0;
        for (uint32_t n = 0; n < HASH_SLOTS; n++) {
            uint32_t key = n & 1 ? rng_u32() | 1 : rng_u32() & ~1u;
            size_t i = (key * 0x9E3779B1u) & (HASH_SLOTS - 1);
            while (slot_keys[i] != 0) {
                if (slot_keys[i] == key) {
                    found += slot_values[i];
                    break;
                }
                i = (i + 1) & (HASH_SLOTS - 1);
            }
        }
        h = mix(h, found);
    }
    return h;
}

/* A 1-D three-point stencil over 32-bit integers, ping-ponging between two
 * arrays: sequential loads and stores, several per iteration. */
#define STENCIL_N (1u << 20)
static int32_t grid_a[STENCIL_N], grid_b[STENCIL_N];

uint32_t bench_stencil(void) {
    rng_seed(19);
    for (size_t i = 0; i < STENCIL_N; i++) grid_a[i] = (int32_t)(rng_u32() & 0xffff);
    int32_t *from = grid_a, *to = grid_b;
    for (int step = 0; step < 360; step++) {
        to[0] = from[0];
        to[STENCIL_N - 1] = from[STENCIL_N - 1];
        for (size_t i = 1; i < STENCIL_N - 1; i++) to[i] = (from[i - 1] + 2 * from[i] + from[i + 1]) >> 2;
        int32_t *t = from;
        from = to;
        to = t;
    }
    uint32_t h = 0;
    for (size_t i = 0; i < STENCIL_N; i += 511) h = mix(h, (uint32_t)from[i]);
    return h;
}
