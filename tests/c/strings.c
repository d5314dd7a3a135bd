// String handling: tokenizing, formatting, searching, reversing, comparing.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdint.h>
#include <inttypes.h>

static uint64_t hash(const char *s) {
    uint64_t h = 5381;
    while (*s) h = h * 33 + (unsigned char)*s++;
    return h;
}

static void reverse(char *s) {
    size_t n = strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
}

int main(void) {
    char text[] = "the quick brown fox jumps over the lazy dog; THE END, said 42 foxes";
    char copy[sizeof text];
    strcpy(copy, text);
    uint64_t total = 0;
    int words = 0;
    for (char *tok = strtok(copy, " ;,"); tok; tok = strtok(NULL, " ;,")) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s/%zu", tok, strlen(tok));
        reverse(buf);
        for (char *p = buf; *p; p++) *p = (char)toupper((unsigned char)*p);
        total += hash(buf);
        words++;
        printf("%-8s %s\n", tok, buf);
    }
    printf("words=%d hash=%" PRIu64 "\n", words, total);
    printf("strstr=%td strchr=%td strrchr=%td\n", strstr(text, "lazy") - text, strchr(text, 'q') - text,
           strrchr(text, 'o') - text);
    printf("cmp=%d %d %d\n", strcmp("apple", "apricot") < 0, strncmp("kiln", "kilns", 4) == 0,
           memcmp("abc", "abd", 3) < 0);
    char *joined = NULL;
    size_t len = 0;
    for (int i = 0; i < 50; i++) {
        char piece[32];
        int n = snprintf(piece, sizeof piece, "[%d:%x:%o]", i, i * i, i * 3);
        joined = realloc(joined, len + n + 1);
        memcpy(joined + len, piece, n + 1);
        len += n;
    }
    printf("joined len=%zu hash=%" PRIu64 "\n", len, hash(joined));
    free(joined);
    long v = strtol("-123456xyz", NULL, 10);
    double d = strtod("3.25e2", NULL);
    printf("strtol=%ld strtod=%g atoi=%d\n", v, d, atoi("  77"));
    return 0;
}
