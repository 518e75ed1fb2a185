// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// An f32 mask is added to the scaled scores before the masked threshold
// test. A [B, 1, N, M] bias broadcasts over heads: the task reads its batch
// stride (stride.3) but never its head stride (stride.2).

// CHECK-LABEL: // attn-compile: function @additive_mask
// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//   CHECK-NOT: in_bias.stride.2
//       CHECK: in_bias.stride.3
//   CHECK-NOT: in_bias.stride.2
//       CHECK: consume s0_attention_dot {
//  CHECK-NEXT: let [[S:t[0-9]+]] = in_bias[ramp({{.+}}, 1, 8)] + (s0_attention_dot[ramp(0, 1, 8)]*x8(0.125000f))
//  CHECK-NEXT: s0_attention_score[{{.+}}] = select(x8(-1000000015047466219876688855040.000000f) < [[S]], [[S]], x8(-340282346638528859811704183484516925440.000000f))
//       CHECK: external_plus_metadata func s0_attention (in_arg0, in_arg1, in_arg2, in_bias, s0_attention) {
func.func @additive_mask(%q: tensor<2x2x32x16xf32>, %k: tensor<2x2x32x16xf32>,
                         %v: tensor<2x2x32x16xf32>,
                         %m: tensor<2x1x32x32xf32> {attn.name = "bias"}) -> tensor<2x2x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x1x32x32xf32>) scale(1.250000e-01)
      : tensor<2x2x32x16xf32>, tensor<2x2x32x16xf32>, tensor<2x2x32x16xf32> -> tensor<2x2x32x16xf32>
  return %o : tensor<2x2x32x16xf32>
}
