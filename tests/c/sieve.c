// Numeric kernel: sieve of Eratosthenes, integer hashing and 64-bit arithmetic.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define LIMIT 2000000

static unsigned char composite[LIMIT + 1];

static uint32_t crc32(const unsigned char *p, size_t n) {
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

int main(void) {
    memset(composite, 0, sizeof composite);
    int count = 0;
    uint64_t sum = 0;
    for (uint32_t i = 2; i <= LIMIT; i++) {
        if (composite[i]) continue;
        count++;
        sum += i;
        for (uint64_t j = (uint64_t)i * i; j <= LIMIT; j += i) composite[j] = 1;
    }
    printf("primes below %d: %d, sum %llu\n", LIMIT, count, (unsigned long long)sum);
    printf("crc32(sieve)=%08x\n", crc32(composite, sizeof composite));

    // Signed and unsigned 64-bit division, shifts and multiplication.
    int64_t acc = 0x123456789abcdefLL;
    uint64_t u = 0xfedcba9876543210ULL;
    for (int i = 1; i < 1000; i++) {
        acc = acc * 6364136223846793005LL + 1442695040888963407LL;
        u ^= u << 13; u ^= u >> 7; u ^= u << 17;
        int64_t q = acc / (i * 37 - 500);
        uint64_t r = u % (uint64_t)(i * 97 + 1);
        acc ^= q + (int64_t)r;
        acc = (acc >> (i % 63)) | (acc << (64 - i % 63 - 1));
    }
    printf("mix=%016llx %016llx\n", (unsigned long long)acc, (unsigned long long)u);
    return 0;
}
