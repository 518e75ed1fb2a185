// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A batched matmul [2, 3, 16, 40] x [2, 3, 40, 24] is computed at root as
// one parallel loop over fused tasks: a column panel of 16 x a chunk of up
// to 16 row blocks of 4 x the batch dimensions (2 panels * 1 chunk * 3 * 2
// = 12). A task packs its panel of the rhs (40 x 16, contiguous), then
// walks the depth in blocks of at most 256 (here one, of 40): per block of
// 4 rows x 16 columns, 4 x 2 vector accumulators (kept in the task's
// s0_matmul_dot, 16 rows) run across the depth block in 5 steps of 8
// depths, each step unrolled (no inner loop; its last update reads depth 7
// of the step, panel offset 7 x 16 + 8 = 120), each update a contiguous
// 8-wide load of the packed panel times one broadcast lhs element; the
// results are stored as vectors. N=24 needs 2 column panels
// (the second shifted to column 8).

// CHECK-LABEL: // attn-compile: function @mm
//       CHECK: module name=s0_matmul, target=x86-64-linux-avx2
//       CHECK: external func s0_matmul_par_for_[[TASK:s0_matmul_s0_[a-z0-9_]+]] (
//       CHECK: allocate [[PANEL:[a-z0-9_]+_in_s0_matmul_dot\$0]][float32 * 16 * 40 * 1 * 1]
//       CHECK: produce [[PANEL]] {
//       CHECK: let [[SHIFT:t[0-9]+]] = min(({{t[0-9]+}} % 2)*16, 8)
//       CHECK: for ([[PANEL]].s0.i2, 0, 40) {
//       CHECK: [[PANEL]][ramp({{.+}}, 1, 8) aligned(8, 0)] = in_b[ramp({{.+}}, 1, 8)]
//       CHECK: allocate s0_matmul_dot[float32 * 16 * 16 * 1 * 1]
//       CHECK: produce s0_matmul_dot {
//       CHECK: consume [[PANEL]] {
//       CHECK: for (s0_matmul_dot.s1.i2.ro, 0, 4) {
//       CHECK: for (s0_matmul_dot.s1.s0_matmul_k$x.depthInner.depthInner_steps, 0, 5) {
//  CHECK-NEXT: s0_matmul_dot[ramp([[ACC:t[0-9]+]], 1, 8) aligned(64, 0)] = s0_matmul_dot[ramp([[ACC]], 1, 8) aligned(64, 0)] + ([[PANEL]][ramp(s0_matmul_dot.s1.s0_matmul_k$x.depthInner.depthInner_steps*128, 1, 8) aligned(128, 0)]*x8(in_a[{{[^]]+}}]))
//   CHECK-NOT: for (
//       CHECK: s0_matmul_dot[ramp([[ACC]] + 56, 1, 8) aligned(64, 56)] = s0_matmul_dot[ramp([[ACC]] + 56, 1, 8) aligned(64, 56)] + ([[PANEL]][ramp((s0_matmul_dot.s1.s0_matmul_k$x.depthInner.depthInner_steps*128) + 120, 1, 8) aligned(128, 120)]*x8(in_a[{{[^]]+}}]))
//  CHECK-NEXT: }
//       CHECK: consume s0_matmul_dot {
//       CHECK: for (s0_matmul.s0.i2.io.ioi, 0, 4) {
//  CHECK-NEXT: s0_matmul[ramp({{.+}}, 1, 8)] = s0_matmul_dot[ramp(s0_matmul.s0.i2.io.ioi*64, 1, 8) aligned(64, 0)]
//       CHECK: external_plus_metadata func s0_matmul (in_a, in_b, s0_matmul) {
//       CHECK: produce s0_matmul {
//   CHECK-NOT: for (
//       CHECK: halide_do_par_for((void *)::s0_matmul_par_for_[[TASK]], 0, 12,
func.func @mm(%a: tensor<2x3x16x40xf32> {attn.name = "a"},
              %b: tensor<2x3x40x24xf32> {attn.name = "b"}) -> tensor<2x3x16x24xf32> {
  %0 = attn.matmul %a, %b : tensor<2x3x16x40xf32>, tensor<2x3x40x24xf32> -> tensor<2x3x16x24xf32>
  return %0 : tensor<2x3x16x24xf32>
}
