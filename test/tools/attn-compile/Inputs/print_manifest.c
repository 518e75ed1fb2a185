/* Prints the library's JSON manifest. */
#include <stdio.h>

/* The library's header: -DATTN_HEADER='"libX.h"', libsdpa.h by default. */
#ifndef ATTN_HEADER
#define ATTN_HEADER "libsdpa.h"
#endif
#include ATTN_HEADER

int main(void) {
  puts(attn_manifest());
  return 0;
}
