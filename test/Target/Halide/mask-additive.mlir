// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.mask with an f32 mask adds it (no select), vectorized and parallel
// over batch and heads fused (2 * 4 = 8 tasks).

// CHECK-LABEL: // attn-compile: function @additive
//       CHECK: external func s0_mask_par_for_s0_mask_s0_i1_i0 (__user_context, s0_mask.s0.i1.i0,
//   CHECK-NOT: select(
//       CHECK: for (s0_mask.s0.i3.i3, 0, 2) {
//  CHECK-NEXT: s0_mask[ramp({{.+}}, 1, 8)] = in_s[ramp({{.+}}, 1, 8)] + in_bias[ramp({{.+}}, 1, 8)]
//   CHECK-NOT: select(
//       CHECK: external_plus_metadata func s0_mask (in_s, in_bias, s0_mask) {
//       CHECK: halide_do_par_for((void *)::s0_mask_par_for_s0_mask_s0_i1_i0, 0, 8,
func.func @additive(%s: tensor<2x4x16x16xf32> {attn.name = "s"},
                    %m: tensor<2x1x16x16xf32> {attn.name = "bias"}) -> tensor<2x4x16x16xf32> {
  %0 = attn.mask %s, %m : tensor<2x4x16x16xf32>, tensor<2x1x16x16xf32>
  return %0 : tensor<2x4x16x16xf32>
}
