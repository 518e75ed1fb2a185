// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// With transpose_rhs (Q·Kᵀ as a graph op) the rhs is packed once, at root
// and in parallel over batch and heads fused (2 * 4 = 8 tasks), into
// s0_matmul_rhsT ([.., K, N]), so that the register blocks read 8
// consecutive output columns with one contiguous load instead of gathering
// from 8 rows of in_k.

// CHECK-LABEL: // attn-compile: function @mmt
//       CHECK: external func s0_matmul_par_for_s0_matmul_rhsT_s0_i1_i0 (__user_context, s0_matmul_rhsT.s0.i1.i0,
//       CHECK: for (s0_matmul_rhsT.s0.i2, 0, 32) {
//       CHECK: for (s0_matmul_rhsT.s0.i3.i3, 0, 3) {
//  CHECK-NEXT: s0_matmul_rhsT[ramp({{.+}}, 1, 8){{.*}}] = in_k[ramp({{.+}}, in_k.stride.1, 8)]
//       CHECK: external func s0_matmul_par_for_[[TASK:s0_matmul_s0_[a-z0-9_]+]] (
//       CHECK: for (s0_matmul_dot.s1.s0_matmul_k$x, 0, 32) {
//  CHECK-NEXT: s0_matmul_dot[ramp(0, 1, 8)] = s0_matmul_dot[ramp(0, 1, 8)] + (s0_matmul_rhsT[ramp({{.+}}, 1, 8){{.*}}]*x8(in_q[{{[^]]+}}]))
//   CHECK-NOT: in_k
//       CHECK: external_plus_metadata func s0_matmul (in_q, in_k, s0_matmul) {
//       CHECK: allocate s0_matmul_rhsT[float32 * 24 * 32 * 4 * 2]
//       CHECK: halide_do_par_for((void *)::s0_matmul_par_for_s0_matmul_rhsT_s0_i1_i0, 0, 8,
//       CHECK: halide_do_par_for((void *)::s0_matmul_par_for_[[TASK]], 0, 32,
//       CHECK: free s0_matmul_rhsT
func.func @mmt(%q: tensor<2x4x16x32xf32> {attn.name = "q"},
               %k: tensor<2x4x24x32xf32> {attn.name = "k"}) -> tensor<2x4x16x24xf32> {
  %0 = attn.matmul %q, %k transpose_rhs
      : tensor<2x4x16x32xf32>, tensor<2x4x24x32xf32> -> tensor<2x4x16x24xf32>
  return %0 : tensor<2x4x16x24xf32>
}
