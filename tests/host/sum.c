// The second module of tests/host/demo.c: exits with the sum of its
// numeric arguments modulo 128.
#include <stdlib.h>

int main(int argc, char **argv) {
    long sum = 0;
    for (int i = 1; i < argc; i++) sum += atol(argv[i]);
    return (int)(sum % 128);
}
