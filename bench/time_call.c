/* Times the dense C entry `int NAME(q, k, v, out)` of a generated attention
 * library from a C program, the way a C caller uses it: bench/bench.py runs
 * it beside its own calls through ctypes, since a C program's heap behaves
 * unlike the Python process's (see docs/Library.md#memory).
 *
 *   time_call LIB NAME B H N M D BUDGET_S LONG_CALL_S MAX_REPEATS
 *
 * As bench.py's measure(): a warm-up call, then as many calls as fill
 * BUDGET_S seconds at the warm-up's pace (at least 3, at most MAX_REPEATS);
 * after a warm-up of LONG_CALL_S seconds or more, one call. (bench.py times
 * such a call once with no warm-up: its process is warm from the smaller
 * sizes, this one is not.)
 * Prints {"samples_s": [...]}; on an error, a message on stderr and a
 * non-zero exit.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef int (*attention_entry)(const float *, const float *, const float *,
                               float *);

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int fail(const char *what, const char *detail) {
  fprintf(stderr, "time_call: %s: %s\n", what, detail ? detail : "");
  return 1;
}

/* Values in [-1, 1) from a fixed linear congruential sequence. */
static void fill(float *x, size_t count, uint32_t seed) {
  for (size_t i = 0; i < count; ++i) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)(seed >> 8) / (float)(1u << 23) - 1.0f;
  }
}

int main(int argc, char **argv) {
  if (argc != 11)
    return fail("usage", "time_call LIB NAME B H N M D BUDGET_S LONG_CALL_S "
                         "MAX_REPEATS");
  long b = atol(argv[3]), h = atol(argv[4]), n = atol(argv[5]),
       m = atol(argv[6]), d = atol(argv[7]);
  double budget = atof(argv[8]), long_call = atof(argv[9]);
  int max_repeats = atoi(argv[10]);
  if (max_repeats < 1 || max_repeats > 1000)
    return fail("usage", "MAX_REPEATS must be 1..1000");
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib)
    return fail("dlopen", dlerror());
  attention_entry entry = (attention_entry)dlsym(lib, argv[2]);
  if (!entry)
    return fail("dlsym", dlerror());
  size_t queries = (size_t)(b * h * n * d), keys = (size_t)(b * h * m * d);
  float *q = malloc(queries * sizeof(float)), *k = malloc(keys * sizeof(float)),
        *v = malloc(keys * sizeof(float)),
        *out = malloc(queries * sizeof(float));
  if (!q || !k || !v || !out)
    return fail("malloc", "inputs");
  fill(q, queries, 1);
  fill(k, keys, 2);
  fill(v, keys, 3);

  double samples[1000];
  int count = 0;
  double start = now_s();
  if (entry(q, k, v, out) != 0)
    return fail("call", "non-zero return code");
  double warm_up = now_s() - start;
  int repeats = 1;
  if (warm_up < long_call) {
    double fill_budget = budget / (warm_up > 1e-6 ? warm_up : 1e-6);
    repeats = fill_budget < max_repeats ? (int)fill_budget : max_repeats;
    if (repeats < 3)
      repeats = 3;
  }
  while (count < repeats) {
    double t0 = now_s();
    if (entry(q, k, v, out) != 0)
      return fail("call", "non-zero return code");
    samples[count++] = now_s() - t0;
  }

  printf("{\"samples_s\": [");
  for (int i = 0; i < count; ++i)
    printf("%s%.6f", i ? ", " : "", samples[i]);
  printf("]}\n");
  return 0;
}
