// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Two attention ops in one function: stages are numbered per op (s0_, s1_).
// The first result feeds the second as its query, so it is computed at root
// into a full [B, H, N, Dv] buffer (parallel over its own tasks) before the
// second runs; each op keeps its own per-tile score buffer (of its full
// pass, the only one of these dense ops).

// CHECK-LABEL: // attn-compile: function @chain
//       CHECK: module name=s1_attention, target=x86-64-linux-avx2
//       CHECK: external func s1_attention_par_for_s0_attention_s0_n_no_task_task (
//       CHECK: allocate s0_attention_full_score[float32 * 32 * 32 * 1 * 1 * 1]
//       CHECK: external func s1_attention_par_for_s1_attention_s0_n_no_task_task (
//       CHECK: allocate s1_attention_full_score[float32 * 32 * 32 * 1 * 1 * 1]
// CHECK-LABEL: external_plus_metadata func s1_attention (in_q, in_k, in_v, s1_attention) {
//       CHECK: allocate s0_attention[float32 * 16 * 32 * 2 * 1]
//       CHECK: produce s0_attention {
//       CHECK: halide_do_par_for((void *)::s1_attention_par_for_s0_attention_s0_n_no_task_task, 0, 2,
//       CHECK: produce s1_attention {
//       CHECK: consume s0_attention {
//       CHECK: halide_do_par_for((void *)::s1_attention_par_for_s1_attention_s0_n_no_task_task, 0, 2,
//       CHECK: free s0_attention
func.func @chain(%q: tensor<1x2x32x16xf32> {attn.name = "q"},
                 %k: tensor<1x2x32x16xf32> {attn.name = "k"},
                 %v: tensor<1x2x32x16xf32> {attn.name = "v"}) -> tensor<1x2x32x16xf32> {
  %0 = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 32, kv_splits = 1>
      : tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32> -> tensor<1x2x32x16xf32>
  %1 = attn.attention %0, %k, %v tiling <query_tile = 32, kv_tile = 32, kv_splits = 1>
      : tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32> -> tensor<1x2x32x16xf32>
  return %1 : tensor<1x2x32x16xf32>
}
