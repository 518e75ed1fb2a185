// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.linear with a Conv1D weight, transpose(slice(W)) of W [in, out] =
// [16, 48]: the product's column panel is packed from W itself, columns
// 16..31 (GPT-2's k slice of c_attn), in vectors along its rows; no
// transposed copy of the weight (`_weightT`) and no slice is produced.

// CHECK-LABEL: // attn-compile: function @conv1d
//   CHECK-NOT: weightT
//       CHECK: produce [[PANEL:s0_slice_in_s2_linear_dot\$0]] {
//       CHECK: [[PANEL]][ramp({{.+}}, 1, 8) aligned(8, 0)] = in_w[ramp((({{.+}}*8) + {{t[0-9]+}}) + 16, 1, 8)]
//       CHECK: for (s2_linear_dot.s1.s2_linear_k$x.depthInner.depthInner_steps, 0, 2) {
//  CHECK-NEXT:  s2_linear_dot[ramp([[ACC:t[0-9]+]], 1, 8) aligned(64, 0)] = s2_linear_dot[ramp([[ACC]], 1, 8) aligned(64, 0)] + ([[PANEL]][ramp(s2_linear_dot.s1.s2_linear_k$x.depthInner.depthInner_steps*128, 1, 8) aligned(128, 0)]*x8(in_x[{{.+}}]))
//  CHECK-NEXT:  s2_linear_dot[ramp([[ACC]] + 8, 1, 8) aligned(64, 8)] = s2_linear_dot[ramp([[ACC]] + 8, 1, 8) aligned(64, 8)] + ([[PANEL]][ramp((s2_linear_dot.s1.s2_linear_k$x.depthInner.depthInner_steps*128) + 8, 1, 8) aligned(128, 8)]*x8(in_x[{{.+}}]))
//   CHECK-NOT: weightT
//   CHECK-NOT: produce s1_transpose
//   CHECK-NOT: produce s0_slice {
func.func @conv1d(%x: tensor<8x16xf32> {attn.name = "x"},
                  %w: tensor<16x48xf32> {attn.name = "w"}) -> tensor<8x16xf32> {
  %0 = attn.slice %w offsets [0, 16] : tensor<16x48xf32> -> tensor<16x16xf32>
  %1 = attn.transpose %0 permutation [1, 0] : tensor<16x16xf32> -> tensor<16x16xf32>
  %2 = attn.linear %x, %1 : tensor<8x16xf32>, tensor<16x16xf32> -> tensor<8x16xf32>
  return %2 : tensor<8x16xf32>
}
