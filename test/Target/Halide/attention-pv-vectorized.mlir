// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// P·V is register-blocked like Q·Kᵀ: per block of 4 query rows x 16 value
// columns, 4 x 2 vector accumulators (s0_attention_<pass>_pv) run across the
// keys of the block; each update loads 8 consecutive values of one key row
// and broadcasts one probability. The block is merged into the tile's
// running (acc, max, sum) state, and the output is acc / sum, stored as
// vectors. Both passes (full blocks, s1; partial blocks, s2) have the same
// register blocks. The kv_tile of 40 keys is rounded up to whole panels
// (48), so the one block is partial: keys past M=40 re-read the last value
// row (min(k, 39)) with a probability of 0. The key loop runs in 6 steps of
// 8 keys, each unrolled (no inner loop); the step's last key is
// min(step, 4)·8 + 7, the clamp at 39 simplified.

// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//       CHECK: for (s0_attention_state.s1.ni.nOuterFull, 0, 8) {
//       CHECK: for (s0_attention_state.s1.d.dOuterFull, 0, 2) {
//       CHECK: allocate s0_attention_full_pv[float32 * 16 * 4 * 1 * 1 * 1]
//       CHECK: produce s0_attention_full_pv {
//       CHECK: for (s0_attention_full_pv.s1.s0_attention_full_rk$x.s0_attention_full_rk$x_steps, 0, 6) {
//  CHECK-NEXT: s0_attention_full_pv[ramp(0, 1, 8)] = s0_attention_full_pv[ramp(0, 1, 8)] + (in_v[ramp((min(s0_attention_full_pv.s1.s0_attention_full_rk$x.s0_attention_full_rk$x_steps*8, 39)*in_v.stride.1) + {{t[0-9]+}}, 1, 8)]*x8(s0_attention_full_prob[{{[^]]+}}]))
//   CHECK-NOT: for (
//       CHECK: s0_attention_full_pv[ramp(56, 1, 8)] = s0_attention_full_pv[ramp(56, 1, 8)] + (in_v[ramp(((((min(s0_attention_full_pv.s1.s0_attention_full_rk$x.s0_attention_full_rk$x_steps, 4)*8) + 7)*in_v.stride.1) + {{t[0-9]+}}) + 8, 1, 8)]*x8(s0_attention_full_prob[{{[^]]+}}]))
//  CHECK-NEXT: }
//       CHECK: consume s0_attention_full_pv {
//       CHECK: s0_attention_state.0[ramp({{.+}}, 1, 8){{.*}}] = s0_attention_state.0.value
//       CHECK: for (s0_attention_state.s2.ni.nOuterPartial, 0, 8) {
//       CHECK: for (s0_attention_state.s2.d.dOuterPartial, 0, 2) {
//       CHECK: allocate s0_attention_partial_pv[float32 * 16 * 4 * 1 * 1 * 1]
//       CHECK: produce s0_attention_partial_pv {
//       CHECK: for (s0_attention_partial_pv.s1.s0_attention_partial_rk$x.s0_attention_partial_rk$x_steps, 0, 6) {
//  CHECK-NEXT: s0_attention_partial_pv[ramp(0, 1, 8)] = s0_attention_partial_pv[ramp(0, 1, 8)] + (in_v[ramp((min(s0_attention_partial_pv.s1.s0_attention_partial_rk$x.s0_attention_partial_rk$x_steps*8, 39)*in_v.stride.1) + {{t[0-9]+}}, 1, 8)]*x8(s0_attention_partial_prob[{{[^]]+}}]))
//   CHECK-NOT: for (
//       CHECK: s0_attention_partial_pv[ramp(56, 1, 8)] = s0_attention_partial_pv[ramp(56, 1, 8)] + (in_v[ramp(((((min(s0_attention_partial_pv.s1.s0_attention_partial_rk$x.s0_attention_partial_rk$x_steps, 4)*8) + 7)*in_v.stride.1) + {{t[0-9]+}}) + 8, 1, 8)]*x8(s0_attention_partial_prob[{{[^]]+}}]))
//  CHECK-NEXT: }
//       CHECK: consume s0_attention_partial_pv {
//       CHECK: s0_attention_state.0[ramp({{.+}}, 1, 8){{.*}}] = s0_attention_state.0.value
// A row whose probabilities sum to 0 (fully masked) yields zeros.
//       CHECK: let [[SUM:t[0-9]+]] = s0_attention_state.2[ramp({{.+}}, 1, 8){{.*}}]
//  CHECK-NEXT: s0_attention[ramp({{.+}}, 1, 8)] = select(x8(0.000000f) < [[SUM]], s0_attention_state.0[ramp({{.+}}, 1, 8){{.*}}]/[[SUM]], x8(0.000000f))
func.func @pv(%q: tensor<1x2x32x16xf32>, %k: tensor<1x2x40x16xf32>,
              %v: tensor<1x2x40x32xf32> {attn.name = "v"}) -> tensor<1x2x32x32xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 40, kv_splits = 1>
      : tensor<1x2x32x16xf32>, tensor<1x2x40x16xf32>, tensor<1x2x40x32xf32> -> tensor<1x2x32x32xf32>
  return %o : tensor<1x2x32x32xf32>
}
