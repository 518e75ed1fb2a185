// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// An f32 mask is added to the scaled scores in both passes; only the
// partial pass then tests the sum against the masked threshold (a select),
// the full pass (blocks whose mask values are all above it) stores the sum
// as it is. A [B, 1, N, M] bias broadcasts over heads: the task reads its
// batch stride (stride.3) but never its head stride (stride.2), and the
// call counts the kept pairs once per batch (not per head) for the block
// table and the per-tile block ranges (blockRange) made from it, which the
// task indexes by its batch: with one KV block, each pass's stages sit
// inside its visit test (kind, and block 0 within the range of that kind).

// CHECK-LABEL: // attn-compile: function @additive_mask
// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//   CHECK-NOT: in_bias.stride.2
//       CHECK: in_bias.stride.3
//   CHECK-NOT: in_bias.stride.2
//       CHECK: produce s0_attention_full_score {
//  CHECK-NEXT: consume s0_attention_full_keyPanel {
//  CHECK-NEXT: if (((0 <= s0_attention_blockRange.1[s0_attention.s0.n.no.task.task/2]) && (s0_attention_blockKind[s0_attention.s0.n.no.task.task/2] == (uint8)2)) && (s0_attention_blockRange.0[s0_attention.s0.n.no.task.task/2] <= 0)) {
//   CHECK-NOT: select(
//       CHECK: consume s0_attention_full_dot {
//  CHECK-NEXT: s0_attention_full_score[{{.+}}] = in_bias[ramp({{.+}}, 1, 8)] + (s0_attention_full_dot[ramp(0, 1, 8)]*x8(0.125000f))
//   CHECK-NOT: select(
// (Checked up to the block sum: the merge's one select picks which side
// of it is rescaled.)
//       CHECK: produce s0_attention_full_blocksum
//   CHECK-NOT: in_bias.stride.2
//       CHECK: produce s0_attention_partial_score {
//  CHECK-NEXT: consume s0_attention_partial_keyPanel {
//  CHECK-NEXT: if (((0 <= s0_attention_blockRange.3[s0_attention.s0.n.no.task.task/2]) && (s0_attention_blockKind[s0_attention.s0.n.no.task.task/2] == (uint8)1)) && (s0_attention_blockRange.2[s0_attention.s0.n.no.task.task/2] <= 0)) {
//       CHECK: consume s0_attention_partial_dot {
//  CHECK-NEXT: let [[S:t[0-9]+]] = in_bias[ramp({{.+}}, 1, 8)] + (s0_attention_partial_dot[ramp(0, 1, 8)]*x8(0.125000f))
//  CHECK-NEXT: s0_attention_partial_score[{{.+}}] = select(x8(-1000000015047466219876688855040.000000f) < [[S]], [[S]], x8(-340282346638528859811704183484516925440.000000f))
//   CHECK-NOT: in_bias.stride.2
//       CHECK: external_plus_metadata func s0_attention (in_arg0, in_arg1, in_arg2, in_bias, s0_attention) {
//       CHECK: allocate s0_attention_maskKept[int32 * 2]
//       CHECK: (int32)vector_reduce(Add, select(x32(-1000000015047466219876688855040.000000f) < (float32x32)in_bias[ramp({{.+}}, 1, 32)], x32(1), x32(0)))
//       CHECK: allocate s0_attention_blockKind[uint8 * 2]
//       CHECK: allocate s0_attention_blockRange.0[int32 * 2]
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, 4,
func.func @additive_mask(%q: tensor<2x2x32x16xf32>, %k: tensor<2x2x32x16xf32>,
                         %v: tensor<2x2x32x16xf32>,
                         %m: tensor<2x1x32x32xf32> {attn.name = "bias"}) -> tensor<2x2x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x1x32x32xf32>) scale(1.250000e-01)
      : tensor<2x2x32x16xf32>, tensor<2x2x32x16xf32>, tensor<2x2x32x16xf32> -> tensor<2x2x32x16xf32>
  return %o : tensor<2x2x32x16xf32>
}
