// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// A dense i1 arith.constant becomes a uint8 buffer embedded in the pipeline
// (s<N>_constant_data), not an argument; the mask op reads it as vectors,
// one per row (the row of 8 is a single vector), parallel over batch and
// heads fused (2 * 2 = 4 tasks).

// CHECK-LABEL: // attn-compile: function @const_mask
//       CHECK: module name=s1_mask, target=x86-64-linux-avx2
//  CHECK-NEXT: buffer s0_constant_data = {...}
//       CHECK: external func s1_mask_par_for_s1_mask_s0_i1_i0 (__user_context, s1_mask.s0.i1.i0,
//       CHECK: for (s1_mask.s0.i2, 0, 4) {
//  CHECK-NEXT: s1_mask[ramp({{.+}}, 1, 8)] = select(s0_constant_data[ramp(s1_mask.s0.i2*8, 1, 8){{.*}}] == x8((uint8)0), x8(-inff), in_s[ramp({{.+}}, 1, 8)])
// The constant is no argument of the pipeline.
//       CHECK: external_plus_metadata func s1_mask (in_s, s1_mask) {
//       CHECK: halide_do_par_for((void *)::s1_mask_par_for_s1_mask_s0_i1_i0, 0, 4,
func.func @const_mask(%s: tensor<2x2x4x8xf32> {attn.name = "s"}) -> tensor<2x2x4x8xf32> {
  %m = arith.constant dense<[[true, false, false, false, false, false, false, false],
                             [true, true, false, false, false, false, false, false],
                             [true, true, true, false, false, false, false, false],
                             [true, true, true, true, false, false, false, false]]> : tensor<4x8xi1>
  %0 = attn.mask %s, %m : tensor<2x2x4x8xf32>, tensor<4x8xi1>
  return %0 : tensor<2x2x4x8xf32>
}
