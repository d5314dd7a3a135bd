// proc_raise: signal 0 does nothing, a signal whose default action is to
// be ignored returns, and SIGTERM ends the program as it would a native
// one (the harness expects death by signal 15, and "raise: ok" first).
// grants: none
#include "check.h"
#include <wasi/api.h>

/* wasi-libc declares proc_raise only with _WASI_EMULATED_SIGNAL. */
int32_t proc_raise(int32_t sig) __attribute__((__import_module__("wasi_snapshot_preview1"), __import_name__("proc_raise")));
#define SIGNAL_TERM 15
#define SIGNAL_CHLD 16

int main(void) {
    CHECK_WASI(proc_raise(0), 0);
    CHECK_WASI(proc_raise(SIGNAL_CHLD), 0);
    CHECK_WASI(proc_raise(31), __WASI_ERRNO_INVAL);
    CHECK_WASI(__wasi_sched_yield(), 0);
    if (finish("raise") != 0) return 1;
    fflush(stdout);
    proc_raise(SIGNAL_TERM);
    printf("still running after SIGTERM\n");
    return 1;
}
