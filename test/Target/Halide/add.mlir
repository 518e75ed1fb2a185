// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.add with numpy broadcasting: a [16, 24] bias added to [2, 8, 16, 24],
// parallel over batch and heads fused (2 * 8 = 16 tasks). The bias is
// indexed by the last two loop variables only (not the fused one).

// CHECK-LABEL: // attn-compile: function @add
//       CHECK: external func s0_add_par_for_s0_add_s0_i1_i0 (__user_context, s0_add.s0.i1.i0,
//       CHECK: for (s0_add.s0.i2, 0, 16) {
//  CHECK-NEXT: let [[ROW:t[0-9]+]] = in_bias.stride.1*s0_add.s0.i2
//       CHECK: for (s0_add.s0.i3.i3, 0, 3) {
//  CHECK-NEXT: s0_add[ramp({{.+}}, 1, 8)] = in_x[ramp({{.+}}, 1, 8)] + in_bias[ramp((s0_add.s0.i3.i3*8) + [[ROW]], 1, 8)]
//       CHECK: external_plus_metadata func s0_add (in_x, in_bias, s0_add) {
//       CHECK: halide_do_par_for((void *)::s0_add_par_for_s0_add_s0_i1_i0, 0, 16,
func.func @add(%x: tensor<2x8x16x24xf32> {attn.name = "x"},
               %bias: tensor<16x24xf32> {attn.name = "bias"}) -> tensor<2x8x16x24xf32> {
  %0 = attn.add %x, %bias : tensor<2x8x16x24xf32>, tensor<16x24xf32> -> tensor<2x8x16x24xf32>
  return %0 : tensor<2x8x16x24xf32>
}
