// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// One query row per head (decoding) with multi-query attention (Hkv = 1),
// query tiles of 1 row: a task is one (batch, head) pair (2*4 = 8 tasks) and
// its scores are one row of the M=40 keys, rounded up to whole panels (48;
// that ragged block makes both passes exist). With a single query row
// nothing is gained by packing keys: in both passes Q·Kᵀ reads each key row
// directly, the head dim (D=32) vectorized 8 lanes at a time (4 steps), keys
// past M clamped to row 39; the lanes are summed afterwards. The row max
// runs over the 48 scores as 6 vectors of 8 lanes, then across the lanes.

// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//   CHECK-NOT: keyPanel
//       CHECK: allocate s0_attention_full_dotLanes[float32 * 8 * 48 * 1 * 1 * 1]
//       CHECK: for (s0_attention_full_dotLanes.s1.k, 0, 48) {
//       CHECK: (min(s0_attention_full_dotLanes.s1.k, 39)*in_arg1.stride.1)
//       CHECK: for (s0_attention_full_dotLanes.s1.s0_attention_full_ro$x, 0, 4) {
//  CHECK-NEXT: s0_attention_full_dotLanes[ramp([[L:t[0-9]+]], 1, 8){{.*}}] = s0_attention_full_dotLanes[ramp([[L]], 1, 8){{.*}}] + (in_arg0[ramp({{.+}}, 1, 8)]*in_arg1[ramp({{.+}}, 1, 8)])
//       CHECK: allocate s0_attention_full_score[float32 * 48 * 1 * 1 * 1 * 1]
//       CHECK: allocate s0_attention_full_maxLanes[float32 * 8]
//       CHECK: for (s0_attention_full_maxLanes.s1.s0_attention_full_rv$x.s0_attention_full_rv$x_steps, 0, 3) {
//       CHECK: allocate s0_attention_full_blockmax[float32 * 1]
//       CHECK: allocate s0_attention_full_prob[float32 * 48 * 1 * 1 * 1 * 1]
//   CHECK-NOT: keyPanel
//       CHECK: allocate s0_attention_partial_dotLanes[float32 * 8 * 48 * 1 * 1 * 1]
//       CHECK: for (s0_attention_partial_dotLanes.s1.k, 0, 48) {
//       CHECK: (min(s0_attention_partial_dotLanes.s1.k, 39)*in_arg1.stride.1)
//       CHECK: for (s0_attention_partial_dotLanes.s1.s0_attention_partial_ro$x, 0, 4) {
//  CHECK-NEXT: s0_attention_partial_dotLanes[ramp([[L:t[0-9]+]], 1, 8){{.*}}] = s0_attention_partial_dotLanes[ramp([[L]], 1, 8){{.*}}] + (in_arg0[ramp({{.+}}, 1, 8)]*in_arg1[ramp({{.+}}, 1, 8)])
//       CHECK: allocate s0_attention_partial_score[float32 * 48 * 1 * 1 * 1 * 1]
//   CHECK-NOT: keyPanel
//       CHECK: external_plus_metadata func s0_attention (
//   CHECK-NOT: keyPanel
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, 8,
func.func @decode(%q: tensor<2x4x1x32xf32>, %k: tensor<2x1x40x32xf32>,
                  %v: tensor<2x1x40x32xf32>) -> tensor<2x4x1x32xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 1, kv_tile = 48, kv_splits = 1>
      : tensor<2x4x1x32xf32>, tensor<2x1x40x32xf32>, tensor<2x1x40x32xf32> -> tensor<2x4x1x32xf32>
  return %o : tensor<2x4x1x32xf32>
}
