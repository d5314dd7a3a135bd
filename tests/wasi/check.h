/* Shared by the WASI fixtures: every check prints what failed and the
   program exits 1 if any did, else prints "<name>: ok" and exits 0. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            printf("FAIL line %d: %s (errno %d: %s)\n", __LINE__, #cond, errno, strerror(errno)); \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

/* `call` must fail with -1 and errno `err`. */
#define CHECK_ERRNO(call, err)                                                            \
    do {                                                                                  \
        errno = 0;                                                                        \
        long r_ = (long)(call);                                                           \
        if (r_ != -1 || errno != (err)) {                                                 \
            printf("FAIL line %d: %s gave %ld, errno %d (%s); expected errno %d (%s)\n", __LINE__, #call, r_, \
                   errno, strerror(errno), (err), strerror(err));                         \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

/* A raw preview1 call must return `err` (0 for success). */
#define CHECK_WASI(call, err)                                                             \
    do {                                                                                  \
        int e_ = (int)(call);                                                             \
        if (e_ != (err)) {                                                                \
            printf("FAIL line %d: %s returned %d, expected %d\n", __LINE__, #call, e_, (err)); \
            failures++;                                                               \
        }                                                                                 \
    } while (0)

static int finish(const char *name) {
    if (failures) {
        printf("%s: %d checks failed\n", name, failures);
        return 1;
    }
    printf("%s: ok\n", name);
    return 0;
}

/* Writes `text` to a new file at `path`; 0 on success. */
static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int ok = fputs(text, f) >= 0;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

/* Reads up to `cap - 1` bytes of `path` into `buf`; the length or -1. */
static long read_file(const char *path, char *buf, size_t cap) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = 0;
    fclose(f);
    return (long)n;
}
