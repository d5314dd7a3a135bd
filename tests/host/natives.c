// Native host functions for imports.c, linked as an object with
// `kiln build --link natives.o`. Each takes the calling instance's VM
// context first; kiln_memory_base turns it into the base address of linear
// memory, and wasm pointers (i32) are offsets into it. imports.h comes from
// `kiln compile imports.wasm` and declares every function defined here.
// There is no C library: compile with -ffreestanding -fno-stack-protector.
#include <stdint.h>

#include "imports.h"

// The bytes at wasm address `ptr`, or NULL unless [ptr, ptr + len) lies
// inside linear memory 0.
static uint8_t *wasm_bytes(void *vmctx, int32_t ptr, uint32_t len) {
    uint64_t size = 0;
    uint8_t *base = kiln_memory_base(vmctx, 0, &size);
    uint64_t start = (uint32_t)ptr;
    if (!base || start > size || len > size - start) return 0;
    return base + start;
}

int32_t env_count_vowels(void *vmctx, int32_t s) {
    uint8_t *p = wasm_bytes(vmctx, s, 1);
    if (!p) return -1;
    uint64_t size = 0;
    uint8_t *end = kiln_memory_base(vmctx, 0, &size) + size;
    int32_t count = 0;
    for (; p < end && *p; p++) {
        uint8_t c = *p | 0x20;
        count += c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }
    return count;
}

void env_to_upper(void *vmctx, int32_t s, int32_t len) {
    uint8_t *p = wasm_bytes(vmctx, s, (uint32_t)len);
    if (!p) return;
    for (int32_t i = 0; i < len; i++)
        if (p[i] >= 'a' && p[i] <= 'z') p[i] -= 'a' - 'A';
}

int32_t env_memory_pages(void *vmctx) {
    uint64_t size = 0;
    if (!kiln_memory_base(vmctx, 0, &size)) return -1;
    return (int32_t)(size / 65536);
}
