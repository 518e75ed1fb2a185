// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Grouped-query attention, Hq=8 query heads sharing Hkv=2 key/value heads
// (groups of 4). The tasks cover every query head (B*Hq*tiles = 2*8*1 = 16);
// a task reads query head h = task % 8 but keys and values of kv head h/4.
// With one query tile per head the key panels are packed inside the task
// (per block: the only pass is the full one, M being one whole KV tile).

// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (__user_context, s0_attention.s0.n.no.task.task,
//       CHECK: allocate s0_attention_full_keyPanel[float32 * 16 * 16 * 3 * 1 * 1]
//       CHECK: (((s0_attention.s0.n.no.task.task % 8)/4)*in_k.stride.2)
//       CHECK: allocate s0_attention_full_score[float32 * 48 * 32 * 1 * 1 * 1]
//       CHECK: ((s0_attention.s0.n.no.task.task % 8)*in_q.stride.2)
//       CHECK: (((s0_attention.s0.n.no.task.task % 8)/4)*in_v.stride.2)
//       CHECK: external_plus_metadata func s0_attention (in_q, in_k, in_v, s0_attention) {
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, 16,
func.func @gqa(%q: tensor<2x8x32x16xf32> {attn.name = "q"},
               %k: tensor<2x2x48x16xf32> {attn.name = "k"},
               %v: tensor<2x2x48x16xf32> {attn.name = "v"}) -> tensor<2x8x32x16xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 48, kv_splits = 1>
      : tensor<2x8x32x16xf32>, tensor<2x2x48x16xf32>, tensor<2x2x48x16xf32> -> tensor<2x8x32x16xf32>
  return %o : tensor<2x8x32x16xf32>
}
