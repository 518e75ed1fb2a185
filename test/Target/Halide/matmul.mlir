// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A batched matmul [2, 3, 16, 40] x [2, 3, 40, 24] is computed at root as
// one parallel loop over fused tasks: a column panel of 16 x a chunk of up
// to 16 row blocks of 4 x the batch dimensions (2 panels * 1 chunk * 3 * 2
// = 12). A task first packs its panel of the rhs (40 x 16, contiguous);
// then each block of 4 rows x 16 columns is register-blocked: 4 x 2 vector
// accumulators (s0_matmul_dot) run across the whole K=40 reduction, each
// update a contiguous 8-wide load of the packed panel times one broadcast
// lhs element, then are stored as vectors. N=24 needs 2 column panels (the
// second shifted to column 8).

// CHECK-LABEL: // attn-compile: function @mm
//       CHECK: module name=s0_matmul, target=x86-64-linux-avx2
//       CHECK: external func s0_matmul_par_for_[[TASK:s0_matmul_s0_[a-z0-9_]+]] (
//       CHECK: allocate [[PANEL:[a-z0-9_]+_in_s0_matmul_dot\$0]][float32 * 16 * 40 * 1 * 1]
//       CHECK: produce [[PANEL]] {
//       CHECK: let [[SHIFT:t[0-9]+]] = min(({{t[0-9]+}} % 2)*16, 8)
//       CHECK: for ([[PANEL]].s0.i2, 0, 40) {
//       CHECK: [[PANEL]][ramp({{.+}}, 1, 8) aligned(8, 0)] = in_b[ramp({{.+}}, 1, 8)]
//       CHECK: consume [[PANEL]] {
//       CHECK: for (s0_matmul.s0.i2.io.ioi, 0, 4) {
//  CHECK-NEXT: allocate s0_matmul_dot[float32 * 16 * 4 * 1 * 1]
//       CHECK: produce s0_matmul_dot {
//  CHECK-NEXT: s0_matmul_dot[ramp(0, 1, 8)] = x8(0.000000f)
//       CHECK: for (s0_matmul_dot.s1.s0_matmul_k$x, 0, 40) {
//  CHECK-NEXT: s0_matmul_dot[ramp(0, 1, 8)] = s0_matmul_dot[ramp(0, 1, 8)] + ([[PANEL]][ramp(s0_matmul_dot.s1.s0_matmul_k$x*16, 1, 8) aligned(16, 0)]*x8(in_a[{{[^]]+}}]))
//   CHECK-NOT: for (
//       CHECK: s0_matmul_dot[ramp(56, 1, 8)] = s0_matmul_dot[ramp(56, 1, 8)] + ([[PANEL]][ramp((s0_matmul_dot.s1.s0_matmul_k$x*16) + 8, 1, 8) aligned(16, 8)]*x8(in_a[{{[^]]+}}]))
//  CHECK-NEXT: }
//       CHECK: consume s0_matmul_dot {
//       CHECK: s0_matmul[ramp({{.+}}, 1, 8)] = s0_matmul_dot[ramp(0, 1, 8)]
//       CHECK: external_plus_metadata func s0_matmul (in_a, in_b, s0_matmul) {
//       CHECK: produce s0_matmul {
//   CHECK-NOT: for (
//       CHECK: halide_do_par_for((void *)::s0_matmul_par_for_[[TASK]], 0, 12,
func.func @mm(%a: tensor<2x3x16x40xf32> {attn.name = "a"},
              %b: tensor<2x3x40x24xf32> {attn.name = "b"}) -> tensor<2x3x16x24xf32> {
  %0 = attn.matmul %a, %b : tensor<2x3x16x40xf32>, tensor<2x3x40x24xf32> -> tensor<2x3x16x24xf32>
  return %0 : tensor<2x3x16x24xf32>
}
