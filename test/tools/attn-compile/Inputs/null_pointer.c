/* Calls `sdpa` with a null key pointer: the call must fail with
   ATTN_ERROR_NULL_POINTER, say which argument was null, and leave the
   output untouched. */
#include <stdio.h>

#include "libsdpa.h"

int main(void) {
  float q[2 * 4] = {0}, v[4 * 4] = {0}, out[2 * 4];
  for (int i = 0; i < 8; ++i)
    out[i] = 42.0f;
  int rc = sdpa(q, NULL, v, out);
  printf("rc=%d null_pointer=%d\n", rc, rc == ATTN_ERROR_NULL_POINTER);
  printf("error: %s\n", attn_last_error());
  int untouched = 1;
  for (int i = 0; i < 8; ++i)
    untouched &= out[i] == 42.0f;
  printf("output untouched: %d\n", untouched);
  return 0;
}
