// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s
// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s --check-prefix=SIZE

// attn.graph_attention with CSR neighbours: Nn = 37 nodes, nnz = 150
// entries, H = 3 heads, F = 5, Fo = 13, heads(concat).
//
// - One parallel task per (block of 8 nodes, head): 5 blocks x 3 = 15.
// - Per node, the score max and the accumulation each loop over the node's
//   own entries: the loop starts at row_ptr[i] and its extent is
//   row_ptr[i+1] - row_ptr[i] (both clamped into [0, nnz]), never the
//   constant nnz = 150. Halide derives these bounds from the RDom's
//   `where` predicate. Neighbours are read through clamp(col_idx, 0, 36).
// - p = e^(e_ij - max) is computed once per entry and feeds both vectors of
//   the accumulator: 16 floats, Fo = 13 features + lane 13 (the Σp lane,
//   g's constant 1) rounded up to two AVX2 vectors; the result row divides
//   by that lane (0 for a node without neighbours).
// - The CSR checks are serial root stages (require) before the scores.
// - Nothing of Nn x Nn or per node x nnz is allocated (the second run).

// CHECK-LABEL: // attn-compile: function @gat_csr
//       CHECK: external func s0_graph_attention_par_for_s0_graph_attention_s0_c_kk_task (
//       CHECK: for (s0_graph_attention.s0.i.ii, 0, 8) {
//  CHECK-NEXT: allocate s0_graph_attention_max[float32 * 1]
//       CHECK: let s0_graph_attention_max.s1.s0_graph_attention_edge$x.new_min.s = in_row_ptr[s0_graph_attention.s0.i.ii + [[BLOCK:t[0-9]+]]]
//  CHECK-NEXT: let s0_graph_attention_max.s1.s0_graph_attention_edge$x.new_max.s = max(in_row_ptr[(s0_graph_attention.s0.i.ii + [[BLOCK]]) + 1], s0_graph_attention_max.s1.s0_graph_attention_edge$x.new_min.s)
//       CHECK: let [[LO:t[0-9]+]] = max(min(s0_graph_attention_max.s1.s0_graph_attention_edge$x.new_min.s, 150), 0)
//  CHECK-NEXT: let [[EXTENT:t[0-9]+]] = max(min(s0_graph_attention_max.s1.s0_graph_attention_edge$x.new_max.s, 150), 0) - [[LO]]
//       CHECK: for (s0_graph_attention_max.s1.s0_graph_attention_edge$x.rebased, 0, [[EXTENT]]) {
//  CHECK-NEXT: s0_graph_attention_dst[max(min(in_col_idx[s0_graph_attention_max.s1.s0_graph_attention_edge$x.rebased + [[LO]]], 36), 0)
//  CHECK-NEXT: s0_graph_attention_max[0] = max(s0_graph_attention_max[0], select(0.000000f < [[E:t[0-9]+]], [[E]], [[E]]*0.200000f))
//       CHECK: allocate s0_graph_attention_acc[float32 * 16]
//       CHECK: let s0_graph_attention_acc.s1.s0_graph_attention_edge$x.new_min.s = in_row_ptr[s0_graph_attention.s0.i.ii + [[BLOCK]]]
//  CHECK-NEXT: let s0_graph_attention_acc.s1.s0_graph_attention_edge$x.new_max.s = max(in_row_ptr[(s0_graph_attention.s0.i.ii + [[BLOCK]]) + 1], s0_graph_attention_acc.s1.s0_graph_attention_edge$x.new_min.s)
//       CHECK: let [[ALO:t[0-9]+]] = max(min(s0_graph_attention_acc.s1.s0_graph_attention_edge$x.new_min.s, 150), 0)
//  CHECK-NEXT: let [[AEXTENT:t[0-9]+]] = max(min(s0_graph_attention_acc.s1.s0_graph_attention_edge$x.new_max.s, 150), 0) - [[ALO]]
//       CHECK: for (s0_graph_attention_acc.s1.s0_graph_attention_edge$x.rebased, 0, [[AEXTENT]]) {
//  CHECK-NEXT: allocate s0_graph_attention_prob[float32 * 1]
//       CHECK: s0_graph_attention_prob[0] =
//       CHECK: s0_graph_attention_acc[ramp(0, 1, 8)] = s0_graph_attention_acc[ramp(0, 1, 8)] + (s0_graph_attention_project[ramp((max(min(in_col_idx[s0_graph_attention_acc.s1.s0_graph_attention_edge$x.rebased + [[ALO]]], 36), 0) + {{.+}})*16, 1, 8) aligned(16, 0)]*x8(s0_graph_attention_prob[0]))
//  CHECK-NEXT: s0_graph_attention_acc[ramp(8, 1, 8)] = s0_graph_attention_acc[ramp(8, 1, 8)] + ({{.+}}*x8(s0_graph_attention_prob[0]))
//       CHECK: let [[SUM:t[0-9]+]] = s0_graph_attention_acc[13]
//  CHECK-NEXT: s0_graph_attention[ramp({{.+}}, 1, 8)] = select(0.000000f < [[SUM]], s0_graph_attention_acc[ramp(0, 1, 8)]/x8([[SUM]]), x8(0.000000f))
// CHECK-LABEL: external_plus_metadata func s0_graph_attention (in_h, in_w, in_a_src, in_a_dst, in_row_ptr, in_col_idx, s0_graph_attention) {
//       CHECK: allocate s0_graph_attention_weight[float32 * 16 * 5 * 3]
//       CHECK: allocate s0_graph_attention_project[float32 * 16 * 37 * 3]
//       CHECK: halide_do_par_for((void *)::s0_graph_attention_par_for_s0_graph_attention_project_s0_n_no_task, 0, 30,
//       CHECK: allocate s0_graph_attention_dst[float32 * 37 * 3]
//       CHECK: allocate s0_graph_attention_check_start[int32 * 1]
//       CHECK: require({{.+}}"attn.graph_attention (s0_graph_attention): CSR row_ptr[0] is ", {{.+}}, " but must be 0\n")))
//       CHECK: require({{.+}}"attn.graph_attention (s0_graph_attention): CSR row_ptr[37] is ", {{.+}}, " but must be nnz = 150\n")))
//       CHECK: for (s0_graph_attention_first_decrease.s1.s0_graph_attention_rn$x, 0, 37) {
//       CHECK: require({{.+}}"attn.graph_attention (s0_graph_attention): CSR row_ptr decreases at node "
//       CHECK: for (s0_graph_attention_first_bad_column.s1.s0_graph_attention_re$x, 0, 150) {
//       CHECK: require({{.+}}"attn.graph_attention (s0_graph_attention): CSR col_idx entry "
//       CHECK: allocate s0_graph_attention_src[float32 * 37 * 3]
//       CHECK: produce s0_graph_attention {
//       CHECK: halide_do_par_for((void *)::s0_graph_attention_par_for_s0_graph_attention_s0_c_kk_task, 0, 15,

// SIZE-NOT: {{allocate .*37 \* 37}}
// SIZE-NOT: {{allocate .*150 \*}}
// SIZE-NOT: {{allocate .*\* 150}}
// SIZE: external_plus_metadata func s0_graph_attention
// SIZE-NOT: {{allocate .*37 \* 37}}
// SIZE-NOT: {{allocate .*150 \*}}
// SIZE-NOT: {{allocate .*\* 150}}
func.func @gat_csr(%h: tensor<37x5xf32> {attn.name = "h"}, %w: tensor<3x5x13xf32> {attn.name = "w"},
                   %as: tensor<3x13xf32> {attn.name = "a_src"}, %ad: tensor<3x13xf32> {attn.name = "a_dst"},
                   %rp: tensor<38xi32> {attn.name = "row_ptr"}, %ci: tensor<150xi32> {attn.name = "col_idx"}) -> tensor<37x39xf32> {
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<38xi32>, tensor<150xi32>)
      : tensor<37x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<37x39xf32>
  return %0 : tensor<37x39xf32>
}
