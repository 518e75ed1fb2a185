/* STREAM-style copy bandwidth, c[i] = a[i] over double arrays much larger
 * than the last-level cache, on all cores (OpenMP, static schedule, arrays
 * first touched by the thread that later copies them). Counts 16 bytes per
 * element (8 read + 8 written; like STREAM, write-allocate traffic is not
 * counted). Prints the best of the trials as one JSON object:
 *
 *   {"threads": 2, "array_mib": 512, "gbs": ...}
 *
 * Build: gcc -O2 -march=native -fopenmp stream_copy.c -o stream_copy
 * Usage: stream_copy [MiB per array, default 512] [trials, default 10]
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long mib = argc > 1 ? atol(argv[1]) : 512;
  int trials = argc > 2 ? atoi(argv[2]) : 10;
  long n = mib * 1024 * 1024 / sizeof(double);
  double *a = aligned_alloc(64, n * sizeof(double));
  double *c = aligned_alloc(64, n * sizeof(double));
  if (!a || !c) {
    printf("{\"error\": \"cannot allocate 2 x %ld MiB\"}\n", mib);
    return 1;
  }
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; i++) {
    a[i] = 1.0 + (double)(i & 1023);
    c[i] = 0.0;
  }
  double best = 1e30;
  for (int t = 0; t < trials; t++) {
    double start = omp_get_wtime();
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) c[i] = a[i];
    double elapsed = omp_get_wtime() - start;
    if (elapsed < best) best = elapsed;
  }
  /* Use the result so the copies cannot be dropped. */
  double check = c[0] + c[n / 2] + c[n - 1];
  printf("{\"threads\": %d, \"array_mib\": %ld, \"trials\": %d, "
         "\"gbs\": %.2f, \"check\": %.1f}\n",
         omp_get_max_threads(), mib, trials, 2.0 * n * sizeof(double) / best / 1e9,
         check);
  free(a);
  free(c);
  return 0;
}
