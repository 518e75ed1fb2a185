// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// The same value returned twice: the first result is the op's own stage,
// the second a copy of it (copy_result1), both pipeline outputs.

// CHECK-LABEL: // attn-compile: function @twice
//       CHECK: external func s0_scale_par_for_copy_result1_s0_i0 (
//       CHECK: copy_result1[ramp({{.+}}, 1, 8)] = s0_scale[ramp({{.+}}, 1, 8)]
//       CHECK: external_plus_metadata func s0_scale (in_x, s0_scale, copy_result1) {
//       CHECK: produce s0_scale {
//       CHECK: produce copy_result1 {
func.func @twice(%x: tensor<4x16xf32> {attn.name = "x"}) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %0 = attn.scale %x by 2.000000e+00 : tensor<4x16xf32>
  return %0, %0 : tensor<4x16xf32>, tensor<4x16xf32>
}
