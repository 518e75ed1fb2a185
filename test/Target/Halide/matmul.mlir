// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A batched matmul [2, 3, 16, 40] x [2, 3, 40, 24] is computed at root as
// one parallel loop over fused tasks (row blocks of 4 x the batch
// dimensions: 16/4 * 3 * 2 = 24). In a task, each block of 4 rows x 16
// columns is register-blocked: 4 x 2 vector accumulators (s0_matmul_dot)
// run across the whole K=40 reduction, each update a contiguous 8-wide load
// of the rhs row times one broadcast lhs element, then are stored as
// vectors. N=24 needs 2 column blocks (the second shifted to column 8).

// CHECK-LABEL: // attn-compile: function @mm
//       CHECK: module name=s0_matmul, target=x86-64-linux-avx2
//       CHECK: external func s0_matmul_par_for_[[TASK:s0_matmul_s0_[a-z0-9_]+]] (
//       CHECK: allocate s0_matmul_dot[float32 * 16 * 4 * 1 * 1]
//       CHECK: produce s0_matmul_dot {
//  CHECK-NEXT: s0_matmul_dot[ramp(0, 1, 8)] = x8(0.000000f)
//       CHECK: for (s0_matmul_dot.s1.s0_matmul_k$x, 0, 40) {
//  CHECK-NEXT: s0_matmul_dot[ramp(0, 1, 8)] = s0_matmul_dot[ramp(0, 1, 8)] + (in_b[ramp({{.+}}, 1, 8)]*x8(in_a[{{[^]]+}}]))
//   CHECK-NOT: for (
//       CHECK: s0_matmul_dot[ramp(56, 1, 8)] = s0_matmul_dot[ramp(56, 1, 8)] + (in_b[ramp({{.+}}, 1, 8)]*x8(in_a[{{[^]]+}}]))
//  CHECK-NEXT: }
//       CHECK: consume s0_matmul_dot {
//       CHECK: s0_matmul[ramp({{.+}}, 1, 8)] = s0_matmul_dot[ramp(0, 1, 8)]
// The second column block reads rhs columns 8..23.
//       CHECK: for (s0_matmul_dot.s1.s0_matmul_k$x, 0, 40) {
//  CHECK-NEXT: s0_matmul_dot[ramp(0, 1, 8)] = s0_matmul_dot[ramp(0, 1, 8)] + (in_b[ramp({{.+}} + 8, 1, 8)]
//       CHECK: external_plus_metadata func s0_matmul (in_a, in_b, s0_matmul) {
//       CHECK: produce s0_matmul {
//   CHECK-NOT: for (
//       CHECK: halide_do_par_for((void *)::s0_matmul_par_for_[[TASK]], 0, 24,
func.func @mm(%a: tensor<2x3x16x40xf32> {attn.name = "a"},
              %b: tensor<2x3x40x24xf32> {attn.name = "b"}) -> tensor<2x3x16x24xf32> {
  %0 = attn.matmul %a, %b : tensor<2x3x16x40xf32>, tensor<2x3x40x24xf32> -> tensor<2x3x16x24xf32>
  return %0 : tensor<2x3x16x24xf32>
}
