// A string-keyed open-addressing hash map with resizing and deletion.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stddef.h>

struct entry { char *key; int value; int used; };
struct map { struct entry *slots; size_t cap, len; };

static uint32_t fnv(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static void put(struct map *m, const char *key, int value);

static void grow(struct map *m) {
    struct entry *old = m->slots;
    size_t oldcap = m->cap;
    m->cap = m->cap ? m->cap * 2 : 16;
    m->slots = calloc(m->cap, sizeof *m->slots);
    m->len = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].used == 1) {
            put(m, old[i].key, old[i].value);
            free(old[i].key);
        }
    free(old);
}

static void put(struct map *m, const char *key, int value) {
    if ((m->len + 1) * 4 > m->cap * 3) grow(m);
    size_t i = fnv(key) & (m->cap - 1);
    while (m->slots[i].used == 1 && strcmp(m->slots[i].key, key) != 0) i = (i + 1) & (m->cap - 1);
    if (m->slots[i].used == 1) {
        m->slots[i].value = value;
        return;
    }
    m->slots[i].key = strdup(key);
    m->slots[i].value = value;
    m->slots[i].used = 1;
    m->len++;
}

static int *get(struct map *m, const char *key) {
    if (!m->cap) return NULL;
    size_t i = fnv(key) & (m->cap - 1);
    while (m->slots[i].used) {
        if (m->slots[i].used == 1 && strcmp(m->slots[i].key, key) == 0) return &m->slots[i].value;
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

static void del(struct map *m, const char *key) {
    int *v = get(m, key);
    if (!v) return;
    struct entry *e = (struct entry *)((char *)v - offsetof(struct entry, value));
    free(e->key);
    e->key = NULL;
    e->used = 2;  // tombstone
    m->len--;
}

int main(void) {
    struct map m = {0};
    char key[32];
    for (int i = 0; i < 40000; i++) {
        snprintf(key, sizeof key, "key-%d-%x", i % 25000, i * 7);
        put(&m, key, i);
    }
    for (int i = 0; i < 40000; i += 3) {
        snprintf(key, sizeof key, "key-%d-%x", i % 25000, i * 7);
        del(&m, key);
    }
    uint64_t sum = 0;
    int hits = 0;
    for (int i = 0; i < 40000; i++) {
        snprintf(key, sizeof key, "key-%d-%x", i % 25000, i * 7);
        int *v = get(&m, key);
        if (v) {
            hits++;
            sum = sum * 31 + (uint64_t)*v;
        }
    }
    printf("len=%zu cap=%zu hits=%d sum=%llu\n", m.len, m.cap, hits, (unsigned long long)sum);
    for (size_t i = 0; i < m.cap; i++)
        if (m.slots[i].used == 1) free(m.slots[i].key);
    free(m.slots);
    return 0;
}
