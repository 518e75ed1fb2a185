// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.reshape [2, 16, 64] -> [2, 16, 4, 16] goes through the row-major
// linear offset: the input index is recovered with / and % by the input
// extents (64 = 8 vectors of 8 per row, 16 rows). Parallel over the two
// outer dimensions fused (2 * 16 = 32 tasks).

// CHECK-LABEL: // attn-compile: function @reshape
//       CHECK: external func s0_reshape_par_for_s0_reshape_s0_i1_i0 (__user_context, s0_reshape.s0.i1.i0,
//       CHECK: for (s0_reshape.s0.i2, 0, 4) {
//       CHECK: for (s0_reshape.s0.i3.i3, 0, 2) {
//  CHECK-NEXT: let [[FLAT:t[0-9]+]] = s0_reshape.s0.i3.i3 + {{t[0-9]+}}
//  CHECK-NEXT: s0_reshape[ramp({{.+}}, 1, 8)] = in_x[ramp(((([[FLAT]]/8) % 16)*in_x.stride.1) + ((([[FLAT]]/128)*in_x.stride.2) + (([[FLAT]] % 8)*8)), 1, 8)]
//       CHECK: external_plus_metadata func s0_reshape (in_x, s0_reshape) {
//       CHECK: halide_do_par_for((void *)::s0_reshape_par_for_s0_reshape_s0_i1_i0, 0, 32,
func.func @reshape(%x: tensor<2x16x64xf32> {attn.name = "x"}) -> tensor<2x16x4x16xf32> {
  %0 = attn.reshape %x : tensor<2x16x64xf32> -> tensor<2x16x4x16xf32>
  return %0 : tensor<2x16x4x16xf32>
}
