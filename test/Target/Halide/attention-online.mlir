// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt \
// RUN:   | FileCheck %s --implicit-check-not='allocate s0_online_attention{{.*}}_score'

// With a KV tile smaller than M (here 64 of 256 keys) attn-compile rewrites
// the op into attn.online_attention: inside each task a loop over the 4 key
// blocks computes one block's 64 x 32 scores, its max, probabilities and sum,
// and merges them into the running (acc, max, sum) state of the query tile.
// Every block is full (M is a multiple of the KV tile, nothing masked), so
// that loop is the full pass's, with no block table to test, and there is
// no partial pass. Neither N x M (64 x 256) nor M x tile (256 x 32) scores
// are ever allocated, in any pass.

// CHECK-LABEL: // attn-compile: function @online
//       CHECK: module name=s0_online_attention, target=x86-64-linux-avx2
//   CHECK-NOT: blockKind
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task (
//       CHECK: allocate s0_online_attention_state.0[float32 * 32 * 32 * 1 * 1 * 1 * 1]
//       CHECK: allocate s0_online_attention_state.1[float32 * 32 * 32 * 1 * 1 * 1 * 1]
//       CHECK: allocate s0_online_attention_state.2[float32 * 32 * 32 * 1 * 1 * 1 * 1]
//       CHECK: for (s0_online_attention_state.s1.s0_online_attention_rbFull$x, 0, 4) {
//  CHECK-NEXT: allocate s0_online_attention_full_score[float32 * 64 * 32 * 1 * 1 * 1]
// The block's row max runs over its 64 keys as 8 vectors of 8 lanes (2
// unrolled steps of 4).
//       CHECK: for (s0_online_attention_full_maxLanes.s1.s0_online_attention_full_rv$x.s0_online_attention_full_rv$x_steps, 0, 2) {
//       CHECK: for (s0_online_attention_full_pv.s1.s0_online_attention_full_rk$x.s0_online_attention_full_rk$x_steps, 0, 8) {
//   CHECK-NOT: _partial_
//       CHECK: external_plus_metadata func s0_online_attention (
//   CHECK-NOT: blockKind
//       CHECK: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task, 0, 4,
func.func @online(%q: tensor<1x2x64x32xf32>, %k: tensor<1x2x256x32xf32>,
                  %v: tensor<1x2x256x32xf32>) -> tensor<1x2x64x32xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 64, kv_splits = 1>
      : tensor<1x2x64x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32> -> tensor<1x2x64x32xf32>
  return %o : tensor<1x2x64x32xf32>
}
