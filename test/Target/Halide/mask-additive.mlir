// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.mask with an f32 mask adds it (no select).

// CHECK-LABEL: // attn-compile: function @additive
//       CHECK: external func s0_mask_par_for_s0_mask_s0_i0 (
//   CHECK-NOT: select(
//       CHECK: s0_mask[ramp({{.+}}, 1, 8)] = in_s[ramp({{.+}}, 1, 8)] + in_bias[ramp({{.+}}, 1, 8)]
//   CHECK-NOT: select(
//       CHECK: external_plus_metadata func s0_mask (in_s, in_bias, s0_mask) {
func.func @additive(%s: tensor<2x4x16x16xf32> {attn.name = "s"},
                    %m: tensor<2x1x16x16xf32> {attn.name = "bias"}) -> tensor<2x4x16x16xf32> {
  %0 = attn.mask %s, %m : tensor<2x4x16x16xf32>, tensor<2x1x16x16xf32>
  return %0 : tensor<2x4x16x16xf32>
}
