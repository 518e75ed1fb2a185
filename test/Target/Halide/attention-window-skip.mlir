// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A causal sliding window of 256 keys: query tile t (64 rows, t = task % 16)
// needs the keys t*64 - 256 .. t*64 + 63, at most 3 of the 8 KV blocks of
// 128 keys. Each call first fills the table of block kinds once, outside the
// parallel task loop, in closed form: the window's kind (full when
// kb*128 >= t*64 + 63 - 256 and kb*128 + 127 <= t*64, empty when the block
// ends before t*64 - 256 or starts after t*64 + 63) capped by the causal one.
// The tasks' block loops test the kind before computing anything, so the
// blocks outside the window cost one test each and no scores: the work
// grows with N·window, not N². Only the partial pass compares key indices.

// CHECK-LABEL: // attn-compile: function @window
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_blockKind_s0_t (
//       CHECK: let [[R0:t[0-9]+]] = s0_online_attention_blockKind.s0.t*64
//       CHECK: for (s0_online_attention_blockKind.s0.kb, 0, 8) {
//  CHECK-NEXT: let [[AFTER:t[0-9]+]] = [[R0]] < ((s0_online_attention_blockKind.s0.kb*128) + -63)
//  CHECK-NEXT: s0_online_attention_blockKind[{{.+}}] = uint8(min(select((([[R0]] + -193) <= (s0_online_attention_blockKind.s0.kb*128)) && (((s0_online_attention_blockKind.s0.kb*128) + 127) <= [[R0]]), 2, select(((s0_online_attention_blockKind.s0.kb*128) < ([[R0]] + -383)) || [[AFTER]], 0, 1)), select([[R0]] < ((s0_online_attention_blockKind.s0.kb*128) + 127), select([[AFTER]], 0, 1), 2)))
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task (
//   CHECK-NOT: produce s0_online_attention_blockKind
//       CHECK: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[ROW:t[0-9]+]] = [[TILE]]*8
// Full pass: all 8 block indices, each stage inside the kind == 2 test, no
// select (no window compare) anywhere.
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rbFull$x, 0, 8) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_score {
//  CHECK-NEXT: if (s0_online_attention_blockKind[s0_online_attention_state.s1.s0_online_attention_rbFull$x + [[ROW]]] == (uint8)2) {
//   CHECK-NOT: select(
//       CHECK: s0_online_attention_full_score[{{.+}}] = s0_online_attention_full_dot[ramp(0, 1, 8)]*x8(0.125000f)
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_blockmax {
//  CHECK-NEXT: consume s0_online_attention_full_score {
//  CHECK-NEXT: if (s0_online_attention_blockKind[s0_online_attention_state.s1.s0_online_attention_rbFull$x + [[ROW]]] == (uint8)2) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_pv {
//  CHECK-NEXT: if (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)2) {
//   CHECK-NOT: select(
//       CHECK: free s0_online_attention_full_blocksum
// Partial pass: kind == 1; the score keeps t*64+ni - 256 <= key <= t*64+ni.
//       CHECK: for (s0_online_attention_state.s2.s0_online_attention_rbPartial$x, 0, 8) {
//       CHECK: produce s0_online_attention_partial_score {
//  CHECK-NEXT: if (s0_online_attention_blockKind[s0_online_attention_state.s2.s0_online_attention_rbPartial$x + {{t[0-9]+}}] == (uint8)1) {
//       CHECK: s0_online_attention_partial_score[{{.+}}] = select(((ramp([[KEY:.+]], 1, 8) <= x8([[QROW:.+]])) && (x8(([[QROW]]) + -256) <= ramp([[KEY]], 1, 8))) && (
//       CHECK: produce s0_online_attention_partial_pv {
//  CHECK-NEXT: if (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)1) {
// The call: the table, then the tasks.
//       CHECK: produce s0_online_attention_blockKind {
//       CHECK: produce s0_online_attention {
//       CHECK: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task, 0, 32,
func.func @window(%q: tensor<1x2x1024x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %q, %q causal(top_left) window <left = 256, right = 0> tiling <query_tile = 64, kv_tile = 128, kv_splits = 1> : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
