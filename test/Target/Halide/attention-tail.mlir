// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Sizes that are not multiples of the tiles: N=40 queries (tile 32), M=24
// keys (panels of 16), D=20, Dv=12 (output vectors of 8). The second query
// tile of a head starts at row 32: its state covers 32 rows, those past row
// 39 reading row 39 (a clamp on the query row), and only its first
// 40 - 32 = 8 rows are stored (a guarded output loop). The KV block is
// rounded up to whole panels (32 keys), so the only block is partial for
// every tile (a constant block table): the partial pass masks keys 24..31
// out of the scores (a key-index compare in the select), and their value
// rows are row 23 (clamped in the value panels); the full pass, which never runs here, has no
// compare. Each pass's score buffer is allocated only under its visit test
// for the task's tile (task % 2): the block's kind, and block 0 within the
// tile's range of that kind (blockRange.0/.1 full, .2/.3 partial). The 12
// output columns are written as two overlapping vectors, columns 0..7 and
// 4..11.

// CHECK-LABEL: external func s0_attention_par_for_s0_attention_blockKind_s0_t (
//       CHECK: s0_attention_blockKind[s0_attention_blockKind.s0.t] = (uint8)1
// Value panels of 8 columns per call: key rows past M read row 23, the
// second panel's columns past Dv repeat column 11.
// CHECK-LABEL: external func s0_attention_par_for_s0_attention_valuePanel_s0_h_h (
//       CHECK: in_arg2[ramp((min(s0_attention_valuePanel.s0.mi, 23)*in_arg2.stride.1) + {{t[0-9]+}}, 1, 8)]
//       CHECK: shuffle(in_arg2[ramp({{.+}}, 1, 4)], 0, 1, 2, 3, 3, 3, 3, 3)
// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (__user_context, s0_attention.s0.n.no.task.task,
//       CHECK: allocate s0_attention_full_score[float32 * 32 * 32 * 1 * 1 * 1] if (let [[T2:t[0-9]+]] = (s0_attention.s0.n.no.task.task % 2) in (((0 <= s0_attention_blockRange.1[[[T2]]]) && (s0_attention_blockKind[[[T2]]] == (uint8)2)) && (s0_attention_blockRange.0[[[T2]]] <= 0)))
//       CHECK: produce s0_attention_full_score {
//   CHECK-NOT: select(
//       CHECK: s0_attention_full_score[ramp({{.+}}, 1, 8){{.*}}] = s0_attention_full_dot[ramp(0, 1, 8)]*x8(0.223607f)
//   CHECK-NOT: select(
// (Checked up to the block sum: the merge's one select picks which side
// of it is rescaled.)
//       CHECK: produce s0_attention_full_blocksum
//       CHECK: allocate s0_attention_partial_score[float32 * 32 * 32 * 1 * 1 * 1] if (let [[T1:t[0-9]+]] = (s0_attention.s0.n.no.task.task % 2) in (((0 <= s0_attention_blockRange.3[[[T1]]]) && (s0_attention_blockKind[[[T1]]] == (uint8)1)) && (s0_attention_blockRange.2[[[T1]]] <= 0)))
//       CHECK: produce s0_attention_partial_score {
//       CHECK: (min({{t[0-9]+}}, 39)*in_arg0.stride.1)
//       CHECK: for (s0_attention_partial_dot.s1.s0_attention_partial_rd$x.s0_attention_partial_rd$x_steps, 0, 5) {
//       CHECK: s0_attention_partial_score[ramp({{.+}}, 1, 8){{.*}}] = select((ramp({{.+}}, 1, 8) < x8(16)) && (
//       CHECK: for (s0_attention_partial_maxLanes.s1.s0_attention_partial_rv$x.s0_attention_partial_rv$x_steps, 0, 2) {
//       CHECK: for (s0_attention_partial_pv.s1.s0_attention_partial_rk$x.s0_attention_partial_rk$x_steps, 0, 4) {
//  CHECK-NEXT: s0_attention_partial_pv[ramp(0, 1, 8)] = {{.+}}(s0_attention_valuePanel[ramp({{.+}}, 1, 8){{.*}}]*x8(s0_attention_partial_prob[
//       CHECK: let [[ROW0:t[0-9]+]] = (s0_attention.s0.n.no.task.task % 2)*32
//       CHECK: let [[ROWS:t[0-9]+]] = 40 - max([[ROW0]], 8)
//  CHECK-NEXT: for (s0_attention.s0.n.ni, 0, [[ROWS]]) {
//       CHECK: s0_attention[ramp({{.+}}, 1, 8)] = select(
//  CHECK-NEXT: let
//  CHECK-NEXT: s0_attention[ramp({{.+}} + 4, 1, 8)] = select(
// 3 heads x 2 query tiles = 6 tasks.
//       CHECK: external_plus_metadata func s0_attention (
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, 6,
func.func @tail(%q: tensor<1x3x40x20xf32>, %k: tensor<1x3x24x20xf32>,
                %v: tensor<1x3x24x12xf32>) -> tensor<1x3x40x12xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 24, kv_splits = 1>
      : tensor<1x3x40x20xf32>, tensor<1x3x24x20xf32>, tensor<1x3x24x12xf32> -> tensor<1x3x40x12xf32>
  return %o : tensor<1x3x40x12xf32>
}
