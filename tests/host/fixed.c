// instance_echo.c compiled with --memory-base fixed: its code finds memory 0
// at one fixed address, so there can be one instance at a time. A second
// is refused with a message saying so (NULL); once the first is dropped,
// the address is free again.
#include "instance_echo.h"

#include <stdio.h>

int main(void) {
    void *first = kiln_instance_new(0, NULL, NULL);
    void *second = kiln_instance_new(0, NULL, NULL);
    printf("first %s, second %s\n", first ? "ok" : "NULL", second ? "ok" : "NULL");
    kiln_instance_drop(first);
    void *third = kiln_instance_new(0, NULL, NULL);
    printf("after the drop %s\n", third ? "ok" : "NULL");
    kiln_instance_drop(third);
    return 0;
}
