/* Memory-bound work: pointer-based structures. An unbalanced binary search
 * tree of malloc'd nodes (insert, search, in-order walk, free), and a linked
 * list laid out in shuffled order, walked repeatedly. */
#include "bench.h"

typedef struct Node {
    struct Node *left, *right;
    uint32_t key, count;
} Node;

static Node *tree_insert(Node *root, uint32_t key) {
    Node **link = &root;
    while (*link) {
        if (key == (*link)->key) {
            (*link)->count++;
            return root;
        }
        link = key < (*link)->key ? &(*link)->left : &(*link)->right;
    }
    Node *n = xmalloc(sizeof *n);
    n->left = n->right = 0;
    n->key = key;
    n->count = 1;
    *link = n;
    return root;
}

static uint32_t tree_count(const Node *n, uint32_t key) {
    while (n) {
        if (key == n->key) return n->count;
        n = key < n->key ? n->left : n->right;
    }
    return 0;
}

static uint64_t tree_walk(const Node *n, uint64_t h) {
    while (n) {
        h = tree_walk(n->left, h);
        h = mix64(h, (uint64_t)n->key << 32 | n->count);
        n = n->right;
    }
    return h;
}

static void tree_free(Node *n) {
    while (n) {
        tree_free(n->left);
        Node *r = n->right;
        free(n);
        n = r;
    }
}

typedef struct Item {
    struct Item *next;
    uint32_t value;
} Item;

int main(int argc, char **argv) {
    int n = bench_size(argc, argv, 250000);
    uint64_t sum = 0;
    rng_seed(8);
    for (int round = 0; round < 3; round++) {
        Node *root = 0;
        for (int i = 0; i < n; i++) root = tree_insert(root, rng_below((uint32_t)n * 4));
        uint64_t found = 0;
        for (int i = 0; i < n; i++) found += tree_count(root, rng_below((uint32_t)n * 4));
        sum = mix64(tree_walk(root, sum), found);
        tree_free(root);
    }
    /* The list: nodes in one array, linked in a random order. */
    Item *items = xmalloc((size_t)n * sizeof *items);
    uint32_t *order = xmalloc((size_t)n * sizeof *order);
    for (int i = 0; i < n; i++) order[i] = (uint32_t)i;
    for (int i = n - 1; i > 0; i--) {
        uint32_t j = rng_below((uint32_t)i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (int i = 0; i < n; i++) {
        items[order[i]].value = (uint32_t)i;
        items[order[i]].next = i + 1 < n ? &items[order[i + 1]] : 0;
    }
    for (int pass = 0; pass < 40; pass++) {
        uint64_t acc = 0;
        for (Item *it = &items[order[0]]; it; it = it->next) {
            acc += it->value ^ (uint32_t)pass;
            it->value += (uint32_t)(acc & 3);
        }
        sum = mix64(sum, acc);
    }
    bench_result("linked", sum);
    free(items);
    free(order);
    return 0;
}
