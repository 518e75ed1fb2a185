// RUN: attn-compile %s --raise=false --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A rank-2 rhs broadcasts over the lhs batch: each task packs its column
// panel from in_w by its row stride only (no batch index), contiguously
// along the output columns, and the register blocks read the panel. Tasks:
// 2 column panels x 1 chunk of 4 row blocks x 3 batches = 6. (--raise=false:
// raising would name x·w, w an argument, a Conv1D projection, attn.linear
// of transpose(w), which the code generator reads the same way.)

// CHECK-LABEL: // attn-compile: function @mmb
//       CHECK: external func s0_matmul_par_for_[[TASK:s0_matmul_s0_[a-z0-9_]+]] (
//       CHECK: produce [[PANEL:arg_w_in_s0_matmul_dot\$0]] {
//       CHECK: let [[ROW:t[0-9]+]] = [[PANEL]].s0.i0*in_w.stride.1
//       CHECK: [[PANEL]][ramp({{.+}}, 1, 8) aligned(8, 0)] = in_w[ramp([[PANEL]].s0.i1.{{v[0-9]+}}.base + [[ROW]], 1, 8)]
//       CHECK: for (s0_matmul_dot.s1.s0_matmul_k$x.depthInner.depthInner_steps, 0, 4) {
//  CHECK-NEXT: s0_matmul_dot[ramp([[ACC:t[0-9]+]], 1, 8) aligned(64, 0)] = s0_matmul_dot[ramp([[ACC]], 1, 8) aligned(64, 0)] + ([[PANEL]][ramp(s0_matmul_dot.s1.s0_matmul_k$x.depthInner.depthInner_steps*128, 1, 8) aligned(128, 0)]*x8(in_x[{{[^]]+}}]))
//       CHECK: external_plus_metadata func s0_matmul (in_x, in_w, s0_matmul) {
//       CHECK: halide_do_par_for((void *)::s0_matmul_par_for_[[TASK]], 0, 6,
func.func @mmb(%x: tensor<3x16x32xf32> {attn.name = "x"},
               %w: tensor<32x24xf32> {attn.name = "w"}) -> tensor<3x16x24xf32> {
  %0 = attn.matmul %x, %w : tensor<3x16x32xf32>, tensor<32x24xf32> -> tensor<3x16x24xf32>
  return %0 : tensor<3x16x24xf32>
}
