/* Branchy code and recursion: naive recursive Fibonacci, plus the Takeuchi
 * function, which defeats tail-call tricks. */
#include "bench.h"

static NOINLINE uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static NOINLINE int32_t tak(int32_t x, int32_t y, int32_t z) {
    return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

int main(int argc, char **argv) {
    int n = bench_size(argc, argv, 36);
    uint64_t sum = fib((uint32_t)n);
    int32_t t = n / 2 + 4;
    sum = mix64(sum, (uint32_t)tak(t, t / 2, 0));
    sum = mix64(sum, (uint32_t)tak(t - 1, t / 3, 2));
    bench_result("fib", sum);
    return 0;
}
