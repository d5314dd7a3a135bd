// malloc-heavy code: a binary search tree, linked lists, realloc growth, frees.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

struct node { int key; struct node *left, *right; char *label; };

static struct node *insert(struct node *t, int key) {
    if (!t) {
        t = malloc(sizeof *t);
        t->key = key;
        t->left = t->right = NULL;
        t->label = malloc(16 + key % 64);
        snprintf(t->label, 16, "n%d", key);
        return t;
    }
    if (key < t->key) t->left = insert(t->left, key);
    else if (key > t->key) t->right = insert(t->right, key);
    return t;
}

static uint64_t walk(const struct node *t, int depth, int *maxdepth) {
    if (!t) return 0;
    if (depth > *maxdepth) *maxdepth = depth;
    return walk(t->left, depth + 1, maxdepth) * 3 + (uint64_t)t->key + strlen(t->label) +
           walk(t->right, depth + 1, maxdepth);
}

static void destroy(struct node *t) {
    if (!t) return;
    destroy(t->left);
    destroy(t->right);
    free(t->label);
    free(t);
}

struct cell { struct cell *next; int value; char pad[40]; };

int main(void) {
    uint64_t total = 0;
    for (int round = 0; round < 20; round++) {
        struct node *root = NULL;
        uint32_t s = 7 + round;
        for (int i = 0; i < 3000; i++) {
            s = s * 1664525u + 1013904223u;
            root = insert(root, (int)(s % 100000));
        }
        int depth = 0;
        total += walk(root, 0, &depth) + depth;
        destroy(root);
    }
    struct cell *list = NULL;
    for (int i = 0; i < 100000; i++) {
        struct cell *c = malloc(sizeof *c);
        c->value = i;
        c->next = list;
        list = c;
        if (i % 3 == 0) {  // free every third cell right away
            list = c->next;
            free(c);
        }
    }
    int64_t sum = 0;
    int count = 0;
    while (list) {
        struct cell *next = list->next;
        sum += list->value;
        count++;
        free(list);
        list = next;
    }
    size_t cap = 1;
    int *grow = malloc(cap * sizeof *grow);
    for (int i = 0; i < 1000000; i++) {
        if ((size_t)i == cap) {
            cap *= 2;
            grow = realloc(grow, cap * sizeof *grow);
        }
        grow[i] = i ^ (i >> 3);
    }
    uint64_t g = 0;
    for (int i = 0; i < 1000000; i += 1000) g += (uint64_t)grow[i];
    free(grow);
    void *big = calloc(8 << 20, 1);  // 8 MiB: grows linear memory
    int zero = big && ((char *)big)[(8 << 20) - 1] == 0;
    free(big);
    printf("tree=%llu cells=%d sum=%lld grow=%llu cap=%zu calloc_zero=%d\n", (unsigned long long)total, count, (long long)sum,
           (unsigned long long)g, cap, zero);
    return 0;
}
