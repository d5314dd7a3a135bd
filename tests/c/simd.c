// Fixed-width SIMD: built for wasm with -msimd128, so clang's vector
// extensions and its loop vectorizer emit v128 operations (lane arithmetic,
// comparisons, shifts, conversions, loads and stores).
// cflags: -msimd128
// riscv64 features: +v
#include <stdint.h>
#include <stdio.h>

typedef int32_t v4i32 __attribute__((vector_size(16)));
typedef uint8_t v16u8 __attribute__((vector_size(16)));
typedef int16_t v8i16 __attribute__((vector_size(16)));
typedef float v4f32 __attribute__((vector_size(16)));
typedef double v2f64 __attribute__((vector_size(16)));

#define N 1024
static int32_t a[N], b[N], c[N];
static uint8_t bytes[N];
static int16_t shorts[N];
static float fa[N], fb[N];

static uint32_t hash(uint32_t h, uint32_t x) { return (h ^ x) * 16777619u; }

int main(void) {
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (int32_t)(seed >> 3) - (1 << 27);
        b[i] = (int32_t)(seed % 2001) - 1000;
        bytes[i] = (uint8_t)(seed >> 16);
        shorts[i] = (int16_t)(seed >> 8);
        fa[i] = (float)b[i] / 7.0f;
        fb[i] = (float)(i % 13) - 6.5f;
    }

    // Loops the vectorizer turns into i32x4/i8x16/i16x8/f32x4 code.
    for (int i = 0; i < N; i++) c[i] = a[i] * b[i] + (a[i] >> 5);
    uint32_t h = 2166136261u;
    for (int i = 0; i < N; i++) h = hash(h, (uint32_t)c[i]);
    printf("mul-add: %08x\n", h);

    int32_t mx = INT32_MIN, mn = INT32_MAX;
    int64_t sum = 0;
    for (int i = 0; i < N; i++) {
        mx = a[i] > mx ? a[i] : mx;
        mn = b[i] < mn ? b[i] : mn;
        sum += b[i];
    }
    printf("max %d min %d sum %lld\n", mx, mn, (long long)sum);

    uint32_t bsum = 0, over = 0;
    for (int i = 0; i < N; i++) {
        bsum += bytes[i];
        over += bytes[i] > 200;
    }
    printf("bytes: sum %u over %u\n", bsum, over);

    for (int i = 0; i < N; i++) shorts[i] = (int16_t)(shorts[i] + (shorts[i] >> 2));
    h = 2166136261u;
    for (int i = 0; i < N; i++) h = hash(h, (uint16_t)shorts[i]);
    printf("shorts: %08x\n", h);

    float dot = 0.0f;
    for (int i = 0; i < N; i++) fa[i] = fa[i] * fb[i] + 0.25f;
    for (int i = 0; i < N; i++) dot += fa[i];
    int32_t trunc_sum = 0;
    for (int i = 0; i < N; i++) trunc_sum += (int32_t)fa[i];
    printf("floats: %.3f %d\n", dot, trunc_sum);

    // Explicit vector-extension arithmetic.
    v4i32 x = {1, -2, 3, -4}, y = {100, 200, -300, 400};
    v4i32 z = x * y + (y >> 2) - (x << 3);
    v4i32 lt = x < y;
    printf("v4i32: %d %d %d %d / %d %d %d %d\n", z[0], z[1], z[2], z[3], lt[0], lt[1], lt[2], lt[3]);
    v16u8 p = {0, 1, 2, 3, 250, 251, 252, 253, 254, 255, 128, 127, 64, 32, 16, 8};
    v16u8 q = p + (v16u8){10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
    h = 2166136261u;
    for (int i = 0; i < 16; i++) h = hash(h, q[i]);
    printf("v16u8: %08x\n", h);
    v8i16 s = {-32768, 32767, 1, -1, 1000, -1000, 0, 12345};
    v8i16 t = s * (v8i16){2, 2, 3, 3, 4, 4, 5, 5};
    printf("v8i16: %d %d %d %d %d %d %d %d\n", t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
    v4f32 f = {1.5f, -2.25f, 3.0f, 0.1f};
    v4f32 g = f * f - (v4f32){1.0f, 2.0f, 3.0f, 4.0f};
    printf("v4f32: %.6f %.6f %.6f %.6f\n", g[0], g[1], g[2], g[3]);
    v2f64 d = {1.0 / 3.0, -2.5};
    v2f64 e = d * d + d;
    printf("v2f64: %.12f %.12f\n", e[0], e[1]);
    v4i32 conv = __builtin_convertvector(f * 10.0f, v4i32);
    printf("convert: %d %d %d %d\n", conv[0], conv[1], conv[2], conv[3]);
    return 0;
}
