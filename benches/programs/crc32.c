/* Integer and bit work: CRC-32 (IEEE) of a buffer, table-driven one byte at a
 * time and slicing by 4, over many slices of the buffer. */
#include "bench.h"

static uint32_t table[4][256];

static void make_tables(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 4; t++) table[t][i] = table[0][table[t - 1][i] & 0xFF] ^ (table[t - 1][i] >> 8);
}

static uint32_t crc_bytewise(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    for (size_t i = 0; i < n; i++) crc = table[0][(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc_slice4(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    while (n >= 4) {
        crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        crc = table[3][crc & 0xFF] ^ table[2][(crc >> 8) & 0xFF] ^ table[1][(crc >> 16) & 0xFF] ^ table[0][crc >> 24];
        p += 4;
        n -= 4;
    }
    while (n--) crc = table[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

int main(int argc, char **argv) {
    int rounds = bench_size(argc, argv, 120);
    size_t len = (size_t)4 << 20;
    uint8_t *buf = xmalloc(len);
    rng_seed(4);
    for (size_t i = 0; i < len; i++) buf[i] = (uint8_t)(rng_next() >> 56);
    make_tables();
    if (crc_bytewise(0, (const uint8_t *)"123456789", 9) != 0xCBF43926u) {
        fprintf(stderr, "crc32: wrong check value\n");
        return 1;
    }
    uint64_t sum = 0;
    for (int r = 0; r < rounds; r++) {
        size_t off = (size_t)r * 997 % 4096, n = len - off;
        uint32_t a = crc_slice4(0, buf + off, n);
        uint32_t b = r % 4 == 0 ? crc_bytewise(0, buf + off, n) : a;
        if (a != b) {
            fprintf(stderr, "crc32: bytewise and sliced results differ\n");
            return 1;
        }
        sum = mix64(sum, a);
        buf[off] ^= (uint8_t)a;
    }
    bench_result("crc32", sum);
    free(buf);
    return 0;
}
