/* Memory-bound work: an open-addressing hash table (linear probing,
 * backward-shift deletion) with a mix of inserts, lookups and deletes. */
#include "bench.h"

typedef struct {
    uint64_t key; /* 0 = empty */
    uint64_t value;
} Slot;

typedef struct {
    Slot *slots;
    uint32_t mask, count;
} Table;

static inline uint32_t hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xC2B2AE3D27D4EB4Full;
    k ^= k >> 29;
    return (uint32_t)k;
}

static void insert(Table *t, uint64_t key, uint64_t value) {
    uint32_t i = hash(key) & t->mask;
    while (t->slots[i].key && t->slots[i].key != key) i = (i + 1) & t->mask;
    if (!t->slots[i].key) t->count++;
    t->slots[i].key = key;
    t->slots[i].value = value;
}

static Slot *find(Table *t, uint64_t key) {
    uint32_t i = hash(key) & t->mask;
    while (t->slots[i].key) {
        if (t->slots[i].key == key) return &t->slots[i];
        i = (i + 1) & t->mask;
    }
    return 0;
}

static int erase(Table *t, uint64_t key) {
    uint32_t i = hash(key) & t->mask;
    while (t->slots[i].key != key) {
        if (!t->slots[i].key) return 0;
        i = (i + 1) & t->mask;
    }
    /* Shift later members of the cluster back over the hole. */
    uint32_t j = i;
    for (;;) {
        j = (j + 1) & t->mask;
        if (!t->slots[j].key) break;
        uint32_t home = hash(t->slots[j].key) & t->mask;
        if (((j - home) & t->mask) >= ((j - i) & t->mask)) {
            t->slots[i] = t->slots[j];
            i = j;
        }
    }
    t->slots[i].key = 0;
    t->count--;
    return 1;
}

int main(int argc, char **argv) {
    int ops = bench_size(argc, argv, 20000000);
    uint32_t live = (uint32_t)ops / 16 + 16; /* keys in play */
    uint32_t cap = 16;
    while (cap < live * 2) cap *= 2;
    Table t = {xmalloc(cap * sizeof(Slot)), cap - 1, 0};
    memset(t.slots, 0, cap * sizeof(Slot));
    rng_seed(7);
    uint64_t sum = 0, hits = 0;
    for (int i = 0; i < ops; i++) {
        uint64_t key = (uint64_t)rng_below(live) * 0x9E3779B97F4A7C15ull + 1;
        uint32_t what = rng_below(8);
        if (what < 3) insert(&t, key, (uint64_t)i);
        else if (what < 7) {
            Slot *s = find(&t, key);
            if (s) {
                hits++;
                sum += s->value;
                s->value++;
            }
        } else hits += (uint64_t)erase(&t, key);
    }
    sum = mix64(mix64(sum, hits), t.count);
    /* Order-independent digest of the final contents. */
    uint64_t contents = 0;
    for (uint32_t i = 0; i <= t.mask; i++)
        if (t.slots[i].key) contents += mix64(t.slots[i].key, t.slots[i].value);
    bench_result("hashtable", mix64(sum, contents));
    free(t.slots);
    return 0;
}
