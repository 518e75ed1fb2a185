// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.merge_heads [2, 4, 16, 16] -> [2, 16, 64]: output feature f reads
// head f/16, column f%16. Vector j of 8 features comes from head j/2 at
// column (j%2)*8. Parallel over batch and rows fused (2 * 16 = 32 tasks;
// the row is the fused index % 16, the input's stride.1).

// CHECK-LABEL: // attn-compile: function @merge
//       CHECK: external func s0_merge_heads_par_for_s0_merge_heads_s0_i1_i0 (__user_context, s0_merge_heads.s0.i1.i0,
//       CHECK: let [[ROW:t[0-9]+]] = s0_merge_heads.s0.i1.i0 % 16
//  CHECK-NEXT: for (s0_merge_heads.s0.i2.i2, 0, 8) {
//  CHECK-NEXT: s0_merge_heads[ramp({{.+}}, 1, 8)] = in_x[ramp(((s0_merge_heads.s0.i2.i2 % 2)*8) + (((s0_merge_heads.s0.i2.i2/2)*in_x.stride.2) + ((in_x.stride.1*[[ROW]]) + {{t[0-9]+}})), 1, 8)]
//       CHECK: external_plus_metadata func s0_merge_heads (in_x, s0_merge_heads) {
//       CHECK: halide_do_par_for((void *)::s0_merge_heads_par_for_s0_merge_heads_s0_i1_i0, 0, 32,
func.func @merge(%x: tensor<2x4x16x16xf32> {attn.name = "x"}) -> tensor<2x16x64xf32> {
  %0 = attn.merge_heads %x : tensor<2x4x16x16xf32> -> tensor<2x16x64xf32>
  return %0 : tensor<2x16x64xf32>
}
