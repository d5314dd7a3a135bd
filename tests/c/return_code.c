// A non-zero return from main becomes the exit status.
#include <stdio.h>

int main(void) {
    int total = 0;
    for (int i = 1; i <= 10; i++) total += i * i;
    printf("total=%d\n", total);
    fprintf(stderr, "returning %d\n", total % 256);
    return total % 256;
}
