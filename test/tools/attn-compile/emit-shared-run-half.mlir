// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libhalf.so
// RUN: FileCheck %s --check-prefix=HEADER < %t/libhalf.h
// RUN: cc -std=c11 -Wall -Werror %S/Inputs/run_sdpa_half.c -I %t -L %t -lhalf -Wl,-rpath,%t -lm -o %t/run_sdpa_half
// RUN: %t/run_sdpa_half | FileCheck %s

// f16 and bf16 functions called from C through the generated header: the
// elements are uint16_t raw bits; the library computes in f32. With zero
// queries every output row is the mean of the value rows.

// HEADER: /* f16 and bf16 elements are passed as uint16_t holding their raw bits:
// HEADER: /* sdpa_f16: q [1x1x2x4] f16, k [1x1x4x4] f16, v [1x1x4x4] f16 -> out [1x1x2x4] f16.
// HEADER: int sdpa_f16(const uint16_t *q, const uint16_t *k, const uint16_t *v, uint16_t *out);
// HEADER: int sdpa_f16_halide(struct halide_buffer_t *q, struct halide_buffer_t *k, struct halide_buffer_t *v, struct halide_buffer_t *out);
// HEADER: /* sdpa_bf16: q [1x1x2x4] bf16, k [1x1x4x4] bf16, v [1x1x4x4] bf16 -> out [1x1x2x4] bf16.
// HEADER: int sdpa_bf16(const uint16_t *q, const uint16_t *k, const uint16_t *v, uint16_t *out);

// CHECK: f16 rc=0
// CHECK-NEXT: row 0: 6.000 7.000 8.000 9.000
// CHECK-NEXT: row 1: 6.000 7.000 8.000 9.000
// CHECK-NEXT: bf16 rc=0
// CHECK-NEXT: row 0: 6.000 7.000 8.000 9.000
// CHECK-NEXT: row 1: 6.000 7.000 8.000 9.000
func.func @sdpa_f16(%q: tensor<1x1x2x4xf16> {attn.name = "q"},
                    %k: tensor<1x1x4x4xf16> {attn.name = "k"},
                    %v: tensor<1x1x4x4xf16> {attn.name = "v"}) -> (tensor<1x1x2x4xf16> {attn.name = "out"}) {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x2x4xf16>, tensor<1x1x4x4xf16>, tensor<1x1x4x4xf16> -> tensor<1x1x2x4xf16>
  return %o : tensor<1x1x2x4xf16>
}

func.func @sdpa_bf16(%q: tensor<1x1x2x4xbf16> {attn.name = "q"},
                     %k: tensor<1x1x4x4xbf16> {attn.name = "k"},
                     %v: tensor<1x1x4x4xbf16> {attn.name = "v"}) -> (tensor<1x1x2x4xbf16> {attn.name = "out"}) {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x2x4xbf16>, tensor<1x1x4x4xbf16>, tensor<1x1x4x4xbf16> -> tensor<1x1x2x4xbf16>
  return %o : tensor<1x1x2x4xbf16>
}
