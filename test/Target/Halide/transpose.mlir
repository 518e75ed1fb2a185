// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.transpose [0, 2, 1, 3]: [2, 16, 4, 32] -> [2, 4, 16, 32]. Batch and
// head are fused into one parallel loop (2 * 4 = 8 tasks): the head (fused
// index % 4) walks the input's dimension 2 (stride.1 in Halide's
// innermost-first order), the batch (fused index / 4) its dimension 0
// (stride.3), and the output row loop (i2) its dimension 1 (stride.2); the
// last dimension stays contiguous and vectorized.

// CHECK-LABEL: // attn-compile: function @transpose
//       CHECK: external func s0_transpose_par_for_s0_transpose_s0_i1_i0 (__user_context, s0_transpose.s0.i1.i0,
//       CHECK: let [[BATCH:t[0-9]+]] = s0_transpose.s0.i1.i0/4
//       CHECK: let [[BOFF:t[0-9]+]] = in_x.stride.3*[[BATCH]]
//       CHECK: let [[HEAD:t[0-9]+]] = s0_transpose.s0.i1.i0 % 4
//       CHECK: for (s0_transpose.s0.i2, 0, 16) {
//       CHECK: let [[IN:t[0-9]+]] = (in_x.stride.2*s0_transpose.s0.i2) + ((in_x.stride.1*[[HEAD]]) + [[BOFF]])
//       CHECK: for (s0_transpose.s0.i3.i3, 0, 4) {
//  CHECK-NEXT: s0_transpose[ramp({{.+}}, 1, 8)] = in_x[ramp((s0_transpose.s0.i3.i3*8) + [[IN]], 1, 8)]
//       CHECK: external_plus_metadata func s0_transpose (in_x, s0_transpose) {
//       CHECK: halide_do_par_for((void *)::s0_transpose_par_for_s0_transpose_s0_i1_i0, 0, 8,
func.func @transpose(%x: tensor<2x16x4x32xf32> {attn.name = "x"}) -> tensor<2x4x16x32xf32> {
  %0 = attn.transpose %x permutation [0, 2, 1, 3] : tensor<2x16x4x32xf32> -> tensor<2x4x16x32xf32>
  return %0 : tensor<2x4x16x32xf32>
}
