// The runtime of LLVM's setjmp/longjmp lowering (`-mllvm -wasm-enable-sjlj`),
// as wasi-libc's libsetjmp provides it: a jmp_buf records which invocation
// of which setjmp it belongs to; longjmp throws the `__c_longjmp` tag with
// the buffer and value, and the lowered code that catches it compares the
// invocation. Compiled without the lowering.
#include <stdint.h>

typedef struct { void *invocation; uint32_t label; struct { void *env; int val; } arg; } jmp_buf[1];

// The tag longjmp throws, which the lowered code catches.
__asm__(".globl __c_longjmp\n.tagtype __c_longjmp i32\n__c_longjmp:\n");

void __wasm_setjmp(void *env, uint32_t label, void *invocation) {
    jmp_buf *jb = env;
    (*jb)->invocation = invocation;
    (*jb)->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *invocation) {
    jmp_buf *jb = env;
    return (*jb)->invocation == invocation ? (*jb)->label : 0;
}

void __wasm_longjmp(void *env, int val) {
    jmp_buf *jb = env;
    (*jb)->arg.env = env;
    (*jb)->arg.val = val ? val : 1;
    __builtin_wasm_throw(1, &(*jb)->arg);
}
