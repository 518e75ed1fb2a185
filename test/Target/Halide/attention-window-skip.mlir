// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A causal sliding window of 256 keys: query tile t (64 rows, t = task % 16)
// needs the keys t*64 - 256 .. t*64 + 63, at most 3 of the 8 KV blocks of
// 128 keys. Each call first fills the table of block kinds once, outside the
// parallel task loop, in closed form: the window's kind (full when
// kb*128 >= t*64 + 63 - 256 and kb*128 + 127 <= t*64, empty when the block
// ends before t*64 - 256 or starts after t*64 + 63) capped by the causal one.
// From the table it then computes, once per call and also outside the task
// loop, each tile's block ranges (blockRange: first and last full block,
// first and last partial block). The tasks' block loops run over those
// ranges only, not over the 8 blocks, and test the range and the kind
// before computing anything: the blocks outside the window cost nothing,
// and the work grows with N·window, not N². Only the partial pass compares
// key indices.

// CHECK-LABEL: // attn-compile: function @window
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_blockKind_s0_t (
//       CHECK: let [[R0:t[0-9]+]] = s0_online_attention_blockKind.s0.t*64
//       CHECK: for (s0_online_attention_blockKind.s0.kb, 0, 8) {
//  CHECK-NEXT: let [[AFTER:t[0-9]+]] = [[R0]] < ((s0_online_attention_blockKind.s0.kb*128) + -63)
//  CHECK-NEXT: s0_online_attention_blockKind[{{.+}}] = uint8(min(select((([[R0]] + -193) <= (s0_online_attention_blockKind.s0.kb*128)) && (((s0_online_attention_blockKind.s0.kb*128) + 127) <= [[R0]]), 2, select(((s0_online_attention_blockKind.s0.kb*128) < ([[R0]] + -383)) || [[AFTER]], 0, 1)), select([[R0]] < ((s0_online_attention_blockKind.s0.kb*128) + 127), select([[AFTER]], 0, 1), 2)))
// The task gets the table and the ranges in its closure and never makes
// them.
// The block ranges, per query tile in parallel: four scans of the table.
//       CHECK: external func {{.+}}_par_for_{{.+}}_blockRange_{{.*}}s0_t{{[_0-9]*}} (
//       CHECK: [[FF:minimum[$0-9]*]][0] = min([[FF]][0], select(s0_online_attention_blockKind[[[FF]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)2, [[FF]].s1.s0_online_attention_kindScan$x, 8))
//       CHECK: [[FP:minimum[$0-9]*]][0] = min([[FP]][0], select(s0_online_attention_blockKind[[[FP]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)1, [[FP]].s1.s0_online_attention_kindScan$x, 8))
//       CHECK: [[LF:maximum[$0-9]*]][0] = max([[LF]][0], select(s0_online_attention_blockKind[[[LF]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)2, [[LF]].s1.s0_online_attention_kindScan$x, -1))
//       CHECK: [[LP:maximum[$0-9]*]][0] = max([[LP]][0], select(s0_online_attention_blockKind[[[LP]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)1, [[LP]].s1.s0_online_attention_kindScan$x, -1))
//       CHECK: s0_online_attention_blockRange.0[s0_online_attention_blockRange.s0.t] = [[FF]][0]
//       CHECK: s0_online_attention_blockRange.1[s0_online_attention_blockRange.s0.t] = [[LF]][0]
//       CHECK: s0_online_attention_blockRange.2[s0_online_attention_blockRange.s0.t] = [[FP]][0]
//       CHECK: s0_online_attention_blockRange.3[s0_online_attention_blockRange.s0.t] = [[LP]][0]
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task (
//       CHECK: let s0_online_attention_blockRange.0 = (void *)load_typed_struct_member(
//  CHECK-NEXT: let s0_online_attention_blockRange.1 = (void *)load_typed_struct_member(
//  CHECK-NEXT: let s0_online_attention_blockRange.2 = (void *)load_typed_struct_member(
//  CHECK-NEXT: let s0_online_attention_blockRange.3 = (void *)load_typed_struct_member(
//   CHECK-NOT: produce s0_online_attention_blockKind
//   CHECK-NOT: produce s0_online_attention_blockRange
// Full pass: the block loop runs over blockRange.0 .. blockRange.1 of the
// tile (clamped to the 8 blocks), each stage inside the range and kind == 2
// tests, no select (no window compare) anywhere.
//       CHECK: let s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s = s0_online_attention_blockRange.0[s0_online_attention.s0.n.no.task.task % 16]
//  CHECK-NEXT: let s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_max.s = max(min(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s, 8), min(s0_online_attention_blockRange.1[s0_online_attention.s0.n.no.task.task % 16], 7) + 1)
//  CHECK-NEXT: let [[FLO:t[0-9]+]] = max(min(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s, 8), 0)
//  CHECK-NEXT: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[FN:t[0-9]+]] = max(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_max.s, 0) - [[FLO]]
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased, 0, [[FN]]) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*8) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: select(
//       CHECK: s0_online_attention_full_score[{{.+}}] = s0_online_attention_full_dot[ramp(0, 1, 8)]*x8(0.125000f)
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_maxLanes {
//  CHECK-NEXT: consume s0_online_attention_full_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*8) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_prob {
//       CHECK: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*8) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_blocksum {
//       CHECK: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*8) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: select(
//       CHECK: let [[BLOCK:t[0-9]+]] = s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]
//       CHECK: let [[KIND:t[0-9]+]] = (([[TILE]]*8) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_pv {
//  CHECK-NEXT: if ((([[BLOCK]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[[[KIND]]] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[BLOCK]])) {
//   CHECK-NOT: select(
//       CHECK: consume s0_online_attention_full_pv {
//  CHECK-NEXT: let
//  CHECK-NEXT: for (s0_online_attention_state.s1.d.dInnerFull.dInnerFull, 0, 2) {
//  CHECK-NEXT: if (s0_online_attention_blockRange.0[[[TILE]]] <= [[BLOCK]]) {
//  CHECK-NEXT: if ([[BLOCK]] <= s0_online_attention_blockRange.1[[[TILE]]]) {
//  CHECK-NEXT: if (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)2) {
// (The merge's one select picks which side of it is rescaled.)
//       CHECK: free s0_online_attention_full_blocksum
// Partial pass: the loop over blockRange.2 .. blockRange.3, kind == 1; the
// score keeps t*64+ni - 256 <= key <= t*64+ni.
//       CHECK: let s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s = s0_online_attention_blockRange.2[s0_online_attention.s0.n.no.task.task % 16]
//  CHECK-NEXT: let s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_max.s = max(min(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s, 8), min(s0_online_attention_blockRange.3[s0_online_attention.s0.n.no.task.task % 16], 7) + 1)
//  CHECK-NEXT: let [[PLO:t[0-9]+]] = max(min(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s, 8), 0)
//  CHECK-NEXT: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[PN:t[0-9]+]] = max(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_max.s, 0) - [[PLO]]
//       CHECK: for (s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased, 0, [[PN]]) {
//       CHECK: produce s0_online_attention_partial_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased + [[PLO]]) in ((([[B]] <= s0_online_attention_blockRange.3[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*8) + [[PLO]]) + s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased] == (uint8)1)) && (s0_online_attention_blockRange.2[[[TILE]]] <= [[B]]))) {
//       CHECK: s0_online_attention_partial_score[{{.+}}] = select(((ramp([[KEY:.+]], 1, 8) <= x8([[QROW:.+]])) && (x8(([[QROW]]) + -256) <= ramp([[KEY]], 1, 8))) && (
//       CHECK: produce s0_online_attention_partial_pv {
//  CHECK-NEXT: if ((({{t[0-9]+}} <= s0_online_attention_blockRange.3[[[TILE]]]) && (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)1)) && (s0_online_attention_blockRange.2[[[TILE]]] <= {{t[0-9]+}})) {
// The call: the table, then the ranges from it (first and last block of
// kind 2, then of kind 1; 8 and -1 when there is none), then the tasks,
// which get both in their closure.
//       CHECK: produce s0_online_attention_blockKind {
//       CHECK: produce s0_online_attention_blockRange {
//  CHECK-NEXT: consume s0_online_attention_blockKind {
//       CHECK: halide_do_par_for((void *)::{{.+}}_par_for_{{.+}}_blockRange_{{.*}}s0_t{{[_0-9]*}}, 0, 16,
//       CHECK: produce s0_online_attention {
//       CHECK: make_struct({{.*}}s0_online_attention_blockKind, s0_online_attention_blockRange.0, s0_online_attention_blockRange.1, s0_online_attention_blockRange.2, s0_online_attention_blockRange.3,
//  CHECK-NEXT: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task, 0, 32,
func.func @window(%q: tensor<1x2x1024x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) window <left = 256, right = 0> tiling <query_tile = 64, kv_tile = 128, kv_splits = 1> : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
