// gdb fixture for cli/tests/debug.rs: built with `clang -g -O2` and
// `kiln build -g` (optimised on both sides). `mix` stays a function of its
// own and its loop depends on the arguments, so -O2 cannot fold it away.
#include <stdio.h>

__attribute__((noinline)) static unsigned mix(unsigned h, const char *s) {
    while (*s) {
        h = h * 31 + (unsigned char)*s++; // LINE: mix-loop
    }
    return h;
}

int main(int argc, char **argv) {
    unsigned h = 7;
    for (int i = 0; i < argc; i++) {
        h = mix(h, argv[i]); // LINE: call
    }
    printf("%u\n", h);
    return 0;
}
