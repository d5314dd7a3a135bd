// Hello, world in C, for kiln via WASI:
//   clang --target=wasm32-wasi -O2 examples/hello.c -o hello.wasm
//   kiln build hello.wasm -o hello && ./hello
#include <stdio.h>

int main(int argc, char **argv) {
    printf("Hello from C compiled by kiln, with %d argument%s!\n", argc - 1, argc == 2 ? "" : "s");
    return 0;
}
