/* Exercises what a C object can need from the loader: strings and tables in
 * .rodata, initialized and zeroed data, function pointers in data, a jump
 * table, calls and data references to symbols outside the object, weak
 * undefined symbols, and common symbols. Results are checked against Rust
 * re-implementations in gcc.rs. */

extern long host_add(long a, long b);
#ifndef NO_EXTERNAL_DATA
extern long ext_value;
long read_ext(void) { return ext_value; }
long *ext_addr(void) { return &ext_value; }
#endif
extern int weak_missing(void) __attribute__((weak));

static const char msg[] = "hello, loader";
long counter = 7;
long zeroed[16];
__attribute__((common)) long shared_common;

static long twice(long x) { return 2 * x; }
static long thrice(long x) { return 3 * x; }
long (*const ops[])(long) = { twice, thrice };
long (*mutable_ops[])(long) = { thrice, twice };

long sum_msg(void) {
    long s = 0;
    for (const char *p = msg; *p; p++) s += *p;
    return s;
}

long call_host(long x) { return host_add(x, 10) * 3; }

long bump(void) { return ++counter; }

long fill_and_sum(long n) {
    long s = 0;
    for (int i = 0; i < 16; i++) zeroed[i] = i * n;
    for (int i = 0; i < 16; i++) s += zeroed[i];
    return s;
}

__attribute__((noinline)) long dispatch(int k, long x) {
    switch (k) {
    case 0: return x + 1;
    case 1: return host_add(x, 100);
    case 2: return counter * x;
    case 3: return zeroed[(x & 15)];
    case 4: return x ^ 0x55;
    case 5: return twice(x) + 9;
    case 6: return -x;
    case 7: return x * x;
    default: return -1;
    }
}

long apply_op(int i, long x) { return ops[i](x); }
long apply_mutable(int i, long x) { return mutable_ops[i](x); }

int has_weak(void) { return weak_missing ? weak_missing() : -5; }

long set_common(long v) { shared_common = v; return shared_common + 1; }
