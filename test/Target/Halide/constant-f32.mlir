// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A dense f32 arith.constant (a bias) is embedded as a float buffer and
// broadcast by attn.add: the 8 bias values are one vector load.

// CHECK-LABEL: // attn-compile: function @const_bias
//       CHECK: module name=s1_add, target=x86-64-linux-avx2
//  CHECK-NEXT: buffer s0_constant_data = {...}
//       CHECK: s1_add[ramp({{.+}}, 1, 8)] = in_x[ramp({{.+}}, 1, 8)] + s0_constant_data[ramp(0, 1, 8)]
//       CHECK: external_plus_metadata func s1_add (in_x, s1_add) {
func.func @const_bias(%x: tensor<2x3x8xf32> {attn.name = "x"}) -> tensor<2x3x8xf32> {
  %b = arith.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]> : tensor<8xf32>
  %0 = attn.add %x, %b : tensor<2x3x8xf32>, tensor<8xf32> -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}
