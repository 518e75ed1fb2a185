// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A graph op whose last dimension (5) is narrower than a vector (8) is not
// vectorized: a scalar loop over the 5 elements, still parallel over the two
// outer dimensions fused (4 * 16 = 64 tasks).

// CHECK-LABEL: // attn-compile: function @narrow
//   CHECK-NOT: ramp(
//       CHECK: external func s0_scale_par_for_s0_scale_s0_i1_i0 (__user_context, s0_scale.s0.i1.i0,
//       CHECK: for (s0_scale.s0.i2, 0, 5) {
//  CHECK-NEXT: s0_scale[{{.+}} + s0_scale.s0.i2] = in_x[{{.+}} + s0_scale.s0.i2]*2.000000f
//   CHECK-NOT: ramp(
//       CHECK: halide_do_par_for((void *)::s0_scale_par_for_s0_scale_s0_i1_i0, 0, 64,
func.func @narrow(%x: tensor<4x16x5xf32> {attn.name = "x"}) -> tensor<4x16x5xf32> {
  %0 = attn.scale %x by 2.000000e+00 : tensor<4x16x5xf32>
  return %0 : tensor<4x16x5xf32>
}
