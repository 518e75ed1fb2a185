// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.split_heads [2, 16, 64] -> [2, 4, 16, 16]: output (b, h, n, d) reads
// input (b, n, h*16 + d). Each output row of 16 is 2 contiguous vectors at
// feature offset h*16 (the (i3 + h*2)*8 index), parallel over batch and heads
// fused (2 * 4 = 8 tasks; h is the fused index % 4).

// CHECK-LABEL: // attn-compile: function @split
//       CHECK: external func s0_split_heads_par_for_s0_split_heads_s0_i1_i0 (__user_context, s0_split_heads.s0.i1.i0,
//       CHECK: let [[HEAD:t[0-9]+]] = s0_split_heads.s0.i1.i0 % 4
//       CHECK: for (s0_split_heads.s0.i2, 0, 16) {
//  CHECK-NEXT: let [[H:t[0-9]+]] = [[HEAD]]*2
//       CHECK: for (s0_split_heads.s0.i3.i3, 0, 2) {
//  CHECK-NEXT: s0_split_heads[ramp({{.+}}, 1, 8)] = in_x[ramp(((s0_split_heads.s0.i3.i3 + [[H]])*8) + {{t[0-9]+}}, 1, 8)]
//       CHECK: external_plus_metadata func s0_split_heads (in_x, s0_split_heads) {
//       CHECK: halide_do_par_for((void *)::s0_split_heads_par_for_s0_split_heads_s0_i1_i0, 0, 8,
func.func @split(%x: tensor<2x16x64xf32> {attn.name = "x"}) -> tensor<2x4x16x16xf32> {
  %0 = attn.split_heads %x : tensor<2x16x64xf32> -> tensor<2x4x16x16xf32>
  return %0 : tensor<2x4x16x16xf32>
}
