// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Causal attention never computes a KV block that lies wholly after the
// diagonal. With query tiles of 64 rows and KV blocks of 256 keys, each call
// first fills a table of block kinds (blockKind[kb + 4 t], 0 empty, 1 partial,
// 2 full) once, outside the parallel task loop, from the closed-form rule of
// attn/BlockPattern.h: block kb of tile t is full when its last key
// kb*256 + 255 <= t*64 (the tile's first diagonal), empty when its first key
// kb*256 > t*64 + 63. Each task's state has two block loops over all blocks:
// the full pass guards every stage of a block by kind == 2 and computes the
// scores with no per-element test; the partial pass guards by kind == 1 and
// compares the key ramp with the query row. An empty block costs the tests
// only. Bottom-right alignment shifts the diagonal by M - N = 512 keys.
// (Halide renames the second function's stages with a `$1` suffix.)

// CHECK-LABEL: // attn-compile: function @top_left
// The table, per query tile t (in parallel): 4 blocks in closed form.
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_blockKind_s0_t (
//       CHECK: let [[R0:t[0-9]+]] = s0_online_attention_blockKind.s0.t*64
//       CHECK: for (s0_online_attention_blockKind.s0.kb, 0, 4) {
//  CHECK-NEXT: s0_online_attention_blockKind[{{.+}}] = uint8(select([[R0]] < ((s0_online_attention_blockKind.s0.kb*256) + 255), select([[R0]] < ((s0_online_attention_blockKind.s0.kb*256) + -63), 0, 1), 2))
// The task reads the table and never computes it.
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task (
//   CHECK-NOT: produce s0_online_attention_blockKind
//       CHECK: let [[TILE:t[0-9]+]] = s0_online_attention.s0.n.no.task.task % 16
//       CHECK: let [[ROW:t[0-9]+]] = [[TILE]]*4
// Full pass: every block index, each stage inside the kind == 2 test, and no
// select anywhere in it (no causal compare, no masked-score test).
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rbFull$x, 0, 4) {
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
//       CHECK: produce s0_online_attention_full_prob {
//       CHECK: if (s0_online_attention_blockKind[s0_online_attention_state.s1.s0_online_attention_rbFull$x + [[ROW]]] == (uint8)2) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_blocksum {
//       CHECK: if (s0_online_attention_blockKind[s0_online_attention_state.s1.s0_online_attention_rbFull$x + [[ROW]]] == (uint8)2) {
//   CHECK-NOT: select(
//       CHECK: let [[BLOCK:t[0-9]+]] = s0_online_attention_state.s1.s0_online_attention_rbFull$x + [[ROW]]
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_pv {
//  CHECK-NEXT: if (s0_online_attention_blockKind[[[BLOCK]]] == (uint8)2) {
//   CHECK-NOT: select(
//       CHECK: consume s0_online_attention_full_pv {
//  CHECK-NEXT: let
//  CHECK-NEXT: for (s0_online_attention_state.s1.d.dInnerFull.dInnerFull, 0, 2) {
//  CHECK-NEXT: if (s0_online_attention_blockKind[[[BLOCK]]] == (uint8)2) {
//   CHECK-NOT: select(
//       CHECK: free s0_online_attention_full_blocksum
// Partial pass: the same guard with kind == 1; the score keeps key m <= row.
//       CHECK: for (s0_online_attention_state.s2.s0_online_attention_rbPartial$x, 0, 4) {
//       CHECK: produce s0_online_attention_partial_score {
//  CHECK-NEXT: if (s0_online_attention_blockKind[s0_online_attention_state.s2.s0_online_attention_rbPartial$x + {{t[0-9]+}}] == (uint8)1) {
//       CHECK: s0_online_attention_partial_score[{{.+}}] = select((ramp({{.+}}, 1, 8) <= x8({{t[0-9]+}})) && (x8({{.+}}) < [[DOT:t[0-9]+]]), [[DOT]]*x8(0.125000f), x8(-340282346638528859811704183484516925440.000000f))
//       CHECK: produce s0_online_attention_partial_pv {
//  CHECK-NEXT: if (s0_online_attention_blockKind[{{t[0-9]+}}] == (uint8)1) {
// The call: the table first, then the parallel tasks.
//       CHECK: produce s0_online_attention_blockKind {
//       CHECK: produce s0_online_attention {
//       CHECK: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task, 0, 32,
func.func @top_left(%q: tensor<1x2x1024x64xf32>, %k: tensor<1x2x1024x64xf32>, %v: tensor<1x2x1024x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %k, %v causal(top_left) : tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32>, tensor<1x2x1024x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}

// Bottom right: full when kb*256 + 255 <= t*64 + 512, empty when
// kb*256 > t*64 + 575; 6 blocks of 256 keys.
// CHECK-LABEL: // attn-compile: function @bottom_right
//       CHECK: let [[R0:t[0-9]+]] = s0_online_attention_blockKind$1.s0.t*64
//       CHECK: for (s0_online_attention_blockKind$1.s0.kb, 0, 6) {
//  CHECK-NEXT: s0_online_attention_blockKind$1[{{.+}}] = uint8(select([[R0]] < ((s0_online_attention_blockKind$1.s0.kb*256) + -257), select([[R0]] < ((s0_online_attention_blockKind$1.s0.kb*256) + -575), 0, 1), 2))
//       CHECK: external func s0_online_attention_1_par_for_s0_online_attention__1_s0_n_no_task_task (
//   CHECK-NOT: produce s0_online_attention_blockKind$1
//       CHECK: let [[TILE:t[0-9]+]] = s0_online_attention$1.s0.n.no.task.task % 16
//       CHECK: let [[ROW:t[0-9]+]] = [[TILE]]*6
//       CHECK: for (s0_online_attention_state$1.s1.s0_online_attention_rbFull$x, 0, 6) {
//   CHECK-NOT: select(
//       CHECK: produce s0_online_attention_full_score$1 {
//  CHECK-NEXT: if (s0_online_attention_blockKind$1[s0_online_attention_state$1.s1.s0_online_attention_rbFull$x + [[ROW]]] == (uint8)2) {
//   CHECK-NOT: select(
//       CHECK: free s0_online_attention_full_blocksum$1
//       CHECK: for (s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x, 0, 6) {
//       CHECK: produce s0_online_attention_partial_score$1 {
//  CHECK-NEXT: if (s0_online_attention_blockKind$1[s0_online_attention_state$1.s2.s0_online_attention_rbPartial$x + {{t[0-9]+}}] == (uint8)1) {
//       CHECK: s0_online_attention_partial_score$1[{{.+}}] = select((ramp({{.+}}, 1, 8) <= x8({{t[0-9]+}})) && (
//       CHECK: produce s0_online_attention_blockKind$1 {
//       CHECK: produce s0_online_attention$1 {
//       CHECK: halide_do_par_for((void *)::s0_online_attention_1_par_for_s0_online_attention__1_s0_n_no_task_task, 0, 32,
func.func @bottom_right(%q: tensor<1x2x1024x64xf32>, %k: tensor<1x2x1536x64xf32>, %v: tensor<1x2x1536x64xf32>) -> tensor<1x2x1024x64xf32> {
  %o = attn.attention %q, %k, %v causal(bottom_right) : tensor<1x2x1024x64xf32>, tensor<1x2x1536x64xf32>, tensor<1x2x1536x64xf32> -> tensor<1x2x1024x64xf32>
  return %o : tensor<1x2x1024x64xf32>
}
