// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libmha.so
// RUN: FileCheck %s < %t/libmha.h

// The header beside libmha.so: an include guard from the stem, the error
// codes, the two library functions, and per public function the dense entry
// point (const float / const uint8_t inputs named by attn.name, then float
// outputs) and the halide_buffer_t entry point, with a comment giving the
// shapes.

// CHECK: #ifndef ATTN_GENERATED_LIBMHA_H
// CHECK-NEXT: #define ATTN_GENERATED_LIBMHA_H
// CHECK: #include <stdint.h>
// CHECK: extern "C" {
// CHECK: struct halide_buffer_t;
// CHECK: enum {
// CHECK-NEXT:   ATTN_OK = 0,
// CHECK-NEXT:   ATTN_ERROR_NULL_POINTER = 1,
// CHECK-NEXT:   ATTN_ERROR_BAD_BUFFER = 2,
// CHECK-NEXT:   ATTN_ERROR_RUNTIME = 3
// CHECK-NEXT: };
// CHECK: const char *attn_last_error(void);
// CHECK: const char *attn_manifest(void);
// CHECK: /* masked: q [1x2x8x4] f32, k [1x2x8x4] f32, v [1x2x8x4] f32, keep [8x8] bool -> out [1x2x8x4] f32, probs [1x2x8x8] f32.
// CHECK: int masked(const float *q, const float *k, const float *v, const uint8_t *keep, float *out, float *probs);
// CHECK-NEXT: int masked_halide(struct halide_buffer_t *q, struct halide_buffer_t *k, struct halide_buffer_t *v, struct halide_buffer_t *keep, struct halide_buffer_t *out, struct halide_buffer_t *probs);
// CHECK: #endif /* ATTN_GENERATED_LIBMHA_H */
func.func @masked(%q: tensor<1x2x8x4xf32> {attn.name = "q"},
                  %k: tensor<1x2x8x4xf32> {attn.name = "k"},
                  %v: tensor<1x2x8x4xf32> {attn.name = "v"},
                  %m: tensor<8x8xi1> {attn.name = "keep"})
    -> (tensor<1x2x8x4xf32> {attn.name = "out"}, tensor<1x2x8x8xf32> {attn.name = "probs"}) {
  %o = attn.attention %q, %k, %v mask(%m : tensor<8x8xi1>)
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  %s = attn.matmul %q, %k transpose_rhs
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x8xf32>
  %t = attn.mask %s, %m : tensor<1x2x8x8xf32>, tensor<8x8xi1>
  %p = attn.softmax %t axis(-1) : tensor<1x2x8x8xf32>
  return %o, %p : tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>
}
