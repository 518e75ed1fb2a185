// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.linear with a bias: the accumulators start at zero and the bias (a
// vector load of 8 consecutive bias values) is added when each block is
// stored.

// CHECK-LABEL: // attn-compile: function @linear_bias
//       CHECK: for (s0_linear_dot.s1.s0_linear_k$x.depthInner.depthInner_steps, 0, 4) {
//       CHECK: consume s0_linear_dot {
//       CHECK: for (s0_linear.s0.i1.io.ioi, 0, 4) {
//       CHECK: s0_linear[ramp({{.+}}, 1, 8)] = in_b[ramp([[JO:t[0-9]+]]*16, 1, 8){{.*}}] + s0_linear_dot[ramp(s0_linear.s0.i1.io.ioi*64, 1, 8) aligned(64, 0)]
//  CHECK-NEXT: s0_linear[ramp({{.+}}, 1, 8)] = in_b[ramp(([[JO]]*16) + 8, 1, 8){{.*}}] + s0_linear_dot[ramp((s0_linear.s0.i1.io.ioi*64) + 8, 1, 8) aligned(64, 8)]
//       CHECK: external_plus_metadata func s0_linear (in_x, in_w, in_b, s0_linear) {
func.func @linear_bias(%x: tensor<2x16x32xf32> {attn.name = "x"},
                       %w: tensor<48x32xf32> {attn.name = "w"},
                       %b: tensor<48xf32> {attn.name = "b"}) -> tensor<2x16x48xf32> {
  %0 = attn.linear %x, %w bias(%b : tensor<48xf32>)
      : tensor<2x16x32xf32>, tensor<48x32xf32> -> tensor<2x16x48xf32>
  return %0 : tensor<2x16x48xf32>
}
