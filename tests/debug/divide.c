// Trap-backtrace fixture for cli/tests/debug.rs: divides by zero three
// calls deep. Expected reports: snapshots/trap_backtrace_{build,run}{,_g}.snap
// (executable and `kiln run`, without and with -g; keep line numbers stable).
#include <stdio.h>

int divide(int a, int b) {
    return a / b;
}

int compute(int depth, int b) {
    if (depth == 0)
        return divide(100, b);
    return compute(depth - 1, b) + 1;
}

int main(void) {
    puts("dividing");
    return compute(2, 0);
}
