/* Calls the `prefill` entry point of a library built from
   scratch-reuse-c-caller.mlir three times and prints the page faults of each
   call. The first call faults in the library's scratch (packed panels, per
   task blocks) and the output; later calls should reuse all of it. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "libprefill.h"

enum { HEADS = 8, ROWS = 2048, DEPTH = 64 };

static long minor_faults(void) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

int main(void) {
  /* Every block of 32 KiB or more its own mapping, unmapped when freed:
     what the heap's trimming does at its own moments in a C program, made
     certain, so that a block not kept is visible as faults. */
  mallopt(M_MMAP_THRESHOLD, 32 << 10);
  size_t count = (size_t)HEADS * ROWS * DEPTH;
  float *q = malloc(count * sizeof(float)), *k = malloc(count * sizeof(float)),
        *v = malloc(count * sizeof(float)),
        *out = malloc(count * sizeof(float));
  if (!q || !k || !v || !out)
    return 2;
  for (size_t i = 0; i < count; ++i) {
    q[i] = (float)(i % 7) * 0.1f;
    k[i] = (float)(i % 5) * 0.1f;
    v[i] = (float)(i % 3);
  }
  for (int call = 0; call < 3; ++call) {
    long before = minor_faults();
    int rc = prefill(q, k, v, out);
    printf("call %d: rc=%d, %ld page faults\n", call, rc,
           minor_faults() - before);
  }
  return 0;
}
