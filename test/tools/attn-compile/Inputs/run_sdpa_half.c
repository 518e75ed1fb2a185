/* Calls the f16 and bf16 entry points of a library built from
   emit-shared-run-half.mlir through its generated header: the arguments are
   uint16_t raw bits. Query rows are zero, so every output row is the mean
   of the value rows: v[j][d] = 4j + d -> 6 + d (exact in f16 and bf16).
   Also: the integers 0..15 and the means round-trip through the library's
   rounding exactly. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "libhalf.h"

/* f16 / bf16 bits of a value exactly representable in them (no rounding). */
static uint16_t to_f16(float x) {
  if (x == 0.0f)
    return 0;
  int e;
  float m = frexpf(x, &e); /* x = m * 2^e, 0.5 <= m < 1 */
  unsigned mantissa = (unsigned)ldexpf(m * 2.0f - 1.0f, 10);
  return (uint16_t)(((unsigned)(e - 1 + 15) << 10) | mantissa);
}

static float from_f16(uint16_t h) {
  unsigned e = (h >> 10) & 0x1f, m = h & 0x3ff;
  float v = e ? ldexpf(1.0f + m / 1024.0f, (int)e - 15) : ldexpf(m, -24);
  return (h & 0x8000) ? -v : v;
}

static uint16_t to_bf16(float x) {
  uint32_t u;
  memcpy(&u, &x, 4);
  return (uint16_t)(u >> 16);
}

static float from_bf16(uint16_t b) {
  uint32_t u = (uint32_t)b << 16;
  float x;
  memcpy(&x, &u, 4);
  return x;
}

int main(void) {
  uint16_t q[2 * 4], k[4 * 4], v[4 * 4], out[2 * 4];
  for (int pass = 0; pass < 2; ++pass) {
    uint16_t (*to)(float) = pass ? to_bf16 : to_f16;
    float (*from)(uint16_t) = pass ? from_bf16 : from_f16;
    for (int i = 0; i < 8; ++i) {
      q[i] = to(0.0f);
      out[i] = 0xFFFF;
    }
    for (int i = 0; i < 16; ++i) {
      k[i] = to((float)(i % 5));
      v[i] = to((float)i);
    }
    int rc = pass ? sdpa_bf16(q, k, v, out) : sdpa_f16(q, k, v, out);
    printf("%s rc=%d\n", pass ? "bf16" : "f16", rc);
    for (int n = 0; n < 2; ++n)
      printf("row %d: %.3f %.3f %.3f %.3f\n", n, from(out[4 * n]),
             from(out[4 * n + 1]), from(out[4 * n + 2]), from(out[4 * n + 3]));
    if (rc)
      printf("error: %s\n", attn_last_error());
  }
  return 0;
}
