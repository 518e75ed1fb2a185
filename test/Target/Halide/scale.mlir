// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.scale: one vectorized multiply per 8 elements of the last dimension,
// parallel over the two outer dimensions fused (4 * 6 = 24 tasks; the row
// is the fused index % 6, the batch index / 6).

// CHECK-LABEL: // attn-compile: function @scale
//       CHECK: external func s0_scale_par_for_s0_scale_s0_i1_i0 (__user_context, s0_scale.s0.i1.i0,
//       CHECK: let {{t[0-9]+}} = s0_scale.s0.i1.i0/6
//       CHECK: let {{t[0-9]+}} = s0_scale.s0.i1.i0 % 6
//   CHECK-NOT: for (s0_scale.s0.i1,
//       CHECK: for (s0_scale.s0.i2.i2, 0, 4) {
//  CHECK-NEXT: s0_scale[ramp({{.+}}, 1, 8)] = in_x[ramp({{.+}}, 1, 8)]*x8(0.125000f)
//       CHECK: external_plus_metadata func s0_scale (in_x, s0_scale) {
//       CHECK: produce s0_scale {
//  CHECK-NEXT: let parallel_closure
//  CHECK-NEXT: halide_do_par_for((void *)::s0_scale_par_for_s0_scale_s0_i1_i0, 0, 24,
func.func @scale(%x: tensor<4x6x32xf32> {attn.name = "x"}) -> tensor<4x6x32xf32> {
  %0 = attn.scale %x by 1.250000e-01 : tensor<4x6x32xf32>
  return %0 : tensor<4x6x32xf32>
}
