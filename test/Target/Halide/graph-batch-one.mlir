// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A graph op with a leading dimension of 1 still spreads over the next one:
// the two outer dimensions are fused into one parallel loop of 1 * 16 = 16
// tasks (one per row), each a vectorized loop of 4 vectors of 8.

// CHECK-LABEL: // attn-compile: function @batch1
//       CHECK: external func s0_scale_par_for_s0_scale_s0_i1_i0 (__user_context, s0_scale.s0.i1.i0,
//   CHECK-NOT: for (s0_scale.s0.i1,
//       CHECK: for (s0_scale.s0.i2.i2, 0, 4) {
//  CHECK-NEXT: s0_scale[ramp({{.+}}, 1, 8)] = in_x[ramp({{.+}}, 1, 8)]*x8(2.000000f)
//       CHECK: external_plus_metadata func s0_scale (in_x, s0_scale) {
//       CHECK: produce s0_scale {
//       CHECK: halide_do_par_for((void *)::s0_scale_par_for_s0_scale_s0_i1_i0, 0, 16,
func.func @batch1(%x: tensor<1x16x32xf32> {attn.name = "x"}) -> tensor<1x16x32xf32> {
  %0 = attn.scale %x by 2.000000e+00 : tensor<1x16x32xf32>
  return %0 : tensor<1x16x32xf32>
}
