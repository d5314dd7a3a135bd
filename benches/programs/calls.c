/* Call-heavy code: many small functions called directly (not inlined) and
 * through a table of function pointers (call_indirect in wasm), plus
 * object-style dispatch through a struct of function pointers. */
#include "bench.h"

typedef uint32_t (*Op)(uint32_t, uint32_t);

static NOINLINE uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static NOINLINE uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static NOINLINE uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static NOINLINE uint32_t op_mul(uint32_t a, uint32_t b) { return a * (b | 1); }
static NOINLINE uint32_t op_rotl(uint32_t a, uint32_t b) { return a << (b & 31) | a >> ((32 - (b & 31)) & 31); }
static NOINLINE uint32_t op_rotr(uint32_t a, uint32_t b) { return a >> (b & 31) | a << ((32 - (b & 31)) & 31); }
static NOINLINE uint32_t op_min(uint32_t a, uint32_t b) { return a < b ? a : b + a; }
static NOINLINE uint32_t op_max(uint32_t a, uint32_t b) { return a > b ? a : b - a; }
static NOINLINE uint32_t op_avg(uint32_t a, uint32_t b) { return (a & b) + ((a ^ b) >> 1) + 1; }
static NOINLINE uint32_t op_mix(uint32_t a, uint32_t b) { return (a ^ (b >> 7)) * 0x9E3779B1u; }
static NOINLINE uint32_t op_neg(uint32_t a, uint32_t b) { return ~a + (b & 0xFF); }
static NOINLINE uint32_t op_div(uint32_t a, uint32_t b) { return a / ((b & 0xFFF) + 1) + b; }
static NOINLINE uint32_t op_mod(uint32_t a, uint32_t b) { return a % ((b & 0xFFFF) + 3) + (a >> 3); }
static NOINLINE uint32_t op_pop(uint32_t a, uint32_t b) { return a + (uint32_t)__builtin_popcount(b); }
static NOINLINE uint32_t op_clz(uint32_t a, uint32_t b) { return a ^ (uint32_t)__builtin_clz(b | 1) << 9; }
static NOINLINE uint32_t op_sel(uint32_t a, uint32_t b) { return (a & 1) ? a + b : a - b; }

static const Op ops[16] = {op_add, op_sub,  op_xor, op_mul, op_rotl, op_rotr, op_min, op_max,
                           op_avg, op_mix, op_neg, op_div, op_mod,  op_pop,  op_clz, op_sel};

/* A chain of small direct calls. */
static NOINLINE uint32_t step3(uint32_t x) { return x * 2654435761u + 1; }
static NOINLINE uint32_t step2(uint32_t x, uint32_t y) { return step3(x ^ y) + (y >> 3); }
static NOINLINE uint32_t step1(uint32_t x, uint32_t y) { return step2(x + y, y * 3) ^ step3(y); }

/* "Shapes" with a vtable. */
typedef struct Shape Shape;
typedef struct {
    int32_t (*area)(const Shape *);
    int32_t (*perimeter)(const Shape *);
} ShapeVt;
struct Shape {
    const ShapeVt *vt;
    int32_t w, h;
};
static NOINLINE int32_t rect_area(const Shape *s) { return s->w * s->h; }
static NOINLINE int32_t rect_perim(const Shape *s) { return 2 * (s->w + s->h); }
static NOINLINE int32_t tri_area(const Shape *s) { return s->w * s->h / 2; }
static NOINLINE int32_t tri_perim(const Shape *s) { return s->w + s->h + (s->w > s->h ? s->w : s->h); }
static NOINLINE int32_t sq_area(const Shape *s) { return s->w * s->w; }
static NOINLINE int32_t sq_perim(const Shape *s) { return 4 * s->w; }
static const ShapeVt vts[3] = {{rect_area, rect_perim}, {tri_area, tri_perim}, {sq_area, sq_perim}};

int main(int argc, char **argv) {
    int n = bench_size(argc, argv, 90000000);
    uint32_t x = 1, y = 2;
    rng_seed(9);
    for (int i = 0; i < n; i++) {
        x = ops[(x >> 5) & 15](x, (uint32_t)i);
        y = ops[(y ^ x) & 15](y, x);
        if ((i & 3) == 0) x = step1(x, y);
    }
    uint64_t sum = mix64(x, y);
    enum { SHAPES = 1024 };
    Shape *shapes = xmalloc(SHAPES * sizeof *shapes);
    for (int i = 0; i < SHAPES; i++) {
        shapes[i].vt = &vts[rng_below(3)];
        shapes[i].w = (int32_t)rng_below(100) + 1;
        shapes[i].h = (int32_t)rng_below(100) + 1;
    }
    int64_t total = 0;
    for (int r = 0; r < n / SHAPES; r++)
        for (int i = 0; i < SHAPES; i++) {
            const Shape *s = &shapes[(i * 37 + r) & (SHAPES - 1)];
            total += s->vt->area(s) - s->vt->perimeter(s);
        }
    bench_result("calls", mix64(sum, (uint64_t)total));
    free(shapes);
    return 0;
}
