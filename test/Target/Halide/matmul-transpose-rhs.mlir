// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// With transpose_rhs (Q·Kᵀ as a graph op) no transposed copy is made at
// root: each task (2 column panels x 1 chunk of row blocks x batch and
// heads 2 * 4 = 16 tasks) packs its panel of Kᵀ, gathering 8 keys from 8
// rows of in_k per vector, so that the register blocks read 8 consecutive
// output columns with one contiguous load.

// CHECK-LABEL: // attn-compile: function @mmt
//       CHECK: external func s0_matmul_par_for_[[TASK:s0_matmul_s0_[a-z0-9_]+]] (
//       CHECK: allocate [[PANEL:s0_matmul_rhsT_in_s0_matmul_dot\$0]][float32 * 16 * 32 * 1 * 1]
//       CHECK: produce [[PANEL]] {
//       CHECK: [[PANEL]][ramp({{.+}}, 1, 8) aligned(8, 0)] = in_k[ramp({{.+}}, in_k.stride.1, 8)]
//       CHECK: for (s0_matmul_dot.s1.s0_matmul_k$x.depthInner.depthInner_steps, 0, 4) {
//  CHECK-NEXT: s0_matmul_dot[ramp([[ACC:t[0-9]+]], 1, 8) aligned(64, 0)] = s0_matmul_dot[ramp([[ACC]], 1, 8) aligned(64, 0)] + ([[PANEL]][ramp(s0_matmul_dot.s1.s0_matmul_k$x.depthInner.depthInner_steps*128, 1, 8) aligned(128, 0)]*x8(in_q[{{[^]]+}}]))
//   CHECK-NOT: in_k
//       CHECK: external_plus_metadata func s0_matmul (in_q, in_k, s0_matmul) {
//   CHECK-NOT: allocate s0_matmul_rhsT[
//       CHECK: halide_do_par_for((void *)::s0_matmul_par_for_[[TASK]], 0, 16,
func.func @mmt(%q: tensor<2x4x16x32xf32> {attn.name = "q"},
               %k: tensor<2x4x24x32xf32> {attn.name = "k"}) -> tensor<2x4x16x24xf32> {
  %0 = attn.matmul %q, %k transpose_rhs
      : tensor<2x4x16x32xf32>, tensor<2x4x24x32xf32> -> tensor<2x4x16x24xf32>
  return %0 : tensor<2x4x16x24xf32>
}
