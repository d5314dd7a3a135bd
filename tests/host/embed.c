// imports.c embedded in a C program with its own libc and main: it links
// `kiln compile`'s imports.o and libkiln_rt.a itself, so it defines the
// imports under their exact symbols (kiln_import_<module>__<name>; the plain
// env_* names are only bound by `kiln build --link`). The definitions are
// natives.c and natives_lib.c, renamed. Output: imports.expected.
#define env_count_vowels kiln_import_env__count_5fvowels
#define env_to_upper kiln_import_env__to_5fupper
#define env_memory_pages kiln_import_env__memory_5fpages
#define env_greet kiln_import_env__greet
#include "natives.c"
#include "natives_lib.c"

#include <stdio.h>

int main(void) {
    void *vm = kiln_instantiate();
    if (!vm) {
        fprintf(stderr, "instantiation failed\n");
        return 2;
    }
    kiln_export__5fstart(vm);
    return 0;
}
