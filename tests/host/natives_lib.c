// More host functions for imports.c, linked from an archive:
// `ar rcs libnatives.a natives_lib.o`, then `kiln build --link libnatives.a`.
#include <stdint.h>

#include "imports.h"

// Writes "Hello, <name>!" to wasm address `out` (at most `cap` bytes, no
// NUL) and returns its length; -1 if an address is outside memory.
int32_t env_greet(void *vmctx, int32_t name, int32_t out, int32_t cap) {
    uint64_t size = 0;
    uint8_t *base = kiln_memory_base(vmctx, 0, &size);
    if (!base || (uint32_t)name >= size || (uint64_t)(uint32_t)out + (uint32_t)cap > size) return -1;
    const char *parts[3] = {"Hello, ", (const char *)base + (uint32_t)name, "!"};
    uint8_t *dst = base + (uint32_t)out;
    int32_t n = 0;
    for (int i = 0; i < 3; i++)
        for (const char *c = parts[i]; *c && n < cap && (uint8_t *)c < base + size; c++) dst[n++] = (uint8_t)*c;
    return n;
}

// The import's module name `host-lib` is no C identifier, so this one is
// defined under its exact symbol.
int64_t kiln_import_host_2dlib__mix(void *vmctx, int64_t a, double b) {
    (void)vmctx;
    return a + (int64_t)(b * 2.0);
}
