// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Fused attention is one Halide pipeline: keys are packed once, at root, into
// panels of 16 keys (parallel over batch x kv-head), then all the work is one
// parallel loop whose iterations are the fused (batch, head, query-tile)
// tasks. B=2, H=4, N=96 in query tiles of 32 (the tiling is written in the
// input, so the test does not depend on --attn-tile's choice): 2*4*3 = 24
// tasks. M=48 keys fit one block (the two-pass form); it is full for every
// tile (no mask, M a multiple of the KV tile), so the op has only the full
// pass and no block table. A fixed target keeps the vector width (8 x f32 on
// AVX2) stable.

// CHECK-LABEL: // attn-compile: function @sdpa
//       CHECK: module name=s0_attention, target=x86-64-linux-avx2
//   CHECK-NOT: blockKind
//       CHECK: external func s0_attention_par_for_s0_attention_keyPanel_s0_h_h (
//       CHECK: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (__user_context, s0_attention.s0.n.no.task.task,
// The whole per-tile pipeline runs inside one task.
//       CHECK: produce s0_attention_state {
//       CHECK: produce s0_attention_full_score {
//       CHECK: produce s0_attention_full_dot {
//       CHECK: produce s0_attention_full_blockmax {
//       CHECK: produce s0_attention_full_prob {
//       CHECK: produce s0_attention_full_blocksum {
//       CHECK: produce s0_attention_full_pv {
//   CHECK-NOT: _partial_
//       CHECK: external_plus_metadata func s0_attention (in_q, in_k, in_v, s0_attention) {
//   CHECK-NOT: blockKind
//       CHECK: allocate s0_attention_keyPanel[float32 * 16 * 32 * 3 * 4 * 2]
//  CHECK-NEXT: produce s0_attention_keyPanel {
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_keyPanel_s0_h_h, 0, 8,
//       CHECK: produce s0_attention {
//   CHECK-NOT: for (
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, 24,
//       CHECK: free s0_attention_keyPanel
func.func @sdpa(%q: tensor<2x4x96x32xf32> {attn.name = "q"},
                %k: tensor<2x4x48x32xf32> {attn.name = "k"},
                %v: tensor<2x4x48x16xf32> {attn.name = "v"}) -> tensor<2x4x96x16xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 48, kv_splits = 1>
      : tensor<2x4x96x32xf32>, tensor<2x4x48x32xf32>, tensor<2x4x48x16xf32> -> tensor<2x4x96x16xf32>
  return %o : tensor<2x4x96x16xf32>
}
