// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A boolean mask operand, shared by the heads: each call first scans it
// once, counting the kept pairs of every (query tile, KV block) as a vector
// reduction along the keys (s0_online_attention_maskKept, one count per
// tile × block since the mask broadcasts over heads and batch), the query
// tiles in parallel (each owns its 4 counts), and turns the counts into the
// table of block kinds: all 64 × 256 pairs kept is a full block, none an
// empty one. From the table it then computes each tile's block ranges
// (blockRange: first and last full block, first and last partial block).
// All of this happens once per call, outside the parallel task loop. In
// each task the full pass runs over blockRange.0 .. .1 only and never reads
// the mask; the partial pass runs over blockRange.2 .. .3 and still masks
// per element; both test the range and the kind before computing a block,
// so empty blocks compute nothing.

// CHECK-LABEL: // attn-compile: function @runtime_mask
// The counts' update, one parallel iteration per query tile mt (mask rows
// mt*64 ..), 32 mask bytes a step.
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_maskKept_s1_mt (__user_context, s0_online_attention_maskKept.s1.mt,
//       CHECK: let [[MROW:t[0-9]+]] = s0_online_attention_maskKept.s1.mt*64
//       CHECK: for (s0_online_attention_maskKept.s1.mk, 0, 4) {
//       CHECK: for (s0_online_attention_maskKept.s1.s0_online_attention_cell$x, 0, 64) {
//  CHECK-NEXT: let [[MOFF:t[0-9]+]] = (s0_online_attention_maskKept.s1.s0_online_attention_cell$x + [[MROW]])*in_arg1.stride.1
//       CHECK: s0_online_attention_maskKept[{{t[0-9]+}}] = (int32)vector_reduce(Add, select((uint8x32)in_arg1[ramp({{.+}} + [[MOFF]], 1, 32)] == x32((uint8)0), x32(0), x32(1))) + s0_online_attention_maskKept[{{t[0-9]+}}]
// The table from the counts, per query tile t (in parallel).
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_blockKind_s0_t (
//       CHECK: for (s0_online_attention_blockKind.s0.kb, 0, 4) {
//  CHECK-NEXT: let [[KEPT:t[0-9]+]] = s0_online_attention_maskKept[s0_online_attention_blockKind.s0.kb + {{t[0-9]+}}]
//  CHECK-NEXT: s0_online_attention_blockKind[{{.+}}] = uint8(select([[KEPT]] == 16384, 2, select([[KEPT]] == 0, 0, 1)))
// The task gets the table and the ranges in its closure; neither they nor
// the counts are made there.
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
//   CHECK-NOT: produce s0_online_attention_maskKept
//   CHECK-NOT: produce s0_online_attention_blockKind
//   CHECK-NOT: produce s0_online_attention_blockRange
// Full pass: the loop over blockRange.0 .. blockRange.1 of the tile, each
// stage inside the range and kind == 2 tests, no mask load, no select.
//       CHECK: let s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s = s0_online_attention_blockRange.0[s0_online_attention.s0.n.no.task.task % 16]
//  CHECK-NEXT: let s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_max.s = max(min(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s, 4), min(s0_online_attention_blockRange.1[s0_online_attention.s0.n.no.task.task % 16], 3) + 1)
//  CHECK-NEXT: let [[FLO:t[0-9]+]] = max(min(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_min.s, 4), 0)
//  CHECK-NEXT: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[FN:t[0-9]+]] = max(s0_online_attention_state.s1.s0_online_attention_rbFull$x.new_max.s, 0) - [[FLO]]
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased, 0, [[FN]]) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: s0_online_attention_full_score[{{.+}}] = s0_online_attention_full_dot[ramp(0, 1, 8)]*x8(0.125000f)
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_maxLanes {
//  CHECK-NEXT: consume s0_online_attention_full_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_prob {
//       CHECK: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_blocksum {
//       CHECK: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]) in ((([[B]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[B]]))) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: let [[BLOCK:t[0-9]+]] = s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased + [[FLO]]
//       CHECK: let [[KIND:t[0-9]+]] = (([[TILE]]*4) + [[FLO]]) + s0_online_attention_state.s1.s0_online_attention_rbFull$x.rebased
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_pv {
//  CHECK-NEXT: if ((([[BLOCK]] <= s0_online_attention_blockRange.1[[[TILE]]]) && (s0_online_attention_blockKind[[[KIND]]] == (uint8)2)) && (s0_online_attention_blockRange.0[[[TILE]]] <= [[BLOCK]])) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: consume s0_online_attention_full_pv {
//  CHECK-NEXT: let
//  CHECK-NEXT: for (s0_online_attention_state.s1.d.dInnerFull.dInnerFull, 0, 2) {
//  CHECK-NEXT: if (s0_online_attention_blockRange.0[[[TILE]]] <= [[BLOCK]]) {
//  CHECK-NEXT: if ([[BLOCK]] <= s0_online_attention_blockRange.1[[[TILE]]]) {
//  CHECK-NEXT: if (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)2) {
//   CHECK-NOT: in_arg1
// (The merge's one select picks which side of it is rescaled.)
//       CHECK: free s0_online_attention_full_blocksum
// Partial pass: the loop over blockRange.2 .. blockRange.3, kind == 1; the
// score loads 8 mask bytes and keeps non-zeros.
//       CHECK: let s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s = s0_online_attention_blockRange.2[s0_online_attention.s0.n.no.task.task % 16]
//  CHECK-NEXT: let s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_max.s = max(min(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s, 4), min(s0_online_attention_blockRange.3[s0_online_attention.s0.n.no.task.task % 16], 3) + 1)
//  CHECK-NEXT: let [[PLO:t[0-9]+]] = max(min(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_min.s, 4), 0)
//  CHECK-NEXT: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[PN:t[0-9]+]] = max(s0_online_attention_state.s2.s0_online_attention_rbPartial$x.new_max.s, 0) - [[PLO]]
//       CHECK: for (s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased, 0, [[PN]]) {
//       CHECK: produce s0_online_attention_partial_score {
//  CHECK-NEXT: if (let [[B:t[0-9]+]] = (s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased + [[PLO]]) in ((([[B]] <= s0_online_attention_blockRange.3[[[TILE]]]) && (s0_online_attention_blockKind[(([[TILE]]*4) + [[PLO]]) + s0_online_attention_state.s2.s0_online_attention_rbPartial$x.rebased] == (uint8)1)) && (s0_online_attention_blockRange.2[[[TILE]]] <= [[B]]))) {
//       CHECK: s0_online_attention_partial_score[{{.+}}] = select((x8({{.+}}) < [[DOT:t[0-9]+]]) && (in_arg1[ramp({{.+}}, 1, 8){{.*}}] != x8((uint8)0)), [[DOT]]*x8(0.125000f), x8(-340282346638528859811704183484516925440.000000f))
//       CHECK: produce s0_online_attention_partial_pv {
//  CHECK-NEXT: if ((({{t[0-9]+}} <= s0_online_attention_blockRange.3[[[TILE]]]) && (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)1)) && (s0_online_attention_blockRange.2[[[TILE]]] <= {{t[0-9]+}})) {
// The call: one count per tile × block, the update as a parallel loop over
// the 16 query tiles, then the table, then the ranges from it (first and
// last block of kind 2, then of kind 1; 4 and -1 when there is none), then
// the tasks, which get the table and the ranges in their closure.
//       CHECK: allocate s0_online_attention_maskKept[int32 * 4 * 16 * 1 * 1]
//  CHECK-NEXT: produce s0_online_attention_maskKept {
//       CHECK: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_maskKept_s1_mt, 0, 16,
//       CHECK: allocate s0_online_attention_blockKind[uint8 * 64]
//  CHECK-NEXT: produce s0_online_attention_blockKind {
//       CHECK: produce s0_online_attention_blockRange {
//  CHECK-NEXT: consume s0_online_attention_blockKind {
//       CHECK: halide_do_par_for((void *)::{{.+}}_par_for_{{.+}}_blockRange_{{.*}}s0_t{{[_0-9]*}}, 0, 16,
//       CHECK: produce s0_online_attention {
//       CHECK: make_struct({{.*}}s0_online_attention_blockKind, s0_online_attention_blockRange.0, s0_online_attention_blockRange.1, s0_online_attention_blockRange.2, s0_online_attention_blockRange.3,
//  CHECK-NEXT: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task, 0, 32,
func.func @runtime_mask(%q: tensor<1x2x1024x64xf32>, %m: tensor<1024x1024xi1>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %q, %q mask(%m : tensor<1024x1024xi1>) : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
