// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A boolean mask operand, shared by the heads: each call first scans it
// once, counting the kept pairs of every (query tile, KV block) as a vector
// reduction along the keys (s0_online_attention_maskKept, one count per
// tile × block since the mask broadcasts over heads and batch), and turns
// the counts into the table of block kinds: all 64 × 256 pairs kept is a
// full block, none an empty one. Both happen outside the parallel task
// loop. In each task the full pass (kind == 2) never reads the mask; the
// partial pass (kind == 1) still masks per element; empty blocks compute
// nothing.

// CHECK-LABEL: // attn-compile: function @runtime_mask
// The table from the counts, per query tile t (in parallel).
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_blockKind_s0_t (
//       CHECK: for (s0_online_attention_blockKind.s0.kb, 0, 4) {
//  CHECK-NEXT: let [[KEPT:t[0-9]+]] = s0_online_attention_maskKept[s0_online_attention_blockKind.s0.kb + {{t[0-9]+}}]
//  CHECK-NEXT: s0_online_attention_blockKind[{{.+}}] = uint8(select([[KEPT]] == 16384, 2, select([[KEPT]] == 0, 0, 1)))
// The task reads the table; neither the table nor the counts are made there.
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task (
//   CHECK-NOT: produce s0_online_attention_maskKept
//   CHECK-NOT: produce s0_online_attention_blockKind
//       CHECK: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[ROW:t[0-9]+]] = [[TILE]]*4
// Full pass: each stage inside the kind == 2 test, no mask load, no select.
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rbFull$x, 0, 4) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_score {
//  CHECK-NEXT: if (s0_online_attention_blockKind[s0_online_attention_state.s1.s0_online_attention_rbFull$x + [[ROW]]] == (uint8)2) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: s0_online_attention_full_score[{{.+}}] = s0_online_attention_full_dot[ramp(0, 1, 8)]*x8(0.125000f)
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_blockmax {
//  CHECK-NEXT: consume s0_online_attention_full_score {
//  CHECK-NEXT: if (s0_online_attention_blockKind[s0_online_attention_state.s1.s0_online_attention_rbFull$x + [[ROW]]] == (uint8)2) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_pv {
//  CHECK-NEXT: if (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)2) {
//   CHECK-NOT: in_arg1
//   CHECK-NOT: select(
//       CHECK: free s0_online_attention_full_blocksum
// Partial pass: kind == 1, the score loads 8 mask bytes and keeps non-zeros.
//       CHECK: for (s0_online_attention_state.s2.s0_online_attention_rbPartial$x, 0, 4) {
//       CHECK: produce s0_online_attention_partial_score {
//  CHECK-NEXT: if (s0_online_attention_blockKind[s0_online_attention_state.s2.s0_online_attention_rbPartial$x + {{t[0-9]+}}] == (uint8)1) {
//       CHECK: s0_online_attention_partial_score[{{.+}}] = select((x8({{.+}}) < [[DOT:t[0-9]+]]) && (in_arg1[ramp({{.+}}, 1, 8){{.*}}] != x8((uint8)0)), [[DOT]]*x8(0.125000f), x8(-340282346638528859811704183484516925440.000000f))
//       CHECK: produce s0_online_attention_partial_pv {
//  CHECK-NEXT: if (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)1) {
// The call: one count per tile × block, 32 mask bytes a step, then the
// table, then the tasks.
//       CHECK: allocate s0_online_attention_maskKept[int32 * 4 * 16 * 1 * 1]
//  CHECK-NEXT: produce s0_online_attention_maskKept {
//       CHECK: s0_online_attention_maskKept[{{t[0-9]+}}] = (int32)vector_reduce(Add, select((uint8x32)in_arg1[ramp({{.+}}, 1, 32)] == x32((uint8)0), x32(0), x32(1))) + s0_online_attention_maskKept[{{t[0-9]+}}]
//       CHECK: allocate s0_online_attention_blockKind[uint8 * 64]
//  CHECK-NEXT: produce s0_online_attention_blockKind {
//       CHECK: produce s0_online_attention {
//       CHECK: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task, 0, 32,
func.func @runtime_mask(%q: tensor<1x2x1024x64xf32>, %m: tensor<1024x1024xi1>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %q, %q mask(%m : tensor<1024x1024xi1>) : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
