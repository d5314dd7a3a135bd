// The host side of app.wit, in C, against the header `kiln compile` writes
// for the component: strings and lists are read from and written to the
// component's memory (kiln_memory_base), new ones allocated with the
// component's realloc (kiln_realloc); counters are host resources whose
// handles are indices into a table here.
#include "app.h"

static uint8_t *memory(void *vmctx, int32_t index) {
    return kiln_memory_base(vmctx, (uint32_t)index, 0);
}

void kiln_import_kiln_3atest_2fhost__greet(void *vmctx, int32_t mem, int32_t realloc, int32_t name, int32_t len,
                                           int32_t ret) {
    static const char hello[] = "hello, ";
    uint32_t n = sizeof hello - 1 + (uint32_t)len;
    uint32_t out = kiln_realloc(vmctx, (uint32_t)mem, (uint32_t)realloc, 1, n);
    uint8_t *base = memory(vmctx, mem);
    for (uint32_t i = 0; i < sizeof hello - 1; i++) base[out + i] = (uint8_t)hello[i];
    for (int32_t i = 0; i < len; i++) base[out + sizeof hello - 1 + (uint32_t)i] = base[name + i];
    uint32_t *result = (uint32_t *)(base + ret);
    result[0] = out;
    result[1] = n;
}

int32_t kiln_import_kiln_3atest_2fhost__sum(void *vmctx, int32_t mem, int32_t realloc, int32_t xs, int32_t len) {
    (void)realloc;
    const uint32_t *v = (const uint32_t *)(memory(vmctx, mem) + xs);
    uint32_t total = 0;
    for (int32_t i = 0; i < len; i++) total += v[i];
    return (int32_t)total;
}

static uint32_t counters[16];
static int live[16];
static int32_t drops;

int32_t kiln_import_kiln_3atest_2fhost___5bconstructor_5dcounter(void *vmctx, int32_t mem, int32_t realloc,
                                                                  int32_t start) {
    (void)vmctx, (void)mem, (void)realloc;
    for (int32_t h = 1; h < 16; h++) {
        if (!live[h]) {
            live[h] = 1;
            counters[h] = (uint32_t)start;
            return h;
        }
    }
    return 0;
}

int32_t kiln_import_kiln_3atest_2fhost___5bmethod_5dcounter_2ebump(void *vmctx, int32_t mem, int32_t realloc,
                                                                    int32_t self) {
    (void)vmctx, (void)mem, (void)realloc;
    return (int32_t)++counters[self & 15];
}

void kiln_import_kiln_3atest_2fhost___5bresource_2ddrop_5dcounter(void *vmctx, int32_t mem, int32_t realloc,
                                                                   int32_t self) {
    (void)vmctx, (void)mem, (void)realloc;
    live[self & 15] = 0;
    drops++;
}

int32_t kiln_import_kiln_3atest_2fhost__dropped(void *vmctx, int32_t mem, int32_t realloc) {
    (void)vmctx, (void)mem, (void)realloc;
    return drops;
}
