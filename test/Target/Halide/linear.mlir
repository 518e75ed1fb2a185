// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.linear without bias: x·Wᵀ with W [Nout=48, K=32]. Wᵀ is not
// materialized: each task (a panel of 16 output features x a chunk of row
// blocks x a batch: 3 * 1 * 2 = 6 tasks) packs its panel from W's rows
// (K x 16 features, contiguous along the features), so that the register
// blocks read 8 output features with one contiguous load; the 4 x 16
// blocks accumulate across K (one depth block of 32) in the task's
// s0_linear_dot and are stored as they are (no bias term).

// CHECK-LABEL: // attn-compile: function @linear
//   CHECK-NOT: allocate s0_linear_weightT[
//       CHECK: external func s0_linear_par_for_[[TASK:s0_linear_s0_[a-z0-9_]+]] (
//       CHECK: allocate [[PANEL:s0_linear_weightT_in_s0_linear_dot\$0]][float32 * 16 * 32]
//       CHECK: produce [[PANEL]] {
//       CHECK: [[PANEL]][ramp({{.+}}, 1, 8) aligned(8, 0)] = in_w[ramp({{.+}}, in_w.stride.1, 8)]
//       CHECK: allocate s0_linear_dot[float32 * 16 * 16 * 1]
//       CHECK: for (s0_linear_dot.s1.s0_linear_k$x.depthInner.depthInner_steps, 0, 4) {
//  CHECK-NEXT: s0_linear_dot[ramp([[ACC:t[0-9]+]], 1, 8) aligned(64, 0)] = s0_linear_dot[ramp([[ACC]], 1, 8) aligned(64, 0)] + ([[PANEL]][ramp(s0_linear_dot.s1.s0_linear_k$x.depthInner.depthInner_steps*128, 1, 8) aligned(128, 0)]*x8(in_x[{{[^]]+}}]))
//       CHECK: consume s0_linear_dot {
//       CHECK: for (s0_linear.s0.i1.io.ioi, 0, 4) {
//       CHECK: s0_linear[ramp({{.+}}, 1, 8)] = s0_linear_dot[ramp(s0_linear.s0.i1.io.ioi*64, 1, 8) aligned(64, 0)]
//       CHECK: external_plus_metadata func s0_linear (in_x, in_w, s0_linear) {
//   CHECK-NOT: allocate s0_linear_weightT[
//       CHECK: halide_do_par_for((void *)::s0_linear_par_for_[[TASK]], 0, 6,
func.func @linear(%x: tensor<2x16x32xf32> {attn.name = "x"},
                  %w: tensor<48x32xf32> {attn.name = "w"}) -> tensor<2x16x48xf32> {
  %0 = attn.linear %x, %w : tensor<2x16x32xf32>, tensor<48x32xf32> -> tensor<2x16x48xf32>
  return %0 : tensor<2x16x48xf32>
}
