// gdb/lldb fixture for cli/tests/debug.rs: built with `clang -g -O0` and
// `kiln build -g`. The tests find lines by the `LINE:` markers.
#include <stdio.h>

static int square(int v) {
    int r = v * v; // LINE: square-body
    return r;
}

int sum_squares(int n) {
    int total = 0;
    for (int i = 1; i <= n; i++) {
        total += square(i); // LINE: loop-body
    }
    return total;
}

int main(void) {
    const char *label = "squares";
    int x = 7;
    int s = sum_squares(x); // LINE: call
    printf("%s: %d\n", label, s);
    return 0;
}
