/* Branchy code: a register-machine bytecode interpreter with a switch
 * dispatch loop, running a small program (an LCG, table updates and Collatz
 * steps). */
#include "bench.h"

enum { HALT, LI, MOV, ADD, SUB, MUL, XOR, AND, OR, ADDI, ANDI, ORI, SHLI, SHRI, LD, ST, JMP, JNZ, JZ, JLT, JNE };

typedef struct {
    uint8_t op, a, b, c;
    int32_t imm;
} Insn;

#define MEM_WORDS 1024

static uint64_t run(const Insn *code, uint32_t *r, uint32_t *mem) {
    uint64_t steps = 0;
    const Insn *pc = code;
    for (;;) {
        const Insn *i = pc++;
        steps++;
        switch (i->op) {
        case HALT: return steps;
        case LI: r[i->a] = (uint32_t)i->imm; break;
        case MOV: r[i->a] = r[i->b]; break;
        case ADD: r[i->a] = r[i->b] + r[i->c]; break;
        case SUB: r[i->a] = r[i->b] - r[i->c]; break;
        case MUL: r[i->a] = r[i->b] * r[i->c]; break;
        case XOR: r[i->a] = r[i->b] ^ r[i->c]; break;
        case AND: r[i->a] = r[i->b] & r[i->c]; break;
        case OR: r[i->a] = r[i->b] | r[i->c]; break;
        case ADDI: r[i->a] = r[i->b] + (uint32_t)i->imm; break;
        case ANDI: r[i->a] = r[i->b] & (uint32_t)i->imm; break;
        case ORI: r[i->a] = r[i->b] | (uint32_t)i->imm; break;
        case SHLI: r[i->a] = r[i->b] << (i->imm & 31); break;
        case SHRI: r[i->a] = r[i->b] >> (i->imm & 31); break;
        case LD: r[i->a] = mem[r[i->b] % MEM_WORDS]; break;
        case ST: mem[r[i->a] % MEM_WORDS] = r[i->b]; break;
        case JMP: pc = code + i->imm; break;
        case JNZ: if (r[i->a]) pc = code + i->imm; break;
        case JZ: if (!r[i->a]) pc = code + i->imm; break;
        case JLT: if (r[i->a] < r[i->b]) pc = code + i->imm; break;
        case JNE: if (r[i->a] != r[i->b]) pc = code + i->imm; break;
        default: fprintf(stderr, "interp: bad opcode %d\n", i->op); exit(1);
        }
    }
}

#define I(op, a, b, c, imm) ((Insn){op, a, b, c, imm})

int main(int argc, char **argv) {
    int n = bench_size(argc, argv, 1400000);
    /* r0 = i, r1 = n, r2 = x (LCG), r3 = acc, r4 = multiplier, r12 = 1 */
    Insn code[] = {
        /* 0 */ I(LI, 0, 0, 0, 0),
        /* 1 */ I(LI, 1, 0, 0, n),
        /* 2 */ I(LI, 2, 0, 0, 12345),
        /* 3 */ I(LI, 3, 0, 0, 0),
        /* 4 */ I(LI, 4, 0, 0, 1103515245),
        /* 5 */ I(LI, 12, 0, 0, 1),
        /* loop: */
        /* 6 */ I(MUL, 2, 2, 4, 0),
        /* 7 */ I(ADDI, 2, 2, 0, 12345),
        /* 8 */ I(SHRI, 5, 2, 0, 16),
        /* 9 */ I(ANDI, 5, 5, 0, MEM_WORDS - 1),
        /* 10 */ I(LD, 6, 5, 0, 0),
        /* 11 */ I(XOR, 7, 0, 2, 0),
        /* 12 */ I(ADD, 6, 6, 7, 0),
        /* 13 */ I(ST, 5, 6, 0, 0),
        /* 14 */ I(ANDI, 8, 2, 0, 7 << 8),
        /* 15 */ I(JNZ, 8, 0, 0, 20),
        /* 16 */ I(ADDI, 9, 5, 0, 1),
        /* 17 */ I(LD, 10, 9, 0, 0),
        /* 18 */ I(ADD, 3, 3, 10, 0),
        /* 19 */ I(OR, 3, 3, 12, 0),
        /* collatz: r11 = (x >> 22) | 1, count steps into r3 */
        /* 20 */ I(SHRI, 11, 2, 0, 22),
        /* 21 */ I(ORI, 11, 11, 0, 1),
        /* 22 */ I(JNE, 11, 12, 0, 24),
        /* 23 */ I(JMP, 0, 0, 0, 32),
        /* 24 */ I(ANDI, 13, 11, 0, 1),
        /* 25 */ I(JZ, 13, 0, 0, 30),
        /* 26 */ I(ADD, 14, 11, 11, 0),
        /* 27 */ I(ADD, 11, 14, 11, 0),
        /* 28 */ I(ADDI, 11, 11, 0, 1),
        /* 29 */ I(JMP, 0, 0, 0, 31),
        /* 30 */ I(SHRI, 11, 11, 0, 1),
        /* 31 */ I(ADDI, 3, 3, 0, 1), /* then back to the test */
        /* 32 */ I(JNE, 11, 12, 0, 24),
        /* 33 */ I(ADDI, 0, 0, 0, 1),
        /* 34 */ I(JLT, 0, 1, 0, 6),
        /* 35 */ I(HALT, 0, 0, 0, 0),
    };
    uint32_t r[16] = {0};
    uint32_t *mem = xmalloc(MEM_WORDS * sizeof *mem);
    for (int k = 0; k < MEM_WORDS; k++) mem[k] = (uint32_t)k * 2654435761u;
    uint64_t steps = run(code, r, mem);
    uint64_t sum = mix64(steps, r[3]);
    for (int k = 0; k < MEM_WORDS; k++) sum = mix64(sum, mem[k]);
    bench_result("interp", sum);
    free(mem);
    return 0;
}
