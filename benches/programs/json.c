/* Branchy code and recursion: generate a JSON document, then parse it with a
 * recursive-descent parser that validates it and folds every key, string and
 * number into a checksum. */
#include "bench.h"

typedef struct {
    char *buf;
    size_t len, cap;
} Out;

static void put(Out *o, const char *s, size_t n) {
    if (o->len + n + 1 > o->cap) {
        while (o->len + n + 1 > o->cap) o->cap = o->cap ? o->cap * 2 : 4096;
        char *p = realloc(o->buf, o->cap);
        if (!p) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        o->buf = p;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = 0;
}

static void put_c(Out *o, char c) { put(o, &c, 1); }

static void put_uint(Out *o, uint32_t v) {
    char tmp[16];
    int n = 0;
    do tmp[15 - n++] = (char)('0' + v % 10), v /= 10;
    while (v);
    put(o, tmp + 16 - n, (size_t)n);
}

static void gen_string(Out *o) {
    static const char alpha[] = "abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    put_c(o, '"');
    uint32_t n = 1 + rng_below(14);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t k = rng_below(80);
        if (k < 62) put_c(o, alpha[k]);
        else if (k < 66) put(o, "\\n", 2);
        else if (k < 68) put(o, "\\\"", 2);
        else if (k < 69) put(o, "\\u00e9", 6);
        else put_c(o, ' ');
    }
    put_c(o, '"');
}

static void gen_value(Out *o, int depth) {
    uint32_t k = rng_below(depth > 5 ? 6 : 10);
    if (k < 2) {
        if (rng_below(4) == 0) put_c(o, '-');
        put_uint(o, rng_u32() >> rng_below(32));
        if (rng_below(2)) {
            put_c(o, '.');
            put_uint(o, rng_below(1000));
        }
    } else if (k < 4) gen_string(o);
    else if (k == 4) {
        if (rng_below(2)) put(o, "true", 4);
        else put(o, "false", 5);
    }
    else if (k == 5) put(o, "null", 4);
    else if (k < 8) {
        put_c(o, '{');
        uint32_t n = rng_below(8);
        for (uint32_t i = 0; i < n; i++) {
            if (i) put(o, ", ", 2);
            gen_string(o);
            put(o, ": ", 2);
            gen_value(o, depth + 1);
        }
        put_c(o, '}');
    } else {
        put_c(o, '[');
        uint32_t n = rng_below(10);
        for (uint32_t i = 0; i < n; i++) {
            if (i) put_c(o, ',');
            gen_value(o, depth + 1);
        }
        put_c(o, ']');
    }
}

typedef struct {
    const char *p;
    uint64_t hash;
    uint32_t objects, arrays, strings, numbers;
} Parser;

static void fail(const Parser *ps, const char *what) {
    fprintf(stderr, "json: %s near \"%.20s\"\n", what, ps->p);
    exit(1);
}

static void skip_ws(Parser *ps) {
    while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r') ps->p++;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static uint64_t parse_string(Parser *ps) {
    if (*ps->p != '"') fail(ps, "expected a string");
    ps->p++;
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a over the decoded code points */
    for (;;) {
        uint32_t c = (uint8_t)*ps->p++;
        if (c == '"') break;
        if (c == 0) fail(ps, "unterminated string");
        if (c == '\\') {
            char e = *ps->p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case '"': c = '"'; break;
            case '\\': c = '\\'; break;
            case '/': c = '/'; break;
            case 'u': {
                c = 0;
                for (int i = 0; i < 4; i++) {
                    int v = hexval(*ps->p++);
                    if (v < 0) fail(ps, "bad \\u escape");
                    c = c * 16 + (uint32_t)v;
                }
                break;
            }
            default: fail(ps, "bad escape");
            }
        }
        h = (h ^ c) * 0x100000001b3ull;
    }
    ps->strings++;
    return h;
}

/* Numbers are read as fixed point with three decimals, so no float parsing
 * (and no libc difference) is involved. */
static int64_t parse_number(Parser *ps) {
    int neg = *ps->p == '-';
    if (neg) ps->p++;
    if (*ps->p < '0' || *ps->p > '9') fail(ps, "expected a digit");
    int64_t v = 0;
    while (*ps->p >= '0' && *ps->p <= '9') v = v * 10 + (*ps->p++ - '0');
    v *= 1000;
    if (*ps->p == '.') {
        ps->p++;
        int64_t scale = 100;
        while (*ps->p >= '0' && *ps->p <= '9') {
            v += (*ps->p++ - '0') * scale;
            scale /= 10;
        }
    }
    ps->numbers++;
    return neg ? -v : v;
}

static uint64_t parse_value(Parser *ps, int depth) {
    if (depth > 64) fail(ps, "nesting too deep");
    skip_ws(ps);
    char c = *ps->p;
    if (c == '{') {
        ps->p++;
        uint64_t h = 0x7b;
        skip_ws(ps);
        if (*ps->p == '}') {
            ps->p++;
            ps->objects++;
            return h;
        }
        for (;;) {
            skip_ws(ps);
            uint64_t key = parse_string(ps);
            skip_ws(ps);
            if (*ps->p++ != ':') fail(ps, "expected ':'");
            /* Members are unordered: combine them commutatively. */
            h += mix64(key, parse_value(ps, depth + 1));
            skip_ws(ps);
            if (*ps->p == ',') ps->p++;
            else if (*ps->p == '}') {
                ps->p++;
                break;
            } else fail(ps, "expected ',' or '}'");
        }
        ps->objects++;
        return h;
    }
    if (c == '[') {
        ps->p++;
        uint64_t h = 0x5b;
        skip_ws(ps);
        if (*ps->p == ']') {
            ps->p++;
            ps->arrays++;
            return h;
        }
        for (;;) {
            h = mix64(h, parse_value(ps, depth + 1));
            skip_ws(ps);
            if (*ps->p == ',') ps->p++;
            else if (*ps->p == ']') {
                ps->p++;
                break;
            } else fail(ps, "expected ',' or ']'");
        }
        ps->arrays++;
        return h;
    }
    if (c == '"') return parse_string(ps);
    if (c == 't' && strncmp(ps->p, "true", 4) == 0) return ps->p += 4, 1;
    if (c == 'f' && strncmp(ps->p, "false", 5) == 0) return ps->p += 5, 2;
    if (c == 'n' && strncmp(ps->p, "null", 4) == 0) return ps->p += 4, 3;
    return (uint64_t)parse_number(ps);
}

int main(int argc, char **argv) {
    int rounds = bench_size(argc, argv, 70);
    Out doc = {0};
    rng_seed(5);
    put_c(&doc, '[');
    for (int i = 0; i < 6000; i++) {
        if (i) put(&doc, ",\n", 2);
        gen_value(&doc, 0);
    }
    put_c(&doc, ']');
    uint64_t sum = doc.len;
    for (int r = 0; r < rounds; r++) {
        Parser ps = {doc.buf, 0, 0, 0, 0, 0};
        uint64_t h = parse_value(&ps, 0);
        skip_ws(&ps);
        if (*ps.p) fail(&ps, "trailing data");
        sum = mix64(sum, h);
        sum = mix64(sum, (uint64_t)ps.objects << 32 | ps.arrays);
        sum = mix64(sum, (uint64_t)ps.strings << 32 | ps.numbers);
        /* Change one digit so each round parses a slightly different document. */
        for (size_t k = (size_t)r * 7919 % doc.len; k < doc.len; k++)
            if (doc.buf[k] >= '1' && doc.buf[k] <= '8') {
                doc.buf[k]++;
                break;
            }
    }
    bench_result("json", sum);
    free(doc.buf);
    return 0;
}
