/* Calls the `sdpa` entry point of a library built from emit-shared-run.mlir
   (or emit-object-link.mlir) through its generated header, and prints the
   return code and the result. Query rows are zero, so every row of the
   output is the mean of the value rows: v[j][d] = 4j + d -> 6 + d. */
#include <stdio.h>

#include "libsdpa.h"

int main(void) {
  float q[2 * 4] = {0}, k[4 * 4], v[4 * 4], out[2 * 4];
  for (int i = 0; i < 16; ++i) {
    k[i] = (float)(i % 5);
    v[i] = (float)i;
  }
  for (int i = 0; i < 8; ++i)
    out[i] = -1.0f;
  int rc = sdpa(q, k, v, out);
  printf("rc=%d\n", rc);
  for (int n = 0; n < 2; ++n)
    printf("row %d: %.3f %.3f %.3f %.3f\n", n, out[4 * n], out[4 * n + 1],
           out[4 * n + 2], out[4 * n + 3]);
  return rc;
}
