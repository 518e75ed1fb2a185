/* FMA peak: the single-precision fused multiply-add throughput of this CPU,
 * on one core and on all cores.
 *
 * Every thread runs a loop of independent FMA chains (ACC accumulators, more
 * than latency x issue ports on current x86 cores, so the FMA units never wait
 * for a result), with AVX-512 (16 lanes) when the CPU has it, else AVX2 + FMA
 * (8 lanes). One FMA = 2 FLOPs per lane. Prints one JSON object:
 *
 *   {"isa": "avx2", "threads": 2, "gflops_1thread": ..., "gflops": ...}
 *
 * Build: gcc -O2 -march=native -fopenmp fma_peak.c -o fma_peak
 * Usage: fma_peak [seconds per trial, default 0.25]
 */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define ACC 12
#define INNER 1000 /* FMA rounds per inner loop (ACC FMAs each) */

static volatile float sink;

/* Runs `outer` x INNER x ACC FMAs of 8 lanes; returns FLOPs done. */
__attribute__((target("avx2,fma"), noinline)) static double run_avx2(long outer) {
  __m256 acc[ACC];
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-6f);
  for (int i = 0; i < ACC; i++) acc[i] = _mm256_set1_ps((float)i);
  for (long o = 0; o < outer; o++) {
    for (int r = 0; r < INNER; r++) {
#pragma GCC unroll 12
      for (int i = 0; i < ACC; i++) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
    }
    __asm__ volatile("" ::: "memory");
  }
  __m256 s = acc[0];
  for (int i = 1; i < ACC; i++) s = _mm256_add_ps(s, acc[i]);
  float out[8];
  _mm256_storeu_ps(out, s);
  sink = out[0];
  return (double)outer * INNER * ACC * 8 * 2;
}

__attribute__((target("avx512f"), noinline)) static double run_avx512(long outer) {
  __m512 acc[ACC];
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-6f);
  for (int i = 0; i < ACC; i++) acc[i] = _mm512_set1_ps((float)i);
  for (long o = 0; o < outer; o++) {
    for (int r = 0; r < INNER; r++) {
#pragma GCC unroll 12
      for (int i = 0; i < ACC; i++) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
    }
    __asm__ volatile("" ::: "memory");
  }
  __m512 s = acc[0];
  for (int i = 1; i < ACC; i++) s = _mm512_add_ps(s, acc[i]);
  sink = _mm512_reduce_add_ps(s);
  return (double)outer * INNER * ACC * 16 * 2;
}

typedef double (*kernel_fn)(long);

/* GFLOP/s of `threads` threads each running `outer` iterations; the time is
 * the slowest thread's, after all started together (best of `trials`). */
static double measure(kernel_fn kernel, int threads, long outer, int trials) {
  double best = 0;
  for (int t = 0; t < trials; t++) {
    double flops = 0, start = 0, end = 0;
#pragma omp parallel num_threads(threads) reduction(+ : flops)
    {
#pragma omp barrier
#pragma omp master
      start = omp_get_wtime();
      flops += kernel(outer);
#pragma omp barrier
#pragma omp master
      end = omp_get_wtime();
    }
    double g = flops / (end - start) / 1e9;
    if (g > best) best = g;
  }
  return best;
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 0.25;
  __builtin_cpu_init();
  int avx512 = __builtin_cpu_supports("avx512f");
  int avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (!avx512 && !avx2) {
    printf("{\"isa\": \"none\", \"error\": \"no AVX2+FMA\"}\n");
    return 1;
  }
  kernel_fn kernel = avx512 ? run_avx512 : run_avx2;
  int threads = omp_get_num_procs();
  const char *env = getenv("OMP_NUM_THREADS");
  if (env && atoi(env) > 0) threads = atoi(env);

  /* Calibrate: iterations for about `seconds` on one thread. */
  kernel(10); /* warm up (frequency, page in) */
  double t0 = omp_get_wtime();
  kernel(50);
  double per = (omp_get_wtime() - t0) / 50;
  long outer = (long)(seconds / (per > 0 ? per : 1e-6));
  if (outer < 1) outer = 1;

  double one = measure(kernel, 1, outer, 5);
  double all = measure(kernel, threads, outer, 5);
  printf("{\"isa\": \"%s\", \"threads\": %d, \"accumulators\": %d, "
         "\"gflops_1thread\": %.2f, \"gflops\": %.2f}\n",
         avx512 ? "avx512f" : "avx2+fma", threads, ACC, one, all);
  return 0;
}
