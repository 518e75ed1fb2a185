// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.mask with an i1 mask: a uint8 buffer; masked-out positions become
// -inf, the others keep the input. Broadcast over batch and heads, which are
// fused into one parallel loop (2 * 4 = 8 tasks); the mask is indexed by the
// row loop only.

// CHECK-LABEL: // attn-compile: function @mask
//       CHECK: external func s0_mask_par_for_s0_mask_s0_i1_i0 (__user_context, s0_mask.s0.i1.i0,
//       CHECK: for (s0_mask.s0.i2, 0, 16) {
//  CHECK-NEXT: let [[ROW:t[0-9]+]] = in_m.stride.1*s0_mask.s0.i2
//       CHECK: for (s0_mask.s0.i3.i3, 0, 2) {
//  CHECK-NEXT: s0_mask[ramp({{.+}}, 1, 8)] = select(in_m[ramp((s0_mask.s0.i3.i3*8) + [[ROW]], 1, 8)] == x8((uint8)0), x8(-inff), in_s[ramp({{.+}}, 1, 8)])
//       CHECK: external_plus_metadata func s0_mask (in_s, in_m, s0_mask) {
//       CHECK: assert(in_m.type == (uint32)67585,
//       CHECK: halide_do_par_for((void *)::s0_mask_par_for_s0_mask_s0_i1_i0, 0, 8,
func.func @mask(%s: tensor<2x4x16x16xf32> {attn.name = "s"},
                %m: tensor<16x16xi1> {attn.name = "m"}) -> tensor<2x4x16x16xf32> {
  %0 = attn.mask %s, %m : tensor<2x4x16x16xf32>, tensor<16x16xi1>
  return %0 : tensor<2x4x16x16xf32>
}
