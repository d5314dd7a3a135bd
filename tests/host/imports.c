// A WASI program importing host functions that kiln build --link satisfies
// with native code (cli/tests/host_functions.rs): natives.c (an object)
// and natives_lib.c (an archive) read and write the strings it passes.
// Output: imports.expected.
#include <stdio.h>
#include <string.h>

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

// Defined in natives.c as env_<name>.
IMPORT("env", "count_vowels") int count_vowels(const char *s);
IMPORT("env", "to_upper") void to_upper(char *s, int len);
IMPORT("env", "memory_pages") int memory_pages(void);
// Defined in natives_lib.c: `greet` as env_greet, and `mix`, whose module
// name is no C identifier, under its exact symbol kiln_import_host_2dlib__mix.
IMPORT("env", "greet") int greet(const char *name, char *out, int cap);
IMPORT("host-lib", "mix") long long mix(long long a, double b);

int main(void) {
    const char *word = "WebAssembly";
    printf("count_vowels(\"%s\") = %d\n", word, count_vowels(word));
    char loud[32];
    strcpy(loud, "speak up, please");
    to_upper(loud, (int)strlen(loud));
    printf("to_upper = %s\n", loud);
    char out[64];
    int n = greet("kiln", out, (int)sizeof out);
    printf("greet = %.*s (%d bytes)\n", n, out, n);
    n = greet("a name far too long for the little buffer it is given", out, 16);
    printf("greet (truncated) = %.*s (%d bytes)\n", n, out, n);
    printf("mix(40, 2.5) = %lld\n", mix(40, 2.5));
    printf("memory_pages > 0: %s\n", memory_pages() > 0 ? "yes" : "no");
    return 0;
}
