// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Split-KV decoding: one query row against M=256 keys, in 4 key ranges
// (kv_splits = 4) of one 64-key block each. The partial (acc, max, sum)
// states of all splits are computed at root, in parallel over the
// (split, query tile, head, batch) tasks (4 * 1 * 2 = 8), each reading only its own 64 keys
// (directly, the head dim vectorized: one query row); then one task per
// (batch, head) merges the 4 states and normalizes. M is a multiple of the
// KV tile and nothing is masked: only the full pass, no block table.

// CHECK-LABEL: // attn-compile: function @split_kv
//       CHECK: module name=s0_online_attention, target=x86-64-linux-avx2
//   CHECK-NOT: blockKind
//   CHECK-NOT: _partial_
//       CHECK: external func s0_online_attention_par_for_[[SPLIT:s0_online_attention_state_s1_split_[a-z_]+]] (
//       CHECK: allocate s0_online_attention_full_dotLanes[float32 * 8 * 64 * 1 * 1 * 1]
//       CHECK: allocate s0_online_attention_full_score[float32 * 64 * 1 * 1 * 1 * 1]
//       CHECK: for (s0_online_attention_full_pv.s1.s0_online_attention_full_rk$x.s0_online_attention_full_rk$x_steps, 0, 8) {
//       CHECK: external func s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task (
//       CHECK: produce s0_online_attention_merged {
//       CHECK: for (s0_online_attention_merged.s1.s0_online_attention_rs$x, 0, 4) {
//       CHECK: external_plus_metadata func s0_online_attention (
//       CHECK: allocate s0_online_attention_state.0[float32 * 32 * 1 * 1 * 2 * 1 * 4]
//       CHECK: produce s0_online_attention_state {
//       CHECK: halide_do_par_for((void *)::s0_online_attention_par_for_[[SPLIT]], 0, 8,
//       CHECK: produce s0_online_attention {
//       CHECK: halide_do_par_for((void *)::s0_online_attention_par_for_s0_online_attention_s0_n_no_task_task, 0, 2,
//   CHECK-NOT: blockKind
func.func @split_kv(%q: tensor<1x2x1x32xf32>, %k: tensor<1x2x256x32xf32>,
                    %v: tensor<1x2x256x32xf32>) -> tensor<1x2x1x32xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 1, kv_tile = 64, kv_splits = 4>
      : tensor<1x2x1x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32> -> tensor<1x2x1x32xf32>
  return %o : tensor<1x2x1x32xf32>
}
