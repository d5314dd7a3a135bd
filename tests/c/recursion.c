// Recursion: Ackermann, Fibonacci, N-queens, mutual recursion, deep recursion.
#include <stdio.h>

static int ackermann(int m, int n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int queens(int row, int n, unsigned cols, unsigned d1, unsigned d2) {
    if (row == n) return 1;
    int count = 0;
    for (int c = 0; c < n; c++) {
        unsigned a = 1u << c, b = 1u << (row + c), d = 1u << (row - c + n);
        if ((cols & a) || (d1 & b) || (d2 & d)) continue;
        count += queens(row + 1, n, cols | a, d1 | b, d2 | d);
    }
    return count;
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

// Non-tail recursion on the native stack (no address-taken locals, so no
// shadow-stack frames in linear memory).
static long deep(int n) { return n == 0 ? 1 : (deep(n - 1) * 31 + n) % 1000003; }

int main(void) {
    printf("ackermann(2,300)=%d ackermann(3,6)=%d\n", ackermann(2, 300), ackermann(3, 6));
    printf("fib(30)=%ld\n", fib(30));
    for (int n = 4; n <= 9; n++) printf("queens(%d)=%d\n", n, queens(0, n, 0, 0, 0));
    printf("even(10001)=%d odd(7777)=%d\n", is_even(10001), is_odd(7777));
    printf("deep=%ld\n", deep(10000));
    return 0;
}
