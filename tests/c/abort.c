// A failed assert aborts: natively SIGABRT, under kiln a wasm trap; both
// are exit status 134. The stderr texts differ, so only stdout is compared.
// stderr: ignore
#include <stdio.h>
#include <assert.h>

static int check(int n) {
    assert(n < 5);
    return n * 2;
}

int main(void) {
    int total = 0;
    for (int i = 0; i < 10; i++) {
        total += check(i);
        printf("i=%d total=%d\n", i, total);
        fflush(stdout);
    }
    return 0;
}
