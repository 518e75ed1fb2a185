// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Softmax along a middle axis (axis(-2) of [2, 12, 16]): the reductions run
// over the 12 rows, and the row statistics have the shape [2, 16] (32
// elements), vectorized along the last axis with contiguous loads.

// CHECK-LABEL: // attn-compile: function @softmax_middle
//       CHECK: external func s0_softmax_par_for_s0_softmax_max_s1_i0 (
//       CHECK: for (s0_softmax_max.s1.s0_softmax_r$x, 0, 12) {
//  CHECK-NEXT: s0_softmax_max[{{.+}}] = max(s0_softmax_max[{{.+}}], in_s[ramp((in_s.stride.1*s0_softmax_max.s1.s0_softmax_r$x) + {{t[0-9]+}}, 1, 8)])
//       CHECK: external func s0_softmax_par_for_s0_softmax_sum_s1_i0 (
//       CHECK: for (s0_softmax_sum.s1.s0_softmax_r$x, 0, 12) {
// CHECK-LABEL: external_plus_metadata func s0_softmax (in_s, s0_softmax) {
//       CHECK: allocate s0_softmax_max[float32 * 32]
//       CHECK: allocate s0_softmax_exp[float32 * 16 * 12 * 2]
//       CHECK: allocate s0_softmax_sum[float32 * 32]
func.func @softmax_middle(%s: tensor<2x12x16xf32> {attn.name = "s"}) -> tensor<2x12x16xf32> {
  %0 = attn.softmax %s axis(-2) : tensor<2x12x16xf32>
  return %0 : tensor<2x12x16xf32>
}
