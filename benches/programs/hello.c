/* Startup and size probe: the smallest useful WASI command. */
#include <stdio.h>

int main(void) {
    puts("hello, world");
    return 0;
}
