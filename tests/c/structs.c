// Structs, unions, function pointers, switch tables and bit manipulation.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

struct shape { int kind; union { struct { double w, h; } rect; double r; struct { double a, b, c; } tri; } u; };

static double rect_area(const struct shape *s) { return s->u.rect.w * s->u.rect.h; }
static double circle_area(const struct shape *s) { return 3.14159265358979 * s->u.r * s->u.r; }
static double tri_perimeter(const struct shape *s) { return s->u.tri.a + s->u.tri.b + s->u.tri.c; }

static double (*const measure[])(const struct shape *) = {rect_area, circle_area, tri_perimeter};

static const char *name(int op) {
    switch (op) {
    case 0: return "zero"; case 1: return "one"; case 2: return "two"; case 3: return "three";
    case 4: return "four"; case 5: return "five"; case 6: return "six"; case 7: return "seven";
    case 8: return "eight"; case 9: return "nine"; default: return "many";
    }
}

int main(void) {
    struct shape shapes[30];
    for (int i = 0; i < 30; i++) {
        shapes[i].kind = i % 3;
        shapes[i].u.tri.a = i + 1.0;
        shapes[i].u.tri.b = i * 0.5;
        shapes[i].u.tri.c = 2.0;
    }
    double total = 0.0;
    for (int i = 0; i < 30; i++) total += measure[shapes[i].kind](&shapes[i]);
    printf("total=%.6f\n", total);
    uint32_t x = 0x12345678u;
    int pop = 0, clz = 0, ctz = 0;
    for (int i = 0; i < 1000; i++) {
        x = (x << 7 | x >> 25) ^ (uint32_t)i * 2654435761u;
        pop += __builtin_popcount(x);
        clz += x ? __builtin_clz(x) : 32;
        ctz += x ? __builtin_ctz(x) : 32;
    }
    printf("x=%08x pop=%d clz=%d ctz=%d bswap=%08x\n", x, pop, clz, ctz, __builtin_bswap32(x));
    char words[200] = "";
    for (int i = 0; i < 12; i++) {
        strcat(words, name(i));
        strcat(words, i < 11 ? "," : "");
    }
    printf("%s\n", words);
    return 0;
}
