// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Causal attention never computes a KV block that lies wholly after the
// diagonal. With query tiles of 64 rows and KV blocks of 256 keys, each call
// first fills a table of block kinds (blockKind[kb + 4 t], 0 empty, 1 partial,
// 2 full) once, outside the parallel task loop, from the closed-form rule of
// attn/BlockPattern.h: block kb of tile t is full when its last key
// kb*256 + 255 <= t*64 (the tile's first diagonal), empty when its first key
// kb*256 > t*64 + 63. From the table it then computes, also once and outside
// the task loop, each tile's block ranges (blockRange: the first and last
// full block, the first and last partial block). Each task's state has two
// block loops, each bounded by its range rather than running over all
// blocks: the full pass runs over blockRange.0 .. .1, guards every stage of
// a block by the range and kind == 2, and computes the scores with no
// per-element test; the partial pass runs over blockRange.2 .. .3, guards
// by the range and kind == 1, and compares the key ramp with the query row.
// A block outside a pass's range costs nothing in it; an empty block inside
// it costs the tests only. Bottom-right alignment shifts the diagonal by
// M - N = 512 keys. (Halide renames the second function's stages with a `$1`
// suffix.)

// CHECK-LABEL: // attn-compile: function @top_left
// The table, per query tile t (in parallel): 4 blocks in closed form.
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_blockKind_s0_t (
//       CHECK: let [[R0:t[0-9]+]] = s0_online_attention_blockKind.s0.t*64
//       CHECK: for (s0_online_attention_blockKind.s0.kb, 0, 4) {
//  CHECK-NEXT: s0_online_attention_blockKind[{{.+}}] = uint8(select([[R0]] < ((s0_online_attention_blockKind.s0.kb*256) + 255), select([[R0]] < ((s0_online_attention_blockKind.s0.kb*256) + -63), 0, 1), 2))
// The task gets the table and the ranges in its closure and never makes
// them.
// The block ranges, per query tile in parallel: four scans of the table.
//       CHECK: external func {{.+}}_par_for_{{.+}}_blockRange_{{.*}}s0_t{{[_0-9]*}} (
//       CHECK: [[FF:minimum[$0-9]*]][0] = min([[FF]][0], select(s0_online_attention_blockKind[[[FF]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)2, [[FF]].s1.s0_online_attention_kindScan$x, 4))
//       CHECK: [[FP:minimum[$0-9]*]][0] = min([[FP]][0], select(s0_online_attention_blockKind[[[FP]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)1, [[FP]].s1.s0_online_attention_kindScan$x, 4))
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
// Full pass: the block loop runs from the tile's first to its last full
// block (blockRange.0 .. blockRange.1, clamped to the 4 blocks; no
// iteration when the tile has none), each stage inside the range and
// kind == 2 tests, and no select anywhere in it (no causal compare, no
// masked-score test).
//       CHECK: let s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s = s0_online_attention_blockRange.0[s0_online_attention.s0.n.no.task.task % 16]
//  CHECK-NEXT: let s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_max.s = max(min(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s, 4), min(s0_online_attention_blockRange.1[s0_online_attention.s0.n.no.task.task % 16], 3) + 1)
//  CHECK-NEXT: let [[FLO:t[0-9]+]] = max(min(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s, 4), 0)
//  CHECK-NEXT: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[FN:t[0-9]+]] = max(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_max.s, 0) - [[FLO]]
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased, 0, [[FN]]) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: select(
//       CHECK: s0_online_attention_full_score[{{.+}}] = s0_online_attention_full_dot[ramp(0, 1, 8)]*x8(0.125000f)
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_maxLanes {
//  CHECK-NEXT: consume s0_online_attention_full_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_prob {
//       CHECK: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_blocksum {
//       CHECK: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: select(
//       CHECK: let [[BLOCK:t[0-9]+]] = s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]
//       CHECK: let [[KIND:t[0-9]+]] = (([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased
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
// Partial pass: the loop over blockRange.2 .. blockRange.3, the same
// guards with kind == 1; the score keeps key m <= row.
//       CHECK: let s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s = s0_online_attention_blockRange.2[s0_online_attention.s0.n.no.task.task % 16]
//  CHECK-NEXT: let s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_max.s = max(min(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s, 4), min(s0_online_attention_blockRange.3[s0_online_attention.s0.n.no.task.task % 16], 3) + 1)
//  CHECK-NEXT: let [[PLO:t[0-9]+]] = max(min(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s, 4), 0)
//  CHECK-NEXT: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[PN:t[0-9]+]] = max(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_max.s, 0) - [[PLO]]
//       CHECK: for (s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased, 0, [[PN]]) {
//       CHECK: produce s0_online_attention_partial_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased + [[PLO]]) in ((([[B]] <= s0_online_attention_blockRange.3[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[PLO]]) + s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased] == (uint8)1)) && (s0_online_attention_blockRange.2[[[TILE]]] <= [[B]]))) {
//       CHECK: s0_online_attention_partial_score[{{.+}}] = select((ramp({{.+}}, 1, 8) <= x8({{t[0-9]+}})) && (x8({{.+}}) < [[DOT:t[0-9]+]]), [[DOT]]*x8(0.125000f), x8(-340282346638528859811704183484516925440.000000f))
//       CHECK: produce s0_online_attention_partial_pv {
//  CHECK-NEXT: if ((({{t[0-9]+}} <= s0_online_attention_blockRange.3[[[TILE]]]) && (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)1)) && (s0_online_attention_blockRange.2[[[TILE]]] <= {{t[0-9]+}})) {
// The call: the table, then the ranges from it, per tile the first and
// last block of kind 2, then of kind 1 (4 and -1 when there is none),
// then the parallel tasks, which get both in their closure.
//       CHECK: produce s0_online_attention_blockKind {
//       CHECK: produce s0_online_attention_blockRange {
//  CHECK-NEXT: consume s0_online_attention_blockKind {
//       CHECK: halide_do_par_for((void *)::{{.+}}_par_for_{{.+}}_blockRange_{{.*}}s0_t{{[_0-9]*}}, 0, 16,
//       CHECK: produce s0_online_attention {
//       CHECK: make_struct({{.*}}s0_online_attention_blockKind, s0_online_attention_blockRange.0, s0_online_attention_blockRange.1, s0_online_attention_blockRange.2, s0_online_attention_blockRange.3,
//  CHECK-NEXT: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task, 0, 32,
func.func @top_left(%q: tensor<1x2x1024x64xf32>, %k: tensor<1x2x1024x64xf32>, %v: tensor<1x2x1024x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %k, %v causal(top_left) : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}

// Bottom right: full when kb*256 + 255 <= t*64 + 512, empty when
// kb*256 > t*64 + 575; 6 blocks of 256 keys, so the loops' bounds clamp
// to 6.
// CHECK-LABEL: // attn-compile: function @bottom_right
//       CHECK: let [[R0:t[0-9]+]] = s0_online_attention_blockKind$1.s0.t*64
//       CHECK: for (s0_online_attention_blockKind$1.s0.kb, 0, 6) {
//  CHECK-NEXT: s0_online_attention_blockKind$1[{{.+}}] = uint8(select([[R0]] < ((s0_online_attention_blockKind$1.s0.kb*256) + -257), select([[R0]] < ((s0_online_attention_blockKind$1.s0.kb*256) + -575), 0, 1), 2))
// The block ranges, per query tile in parallel: four scans of the table.
//       CHECK: external func {{.+}}_par_for_{{.+}}_blockRange_{{.*}}s0_t{{[_0-9]*}} (
//       CHECK: [[FF:minimum[$0-9]*]][0] = min([[FF]][0], select(s0_online_attention_blockKind$1[[[FF]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)2, [[FF]].s1.s0_online_attention_kindScan$x, 6))
//       CHECK: [[FP:minimum[$0-9]*]][0] = min([[FP]][0], select(s0_online_attention_blockKind$1[[[FP]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)1, [[FP]].s1.s0_online_attention_kindScan$x, 6))
//       CHECK: [[LF:maximum[$0-9]*]][0] = max([[LF]][0], select(s0_online_attention_blockKind$1[[[LF]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)2, [[LF]].s1.s0_online_attention_kindScan$x, -1))
//       CHECK: [[LP:maximum[$0-9]*]][0] = max([[LP]][0], select(s0_online_attention_blockKind$1[[[LP]].s1.s0_online_attention_kindScan$x + {{t[0-9]+}}] == (uint8)1, [[LP]].s1.s0_online_attention_kindScan$x, -1))
//       CHECK: s0_online_attention_blockRange$1.0[s0_online_attention_blockRange$1.s0.t] = [[FF]][0]
//       CHECK: s0_online_attention_blockRange$1.1[s0_online_attention_blockRange$1.s0.t] = [[LF]][0]
//       CHECK: s0_online_attention_blockRange$1.2[s0_online_attention_blockRange$1.s0.t] = [[FP]][0]
//       CHECK: s0_online_attention_blockRange$1.3[s0_online_attention_blockRange$1.s0.t] = [[LP]][0]
//       CHECK: external func s0_online_attention_1_par_for_s0_online_attention{{_+}}1_s0_n_no_task_task{{[_0-9]*}} (
//       CHECK: let s0_online_attention_blockRange$1.0 = (void *)load_typed_struct_member(
//  CHECK-NEXT: let s0_online_attention_blockRange$1.1 = (void *)load_typed_struct_member(
//  CHECK-NEXT: let s0_online_attention_blockRange$1.2 = (void *)load_typed_struct_member(
//  CHECK-NEXT: let s0_online_attention_blockRange$1.3 = (void *)load_typed_struct_member(
//   CHECK-NOT: produce s0_online_attention_blockKind$1
//   CHECK-NOT: produce s0_online_attention_blockRange$1
//       CHECK: let s0_online_attention_state$1.s1.s0_online_attention_rbFull$x.new_min.s = s0_online_attention_blockRange$1.0[s0_online_attention$1.s0.n.no.task.task % 16]
//  CHECK-NEXT: let s0_online_attention_state$1.s1.s0_online_attention_rbFull$x.new_max.s = max(min(s0_online_attention_state$1.s1.s0_online_attention_rbFull$x.new_min.s, 6), min(s0_online_attention_blockRange$1.1[s0_online_attention$1.s0.n.no.task.task % 16], 5) + 1)
//  CHECK-NEXT: let [[FLO:t[0-9]+]] = max(min(s0_online_attention_state$1.s1.s0_online_attention_rbFull$x.new_min.s, 6), 0)
//  CHECK-NEXT: let [[TILE:t[0-9]+]] = s0_online_attention$1.s0.n.no.task.task % 16
//       CHECK: let [[FN:t[0-9]+]] = max(s0_online_attention_state$1.s1.s0_online_attention_rbFull$x.new_max.s, 0) - [[FLO]]
//       CHECK: for (s0_online_attention_state$1.s1.s0_online_attention_rbFull$x.rebased, 0, [[FN]]) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_score$1 {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state$1.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange$1.1[[[TILE]]]) && (s0_online_attention_blockKind$1[(([[TILE]]*6) + [[FLO]]) + s0_online_attention_state$1.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange$1.0[[[TILE]]] <= [[B]]))) {
// (The merge's one select picks which side of it is rescaled.)
//       CHECK: free s0_online_attention_full_blocksum$1
//       CHECK: let s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x.new_min.s = s0_online_attention_blockRange$1.2[s0_online_attention$1.s0.n.no.task.task % 16]
//  CHECK-NEXT: let s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x.new_max.s = max(min(s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x.new_min.s, 6), min(s0_online_attention_blockRange$1.3[s0_online_attention$1.s0.n.no.task.task % 16], 5) + 1)
//  CHECK-NEXT: let [[PLO:t[0-9]+]] = max(min(s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x.new_min.s, 6), 0)
//  CHECK-NEXT: let [[TILE:t[0-9]+]] = s0_online_attention$1.s0.n.no.task.task % 16
//       CHECK: let [[PN:t[0-9]+]] = max(s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x.new_max.s, 0) - [[PLO]]
//       CHECK: for (s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x.rebased, 0, [[PN]]) {
//       CHECK: produce s0_online_attention_partial_score$1 {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x.rebased + [[PLO]]) in ((([[B]] <= s0_online_attention_blockRange$1.3[[[TILE]]]) && (s0_online_attention_blockKind$1[(([[TILE]]*6) + [[PLO]]) + s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x.rebased] == (uint8)1)) && (s0_online_attention_blockRange$1.2[[[TILE]]] <= [[B]]))) {
//       CHECK: s0_online_attention_partial_score$1[{{.+}}] = select((ramp({{.+}}, 1, 8) <= x8({{t[0-9]+}})) && (
//       CHECK: produce s0_online_attention_blockKind$1 {
//       CHECK: produce s0_online_attention_blockRange$1 {
//  CHECK-NEXT: consume s0_online_attention_blockKind$1 {
//       CHECK: halide_do_par_for((void *)::{{.+}}_par_for_{{.+}}_blockRange_{{.*}}s0_t{{[_0-9]*}}, 0, 16,
//       CHECK: produce s0_online_attention$1 {
//       CHECK: make_struct({{.*}}s0_online_attention_blockKind$1, s0_online_attention_blockRange$1.0, s0_online_attention_blockRange$1.1, s0_online_attention_blockRange$1.2, s0_online_attention_blockRange$1.3,
//  CHECK-NEXT: halide_do_par_for((void *)::s0_online_attention_1_par_for_s0_online_attention{{_+}}1_s0_n_no_task_task{{[_0-9]*}}, 0, 32,
func.func @bottom_right(%q: tensor<1x2x1024x64xf32>, %k: tensor<1x2x1536x64xf32>, %v: tensor<1x2x1536x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %k, %v causal(bottom_right) : tensor<1x2x1024x64xf32>, tensor<1x2x1536x64xf32>, tensor<1x2x1536x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
