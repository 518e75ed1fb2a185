/* Prints the library's JSON manifest. */
#include <stdio.h>

#include "libsdpa.h"

int main(void) {
  puts(attn_manifest());
  return 0;
}
