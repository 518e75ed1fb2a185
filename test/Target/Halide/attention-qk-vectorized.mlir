// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Q·Kᵀ is register-blocked: per block of 4 query rows x 16 keys, a 4 x 2
// array of 8-wide accumulators is updated across the depth loop. Each update
// is a vector load of 8 consecutive keys from a packed key panel (16 keys x
// D, contiguous), multiplied by one broadcast query element (x8(in_q[...])).
// Halide prints a vectorized loop as ramp(base, 1, 8) accesses instead of a
// loop over the lanes. With a single query tile the panels are packed inside
// the task, just before the scores. M is a multiple of the KV tile and
// nothing is masked, so there is only the full pass (no block table, no
// select in the score store).

// CHECK-LABEL: // attn-compile: function @qk
//   CHECK-NOT: blockKind
//   CHECK-NOT: _partial_
//       CHECK: allocate s0_attention_full_keyPanel[float32 * 16 * 64 * 4 * 1 * 1]
//       CHECK: produce s0_attention_full_score {
//       CHECK: for (s0_attention_full_score.s0.n.scno, 0, 8) {
//       CHECK: for (s0_attention_full_score.s0.mi.smo, 0, 4) {
//       CHECK: allocate s0_attention_full_dot[float32 * 16 * 1 * 4 * 1 * 1]
//       CHECK: produce s0_attention_full_dot {
// The accumulators start at zero, one vector store each.
//  CHECK-NEXT: s0_attention_full_dot[ramp(0, 1, 8)] = x8(0.000000f)
//       CHECK: s0_attention_full_dot[ramp(56, 1, 8)] = x8(0.000000f)
// The depth loop runs in steps of 8 depths (64 / 8 iterations), each step
// unrolled: 8 x 8 vector updates per iteration, no inner loop; the last
// reads the step's eighth depth (panel offset 7 x 16 + 8 = 120).
//       CHECK: for (s0_attention_full_dot.s1.s0_attention_full_rd$x.s0_attention_full_rd$x_steps, 0, 8) {
//  CHECK-NEXT: s0_attention_full_dot[ramp(0, 1, 8)] = s0_attention_full_dot[ramp(0, 1, 8)] + (s0_attention_full_keyPanel[ramp({{.+}}, 1, 8) aligned({{.+}})]*x8(in_arg0[{{[^]]+}}]))
//   CHECK-NOT: for (
//       CHECK: s0_attention_full_dot[ramp(56, 1, 8)] = s0_attention_full_dot[ramp(56, 1, 8)] + (s0_attention_full_keyPanel[ramp({{.+}} + 120, 1, 8) aligned(128, 120)]*x8(in_arg0[{{[^]]+}}]))
//  CHECK-NEXT: }
// The scaled scores are written back as vectors too.
//       CHECK: consume s0_attention_full_dot {
//  CHECK-NEXT: s0_attention_full_score[ramp({{.+}}, 1, 8) aligned({{.+}})] = s0_attention_full_dot[ramp(0, 1, 8)]*x8(0.125000f)
//   CHECK-NOT: _partial_
//   CHECK-NOT: blockKind
func.func @qk(%q: tensor<1x1x32x64xf32>, %k: tensor<1x1x64x64xf32>,
              %v: tensor<1x1x64x64xf32>) -> tensor<1x1x32x64xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 64, kv_splits = 1>
      : tensor<1x1x32x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32> -> tensor<1x1x32x64xf32>
  return %o : tensor<1x1x32x64xf32>
}
