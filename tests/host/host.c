// A C host for tests/host/lib.wat: links `kiln compile`'s object and the
// archive from `kiln runtime-lib`, and calls the exports through lib.h.
// With the argument `trap`, it calls an export that traps. Export names are
// escaped into C identifiers: `sum_bytes` is `kiln_export_sum_5fbytes`.
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib.h"

int main(int argc, char **argv) {
    void *vm = kiln_instantiate();
    if (!vm) {
        fprintf(stderr, "instantiation failed\n");
        return 2;
    }
    printf("add(2, 40) = %" PRId32 "\n", kiln_export_add(vm, 2, 40));
    printf("add(-5, 3) = %" PRId32 "\n", kiln_export_add(vm, -5, 3));
    printf("fib(30) = %" PRId64 "\n", kiln_export_fib(vm, 30));
    printf("hypot(3, 4) = %.1f\n", kiln_export_hypot(vm, 3.0, 4.0));

    uint64_t length = 0;
    uint8_t *memory = kiln_memory_base(vm, 0, &length);
    printf("memory length = %" PRIu64 "\n", length);
    for (int i = 0; i < 100; i++) memory[4096 + i] = (uint8_t)i;
    printf("sum_bytes = %" PRId32 "\n", kiln_export_sum_5fbytes(vm, 4096, 100));
    kiln_export_fill(vm, 8192, 16, 0x5a);
    printf("filled = %c%c ... %c, after = %d\n", memory[8192], memory[8193], memory[8207], memory[8208]);
    printf("greeting = %s\n", (const char *)memory + kiln_export_greeting(vm));
    for (int i = 0; i < 3; i++) kiln_export_bump(vm);
    printf("bump = %" PRId32 "\n", kiln_export_bump(vm));
    printf("divide(100, 7) = %" PRId32 "\n", kiln_export_divide(vm, 100, 7));
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "trap") == 0) {
        printf("divide(1, 0) = %" PRId32 "\n", kiln_export_divide(vm, 1, 0));
        printf("not reached\n");
    }
    return 0;
}
