// setjmp/longjmp as LLVM lowers them to WebAssembly exceptions with
// `-mllvm -wasm-enable-sjlj` (as CPython for WASI is built): setjmp becomes
// a try block around the rest of its function, longjmp a throw of the
// `__c_longjmp` tag through every frame in between. Built with clang-22 in
// both exception encodings (legacy `try`/`catch` and `try_table`/`exnref`),
// and natively with gcc for the expected output. The small runtime that
// wasi-libc ships as libsetjmp is setjmp_rt.c (Debian's wasi-libc predates
// it).
#include <stdint.h>
#include <stdio.h>

#ifdef __wasm__
typedef struct { void *invocation; uint32_t label; struct { void *env; int val; } arg; } jmp_buf[1];
int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
#else
#include <setjmp.h>
#endif

static jmp_buf outer, inner;
static int frames, cleanups;

// Recurses `n` frames, then jumps out of all of them.
__attribute__((noinline)) static void dive(jmp_buf to, int n, int value) {
    volatile char pad[16];
    pad[0] = (char)n;
    if (n == 0) longjmp(to, value);
    frames++;
    dive(to, n - 1, value);
    pad[1] = 0;
}

// A setjmp whose function is itself left by a longjmp to an outer one.
__attribute__((noinline)) static int nested(int n) {
    volatile int local = n;
    if (setjmp(inner) == 0) {
        dive(inner, n, 7);
        return -1;
    }
    cleanups++;
    dive(outer, local, 0); // longjmp(..., 0) returns 1 from setjmp
    return -2;
}

int main(void) {
    int r = setjmp(outer);
    if (r == 0) {
        dive(outer, 1000, 42);
        puts("not reached");
        return 1;
    }
    printf("longjmp returned %d after %d frames\n", r, frames);
    frames = 0;
    volatile int round = 0;
    if ((r = setjmp(outer)) == 0) {
        nested(100);
        puts("not reached");
        return 1;
    }
    round++;
    printf("nested: returned %d, %d frames, %d cleanups, round %d\n", r, frames, cleanups, round);
    long sum = 0;
    for (int i = 0; i < 10000; i++) {
        jmp_buf here;
        if (setjmp(here) == 0) dive(here, i % 7, i + 1);
        else sum += i;
    }
    printf("10000 jumps, sum %ld\n", sum);
    return 0;
}
