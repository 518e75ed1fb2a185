// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.graph_attention with a dense i1 adjacency, Nn = 37, H = 3, F = 5,
// Fo = 13, negative_slope 0.01, heads(mean).
//
// - One parallel task per block of 8 nodes (5 tasks); per node, all heads.
// - Per node and head, the score max and the accumulation visit every j
//   with a test of adj[i, j] (O(Nn^2 H) tests); only neighbours compute p
//   and accumulate p * g_j, vectorized over the 16 padded features.
// - The result averages the heads' normalized rows (each row / its Σp lane,
//   0 without neighbours) and multiplies by 1/3.
// - No Nn x Nn float buffer: the per-node state is the max of 3 heads and
//   3 x 16 accumulator lanes.

// CHECK-LABEL: // attn-compile: function @gat_dense
//       CHECK: external func s0_graph_attention_par_for_s0_graph_attention_s0_i_io (
//       CHECK: for (s0_graph_attention.s0.i.ii, 0, 8) {
//  CHECK-NEXT: allocate s0_graph_attention_max[float32 * 3]
//       CHECK: for (s0_graph_attention_max.s1.k, 0, 3) {
//       CHECK: for (s0_graph_attention_max.s1.s0_graph_attention_j$x, 0, 37) {
//  CHECK-NEXT: if (in_adj[s0_graph_attention_max.s1.s0_graph_attention_j$x + {{t[0-9]+}}] != (uint8)0) {
//       CHECK: select(0.000000f < [[E:t[0-9]+]], [[E]], [[E]]*0.010000f)
//       CHECK: allocate s0_graph_attention_acc[float32 * 16 * 1 * 3]
//       CHECK: for (s0_graph_attention_acc.s1.k, 0, 3) {
//       CHECK: for (s0_graph_attention_acc.s1.s0_graph_attention_j$x, 0, 37) {
//  CHECK-NEXT: if (in_adj[s0_graph_attention_acc.s1.s0_graph_attention_j$x + {{t[0-9]+}}] != (uint8)0) {
//  CHECK-NEXT: allocate s0_graph_attention_prob[float32 * 1]
//       CHECK: s0_graph_attention_acc[ramp(s0_graph_attention_acc.s1.k*16, 1, 8) aligned(16, 0)] = s0_graph_attention_acc[ramp(s0_graph_attention_acc.s1.k*16, 1, 8) aligned(16, 0)] + ({{.+}}*x8(s0_graph_attention_prob[0]))
//  CHECK-NEXT: s0_graph_attention_acc[ramp((s0_graph_attention_acc.s1.k*16) + 8, 1, 8) aligned(16, 8)] =
//       CHECK: s0_graph_attention[ramp({{.+}}, 1, 8)] = ({{.+}}s0_graph_attention_acc[ramp(32, 1, 8)]{{.+}}s0_graph_attention_acc[ramp(0, 1, 8)]{{.+}}s0_graph_attention_acc[ramp(16, 1, 8)]{{.+}})*x8(0.333333f)
//   CHECK-NOT: {{allocate .*37 \* 37}}
// CHECK-LABEL: external_plus_metadata func s0_graph_attention (in_h, in_w, in_a_src, in_a_dst, in_adj, s0_graph_attention) {
//   CHECK-NOT: {{allocate .*37 \* 37}}
//       CHECK: allocate s0_graph_attention_project[float32 * 16 * 37 * 3]
//   CHECK-NOT: {{allocate .*37 \* 37}}
//       CHECK: halide_do_par_for((void *)::s0_graph_attention_par_for_s0_graph_attention_s0_i_io, 0, 5,
//   CHECK-NOT: {{allocate .*37 \* 37}}
func.func @gat_dense(%h: tensor<37x5xf32> {attn.name = "h"}, %w: tensor<3x5x13xf32> {attn.name = "w"},
                     %as: tensor<3x13xf32> {attn.name = "a_src"}, %ad: tensor<3x13xf32> {attn.name = "a_dst"},
                     %adj: tensor<37x37xi1> {attn.name = "adj"}) -> tensor<37x13xf32> {
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<37x37xi1>) negative_slope(0.01) heads(mean)
      : tensor<37x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<37x13xf32>
  return %0 : tensor<37x13xf32>
}
